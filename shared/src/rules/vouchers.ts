/** Pure voucher rules: windows, statuses, eligibility and the stacking arithmetic. */
import type { BatchSchedule, BatchStatus, BatchValidity, ClaimState, VisitorClaimState, VoucherBatchInput, VoucherKind } from '../models/vouchers';
import { benefitDayWindow, fromShanghai, periodOf, shanghaiParts, type Period } from '../time';

export function batchWindow(schedule: BatchSchedule): { startsAt: Date; endsAt: Date; period: Period } {
  if (schedule.type === 'benefitDay') return { ...benefitDayWindow(schedule.month, schedule.startTime), period: schedule.month };
  const startsAt = new Date(schedule.startsAt);
  return { startsAt, endsAt: new Date(schedule.endsAt), period: periodOf(startsAt) };
}

/** A lottery batch's draw: when it is due and when it ran (null until then). */
export interface LotteryTiming {
  drawAt: Date;
  drawnAt: Date | null;
}

/**
 * Stored status is draft | published | closed; the rest follows from the clock. A lottery batch
 * (`lottery` given) is never `open`: registration runs from `startsAt` to `drawAt`, then it awaits
 * its draw, then it is drawn until `endsAt` (members still see their result).
 */
export function effectiveBatchStatus(stored: 'draft' | 'published' | 'closed', startsAt: Date, endsAt: Date, now: Date, lottery?: LotteryTiming | null): BatchStatus {
  if (stored === 'draft' || stored === 'closed') return stored;
  if (now.getTime() < startsAt.getTime()) return 'scheduled';
  if (lottery?.drawnAt) return now.getTime() > endsAt.getTime() ? 'ended' : 'drawn';
  if (now.getTime() > endsAt.getTime()) return 'ended';
  if (lottery) return now.getTime() < lottery.drawAt.getTime() ? 'registering' : 'awaiting_draw';
  return 'open';
}

const LOTTERY_STATUSES: readonly BatchStatus[] = ['registering', 'awaiting_draw', 'drawn'];

export function claimStateOf(status: BatchStatus, stockRemaining: number, myRemaining: number): ClaimState {
  if (status === 'scheduled' || status === 'draft') return 'not_started';
  if (LOTTERY_STATUSES.includes(status)) return 'lottery';
  if (status !== 'open') return 'ended';
  if (myRemaining <= 0) return 'claimed';
  if (stockRemaining <= 0) return 'sold_out';
  return 'claimable';
}

/** The same table for someone not signed in: where a member would claim, a visitor is asked to sign in. */
export function visitorClaimStateOf(status: BatchStatus, stockRemaining: number): VisitorClaimState {
  const state = claimStateOf(status, stockRemaining, 1);
  return state === 'claimable' || state === 'claimed' ? 'sign_in_required' : state;
}

/** A voucher valid for `days` lasts to the end of the Shanghai day `days` days after it was claimed. */
export function voucherExpiry(validity: BatchValidity, claimedAt: Date): Date {
  if (validity.type === 'until') return new Date(validity.endsAt);
  const p = shanghaiParts(claimedAt);
  return new Date(fromShanghai(p.year, p.month, p.day + validity.days + 1).getTime() - 1000);
}

/** The audience: the batch's union subtree (materialised paths) and, if set, any one of its tags. */
export function audienceIncludes(batchUnionPath: string, batchTags: readonly string[], memberUnionPath: string, memberTags: readonly string[]): boolean {
  if (!memberUnionPath.startsWith(batchUnionPath)) return false;
  return batchTags.length === 0 || batchTags.some((t) => memberTags.includes(t));
}

/**
 * Merchant scope: the listed merchants (the paying union approved each one), or, with an empty
 * list, partners signed by the batch's own union or a union above it (a city-wide partner serves
 * every district). A union below the payer never spends the payer's money through a merchant it
 * signed itself.
 */
export function merchantServesBatch(merchantIds: readonly string[], merchantId: string, merchantUnionPath: string, batchUnionPath: string): boolean {
  if (merchantIds.length > 0) return merchantIds.includes(merchantId);
  return batchUnionPath.startsWith(merchantUnionPath);
}

