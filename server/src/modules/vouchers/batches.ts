import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { AppError, batchProblems, batchWindow, merchantListable, PUBLISHED_PATCHABLE, seedCommitment, type BatchStats, type VoucherBatchInput, type VoucherBatchPatch } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import { addRedemptionSheet, XLSX_TYPE } from '../../lib/xlsx';
import { decodeCursor, pageOf } from '../../lib/pagination';
import { inScopeSql } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import { batchPolicy, scopedBatch, type BatchRow } from '../../policies/vouchers';
import type { BinaryFile } from '../../http/route';
import type { Scope } from '../../scope/scope';
import { announce } from '../../rush/signals';
import { audit } from '../audit/service';
import { drawnIfDue } from '../lottery/draw';
import { lotteryCounts } from '../lottery/results';
import { presentBatchForStaff } from './presenters';

const { voucherBatches, unions, vouchers, merchants, redemptions } = schema;

async function unionName(db: Db, id: string): Promise<string> {
  const [u] = await db.select({ name: unions.name }).from(unions).where(eq(unions.id, id));
  return u?.name ?? '';
}

/** Listed merchants must be active partners the paying union may list (inside its area, or city-wide above it). */
async function checkMerchants(db: Db, ids: string[], batchUnionPath: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: merchants.id, path: unions.path })
    .from(merchants)
    .innerJoin(unions, eq(unions.id, merchants.unionId))
    .where(and(inArray(merchants.id, ids), eq(merchants.active, true)));
  const serving = found.filter((m) => merchantListable(m.path, batchUnionPath));
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
    mode: input.mode,
    drawAt: input.drawAt === null ? null : new Date(input.drawAt),
  };
}

function present(scope: Scope, b: BatchRow, unionName: string) {
  const { update, publish, close } = batchPolicy.abilities(scope, b);
  return presentBatchForStaff(b, unionName, scope.now, { update, publish, close });
}

export async function batchCreator(scope: Scope, input: VoucherBatchInput) {
  const union = await scopedUnion(scope, input.audience.unionId);
  assertSound(input, scope.now);
  await checkMerchants(scope.db, input.merchantIds, union.path);
  const [row] = await scope.db
    .insert(voucherBatches)
    .values({ ...columnsOf(input), unionId: union.id, unionPath: union.path, createdBy: scope.auth.userId, createdAt: scope.now })
    .returning();
  await audit(scope, 'voucher_batch.create', { type: 'voucher_batch', id: row!.id });
  return present(scope, row!, union.name);
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
    mode: b.mode,
    drawAt: b.drawAt?.toISOString() ?? null,
  };
}

/**
 * Drafts change freely. A published batch (an admin's decision: it commits money) keeps its value,
 * kind, schedule and audience, never drops stock below what is claimed, and loses no merchant once
 * vouchers are out; an ended or closed batch takes no edits.
 */
