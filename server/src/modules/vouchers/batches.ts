import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { AppError, batchProblems, batchWindow, PUBLISHED_PATCHABLE, type BatchStats, type VoucherBatchInput, type VoucherBatchPatch } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import type { Deps } from '../../deps';
import { decodeCursor, pageOf } from '../../http/pagination';
import { inScopeSql, pathInScope, requireAdminOver } from '../../http/policies';
import type { Auth } from '../../http/state';
import { writeAudit } from '../audit/service';
import { scopedUnion } from '../unions/service';
import { addRedemptionSheet } from './exports';
import { presentBatchForStaff, type BatchRow } from './presenters';

const { voucherBatches, unions, vouchers, merchants, redemptions } = schema;

/** A batch inside the caller's subtree, or 404. */
export async function scopedBatch(db: Db, auth: Auth, id: string, forUpdate = false): Promise<BatchRow> {
  const q = db.select().from(voucherBatches).where(eq(voucherBatches.id, id)).limit(1);
  const [b] = forUpdate ? await q.for('update') : await q;
  if (!b || !pathInScope(auth, b.unionPath)) throw new AppError('VOUCHER_BATCH_NOT_FOUND');
  return b;
}

async function unionName(db: Db, id: string): Promise<string> {
  const [u] = await db.select({ name: unions.name }).from(unions).where(eq(unions.id, id));
  return u?.name ?? '';
}

/** Listed merchants must be active partners of the audience's area (inside it, or city-wide above it). */
async function checkMerchants(db: Db, ids: string[], audiencePath: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: merchants.id, path: unions.path })
    .from(merchants)
    .innerJoin(unions, eq(unions.id, merchants.unionId))
    .where(and(inArray(merchants.id, ids), eq(merchants.active, true)));
  const serving = found.filter((m) => m.path.startsWith(audiencePath) || audiencePath.startsWith(m.path));
  if (serving.length !== new Set(ids).size) throw new AppError('MERCHANT_NOT_FOUND');
}

function assertSound(input: VoucherBatchInput, now: Date) {
  const problems = batchProblems(input, now);
  if (problems.length) throw new AppError('VOUCHER_BATCH_INVALID', { issues: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
}

function columnsOf(input: VoucherBatchInput) {
  const w = batchWindow(input.schedule);
  return {
    title: input.title,
    description: input.description,
    kind: input.kind,
    thresholdFen: input.thresholdFen,
    faceValueFen: input.faceValueFen,
    stackable: input.stackable,
    stockTotal: input.stockTotal,
    perMemberLimit: input.perMemberLimit,
    audienceTags: [...new Set(input.audience.tags)],
    merchantIds: [...new Set(input.merchantIds)],
    schedule: input.schedule,
    validity: input.validity,
    period: w.period,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
  };
}

export async function batchCreator(deps: Deps, auth: Auth, input: VoucherBatchInput, requestId: string) {
  const union = await scopedUnion(deps, auth, input.audience.unionId);
  const now = deps.clock.now();
  assertSound(input, now);
  await checkMerchants(deps.db, input.merchantIds, union.path);
  const [row] = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(voucherBatches)
      .values({ ...columnsOf(input), unionId: union.id, unionPath: union.path, createdBy: auth.userId, createdAt: now })
      .returning();
    await writeAudit(tx, now, { actorUserId: auth.userId, action: 'voucher_batch.create', targetType: 'voucher_batch', targetId: inserted[0]!.id, requestId });
    return inserted;
  });
  return presentBatchForStaff(row!, union.name, now);
}

function toInput(b: BatchRow): VoucherBatchInput {
  return {
    title: b.title,
    description: b.description,
    kind: b.kind,
    thresholdFen: b.thresholdFen,
    faceValueFen: b.faceValueFen,
    stackable: b.stackable,
    stockTotal: b.stockTotal,
    perMemberLimit: b.perMemberLimit,
    audience: { unionId: b.unionId, tags: b.audienceTags },
    merchantIds: b.merchantIds,
    schedule: b.schedule,
    validity: b.validity,
  };
}