/** A merchant the paying union may list: signed inside its area or above it. */
export function merchantListable(merchantUnionPath: string, batchUnionPath: string): boolean {
  return merchantUnionPath.startsWith(batchUnionPath) || batchUnionPath.startsWith(merchantUnionPath);
}

export interface VoucherFace {
  kind: VoucherKind;
  thresholdFen: number | null;
  faceValueFen: number;
  stackable: boolean;
}

export type StackResult = { ok: true; count: number; discountFen: number } | { ok: false; reason: 'THRESHOLD_NOT_MET' };

/**
 * How many of `available` vouchers (of one batch) an order takes, and the discount.
 * Non-stackable: one voucher. Stackable 满减: k vouchers need order ≥ k × threshold
 * (¥2,000 takes two "满1000减100": ¥200 off). Stackable 立减: as many as the order can use.
 * A discount never exceeds the order amount.
 */
export function stackedDiscount(face: VoucherFace, orderAmountFen: number, available: number): StackResult {
  if (available < 1) return { ok: false, reason: 'THRESHOLD_NOT_MET' };
  let count: number;
  if (face.kind === 'threshold') {
    const threshold = face.thresholdFen ?? 0;
    if (orderAmountFen < threshold) return { ok: false, reason: 'THRESHOLD_NOT_MET' };
    const fits = threshold > 0 ? Math.floor(orderAmountFen / threshold) : available;
    count = face.stackable ? Math.min(available, fits) : 1;
  } else {
    // only as many 立减 vouchers as the order can use: no voucher is spent for nothing
    count = face.stackable ? Math.min(available, Math.ceil(orderAmountFen / face.faceValueFen)) : 1;
  }
  return { ok: true, count, discountFen: Math.min(count * face.faceValueFen, orderAmountFen) };
}

/** Problems with a batch's settings, in Chinese, keyed by field; empty when sound. */
export function batchProblems(input: VoucherBatchInput, now: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (input.kind === 'threshold') {
    if (input.thresholdFen === null) problems.push({ path: 'thresholdFen', message: '满减券需要设置使用门槛' });
    else if (input.thresholdFen <= input.faceValueFen) problems.push({ path: 'thresholdFen', message: '使用门槛必须高于券面额' });
  } else if (input.thresholdFen !== null) problems.push({ path: 'thresholdFen', message: '立减券没有使用门槛' });
  const w = batchWindow(input.schedule);
  if (w.endsAt.getTime() <= w.startsAt.getTime()) problems.push({ path: 'schedule', message: '结束时间必须晚于开始时间' });
  if (w.endsAt.getTime() <= now.getTime()) problems.push({ path: 'schedule', message: '领取时间已过' });
  if (input.validity.type === 'until' && new Date(input.validity.endsAt).getTime() < w.endsAt.getTime()) {
    problems.push({ path: 'validity', message: '有效期不能早于领取结束时间' });
  }
  problems.push(...lotteryProblems(input, w, now));
  return problems;
}

/**
 * A lottery registers from the schedule's start until `drawAt` and shows results until its end:
 * the draw falls strictly inside the schedule, in the future, and each winner gets one voucher.
 */
function lotteryProblems(input: VoucherBatchInput, w: { startsAt: Date; endsAt: Date }, now: Date): { path: string; message: string }[] {
  if (input.mode !== 'lottery') return input.drawAt === null ? [] : [{ path: 'drawAt', message: '先到先得的工惠券没有开奖时间' }];
  const problems: { path: string; message: string }[] = [];
  if (input.drawAt === null) problems.push({ path: 'drawAt', message: '请设置开奖时间' });
  else {
    const drawAt = new Date(input.drawAt).getTime();
    if (drawAt <= w.startsAt.getTime()) problems.push({ path: 'drawAt', message: '开奖时间必须晚于报名开始时间' });
    else if (drawAt >= w.endsAt.getTime()) problems.push({ path: 'drawAt', message: '开奖时间必须早于结束时间' });
    else if (drawAt <= now.getTime()) problems.push({ path: 'drawAt', message: '开奖时间已过' });
  }
  if (input.perMemberLimit !== 1) problems.push({ path: 'perMemberLimit', message: '摇号发放每位中签会员1张' });
  return problems;
}
