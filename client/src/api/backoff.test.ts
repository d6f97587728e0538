import { describe, expect, it } from 'vitest';
import { backoffDelayMs, BACKOFF, isBusy, parseRetryAfter } from './backoff';

describe('waiting in the line', () => {
  it('never comes back sooner than Retry-After, and spreads phones over a growing window', () => {
    expect(backoffDelayMs(0, 1, () => 0)).toBe(1000);
    expect(backoffDelayMs(0, 1, () => 0.999)).toBe(1000 + Math.round(0.999 * BACKOFF.baseMs));
    expect(backoffDelayMs(3, undefined, () => 0.5)).toBe(Math.round(0.5 * BACKOFF.baseMs * 8));
  });

  it('caps the window, however long the line', () => {
    expect(backoffDelayMs(40, 2, () => 0.999)).toBe(2000 + Math.round(0.999 * BACKOFF.capMs));
  });

  it('spreads a thousand phones told busy at once instead of sending them back together', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelayMs(2, 1));
    const buckets = new Set(delays.map((d) => Math.floor((d - 1000) / 100)));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1000);
    expect(buckets.size).toBeGreaterThanOrEqual(18); // 2 s of spread in 100 ms slices: nearly all used
  });

  it('waits on 429, 503 and a lost answer, and on nothing else', () => {
    expect([429, 503, 0].every(isBusy)).toBe(true);
    expect([400, 401, 409, 422, 500].some(isBusy)).toBe(false);
  });

  it('reads Retry-After in seconds only', () => {
    expect(parseRetryAfter('1')).toBe(1);
    expect(parseRetryAfter(' 30 ')).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
