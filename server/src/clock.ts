/** Time is injected so tests can stand on the 20th; rules never call `new Date()` themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved. */
export class FixedClock implements Clock {
  private t: number;
  constructor(at: Date | string) {
    this.t = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A pinned start that then runs with real time (demo's GONGHUI_NOW). */
export function offsetClock(start: Date): Clock {
  const delta = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + delta) };
}
