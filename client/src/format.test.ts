import { describe, expect, it } from 'vitest';
import { listDate, listDateTime, windowText } from './format';

// The server's clock on a Benefit Day morning, 09:55 Shanghai.
const NOW = new Date('2026-12-20T01:55:00Z');

describe('dates in staff lists', () => {
  it('leaves the year out for this year', () => {
    expect(listDateTime('2026-12-20T02:00:00Z', NOW)).toBe('12月20日 10:00');
    expect(listDate('2026-03-02T04:00:00Z', NOW)).toBe('3月2日');
  });

  it('carries the year for another year', () => {
    expect(listDateTime('2025-12-20T02:00:00Z', NOW)).toBe('2025年12月20日 10:00');
    expect(listDate('2027-01-05T04:00:00Z', NOW)).toBe('2027年1月5日');
  });

  it('counts the year in Shanghai: 31 December 17:00 UTC is already next year', () => {
    expect(listDate('2025-12-31T17:00:00Z', new Date('2026-06-01T00:00:00Z'))).toBe('1月1日');
  });

  it('gives a batch window the year only where it differs', () => {
    expect(windowText('2026-12-20T02:00:00Z', '2026-12-20T15:59:00Z', NOW)).toBe('12月20日 10:00–23:59');
    expect(windowText('2025-12-20T02:00:00Z', '2026-01-10T02:00:00Z', NOW)).toBe('2025年12月20日 10:00 至 1月10日 10:00');
    // Member pages pass no `now`: as before.
    expect(windowText('2025-12-20T02:00:00Z', '2025-12-20T15:59:00Z')).toBe('12月20日 10:00–23:59');
  });
});
