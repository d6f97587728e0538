import type { StateCreator } from 'zustand';
import type { Me, SessionResponse } from '@gonghui/shared';
import { api, call } from '../api';
import type { AppState } from './index';

export interface SessionSlice {
  token: string | null;
  me: Me | null;
  /** Keep a fresh session (from sms-login, demo-login or wechat). */
  login: (session: SessionResponse) => void;
  /** Tell the server (best effort) and forget the session locally. */
  logout: () => Promise<void>;
  /** Forget the session without calling the server (it already said 401). */
  clearSession: () => void;
  /** Reload `me` from the server; returns null when signed out. */
  refreshMe: () => Promise<Me | null>;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => ({
  token: null,
  me: null,
  login: (session) => {
    // The server's preference wins after login: it is what the member chose on any device.
    set({ token: session.token, me: session.me, careMode: session.me.user.careMode });
  },
  logout: async () => {
    if (get().token) {
      try {
        await call(api.logout, { toast: false });
      } catch {
        // Signing out locally must work offline too.
      }
    }
    get().clearSession();
  },
  clearSession: () => set({ token: null, me: null }),
  refreshMe: () => {
    if (!get().token) return Promise.resolve(null);
    // The app (on show) and the page shown (on its own show) ask at the same moment: one request.
    if (!inflight) {
      inflight = call(api.me, { toast: false })
        .then((me) => {
          set({ me, careMode: me.user.careMode });
          return me;
        })
        .finally(() => {
          inflight = null;
        });
    }
    return inflight;
  },
});

let inflight: Promise<Me> | null = null;