export async function batchUpdater(scope: Scope, { id, patch }: { id: string; patch: VoucherBatchPatch }) {
  const before = await scopedBatch(scope, id, { forUpdate: true });
  batchPolicy.authorize(scope, 'update', before);
  if (before.status !== 'draft') {
    const locked = Object.keys(patch).filter((k) => !(PUBLISHED_PATCHABLE as readonly string[]).includes(k));
    if (locked.length) throw new AppError('VOUCHER_BATCH_LOCKED', { fields: locked });
    if (patch.stockTotal !== undefined && patch.stockTotal < before.stockClaimed) throw new AppError('VOUCHER_STOCK_BELOW_CLAIMED', { claimed: before.stockClaimed });
    if (patch.merchantIds && before.stockClaimed > 0) {
      const kept = new Set(patch.merchantIds);
      // Members hold vouchers on the promise of these merchants: the list may grow, never shrink.
      // (An empty list means the area's merchants, so it can neither become a list nor replace one.)
      const removed = before.merchantIds.length === 0 ? patch.merchantIds.length > 0 : patch.merchantIds.length === 0 || before.merchantIds.some((m) => !kept.has(m));
      if (removed) throw new AppError('VOUCHER_MERCHANT_IN_USE');
    }
  }
  const next: VoucherBatchInput = { ...toInput(before), ...patch };
  const union = patch.audience && patch.audience.unionId !== before.unionId ? await scopedUnion(scope, patch.audience.unionId) : { id: before.unionId, path: before.unionPath };
  if (before.status === 'draft') assertSound(next, scope.now);
  // A new audience re-checks the whole list, not only the merchants this patch names.
  await checkMerchants(scope.db, union.path !== before.unionPath ? next.merchantIds : (patch.merchantIds ?? []), union.path);
  const [row] = await scope.db
    .update(voucherBatches)
    .set({ ...columnsOf(next), unionId: union.id, unionPath: union.path })
    // the database re-checks the stock floor: a claim may have landed since the read
    .where(and(eq(voucherBatches.id, id), sql`${voucherBatches.stockClaimed} <= ${next.stockTotal}`))
    .returning();
  if (!row) throw new AppError('VOUCHER_STOCK_BELOW_CLAIMED');
  await announce(scope.db, { kind: 'batch', id });
  await audit(scope, 'voucher_batch.update', { type: 'voucher_batch', id }, { fields: Object.keys(patch) });
  return present(scope, row, await unionName(scope.db, row.unionId));
}

export async function batchPublisher(scope: Scope, { id }: { id: string }) {
  const b = await scopedBatch(scope, id, { forUpdate: true });
  batchPolicy.authorize(scope, 'publish', b);
  assertSound(toInput(b), scope.now);
  // A lottery's seed is drawn now and kept server-side; its hash is public from now on, the seed after the draw.
  const seed = b.mode === 'lottery' ? randomBytes(32).toString('hex') : null;
  const lottery = seed ? { lotterySeed: seed, lotterySeedHash: seedCommitment(seed) } : {};
  const [row] = await scope.db.update(voucherBatches).set({ status: 'published', publishedAt: scope.now, ...lottery }).where(eq(voucherBatches.id, id)).returning();
  await audit(scope, 'voucher_batch.publish', { type: 'voucher_batch', id });
  return present(scope, row!, await unionName(scope.db, row!.unionId));
}

/** Stops claiming at once; vouchers already claimed stay valid until they expire. */
export async function batchCloser(scope: Scope, { id }: { id: string }) {
  const b = await scopedBatch(scope, id, { forUpdate: true });
  batchPolicy.authorize(scope, 'close', b);
  const [row] = await scope.db.update(voucherBatches).set({ status: 'closed', closedAt: scope.now }).where(eq(voucherBatches.id, id)).returning();
  await announce(scope.db, { kind: 'batch', id });
  await audit(scope, 'voucher_batch.close', { type: 'voucher_batch', id });
  return present(scope, row!, await unionName(scope.db, row!.unionId));
}

/** Newest opening first. */
export async function batchList(scope: Scope, q: { cursor?: string; limit: number }) {
  // a 送春联 offer's stock is a batch too, managed through its campaign
  const where = [inScopeSql(scope.auth, voucherBatches.unionPath), eq(voucherBatches.purpose, 'voucher')];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string];
    where.push(or(lt(voucherBatches.startsAt, new Date(at)), and(eq(voucherBatches.startsAt, new Date(at)), lt(voucherBatches.id, id)))!);
  }
  const rows = await scope.db
    .select({ b: voucherBatches, unionName: unions.name })
    .from(voucherBatches)
    .innerJoin(unions, eq(unions.id, voucherBatches.unionId))
    .where(and(...where))
    .orderBy(desc(voucherBatches.startsAt), desc(voucherBatches.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => present(scope, r.b, r.unionName), (r) => [r.b.startsAt.toISOString(), r.b.id]);
}

