import { describe, expect, it } from 'vitest';
import { audienceIncludes, batchWindow, claimStateOf, effectiveBatchStatus, merchantServesBatch, stackedDiscount, voucherExpiry } from './vouchers';

const manjian = { kind: 'threshold' as const, thresholdFen: 100_000, faceValueFen: 10_000, stackable: true };

describe('stacking 满1000减100', () => {
  it('uses two of three vouchers on a ¥2,000 order: ¥200 off', () => {
    expect(stackedDiscount(manjian, 200_000, 3)).toEqual({ ok: true, count: 2, discountFen: 20_000 });
  });
  it('uses one voucher on ¥1,999', () => {
    expect(stackedDiscount(manjian, 199_900, 3)).toEqual({ ok: true, count: 1, discountFen: 10_000 });
  });
  it('refuses an order under the threshold', () => {
    expect(stackedDiscount(manjian, 99_999, 3)).toEqual({ ok: false, reason: 'THRESHOLD_NOT_MET' });
  });
  it('uses a non-stackable voucher alone', () => {
    expect(stackedDiscount({ ...manjian, stackable: false }, 500_000, 3)).toEqual({ ok: true, count: 1, discountFen: 10_000 });
  });
  it('spends only the stackable 立减 vouchers an order can use', () => {
    expect(stackedDiscount({ kind: 'direct', thresholdFen: null, faceValueFen: 8_000, stackable: true }, 5_000, 3)).toEqual({ ok: true, count: 1, discountFen: 5_000 });
    expect(stackedDiscount({ kind: 'direct', thresholdFen: null, faceValueFen: 8_000, stackable: true }, 20_000, 3)).toEqual({ ok: true, count: 3, discountFen: 20_000 });
  });
  it('never discounts more than the order', () => {
    expect(stackedDiscount({ kind: 'direct', thresholdFen: null, faceValueFen: 8_000, stackable: false }, 5_000, 1)).toEqual({ ok: true, count: 1, discountFen: 5_000 });
  });
});

describe('batch windows and statuses', () => {
  const w = batchWindow({ type: 'benefitDay', month: '2026-12', startTime: '10:00' });
  it('opens at 10:00 on the 20th Shanghai time', () => {
    expect(w.startsAt.toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(w.period).toBe('2026-12');
  });
  it('is scheduled one second before, open at the minute, ended on the 21st', () => {
    expect(effectiveBatchStatus('published', w.startsAt, w.endsAt, new Date('2026-12-20T01:59:59Z'))).toBe('scheduled');
    expect(effectiveBatchStatus('published', w.startsAt, w.endsAt, new Date('2026-12-20T02:00:00Z'))).toBe('open');
    expect(effectiveBatchStatus('published', w.startsAt, w.endsAt, new Date('2026-12-20T16:00:00Z'))).toBe('ended');
  });
  it('says 已领完 only while the member still has quota', () => {
    expect(claimStateOf('open', 0, 1)).toBe('sold_out');
    expect(claimStateOf('open', 0, 0)).toBe('claimed');
  });
});

describe('audience and merchants', () => {
  it('includes a member below the batch union, with a matching tag when tags are set', () => {
    expect(audienceIncludes('/a/b/', [], '/a/b/c/', [])).toBe(true);
    expect(audienceIncludes('/a/b/', [], '/a/d/c/', [])).toBe(false);
    expect(audienceIncludes('/a/', ['model_worker'], '/a/b/', ['frontline'])).toBe(false);
    expect(audienceIncludes('/a/', ['model_worker'], '/a/b/', ['model_worker'])).toBe(true);
  });
  it('lets a city-wide merchant serve a district batch but not a sibling district’s merchant', () => {
    expect(merchantServesBatch([], 'm', '/city/', '/city/wuxing/')).toBe(true);
    expect(merchantServesBatch([], 'm', '/city/nanxun/', '/city/wuxing/')).toBe(false);
    expect(merchantServesBatch(['x'], 'm', '/city/', '/city/')).toBe(false);
  });
});

describe('validity', () => {
  it('lasts to the end of the Shanghai day, days after claiming', () => {
    expect(voucherExpiry({ type: 'days', days: 30 }, new Date('2026-12-20T02:00:00Z')).toISOString()).toBe('2027-01-19T15:59:59.000Z');
  });
});
