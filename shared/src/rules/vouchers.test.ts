import { describe, expect, it } from 'vitest';
import type { VoucherBatchInput } from '../models/vouchers';
import { audienceIncludes, batchProblems, batchWindow, claimStateOf, effectiveBatchStatus, visitorClaimStateOf, merchantListable, merchantServesBatch, stackedDiscount, voucherExpiry } from './vouchers';

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
  it('takes one voucher on an order of exactly ¥1,000: 满1000 means at least ¥1,000', () => {
    expect(stackedDiscount(manjian, 100_000, 3)).toEqual({ ok: true, count: 1, discountFen: 10_000 });
  });
  it('gives nothing off to a member with no voucher of the batch left', () => {
    expect(stackedDiscount(manjian, 200_000, 0)).toEqual({ ok: false, reason: 'THRESHOLD_NOT_MET' });
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
  it('is still open at 23:59:59.999 on the 20th, its last millisecond', () => {
    expect(w.endsAt.toISOString()).toBe('2026-12-20T15:59:59.999Z');
    expect(effectiveBatchStatus('published', w.startsAt, w.endsAt, w.endsAt)).toBe('open');
  });
  it('keeps a draft a draft and a closed (停发) batch closed, even inside the window', () => {
    const morning = new Date('2026-12-20T02:30:00Z');
    expect(effectiveBatchStatus('draft', w.startsAt, w.endsAt, morning)).toBe('draft');
    expect(effectiveBatchStatus('closed', w.startsAt, w.endsAt, morning)).toBe('closed');
  });
  it('takes a 吴兴区 window batch as given and files it under its Shanghai month', () => {
    // 00:00 on 1 December in Shanghai is still 30 November in UTC
    const window = batchWindow({ type: 'window', startsAt: '2026-11-30T16:00:00.000Z', endsAt: '2026-12-20T15:59:59.000Z' });
    expect(window.startsAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(window.endsAt.toISOString()).toBe('2026-12-20T15:59:59.000Z');
    expect(window.period).toBe('2026-12');
  });
  it('says 已领完 only while the member still has quota', () => {
    expect(claimStateOf('open', 0, 1)).toBe('sold_out');
    expect(claimStateOf('open', 0, 0)).toBe('claimed');
  });
  it('lets a member claim an open batch with stock and quota left', () => {
    expect(claimStateOf('open', 500, 1)).toBe('claimable');
  });
  it('shows 未开始 before the window and for a draft, 已结束 after it and once closed', () => {
    expect(claimStateOf('scheduled', 500, 1)).toBe('not_started');
    expect(claimStateOf('draft', 500, 1)).toBe('not_started');
    expect(claimStateOf('ended', 500, 1)).toBe('ended');
    expect(claimStateOf('closed', 500, 1)).toBe('ended');
  });
  it('asks a visitor to sign in where a member could claim, and says 已领完 and 未开始 as it does to members', () => {
    expect(visitorClaimStateOf('open', 500)).toBe('sign_in_required');
    expect(visitorClaimStateOf('open', 0)).toBe('sold_out');
    expect(visitorClaimStateOf('scheduled', 500)).toBe('not_started');
    expect(visitorClaimStateOf('ended', 500)).toBe('ended');
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
  it('lets 吴兴区 list merchants signed in its own area or above it, not in a sibling district', () => {
    expect(merchantListable('/city/', '/city/wuxing/')).toBe(true);
    expect(merchantListable('/city/wuxing/', '/city/wuxing/')).toBe(true);
    expect(merchantListable('/city/wuxing/equip/', '/city/wuxing/')).toBe(true);
    expect(merchantListable('/city/nanxun/', '/city/wuxing/')).toBe(false);
  });
});

describe('validity', () => {
  it('lasts to the end of the Shanghai day, days after claiming', () => {
    expect(voucherExpiry({ type: 'days', days: 30 }, new Date('2026-12-20T02:00:00Z')).toISOString()).toBe('2027-01-19T15:59:59.000Z');
  });
  it('ends on the batch’s date for every voucher of an “until” batch, whenever claimed', () => {
    const until = { type: 'until' as const, endsAt: '2027-01-31T15:59:59.000Z' };
    expect(voucherExpiry(until, new Date('2026-12-20T02:00:00Z')).toISOString()).toBe('2027-01-31T15:59:59.000Z');
    expect(voucherExpiry(until, new Date('2027-01-25T08:00:00Z')).toISOString()).toBe('2027-01-31T15:59:59.000Z');
  });
});

describe('batch settings', () => {
  // 湖州市总工会's 家电以旧换新 满1000减100 for the December Benefit Day, set up on 1 December
  const now = new Date('2026-12-01T02:00:00Z');
  const appliances: VoucherBatchInput = {
    title: '家电以旧换新 满1000减100',
    description: '',
    kind: 'threshold',
    thresholdFen: 100_000,
    faceValueFen: 10_000,
    stackable: true,
    stockTotal: 5_000,
    perMemberLimit: 3,
    audience: { unionId: 'city', tags: [] },
    merchantIds: [],
    schedule: { type: 'benefitDay', month: '2026-12', startTime: '10:00' },
    validity: { type: 'days', days: 30 },
    mode: 'firstCome',
    drawAt: null,
  };
  const taxi: VoucherBatchInput = { ...appliances, title: '出行打车 立减5', kind: 'direct', thresholdFen: null, faceValueFen: 500, stackable: false };
  const paths = (input: VoucherBatchInput, at = now) => batchProblems(input, at).map((p) => `${p.path}: ${p.message}`);

  it('finds nothing wrong with a sound 满减 batch or a sound 立减 batch', () => {
    expect(batchProblems(appliances, now)).toEqual([]);
    expect(batchProblems(taxi, now)).toEqual([]);
  });
  it('asks a 满减 batch for its threshold', () => {
    expect(paths({ ...appliances, thresholdFen: null })).toEqual(['thresholdFen: 满减券需要设置使用门槛']);
  });
  it('refuses 满100减100: the threshold must be above the face value', () => {
    expect(paths({ ...appliances, thresholdFen: 10_000 })).toEqual(['thresholdFen: 使用门槛必须高于券面额']);
    expect(paths({ ...appliances, thresholdFen: 5_000 })).toEqual(['thresholdFen: 使用门槛必须高于券面额']);
    expect(paths({ ...appliances, thresholdFen: 10_001 })).toEqual([]);
  });
  it('refuses a threshold on a 立减 batch', () => {
    expect(paths({ ...taxi, thresholdFen: 2_000 })).toEqual(['thresholdFen: 立减券没有使用门槛']);
  });
  it('refuses a window that ends when it starts', () => {
    const at = '2026-12-05T02:00:00.000Z';
    expect(paths({ ...taxi, schedule: { type: 'window', startsAt: at, endsAt: at } })).toEqual(['schedule: 结束时间必须晚于开始时间']);
  });
  it('refuses a window that is already over, to the second', () => {
    const endsAt = '2026-12-01T02:00:00.000Z';
    expect(paths({ ...taxi, schedule: { type: 'window', startsAt: '2026-11-20T02:00:00.000Z', endsAt } }, new Date(endsAt))).toEqual(['schedule: 领取时间已过']);
    expect(paths({ ...taxi, schedule: { type: 'window', startsAt: '2026-11-20T02:00:00.000Z', endsAt } }, new Date('2026-12-01T01:59:59Z'))).toEqual([]);
  });
  it('refuses vouchers that expire before claiming ends, and takes ones that expire as it ends', () => {
    // the December Benefit Day ends at 23:59:59.999 on the 20th, Shanghai time
    expect(paths({ ...appliances, validity: { type: 'until', endsAt: '2026-12-20T15:59:59.000Z' } })).toEqual(['validity: 有效期不能早于领取结束时间']);
    expect(paths({ ...appliances, validity: { type: 'until', endsAt: '2026-12-20T15:59:59.999Z' } })).toEqual([]);
    expect(paths({ ...appliances, validity: { type: 'until', endsAt: '2027-01-31T15:59:59.000Z' } })).toEqual([]);
  });
});