export async function batchDetail(scope: Scope, { id }: { id: string }) {
  const b = await scopedBatch(scope, id);
  return present(scope, b, await unionName(scope.db, b.unionId));
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
export async function batchStats(scope: Scope, { id }: { id: string }): Promise<BatchStats> {
  // staff watching a lottery past its draw time see it drawn, whether or not the periodic job has run yet
  const b = await drawnIfDue(scope.db, await scopedBatch(scope, id), scope.now);
  const byUnion = await queryRows<{ union_id: string; union_name: string; claimed: number; redeemed: number }>(
    scope.db,
    sql`select m.union_id, u.name as union_name,
          count(*)::int as claimed,
          count(*) filter (where v.status = 'used')::int as redeemed
        from ${vouchers} v join ${schema.members} m on m.id = v.member_id join ${unions} u on u.id = m.union_id
        where v.batch_id = ${id} and v.status <> 'returned'
        group by m.union_id, u.name order by claimed desc`,
  );
  const claimedHours = await queryRows<{ h: number; n: number }>(
    scope.db,
    sql`select floor((extract(epoch from claimed_at) + ${SHANGHAI_OFFSET_H * 3600}) / 3600)::int as h, count(*)::int as n
        from ${vouchers} where batch_id = ${id} and status <> 'returned' group by 1`,
  );
  const usedHours = await queryRows<{ h: number; n: number }>(
    scope.db,
    sql`select floor((extract(epoch from used_at) + ${SHANGHAI_OFFSET_H * 3600}) / 3600)::int as h, count(*)::int as n
        from ${vouchers} where batch_id = ${id} and status = 'used' group by 1`,
  );
  const [discount] = await queryRows<{ total: number }>(scope.db, sql`select coalesce(sum(discount_fen), 0)::bigint as total from ${redemptions} where batch_id = ${id}`);
  const hours = new Map<number, { claimed: number; redeemed: number }>();
  for (const r of claimedHours) hours.set(Number(r.h), { claimed: Number(r.n), redeemed: 0 });
  for (const r of usedHours) hours.set(Number(r.h), { claimed: hours.get(Number(r.h))?.claimed ?? 0, redeemed: Number(r.n) });
  const redeemed = byUnion.reduce((s, r) => s + Number(r.redeemed), 0);
  const lottery = b.mode === 'lottery' && b.drawAt ? { ...(await lotteryCounts(scope.db, id)), drawAt: b.drawAt.toISOString(), drawnAt: b.drawnAt?.toISOString() ?? null } : null;
  return {
    batchId: b.id,
    stockTotal: b.stockTotal,
    claimed: b.stockClaimed,
    redeemed,
    remaining: b.stockTotal - b.stockClaimed,
    discountFen: Number(discount?.total ?? 0),
    byUnion: byUnion.map((r) => ({ unionId: r.union_id, unionName: r.union_name, claimed: Number(r.claimed), redeemed: Number(r.redeemed) })),
    byHour: [...hours.entries()].sort((a, c) => a[0] - c[0]).map(([h, v]) => ({ hour: hourLabel(h), ...v })),
    lottery,
  };
}

/** Every redemption (one row per order) of one batch, for the union's records. */
export async function batchRedemptionsXlsx(scope: Scope, { id }: { id: string }): Promise<BinaryFile> {
  const b = await scopedBatch(scope, id);
  const rows = await scope.db
    .select({ r: redemptions, merchantName: merchants.name, memberName: schema.members.name, memberNo: schema.members.memberNo })
    .from(redemptions)
    .innerJoin(schema.members, eq(schema.members.id, redemptions.memberId))
    .innerJoin(merchants, eq(merchants.id, redemptions.merchantId))
    .where(eq(redemptions.batchId, id))
    .orderBy(redemptions.createdAt);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  addRedemptionSheet(wb, '商户', rows.map((x) => ({ r: x.r, label: x.merchantName, memberName: x.memberName, memberNo: x.memberNo })));
  await audit(scope, 'voucher_batch.export_redemptions', { type: 'voucher_batch', id }, { rows: rows.length });
  return { filename: `redemptions-${b.period}.xlsx`, chineseName: `核销明细-${b.title}-${b.period}.xlsx`, contentType: XLSX_TYPE, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
