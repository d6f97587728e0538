import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import { AppError, fromShanghai, formatShanghaiDate, maskName, merchantServesBatch, stackedDiscount, type RedemptionBody, type RedemptionResult } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import type { Deps } from '../../deps';
import type { Auth } from '../../http/state';
import { LIMITS, assertUnderLimit, recordFailure } from '../../http/rateLimit';
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
}

/** Works out what a code buys at this merchant: which vouchers, what discount. Reads only. */
async function planRedemption(deps: Deps, db: Db, auth: Auth, body: RedemptionBody): Promise<Plan> {
  const now = deps.clock.now();
  const [code] = await db.select().from(voucherCodes).where(eq(voucherCodes.code, body.code)).limit(1);
  if (!code || code.expiresAt.getTime() <= now.getTime()) throw new AppError('VOUCHER_CODE_EXPIRED');
  const [row] = await db
    .select({ v: vouchers, b: voucherBatches, memberName: members.name })
    .from(vouchers)
    .innerJoin(voucherBatches, eq(voucherBatches.id, vouchers.batchId))
    .innerJoin(members, eq(members.id, vouchers.memberId))
    .where(eq(vouchers.id, code.voucherId));
  if (!row) throw new AppError('VOUCHER_CODE_EXPIRED');
  const { v, b } = row;

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

  // The presented voucher first, then the member's other unused vouchers of the same batch (for stacking).
  let candidates: string[] = [v.id];
  if (b.stackable) {
    const others = await db
      .select({ id: vouchers.id })
      .from(vouchers)
      .where(and(eq(vouchers.memberId, v.memberId), eq(vouchers.batchId, b.id), eq(vouchers.status, 'unused'), gt(vouchers.expiresAt, now)))
      .orderBy(asc(vouchers.expiresAt), asc(vouchers.ordinal));
    const pool = others.map((o) => o.id).filter((id) => id !== v.id);
    if (body.voucherIds) {
      const wanted = new Set(body.voucherIds);
      if ([...wanted].some((id) => id !== v.id && !pool.includes(id))) throw new AppError('VOUCHER_ALREADY_USED');
      candidates = [v.id, ...pool.filter((id) => wanted.has(id))];
    } else candidates = [v.id, ...pool];
  } else if (body.voucherIds && body.voucherIds.some((id) => id !== v.id)) {
    throw new AppError('VOUCHER_NOT_USABLE_HERE', undefined, '该券不可叠加使用');
  }
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
  };
}

/** Unknown or expired codes are counted per cashier account, so live codes cannot be guessed at the counter. */
const missBucket = (auth: Auth) => `redeem-miss:${auth.userId}`;

/** Records a miss; `db` must be outside any rolled-back savepoint (see the redeem route). */
export async function recordCodeMiss(deps: Deps, db: Db, auth: Auth, err: AppError): Promise<void> {
  if (err.code === 'VOUCHER_CODE_EXPIRED') await recordFailure(db, deps.clock, missBucket(auth));
}

export async function redemptionPreview(deps: Deps, auth: Auth, body: RedemptionBody): Promise<RedemptionResult> {
  await assertUnderLimit(deps.db, deps.clock, missBucket(auth), LIMITS.redeemMiss);
  try {
    return present(await planRedemption(deps, deps.db, auth, body), null);
  } catch (err) {
    if (err instanceof AppError) await recordCodeMiss(deps, deps.db, auth, err);
    throw err;
  }
}

/** Redeems in one transaction: each voucher moves from unused to used by a conditional update, so two counters get one success. */
export async function voucherRedeemer(deps: Deps, tx: Db, auth: Auth, body: RedemptionBody): Promise<RedemptionResult> {
  const now = deps.clock.now();
  await assertUnderLimit(tx, deps.clock, missBucket(auth), LIMITS.redeemMiss);
  const plan = await planRedemption(deps, tx, auth, body);
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
export async function merchantDay(deps: Deps, auth: Auth, date?: string) {
  const day = date ?? formatShanghaiDate(deps.clock.now());
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const from = fromShanghai(y, m, d);
  const to = fromShanghai(y, m, d + 1);
  const merchantId = auth.merchantIds[0]!;
  const [merchant] = await deps.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
  const rows = await deps.db
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
