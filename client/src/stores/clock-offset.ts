/**
 * How far the server's clock is from this device's, learnt from answers (pure: no store, no Taro).
 *
 * Every answer bounds the offset (server − device, in ms). The server read its clock somewhere
 * between the device's `sentAt` and `receivedAt`, so a `serverTime` body field (ms precision)
 * says offset ∈ [server − receivedAt, server − sentAt]. The HTTP `Date` header is truncated to
 * the second: the server's clock was in [date, date + 1 s), so offset ∈ [date − receivedAt,
 * date + 1000 − sentAt].
 *
 * The estimate is the interval every answer so far agrees with: a new bound that overlaps it
 * narrows it (a precise serverTime after a coarse Date makes it sharp; a coarse Date after a
 * precise one changes nothing), a bound that does not overlap it means a clock moved (the phone's
 * time was set, the app slept) and replaces it. The offset used is the interval's middle.
 */
export interface ClockBound {
  lo: number;
  hi: number;
}

/** The bound one `serverTime` body field gives. */
export function boundFromServerTime(serverTime: string, sentAt: number, receivedAt: number): ClockBound | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server) || receivedAt < sentAt) return null;
  return { lo: server - receivedAt, hi: server - sentAt };
}

/** The bound an HTTP `Date` header gives (`Sun, 20 Dec 2026 01:55:00 GMT`, one-second resolution). */
export function boundFromDateHeader(date: string, sentAt: number, receivedAt: number): ClockBound | null {
  const server = Date.parse(date);
  if (Number.isNaN(server) || receivedAt < sentAt) return null;
  return { lo: server - receivedAt, hi: server + 1000 - sentAt };
}

/** The estimate after one more bound: narrowed when they agree, replaced when they do not. */
export function combineBounds(current: ClockBound | null, next: ClockBound): ClockBound {
  if (!current) return next;
  const lo = Math.max(current.lo, next.lo);
  const hi = Math.min(current.hi, next.hi);
  return lo <= hi ? { lo, hi } : next;
}

export function offsetOf(bound: ClockBound): number {
  return Math.round((bound.lo + bound.hi) / 2);
}

/** A header by name, whatever its case (weapp keeps the server's `Date`, H5's fetch lowercases it). */
export function headerValue(headers: Record<string, unknown> | undefined | null, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    const value = headers[key];
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
}
