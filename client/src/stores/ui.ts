import type { StateCreator } from 'zustand';
import { api, call } from '../api';
import type { AppState } from './index';

export interface UiSlice {
  /** 关怀模式: larger text and tap targets, higher contrast. */
  careMode: boolean;
  setCareMode: (on: boolean) => Promise<void>;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  careMode: false,
  setCareMode: async (on) => {
    const before = get().careMode;
    set({ careMode: on });
    if (!get().token) return;
    try {
      const me = await call(api.updateMe, { body: { careMode: on } });
      set({ me, careMode: me.user.careMode });
    } catch {
      set({ careMode: before });
    }
  },
});
