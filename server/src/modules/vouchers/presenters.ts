import {
  claimStateOf,
  effectiveBatchStatus,
  visitorClaimStateOf,
  type BatchAbilities,
  type VoucherBatchAdminView,
  type VoucherBatchMemberView,
  type VoucherBatchVisitorView,
  type VoucherStatus,
  type VoucherView,
} from '@gonghui/shared';
import { schema } from '../../db/index';
import { lotteryTiming, type BatchRow } from '../../policies/vouchers';

export type { BatchRow };
export type VoucherRow = typeof schema.vouchers.$inferSelect;

/** A lottery batch is never `open` (so never claimable first-come): it registers, awaits its draw, is drawn. */
export function batchStatus(b: BatchRow, now: Date) {
  return effectiveBatchStatus(b.status, b.startsAt, b.endsAt, now, lotteryTiming(b));
}

/** What a batch promises, the same in every view of it. */
function batchFace(b: BatchRow) {
  const { id, title, description, kind, thresholdFen, faceValueFen, stackable, mode } = b;
  return { id, title, description, kind, thresholdFen, faceValueFen, stackable, mode, drawAt: b.drawAt?.toISOString() ?? null };
}

export function presentBatchForStaff(b: BatchRow, unionName: string, now: Date, abilities: BatchAbilities): VoucherBatchAdminView {
  return {
    ...batchFace(b),
    stockTotal: b.stockTotal,
    stockClaimed: b.stockClaimed,
    perMemberLimit: b.perMemberLimit,
    audience: { unionId: b.unionId, unionName, tags: b.audienceTags },
    merchantIds: b.merchantIds,
    schedule: b.schedule,
    validity: b.validity,
    period: b.period,
    opensAt: b.startsAt.toISOString(),
    closesAt: b.endsAt.toISOString(),
    status: batchStatus(b, now),
    createdAt: b.createdAt.toISOString(),
    publishedAt: b.publishedAt?.toISOString() ?? null,
    seedHash: b.lotterySeedHash,
    drawnAt: b.drawnAt?.toISOString() ?? null,
    abilities,
  };
}

export function presentBatchForMember(b: BatchRow, publisherName: string, myClaimed: number, now: Date): VoucherBatchMemberView {
  const status = batchStatus(b, now);
  const stockRemaining = Math.max(0, b.stockTotal - b.stockClaimed);
  const myRemaining = Math.max(0, b.perMemberLimit - myClaimed);
  return {
    ...batchFace(b),
    stockTotal: b.stockTotal,
    stockRemaining,
    perMemberLimit: b.perMemberLimit,
    myClaimed,
    myRemaining,
    period: b.period,
    opensAt: b.startsAt.toISOString(),
    closesAt: b.endsAt.toISOString(),
    status,
    claimState: claimStateOf(status, stockRemaining, myRemaining),
    publisherName,
  };
}

/** No member, so no quota and nothing claimed: only what the batch itself says. */
export function presentBatchForVisitor(b: BatchRow, publisherName: string, now: Date): VoucherBatchVisitorView {
  const status = batchStatus(b, now);
  const stockRemaining = Math.max(0, b.stockTotal - b.stockClaimed);
  return {
    ...batchFace(b),
    stockTotal: b.stockTotal,
    stockRemaining,
    perMemberLimit: b.perMemberLimit,
    period: b.period,
    opensAt: b.startsAt.toISOString(),
    closesAt: b.endsAt.toISOString(),
    status,
    claimState: visitorClaimStateOf(status, stockRemaining),
    publisherName,
  };
}

/** An unused voucher past its expiry reads as expired; no job has to flip it. */
export function voucherStatus(v: Pick<VoucherRow, 'status' | 'expiresAt'>, now: Date): VoucherStatus {
  if (v.status === 'unused' && v.expiresAt.getTime() <= now.getTime()) return 'expired';
  return v.status;
}

export function presentVoucher(v: VoucherRow, b: BatchRow, merchantName: string | null, now: Date): VoucherView {
  const status = voucherStatus(v, now);
  return {
    id: v.id,
    batchId: v.batchId,
    title: b.title,
    kind: b.kind,
    thresholdFen: b.thresholdFen,
    faceValueFen: b.faceValueFen,
    stackable: b.stackable,
    period: v.period,
    status,
    claimedAt: v.claimedAt.toISOString(),
    expiresAt: v.expiresAt.toISOString(),
    usedAt: v.usedAt?.toISOString() ?? null,
    merchantName,
    orderAmountFen: v.orderAmountFen,
    discountFen: v.discountFen,
    returnable: status === 'unused' && batchStatus(b, now) === 'open',
  };
}