/** Drafts change freely; a published batch keeps its value, kind, schedule and audience, and never drops stock below what is claimed. */
export async function batchUpdater(deps: Deps, auth: Auth, id: string, patch: VoucherBatchPatch, requestId: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await scopedBatch(tx, auth, id, true);
    if (before.status !== 'draft') {
      const locked = Object.keys(patch).filter((k) => !(PUBLISHED_PATCHABLE as readonly string[]).includes(k));
      if (locked.length) throw new AppError('VOUCHER_BATCH_LOCKED', { fields: locked });
      if (patch.stockTotal !== undefined && patch.stockTotal < before.stockClaimed) throw new AppError('VOUCHER_STOCK_BELOW_CLAIMED', { claimed: before.stockClaimed });
    }
    const next: VoucherBatchInput = { ...toInput(before), ...patch };
    let union = { id: before.unionId, path: before.unionPath };
    if (patch.audience && patch.audience.unionId !== before.unionId) union = await scopedUnion(deps, auth, patch.audience.unionId);
    if (before.status === 'draft') assertSound(next, now);
    await checkMerchants(tx, patch.merchantIds ?? [], union.path);
    const [row] = await tx
      .update(voucherBatches)
      .set({ ...columnsOf(next), unionId: union.id, unionPath: union.path })
      // the database re-checks the stock floor: a claim may have landed since the read
      .where(and(eq(voucherBatches.id, id), sql`${voucherBatches.stockClaimed} <= ${next.stockTotal}`))
      .returning();
    if (!row) throw new AppError('VOUCHER_STOCK_BELOW_CLAIMED');
    await writeAudit(tx, now, { actorUserId: auth.userId, action: 'voucher_batch.update', targetType: 'voucher_batch', targetId: id, requestId, detail: { fields: Object.keys(patch) } });
    return presentBatchForStaff(row, await unionName(tx, row.unionId), now);
  });
}

export async function batchPublisher(deps: Deps, auth: Auth, id: string, requestId: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const b = await scopedBatch(tx, auth, id, true);
    requireAdminOver(auth, b.unionPath);
    if (b.status !== 'draft') throw new AppError('VOUCHER_BATCH_NOT_DRAFT');
    assertSound(toInput(b), now);
    const [row] = await tx.update(voucherBatches).set({ status: 'published', publishedAt: now }).where(eq(voucherBatches.id, id)).returning();
    await writeAudit(tx, now, { actorUserId: auth.userId, action: 'voucher_batch.publish', targetType: 'voucher_batch', targetId: id, requestId });
    return presentBatchForStaff(row!, await unionName(tx, row!.unionId), now);
  });
}

/** Stops claiming at once; vouchers already claimed stay valid until they expire. */
export async function batchCloser(deps: Deps, auth: Auth, id: string, requestId: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const b = await scopedBatch(tx, auth, id, true);
    requireAdminOver(auth, b.unionPath);
    if (b.status !== 'published') throw new AppError('VOUCHER_BATCH_NOT_PUBLISHED');
    const [row] = await tx.update(voucherBatches).set({ status: 'closed', closedAt: now }).where(eq(voucherBatches.id, id)).returning();
    await writeAudit(tx, now, { actorUserId: auth.userId, action: 'voucher_batch.close', targetType: 'voucher_batch', targetId: id, requestId });
    return presentBatchForStaff(row!, await unionName(tx, row!.unionId), now);
  });
}

/** Newest opening first. */
export async function batchList(deps: Deps, auth: Auth, q: { cursor?: string; limit: number }) {
  const where = [inScopeSql(auth, voucherBatches.unionPath)];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string];
    where.push(or(lt(voucherBatches.startsAt, new Date(at)), and(eq(voucherBatches.startsAt, new Date(at)), lt(voucherBatches.id, id)))!);
  }
  const rows = await deps.db
    .select({ b: voucherBatches, unionName: unions.name })
    .from(voucherBatches)
    .innerJoin(unions, eq(unions.id, voucherBatches.unionId))
    .where(and(...where))
    .orderBy(desc(voucherBatches.startsAt), desc(voucherBatches.id))
    .limit(q.limit + 1);
  const now = deps.clock.now();
  return pageOf(rows, q.limit, (r) => presentBatchForStaff(r.b, r.unionName, now), (r) => [r.b.startsAt.toISOString(), r.b.id]);
}

export async function batchDetail(deps: Deps, auth: Auth, id: string) {
  const b = await scopedBatch(deps.db, auth, id);
  return presentBatchForStaff(b, await unionName(deps.db, b.unionId), deps.clock.now());
}

