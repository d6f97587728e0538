import { create } from 'zustand';
import { combineBounds, offsetOf, type ClockBound } from './clock-offset';

/**
 * The server's clock as seen from this device. A phone's clock may be minutes off; what is open
 * and every countdown to an opening follow the server, corrected by the offset learnt here from
 * every answer (api/request.ts `call()`: its Date header, and its `serverTime` when it has one).
 * How answers combine: stores/clock-offset.ts.
 */
interface ServerClockState {
  /** server time − device time, in ms (0 until the first answer). */
  offsetMs: number;
  synced: boolean;
  /** The offsets every answer so far agrees with. */
  bound: ClockBound | null;
  /** One answer's bound on the offset (boundFromServerTime, boundFromDateHeader). */
  learn: (bound: ClockBound) => void;
}

export const useServerClock = create<ServerClockState>()((set, get) => ({
  offsetMs: 0,
  synced: false,
  bound: null,
  learn: (next) => {
    const bound = combineBounds(get().bound, next);
    const offsetMs = offsetOf(bound);
    // Re-render the countdowns only when the offset moved.
    if (get().synced && offsetMs === get().offsetMs) set({ bound });
    else set({ bound, offsetMs, synced: true });
  },
}));

/** Now, by the server's clock. */
export function serverNow(): Date {
  return new Date(Date.now() + useServerClock.getState().offsetMs);
}
