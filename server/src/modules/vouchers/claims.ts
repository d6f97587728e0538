import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import QRCode from 'qrcode';
import { AppError, audienceIncludes, type VoucherCode, type VoucherDetail, type VoucherStatus, type VoucherView } from '@gonghui/shared';
import { isUniqueViolation, queryRows, schema, type Db } from '../../db/index';
import { decodeCursor, pageOf } from '../../lib/pagination';
import type { MemberFacts } from './claim-writer';
import type { Scope } from '../../scope/scope';
import { announce } from '../../rush/signals';
import { audit } from '../audit/service';
import { batchStatus, presentBatchForMember, presentVoucher, voucherStatus, type BatchRow, type VoucherRow } from './presenters';

const { voucherBatches, vouchers, members, unions, merchants, voucherCodes } = schema;
export const CODE_TTL_MS = 30_000;
/** How far ahead members see upcoming batches. */
export const UPCOMING_MS = 45 * 24 * 3600_000;

/** The member's standing, for the list of batches they may claim. */
async function memberFacts(db: Db, memberId: string): Promise<MemberFacts> {
  const [m] = await db
    .select({ id: members.id, status: members.status, tags: members.tags, unionPath: unions.path })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, memberId));
  if (!m) throw new AppError('NOT_A_MEMBER');
  return m;
}

const eligible = (b: BatchRow, m: MemberFacts) => m.status === 'active' && audienceIncludes(b.unionPath, b.audienceTags, m.unionPath, m.tags);

/**
 * Published batches open now or opening within UPCOMING_MS, with their publisher's name, narrowed
 * by `audience`: the one query behind the member's list and the visitor's.
 */
export function shownBatches(db: Db, now: Date, audience: SQL) {
  return db
    .select({ b: voucherBatches, publisherName: unions.name })
    .from(voucherBatches)
    .innerJoin(unions, eq(unions.id, voucherBatches.unionId))
    .where(and(eq(voucherBatches.status, 'published'), eq(voucherBatches.purpose, 'voucher'), gt(voucherBatches.endsAt, now), lte(voucherBatches.startsAt, new Date(now.getTime() + UPCOMING_MS)), audience))
    .orderBy(asc(voucherBatches.startsAt), asc(voucherBatches.id));
}

/** Open and upcoming batches the member is in the audience of, with their remaining quota. */
export async function openBatches(scope: Scope) {
  const { now, db } = scope;
  const m = await memberFacts(db, scope.auth.memberId!);
  // the batch's union is on the member's path (an ancestor or the union itself)
  const rows = await shownBatches(db, now, sql`${m.unionPath} like ${voucherBatches.unionPath} || '%'`);
  const visible = rows.filter((r) => eligible(r.b, m));
  const mine = visible.length
    ? await db
        .select({ batchId: vouchers.batchId, n: sql<number>`count(*)::int` })
        .from(vouchers)
        .where(and(eq(vouchers.memberId, m.id), inArray(vouchers.batchId, visible.map((r) => r.b.id)), ne(vouchers.status, 'returned')))
        .groupBy(vouchers.batchId)
    : [];
  const myCount = new Map(mine.map((r) => [r.batchId, Number(r.n)]));
  return { data: visible.map((r) => presentBatchForMember(r.b, r.publisherName, myCount.get(r.b.id) ?? 0, now)), serverTime: now.toISOString() };
}

function statusFilter(status: VoucherStatus | undefined, now: Date): SQL | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case 'unused':
      return and(eq(vouchers.status, 'unused'), gt(vouchers.expiresAt, now));
    case 'expired':
      return or(eq(vouchers.status, 'expired'), and(eq(vouchers.status, 'unused'), lte(vouchers.expiresAt, now)));
    default:
      return eq(vouchers.status, status);
  }
}

export async function myVouchers(scope: Scope, q: { status?: VoucherStatus; cursor?: string; limit: number }) {
  const { now } = scope;
  const where = [eq(vouchers.memberId, scope.auth.memberId!), eq(voucherBatches.purpose, 'voucher'), statusFilter(q.status, now)];
  if (q.status === undefined) where.push(ne(vouchers.status, 'returned'));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string];
    const when = new Date(at);
    where.push(or(lt(vouchers.claimedAt, when), and(eq(vouchers.claimedAt, when), lt(vouchers.id, id))));
  }
  const rows = await scope.db
    .select({ v: vouchers, b: voucherBatches, merchantName: merchants.name })
    .from(vouchers)
    .innerJoin(voucherBatches, eq(voucherBatches.id, vouchers.batchId))
    .leftJoin(merchants, eq(merchants.id, vouchers.merchantId))
    .where(and(...where))
    .orderBy(desc(vouchers.claimedAt), desc(vouchers.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => presentVoucher(r.v, r.b, r.merchantName, now), (r) => [r.v.claimedAt.toISOString(), r.v.id]);
}

/** The member's own voucher or 404: someone else's voucher is not confirmed to exist. */
async function ownVoucher(scope: Scope, id: string): Promise<{ v: VoucherRow; b: BatchRow }> {
  const [row] = await scope.db
    .select({ v: vouchers, b: voucherBatches })
    .from(vouchers)
    .innerJoin(voucherBatches, eq(voucherBatches.id, vouchers.batchId))
    .where(and(eq(vouchers.id, id), eq(vouchers.memberId, scope.auth.memberId!), eq(voucherBatches.purpose, 'voucher')))
    .limit(1);
  if (!row) throw new AppError('VOUCHER_NOT_FOUND');
  return row;
}

