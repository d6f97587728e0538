import Taro from '@tarojs/taro';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { connectAuth } from '../api/bridge';
import { createSessionSlice, type SessionSlice } from './session';
import { createUiSlice, type UiSlice } from './ui';
import { taroStorage } from './taro-storage';
import { LOGIN_PAGE } from '../routes';

export type AppState = SessionSlice & UiSlice;

export const STORE_KEY = 'gonghui-app';

/** The one bound store: typed slices, persisted once over Taro storage. */
export const useAppStore = create<AppState>()(
  persist(
    (...a) => ({
      ...createSessionSlice(...a),
      ...createUiSlice(...a),
    }),
    {
      name: STORE_KEY,
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      // Only what must survive a restart; `me` is reloaded from the server.
      partialize: (s) => ({ token: s.token, me: s.me, careMode: s.careMode }),
    },
  ),
);

connectAuth({
  getToken: () => useAppStore.getState().token,
  onUnauthorized: (message) => {
    // Several calls may fail together; only the first one signs out and navigates.
    if (!useAppStore.getState().token) return;
    useAppStore.getState().clearSession();
    Taro.reLaunch({ url: LOGIN_PAGE })
      .then(() => Taro.showToast({ icon: 'none', title: message, duration: 2500 }))
      .catch(() => undefined);
  },
});

export type { SessionSlice, UiSlice };
