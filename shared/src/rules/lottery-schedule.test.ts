import { describe, expect, it } from 'vitest';
import type { VoucherBatchInput } from '../models/vouchers';
import { batchProblems, claimStateOf, effectiveBatchStatus } from './vouchers';

// 湖州市总工会's 超市购物 摇号券: registration 00:00–10:00 on 20 December, the draw at 10:00, set up on 1 December
const now = new Date('2026-12-01T02:00:00Z');
const lottery: VoucherBatchInput = {
  title: '超市购物 摇号券 满200减50',
  description: '',
  kind: 'threshold',
  thresholdFen: 20_000,
  faceValueFen: 5_000,
  stackable: false,
  stockTotal: 10,
  perMemberLimit: 1,
  audience: { unionId: 'city', tags: [] },
  merchantIds: [],
  schedule: { type: 'window', startsAt: '2026-12-19T16:00:00Z', endsAt: '2026-12-20T15:59:59Z' },
  validity: { type: 'days', days: 30 },
  mode: 'lottery',
  drawAt: '2026-12-20T02:00:00Z',
};
const problems = (input: VoucherBatchInput) => batchProblems(input, now).map((p) => `${p.path}: ${p.message}`);

describe('lottery settings', () => {
  it('accepts a draw inside the schedule, after registration opens', () => {
    expect(problems(lottery)).toEqual([]);
  });
  it('needs a draw time, after registration opens and before the batch ends', () => {
    expect(problems({ ...lottery, drawAt: null })).toEqual(['drawAt: 请设置开奖时间']);
    expect(problems({ ...lottery, drawAt: '2026-12-19T16:00:00Z' })).toEqual(['drawAt: 开奖时间必须晚于报名开始时间']);
    expect(problems({ ...lottery, drawAt: '2026-12-20T15:59:59Z' })).toEqual(['drawAt: 开奖时间必须早于结束时间']);
  });
  it('refuses a draw time already past and more than one voucher per winner', () => {
    expect(batchProblems({ ...lottery, schedule: { type: 'window', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-12-20T15:59:59Z' }, drawAt: '2026-11-20T02:00:00Z' }, now).map((p) => p.message)).toEqual(['开奖时间已过']);
    expect(problems({ ...lottery, perMemberLimit: 2 })).toEqual(['perMemberLimit: 摇号发放每位中签会员1张']);
  });
  it('gives a first-come batch no draw time', () => {
    expect(problems({ ...lottery, mode: 'firstCome' })).toEqual(['drawAt: 先到先得的工惠券没有开奖时间']);
    expect(problems({ ...lottery, mode: 'firstCome', drawAt: null, perMemberLimit: 2 })).toEqual([]);
  });
});

describe('a lottery batch’s status', () => {
  const starts = new Date('2026-12-19T16:00:00Z');
  const ends = new Date('2026-12-20T15:59:59Z');
  const drawAt = new Date('2026-12-20T02:00:00Z');
  const at = (iso: string, drawnAt: Date | null = null) => effectiveBatchStatus('published', starts, ends, new Date(iso), { drawAt, drawnAt });

  it('registers, awaits its draw, is drawn, and is never open (so never claimable first-come)', () => {
    expect(at('2026-12-19T15:00:00Z')).toBe('scheduled');
    expect(at('2026-12-20T01:59:59Z')).toBe('registering');
    expect(at('2026-12-20T02:00:00Z')).toBe('awaiting_draw');
    expect(at('2026-12-20T02:00:05Z', drawAt)).toBe('drawn');
    expect(at('2026-12-21T00:00:00Z', drawAt)).toBe('ended');
    for (const s of ['registering', 'awaiting_draw', 'drawn'] as const) expect(claimStateOf(s, 10, 1)).toBe('lottery');
    // the same batch without its lottery timing would be open: the timing is what keeps it closed
    expect(effectiveBatchStatus('published', starts, ends, new Date('2026-12-20T01:00:00Z'))).toBe('open');
  });
});