export async function myVoucherDetail(scope: Scope, { id }: { id: string }): Promise<VoucherDetail> {
  const { db, now } = scope;
  const { v, b } = await ownVoucher(scope, id);
  const [usedAt] = v.merchantId ? await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, v.merchantId)) : [];
  const usable = b.merchantIds.length
    ? await db.select().from(merchants).where(and(inArray(merchants.id, b.merchantIds), eq(merchants.active, true)))
    : await db
        .select({ m: merchants })
        .from(merchants)
        .innerJoin(unions, eq(unions.id, merchants.unionId))
        // the same rule as merchantServesBatch: signed by the paying union or a union above it
        .where(and(eq(merchants.active, true), sql`${b.unionPath} like ${unions.path} || '%'`))
        .orderBy(asc(merchants.name))
        .limit(100)
        .then((rows) => rows.map((r) => r.m));
  return {
    ...presentVoucher(v, b, usedAt?.name ?? null, now),
    description: b.description,
    merchants: usable.map((m) => ({ id: m.id, name: m.name, category: m.category, address: m.address })),
    allMerchantsInArea: b.merchantIds.length === 0,
  };
}

/** Gives an unused voucher back while its batch is open: stock and quota return, once. */
export async function voucherReturner(scope: Scope, { id }: { id: string }): Promise<VoucherView> {
  const { db: tx, now } = scope;
  const { b } = await ownVoucher(scope, id);
  if (batchStatus(b, now) !== 'open') throw new AppError('VOUCHER_NOT_RETURNABLE');
  const [v] = await tx
    .update(vouchers)
    .set({ status: 'returned', returnedAt: now })
    .where(and(eq(vouchers.id, id), eq(vouchers.memberId, scope.auth.memberId!), eq(vouchers.status, 'unused'), gt(vouchers.expiresAt, now)))
    .returning();
  if (!v) throw new AppError('VOUCHER_NOT_RETURNABLE');
  const [after] = await tx
    .update(voucherBatches)
    .set({ stockClaimed: sql`${voucherBatches.stockClaimed} - 1` })
    .where(eq(voucherBatches.id, b.id))
    .returning();
  await tx.delete(voucherCodes).where(eq(voucherCodes.voucherId, id));
  await announce(tx, { kind: 'batch', id: b.id });
  await audit(scope, 'voucher.return', { type: 'voucher', id }, { batchId: b.id });
  return presentVoucher(v, after!, null, now);
}

/** A fresh 10-digit code and its QR, valid for 30 seconds: a screenshot is useless a minute later. Only an active member gets one. */
export async function voucherCodeIssuer(scope: Scope, { id }: { id: string }): Promise<VoucherCode> {
  const { db, now } = scope;
  const { v } = await ownVoucher(scope, id);
  if (!scope.auth.memberActive) throw new AppError('MEMBER_NOT_ACTIVE');
  const status = voucherStatus(v, now);
  if (status === 'used') throw new AppError('VOUCHER_ALREADY_USED');
  if (status === 'expired') throw new AppError('VOUCHER_EXPIRED');
  if (status === 'returned') throw new AppError('VOUCHER_NOT_FOUND');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await db.delete(voucherCodes).where(and(eq(voucherCodes.voucherId, id), lte(voucherCodes.expiresAt, now)));
  for (let attempt = 0; attempt < 5; attempt++) {
    const shortCode = String(randomInt(0, 10_000_000_000)).padStart(10, '0');
    try {
      await db.insert(voucherCodes).values({ code: shortCode, voucherId: id, memberId: scope.auth.memberId!, issuedAt: now, expiresAt });
    } catch (err) {
      if (isUniqueViolation(err)) continue;
      throw err;
    }
    const qr = await QRCode.toDataURL(`GH1:${shortCode}`, { margin: 1, width: 280, errorCorrectionLevel: 'M' });
    return { qr, shortCode, expiresAt: expiresAt.toISOString() };
  }
  throw new Error('could not allocate a voucher code');
}

/**
 * Gives back a member's unused vouchers of batches still open, returning their stock (a revoked
 * membership, a deleted account). Vouchers of ended batches stay as they are: nobody can claim
 * their stock any more, and a member who is not active cannot use them.
 */
export async function unusedVoucherReleaser(scope: Scope, { memberId }: { memberId: string }): Promise<number> {
  const { db, now } = scope;
  const rows = await queryRows<{ batch_id: string; n: number }>(
    db,
    sql`with released as (
          update vouchers v set status = 'returned', returned_at = ${now.toISOString()}
            from voucher_batches b
           where v.batch_id = b.id and v.member_id = ${memberId} and v.status = 'unused' and v.expires_at > ${now.toISOString()}
             and b.purpose = 'voucher' and b.status = 'published' and b.starts_at <= ${now.toISOString()} and b.ends_at >= ${now.toISOString()}
          returning v.batch_id)
        select batch_id, count(*)::int as n from released group by batch_id`,
  );
  for (const r of rows) {
    await db.update(voucherBatches).set({ stockClaimed: sql`${voucherBatches.stockClaimed} - ${Number(r.n)}` }).where(eq(voucherBatches.id, r.batch_id));
    await announce(db, { kind: 'batch', id: r.batch_id });
  }
  await db.delete(voucherCodes).where(eq(voucherCodes.memberId, memberId));
  return rows.reduce((s, r) => s + Number(r.n), 0);
}