const HOUR_MS = 3600_000;
const SHANGHAI_OFFSET_H = 8;

function hourLabel(hourIndex: number): string {
  // hourIndex counts Shanghai hours since the epoch
  const d = new Date(hourIndex * HOUR_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:00`;
}

/** Live figures: claimed, redeemed and remaining, by grassroots union and by Shanghai hour. */
export async function batchStats(deps: Deps, auth: Auth, id: string): Promise<BatchStats> {
  const b = await scopedBatch(deps.db, auth, id);
  const byUnion = await queryRows<{ union_id: string; union_name: string; claimed: number; redeemed: number }>(
    deps.db,
    sql`select m.union_id, u.name as union_name,
          count(*)::int as claimed,
          count(*) filter (where v.status = 'used')::int as redeemed
        from ${vouchers} v join ${schema.members} m on m.id = v.member_id join ${unions} u on u.id = m.union_id
        where v.batch_id = ${id} and v.status <> 'returned'
        group by m.union_id, u.name order by claimed desc`,
  );
  const claimedHours = await queryRows<{ h: number; n: number }>(
    deps.db,
    sql`select floor((extract(epoch from claimed_at) + ${SHANGHAI_OFFSET_H * 3600}) / 3600)::int as h, count(*)::int as n
        from ${vouchers} where batch_id = ${id} and status <> 'returned' group by 1`,
  );
  const usedHours = await queryRows<{ h: number; n: number }>(
    deps.db,
    sql`select floor((extract(epoch from used_at) + ${SHANGHAI_OFFSET_H * 3600}) / 3600)::int as h, count(*)::int as n
        from ${vouchers} where batch_id = ${id} and status = 'used' group by 1`,
  );
  const [discount] = await queryRows<{ total: number }>(deps.db, sql`select coalesce(sum(discount_fen), 0)::bigint as total from ${redemptions} where batch_id = ${id}`);
  const hours = new Map<number, { claimed: number; redeemed: number }>();
  for (const r of claimedHours) hours.set(Number(r.h), { claimed: Number(r.n), redeemed: 0 });
  for (const r of usedHours) hours.set(Number(r.h), { claimed: hours.get(Number(r.h))?.claimed ?? 0, redeemed: Number(r.n) });
  const redeemed = byUnion.reduce((s, r) => s + Number(r.redeemed), 0);
  return {
    batchId: b.id,
    stockTotal: b.stockTotal,
    claimed: b.stockClaimed,
    redeemed,
    remaining: b.stockTotal - b.stockClaimed,
    discountFen: Number(discount?.total ?? 0),
    byUnion: byUnion.map((r) => ({ unionId: r.union_id, unionName: r.union_name, claimed: Number(r.claimed), redeemed: Number(r.redeemed) })),
    byHour: [...hours.entries()].sort((a, c) => a[0] - c[0]).map(([h, v]) => ({ hour: hourLabel(h), ...v })),
  };
}

/** Every redemption (one row per order) of one batch, for the union's records. */
export async function batchRedemptionsXlsx(deps: Deps, auth: Auth, id: string, requestId: string): Promise<{ filename: string; chineseName: string; buffer: Buffer }> {
  const b = await scopedBatch(deps.db, auth, id);
  const rows = await deps.db
    .select({ r: redemptions, merchantName: merchants.name, memberName: schema.members.name, memberNo: schema.members.memberNo })
    .from(redemptions)
    .innerJoin(schema.members, eq(schema.members.id, redemptions.memberId))
    .innerJoin(merchants, eq(merchants.id, redemptions.merchantId))
    .where(eq(redemptions.batchId, id))
    .orderBy(redemptions.createdAt);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  addRedemptionSheet(wb, '商户', rows.map((x) => ({ r: x.r, label: x.merchantName, memberName: x.memberName, memberNo: x.memberNo })));
  await writeAudit(deps.db, deps.clock.now(), { actorUserId: auth.userId, action: 'voucher_batch.export_redemptions', targetType: 'voucher_batch', targetId: id, requestId, detail: { rows: rows.length } });
  return { filename: `redemptions-${b.period}.xlsx`, chineseName: `核销明细-${b.title}-${b.period}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
