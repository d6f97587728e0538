import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import { AppError, fromShanghai, formatShanghaiDate, maskName, merchantServesBatch, stackedDiscount, type RedemptionBody, type RedemptionResult } from '@gonghui/shared';
import { schema } from '../../db/index';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import type { Scope } from '../../scope/scope';
import { voucherStatus } from './presenters';

const { voucherCodes, vouchers, voucherBatches, members, merchants, unions, redemptions } = schema;

interface Plan {
  merchantId: string;
  memberId: string;
  memberName: string;
  batchId: string;
  batchTitle: string;
  voucherIds: string[];
  faceValueFen: number;
  orderAmountFen: number;
  discountFen: number;
  stackable: { id: string; faceValueFen: number; expiresAt: string }[];
}

/** Works out what a code buys at this merchant: which vouchers, what discount. Reads only. */
async function planRedemption(scope: Scope, body: RedemptionBody): Promise<Plan> {
  const { db, now, auth } = scope;
  const [code] = await db.select().from(voucherCodes).where(eq(voucherCodes.code, body.code)).limit(1);
  if (!code || code.expiresAt.getTime() <= now.getTime()) throw new AppError('VOUCHER_CODE_EXPIRED');
  const [row] = await db
    .select({ v: vouchers, b: voucherBatches, memberName: members.name, memberStatus: members.status, memberUserId: members.userId })
    .from(vouchers)
    .innerJoin(voucherBatches, eq(voucherBatches.id, vouchers.batchId))
    .innerJoin(members, eq(members.id, vouchers.memberId))
    .where(eq(vouchers.id, code.voucherId));
  if (!row) throw new AppError('VOUCHER_CODE_EXPIRED');
  const { v, b } = row;
  // A cashier is also a person who may hold vouchers: never at their own counter.
  if (row.memberUserId === auth.userId) throw new AppError('VOUCHER_SELF_REDEEM');
  if (row.memberStatus !== 'active') throw new AppError('MEMBER_NOT_ACTIVE', undefined, '该会员资格未生效或已暂停，不能使用工惠券');

  const merchantId = auth.merchantIds[0]!;
  const [merchant] = await db
    .select({ id: merchants.id, active: merchants.active, unionPath: unions.path })
    .from(merchants)
    .innerJoin(unions, eq(unions.id, merchants.unionId))
    .where(eq(merchants.id, merchantId));
  if (!merchant?.active || !merchantServesBatch(b.merchantIds, merchant.id, merchant.unionPath, b.unionPath)) throw new AppError('VOUCHER_NOT_USABLE_HERE');

  const status = voucherStatus(v, now);
  if (status === 'used') throw new AppError('VOUCHER_ALREADY_USED');
  if (status === 'expired') throw new AppError('VOUCHER_EXPIRED');
  if (status === 'returned') throw new AppError('VOUCHER_CODE_EXPIRED');

  // The presented voucher alone, unless the cashier picked more of the member's vouchers of this
  // batch (stacking) from those the preview offered.
  const others = b.stackable
    ? (
        await db
          .select({ id: vouchers.id, expiresAt: vouchers.expiresAt })
          .from(vouchers)
          .where(and(eq(vouchers.memberId, v.memberId), eq(vouchers.batchId, b.id), eq(vouchers.status, 'unused'), gt(vouchers.expiresAt, now)))
          .orderBy(asc(vouchers.expiresAt), asc(vouchers.ordinal))
      ).filter((o) => o.id !== v.id)
    : [];
  const picked = new Set(body.voucherIds ?? []);
  picked.delete(v.id);
  if (picked.size && !b.stackable) throw new AppError('VOUCHER_NOT_USABLE_HERE', undefined, '该券不可叠加使用');
  if ([...picked].some((id) => !others.some((o) => o.id === id))) throw new AppError('VOUCHER_ALREADY_USED');
  const candidates = [v.id, ...others.filter((o) => picked.has(o.id)).map((o) => o.id)];
  const stack = stackedDiscount(b, body.orderAmountFen, candidates.length);
  if (!stack.ok) throw new AppError('VOUCHER_THRESHOLD_NOT_MET', { thresholdFen: b.thresholdFen });
  return {
    merchantId,
    memberId: v.memberId,
    memberName: row.memberName,
    batchId: b.id,
    batchTitle: b.title,
    voucherIds: candidates.slice(0, stack.count),
    faceValueFen: b.faceValueFen,
    orderAmountFen: body.orderAmountFen,
    discountFen: stack.discountFen,
    stackable: others.filter((o) => !picked.has(o.id)).map((o) => ({ id: o.id, faceValueFen: b.faceValueFen, expiresAt: o.expiresAt.toISOString() })),
  };
}

