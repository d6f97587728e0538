import { describe, expect, it } from 'vitest';
import { addMonths, benefitDayWindow, formatShanghai, fromShanghai, nextBenefitDay, periodOf } from './time';

describe('Asia/Shanghai calendar', () => {
  it('opens the December Benefit Day at 10:00 Shanghai, which is 02:00 UTC', () => {
    const w = benefitDayWindow('2026-12', '10:00');
    expect(w.startsAt.toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(w.endsAt.toISOString()).toBe('2026-12-20T15:59:59.999Z');
  });

  it('puts 23:30 UTC on the 19th into the 20th in Shanghai', () => {
    expect(formatShanghai(new Date('2026-12-19T23:30:00Z'))).toBe('12月20日 07:30');
  });

  it('counts the period by the Shanghai month, not the UTC one', () => {
    expect(periodOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(periodOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });

  it('rolls months across the year boundary', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
  });

  it('gives this month’s Benefit Day until it ends, then next month’s', () => {
    expect(nextBenefitDay(fromShanghai(2026, 12, 20, 23, 59, 0)).period).toBe('2026-12');
    expect(nextBenefitDay(fromShanghai(2026, 12, 21, 0, 0, 0)).period).toBe('2027-01');
    expect(nextBenefitDay(fromShanghai(2026, 12, 3, 9, 0, 0)).startsAt.toISOString()).toBe('2026-12-20T02:00:00.000Z');
  });
});
