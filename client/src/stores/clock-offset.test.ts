import { describe, expect, it } from 'vitest';
import { boundFromDateHeader, boundFromServerTime, combineBounds, headerValue, offsetOf } from './clock-offset';

// The device clock runs 90 s behind a server standing at 09:55 Shanghai on a Benefit Day.
const SERVER = Date.parse('2026-12-20T01:55:00.250Z');
const LAG = 90_000;
const device = (serverMs: number) => serverMs - LAG;

describe('clock offset from answers', () => {
  it('takes the middle of the round trip from a serverTime', () => {
    const b = boundFromServerTime(new Date(SERVER).toISOString(), device(SERVER) - 40, device(SERVER) + 40)!;
    expect(b).toEqual({ lo: LAG - 40, hi: LAG + 40 });
    expect(offsetOf(b)).toBe(LAG);
  });

  it('reads a Date header as the whole second it names', () => {
    const b = boundFromDateHeader('Sun, 20 Dec 2026 01:55:00 GMT', device(SERVER) - 40, device(SERVER) + 40)!;
    // The server stood somewhere in [01:55:00.000, 01:55:01.000).
    expect(b.lo).toBe(LAG - 250 - 40);
    expect(b.hi).toBe(LAG + 750 + 40);
    expect(Math.abs(offsetOf(b) - LAG)).toBeLessThanOrEqual(500);
  });

  it('keeps a precise serverTime when a later Date agrees with it', () => {
    const precise = boundFromServerTime(new Date(SERVER).toISOString(), device(SERVER) - 20, device(SERVER) + 20)!;
    const later = SERVER + 5_000;
    const coarse = boundFromDateHeader(new Date(Math.floor(later / 1000) * 1000).toUTCString(), device(later) - 20, device(later) + 20)!;
    expect(offsetOf(combineBounds(precise, coarse))).toBe(LAG);
  });

  it('narrows a Date-only estimate with a serverTime', () => {
    const coarse = boundFromDateHeader('Sun, 20 Dec 2026 01:55:00 GMT', device(SERVER) - 20, device(SERVER) + 20)!;
    const precise = boundFromServerTime(new Date(SERVER).toISOString(), device(SERVER) - 20, device(SERVER) + 20)!;
    expect(offsetOf(combineBounds(coarse, precise))).toBe(LAG);
  });

  it('follows a phone whose clock was set meanwhile', () => {
    const before = boundFromServerTime(new Date(SERVER).toISOString(), device(SERVER) - 20, device(SERVER) + 20)!;
    // The phone was put right: its clock now agrees with the server's; the next answer has only a Date.
    const later = SERVER + 60_000;
    const after = boundFromDateHeader(new Date(Math.floor(later / 1000) * 1000).toUTCString(), later - 20, later + 20)!;
    expect(Math.abs(offsetOf(combineBounds(before, after)))).toBeLessThanOrEqual(1000);
  });

  it('ignores what is not a time', () => {
    expect(boundFromDateHeader('yesterday-ish', 1, 2)).toBeNull();
    expect(boundFromServerTime('', 1, 2)).toBeNull();
  });

  it('finds the Date header whatever its case', () => {
    expect(headerValue({ Date: 'a' }, 'date')).toBe('a');
    expect(headerValue({ date: 'b' }, 'Date')).toBe('b');
    expect(headerValue({ 'content-type': 'x' }, 'date')).toBeUndefined();
    expect(headerValue(undefined, 'date')).toBeUndefined();
  });
});
