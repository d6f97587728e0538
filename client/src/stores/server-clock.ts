import { create } from 'zustand';

/**
 * The server's clock as seen from this device. A phone's clock may be minutes off; what is open
 * and every countdown to an opening follow the server, corrected by the offset measured here.
 */
interface ServerClockState {
  /** server time − device time, in ms (0 until the first sync). */
  offsetMs: number;
  synced: boolean;
  /** `serverTime` from a response; `sentAt`/`receivedAt` are device times around the request. */
  sync: (serverTime: string, sentAt: number, receivedAt: number) => void;
}

export const useServerClock = create<ServerClockState>()((set) => ({
  offsetMs: 0,
  synced: false,
  sync: (serverTime, sentAt, receivedAt) => {
    const server = Date.parse(serverTime);
    if (Number.isNaN(server)) return;
    // The server read its clock somewhere in the round trip: assume the middle.
    set({ offsetMs: server - (sentAt + receivedAt) / 2, synced: true });
  },
}));

/** Now, by the server's clock. */
export function serverNow(): Date {
  return new Date(Date.now() + useServerClock.getState().offsetMs);
}