function present(plan: Plan, redemptionId: string | null): RedemptionResult {
  return {
    redemptionId,
    orderAmountFen: plan.orderAmountFen,
    discountFen: plan.discountFen,
    payableFen: plan.orderAmountFen - plan.discountFen,
    memberNameMasked: maskName(plan.memberName),
    batchTitle: plan.batchTitle,
    vouchers: plan.voucherIds.map((id) => ({ id, faceValueFen: plan.faceValueFen })),
    stackable: plan.stackable,
  };
}

/**
 * Unknown or expired codes are counted per cashier account, so live codes cannot be guessed at
 * the counter. The count survives the refusal that rolls the request back.
 */
async function planCounted(scope: Scope, body: RedemptionBody): Promise<Plan> {
  const bucket = `redeem-miss:${scope.auth.userId}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.redeemMiss);
  try {
    return await planRedemption(scope, body);
  } catch (err) {
    if (err instanceof AppError && err.code === 'VOUCHER_CODE_EXPIRED') scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw err;
  }
}

export async function redemptionPreview(scope: Scope, body: RedemptionBody): Promise<RedemptionResult> {
  return present(await planCounted(scope, body), null);
}

/** Redeems in one transaction: each voucher moves from unused to used by a conditional update, so two counters get one success. */
export async function voucherRedeemer(scope: Scope, body: RedemptionBody): Promise<RedemptionResult> {
  const { db: tx, now, auth } = scope;
  const plan = await planCounted(scope, body);
  const [redemption] = await tx
    .insert(redemptions)
    .values({
      merchantId: plan.merchantId,
      staffUserId: auth.userId,
      memberId: plan.memberId,
      batchId: plan.batchId,
      orderAmountFen: plan.orderAmountFen,
      discountFen: plan.discountFen,
      payableFen: plan.orderAmountFen - plan.discountFen,
      voucherCount: plan.voucherIds.length,
      createdAt: now,
    })
    .returning({ id: redemptions.id });
  // Lock the chosen vouchers in one fixed order (by id) so two counters stacking the same
  // member's vouchers cannot deadlock; then each moves from unused to used only if still unused.
  const ids = [...plan.voucherIds].sort();
  await tx.select({ id: vouchers.id }).from(vouchers).where(inArray(vouchers.id, ids)).orderBy(asc(vouchers.id)).for('update');
  // Split the discount over the vouchers so each carries its share (the last one takes the rest).
  const share = Math.floor(plan.discountFen / plan.voucherIds.length);
  let used = 0;
  for (const [i, id] of plan.voucherIds.entries()) {
    const discountFen = i === plan.voucherIds.length - 1 ? plan.discountFen - share * i : share;
    const hit = await tx
      .update(vouchers)
      .set({ status: 'used', usedAt: now, merchantId: plan.merchantId, redemptionId: redemption!.id, orderAmountFen: plan.orderAmountFen, discountFen })
      .where(and(eq(vouchers.id, id), eq(vouchers.status, 'unused'), gt(vouchers.expiresAt, now)))
      .returning({ id: vouchers.id });
    used += hit.length;
  }
  // Codes are left to expire: a second counter holding the same code then hears "already used".
  if (used !== plan.voucherIds.length) throw new AppError('VOUCHER_ALREADY_USED');
  return present(plan, redemption!.id);
}

/** The merchant's redemptions on one Shanghai day (today by default). */
export async function merchantDay(scope: Scope, { date }: { date?: string }) {
  const { db, auth } = scope;
  const day = date ?? formatShanghaiDate(scope.now);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const from = fromShanghai(y, m, d);
  const to = fromShanghai(y, m, d + 1);
  const merchantId = auth.merchantIds[0]!;
  const [merchant] = await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
  const rows = await db
    .select({ r: redemptions, batchTitle: voucherBatches.title, memberName: members.name })
    .from(redemptions)
    .innerJoin(voucherBatches, eq(voucherBatches.id, redemptions.batchId))
    .innerJoin(members, eq(members.id, redemptions.memberId))
    .where(and(eq(redemptions.merchantId, merchantId), gte(redemptions.createdAt, from), lt(redemptions.createdAt, to)))
    .orderBy(sql`${redemptions.createdAt} desc`);
  return {
    date: day,
    merchantName: merchant?.name ?? '',
    totalDiscountFen: rows.reduce((s, r) => s + r.r.discountFen, 0),
    data: rows.map((r) => ({
      id: r.r.id,
      at: r.r.createdAt.toISOString(),
      batchTitle: r.batchTitle,
      memberNameMasked: maskName(r.memberName),
      voucherCount: r.r.voucherCount,
      orderAmountFen: r.r.orderAmountFen,
      discountFen: r.r.discountFen,
      payableFen: r.r.payableFen,
    })),
  };
}
