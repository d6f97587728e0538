/*
 * Relief (帮扶) paid by real name: recorded on an active archive entry, approved by a second staff
 * member above the union's line, exported to the bank (CSV via csv-stringify, XLSX via exceljs),
 * and paid only when staff confirm — once: a conditional update decides, on PGlite and PostgreSQL alike.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { AppError, formatShanghai, fundSourceCodes, fundSourceLabels, reliefKindLabels, type ReliefBody, type ReliefFileView, type ReliefStatus, type ReliefView } from '@gonghui/shared';
import { decrypt } from '../../crypto';
import { queryRows, schema } from '../../db/index';
import type { BinaryFile } from '../../http/route';
import { assertHardshipDuty, hardshipHomeUnion, hardshipMayRead, hardshipScopeSql } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { assertConsent, recordReads, thresholdsFor } from './common';
import { scopedArchive } from './archive';

const { reliefPayments, reliefPaymentFiles, members, unions, staffRoles } = schema;
type ReliefRow = typeof reliefPayments.$inferSelect;

export async function reliefViews(scope: Scope, rows: ReliefRow[]): Promise<ReliefView[]> {
  if (rows.length === 0) return [];
  const ms = await scope.db
    .select({ id: members.id, memberNo: members.memberNo, unionName: unions.name })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(inArray(members.id, [...new Set(rows.map((r) => r.memberId))]));
  const byId = new Map(ms.map((m) => [m.id, m]));
  const people = [...new Set(rows.flatMap((r) => [r.recordedBy, r.approvedBy].filter((x): x is string => !!x)))];
  const names = new Map(
    (await scope.db.select({ userId: staffRoles.userId, name: staffRoles.displayName }).from(staffRoles).where(inArray(staffRoles.userId, people)).orderBy(staffRoles.createdAt)).map((r) => [r.userId, r.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    archiveId: r.archiveId,
    memberName: r.payeeName,
    memberNo: byId.get(r.memberId)?.memberNo ?? '',
    unionName: byId.get(r.memberId)?.unionName ?? '',
    kind: r.kind,
    form: r.form,
    amountFen: r.amountFen,
    fundSource: r.fundSource,
    note: r.note,
    status: r.status,
    payeeName: r.payeeName,
    bankName: r.bankName,
    bankCardMasked: r.bankCardMasked,
    recordedByName: names.get(r.recordedBy) || '工会工作人员',
    recordedAt: r.recordedAt.toISOString(),
    approvedByName: r.approvedBy ? names.get(r.approvedBy) || '工会工作人员' : null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    rejectReason: r.rejectReason,
    exportedAt: r.exportedAt?.toISOString() ?? null,
    paidAt: r.paidAt?.toISOString() ?? null,
    abilities: {
      approve: r.status === 'awaiting_approval' && r.recordedBy !== scope.auth.userId,
      reject: r.status === 'awaiting_approval' && r.recordedBy !== scope.auth.userId,
      confirm: r.status === 'approved' && (r.form === 'in_kind' || r.exportedAt !== null),
    },
  }));
}

async function scopedRelief(scope: Scope, id: string): Promise<ReliefRow> {
  assertHardshipDuty(scope.auth);
  const [r] = await scope.db.select().from(reliefPayments).where(eq(reliefPayments.id, id)).limit(1);
  if (!r || !hardshipMayRead(scope.auth, r.unionPath)) throw new AppError('RELIEF_NOT_FOUND');
  return r;
}

/** Relief to an archived member: cash goes to the card on the archive, in the member's real name. */
export async function reliefRecorder(scope: Scope, { archiveId, body }: { archiveId: string; body: ReliefBody }): Promise<ReliefView> {
  const a = await scopedArchive(scope, archiveId, { forUpdate: true });
  if (a.status !== 'active') throw new AppError('HARDSHIP_ARCHIVE_CLOSED');
  await assertConsent(scope.db, a.memberId);
  const [m] = await scope.db.select({ name: members.name }).from(members).where(eq(members.id, a.memberId));
  const line = (await thresholdsFor(scope.db, a.unionPath)).secondApprovalAboveFen;
  // the line holds for the member's total this (Asia/Shanghai) calendar year, this payment included:
  // splitting one payment into parts below the line does not avoid the second person
  const year = shanghaiYear(scope.now);
  const [{ total } = { total: 0 }] = await queryRows<{ total: string | number }>(
    scope.db,
    sql`select coalesce(sum(amount_fen), 0) as total from relief_payments
         where member_id = ${a.memberId} and status <> 'rejected'
           and recorded_at >= ${yearStartUtc(year).toISOString()}::timestamptz and recorded_at < ${yearStartUtc(year + 1).toISOString()}::timestamptz`,
  );
  const yearTotal = Number(total) + body.amountFen;
  const cash = body.form === 'cash';
  if (cash && !a.bankCardEnc) throw new AppError('HARDSHIP_CONSENT_WITHDRAWN');
  const [row] = await scope.db
    .insert(reliefPayments)
    .values({
      archiveId: a.id,
      memberId: a.memberId,
      unionId: a.unionId,
      unionPath: a.unionPath,
      kind: body.kind,
      form: body.form,
      amountFen: body.amountFen,
      fundSource: body.fundSource,
      note: body.note,
      payeeName: m!.name,
      bankName: cash ? a.bankName : null,
      bankCardEnc: cash ? a.bankCardEnc : null,
      bankCardMasked: cash ? a.bankCardMasked : null,
      status: yearTotal > line ? 'awaiting_approval' : 'approved',
      recordedBy: scope.auth.userId,
      recordedAt: scope.now,
    })
    .returning();
  await audit(scope, 'relief.record', { type: 'relief', id: row!.id }, { amountFen: body.amountFen, yearTotalFen: yearTotal, kind: body.kind, fundSource: body.fundSource, secondApproval: row!.status === 'awaiting_approval' });
  return (await reliefViews(scope, [row!]))[0]!;
}

export async function reliefList(scope: Scope, q: { status?: ReliefStatus }) {
  assertHardshipDuty(scope.auth);
  const where = [hardshipScopeSql(scope.auth, reliefPayments.unionPath)];
  if (q.status) where.push(eq(reliefPayments.status, q.status));
  const rows = await scope.db
    .select()
    .from(reliefPayments)
    .where(and(...where))
    .orderBy(sql`case ${reliefPayments.status} when 'awaiting_approval' then 0 when 'approved' then 1 else 2 end`, desc(reliefPayments.recordedAt))
    .limit(300);
  return { data: await reliefViews(scope, rows) };
}

/** The second person: never the one who recorded it; only while it waits (a conditional update decides races). */
export async function reliefApprover(scope: Scope, { id, approve, reason }: { id: string; approve: boolean; reason?: string }): Promise<ReliefView> {
  const r = await scopedRelief(scope, id);
  if (r.recordedBy === scope.auth.userId) throw new AppError('RELIEF_SAME_PERSON');
  if (approve) await assertConsent(scope.db, r.memberId);
  const [row] = await scope.db
    .update(reliefPayments)
    .set(approve ? { status: 'approved', approvedBy: scope.auth.userId, approvedAt: scope.now } : { status: 'rejected', rejectedBy: scope.auth.userId, rejectedAt: scope.now, rejectReason: reason ?? null })
    .where(and(eq(reliefPayments.id, r.id), eq(reliefPayments.status, 'awaiting_approval')))
    .returning();
  if (!row) throw new AppError('RELIEF_NOT_AWAITING');
  await audit(scope, approve ? 'relief.approve' : 'relief.reject', { type: 'relief', id: r.id });
  return (await reliefViews(scope, [row]))[0]!;
}

/** Paid: the bank paid (after export) or the goods were handed over. Exactly once, whoever clicks first. */
export async function reliefConfirmer(scope: Scope, { id }: { id: string }): Promise<ReliefView> {
  const r = await scopedRelief(scope, id);
  if (r.status === 'paid') throw new AppError('RELIEF_ALREADY_PAID');
  if (r.status !== 'approved') throw new AppError('RELIEF_NOT_APPROVED');
  if (r.form === 'cash' && !r.exportedAt) throw new AppError('RELIEF_NOT_EXPORTED');
  const [row] = await scope.db
    .update(reliefPayments)
    .set({ status: 'paid', paidAt: scope.now, confirmedBy: scope.auth.userId })
    .where(and(eq(reliefPayments.id, r.id), eq(reliefPayments.status, 'approved')))
    .returning();
  if (!row) throw new AppError('RELIEF_ALREADY_PAID');
  await audit(scope, 'relief.confirm', { type: 'relief', id: r.id }, { amountFen: r.amountFen, fundSource: r.fundSource });
  return (await reliefViews(scope, [row]))[0]!;
}

/** The Asia/Shanghai calendar year of an instant, and the UTC instant that year begins. */
function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
function yearStartUtc(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - 8 * 3600_000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The bank's payment file for approved cash relief not yet in any file, in the caller's subtrees: the
 * payments are put in the file (待银行支付) once and for all, so a file's contents never change and
 * a second export never pays anyone twice.
 */
export async function reliefExporter(scope: Scope, { format }: { format: 'csv' | 'xlsx' }): Promise<ReliefFileView> {
  assertHardshipDuty(scope.auth);
  const rows = await scope.db
    .select()
    .from(reliefPayments)
    .where(
      and(
        hardshipScopeSql(scope.auth, reliefPayments.unionPath),
        eq(reliefPayments.status, 'approved'),
        eq(reliefPayments.form, 'cash'),
        isNotNull(reliefPayments.bankCardEnc),
        ne(reliefPayments.bankCardEnc, ''),
        isNull(reliefPayments.paymentFileId),
        // withdrawn consent (or a deleted account) stops processing: no new bank file pays them
        sql`exists (select 1 from hardship_consents c where c.member_id = ${reliefPayments.memberId} and c.withdrawn_at is null)`,
      ),
    )
    .orderBy(reliefPayments.recordedAt)
    .for('update');
  if (rows.length === 0) throw new AppError('RELIEF_NOTHING_TO_EXPORT');
  const total = rows.reduce((s, r) => s + r.amountFen, 0);
  const [file] = await scope.db
    .insert(reliefPaymentFiles)
    .values({ unionId: hardshipHomeUnion(scope.auth).unionId, format, paymentCount: rows.length, totalFen: total, createdBy: scope.auth.userId, createdAt: scope.now })
    .returning();
  await scope.db
    .update(reliefPayments)
    .set({ paymentFileId: file!.id, exportedAt: scope.now })
    // a payment belongs to one file for good: never moved into a later one
    .where(and(inArray(reliefPayments.id, rows.map((r) => r.id)), isNull(reliefPayments.paymentFileId)));
  await audit(scope, 'relief.export', { type: 'relief_file', id: file!.id }, { count: rows.length, totalFen: total, format });
  return { id: file!.id, format, paymentCount: rows.length, totalFen: total, createdAt: scope.now.toISOString() };
}

/**
 * The file itself. The bank needs the full card numbers, so every download is a full-value read:
 * one audit row per member (field bank_card), which the member sees.
 */
export async function reliefFile(scope: Scope, { id }: { id: string }): Promise<BinaryFile> {
  assertHardshipDuty(scope.auth);
  const [file] = await scope.db.select().from(reliefPaymentFiles).where(eq(reliefPaymentFiles.id, id));
  if (!file) throw new AppError('RELIEF_NOT_FOUND');
  const rows = await scope.db
    .select()
    .from(reliefPayments)
    .where(and(eq(reliefPayments.paymentFileId, file.id), hardshipScopeSql(scope.auth, reliefPayments.unionPath)))
    .orderBy(reliefPayments.recordedAt);
  if (rows.length === 0) throw new AppError('RELIEF_NOT_FOUND');
  // one read per member on the file, written in one statement
  const byMember = new Map(rows.map((r) => [r.memberId, { id: r.memberId, unionPath: r.unionPath }]));
  await recordReads(scope, [...byMember.values()], 'bank_card', '导出银行代发文件');
  await audit(scope, 'relief.download', { type: 'relief_file', id: file.id }, { count: rows.length });
  const total = rows.reduce((s, r) => s + r.amountFen, 0);
  const header = ['序号', '收款人姓名', '收款账号', '开户银行', '金额（元）', '用途', '资金来源', '业务编号'];
  const lines = rows.map((r, i) => [
    String(i + 1),
    r.payeeName,
    r.bankCardEnc ? decrypt(scope.deps.keys, r.bankCardEnc) : '',
    r.bankName ?? '',
    (r.amountFen / 100).toFixed(2),
    `${reliefKindLabels[r.kind]}${r.note ? `：${r.note}` : ''}`,
    `${fundSourceCodes[r.fundSource]} ${fundSourceLabels[r.fundSource]}`,
    r.id,
  ]);
  const stamp = formatShanghai(file.createdAt, true).replace(/[^0-9]/g, '');
  if (file.format === 'csv') {
    // a BOM so Excel opens the Chinese as UTF-8; cells starting with = + - @ are defused (CSV injection)
    const body = '\uFEFF' + stringify([header, ...lines], { escape_formulas: true });
    return { filename: `relief-${stamp}.csv`, chineseName: `帮扶资金代发-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', buffer: Buffer.from(body, 'utf8') };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  const sheet = wb.addWorksheet('代发明细');
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  for (const l of lines) sheet.addRow(l);
  // card numbers stay text (a number would lose digits)
  sheet.getColumn(3).numFmt = '@';
  sheet.columns.forEach((c, i) => (c.width = [6, 12, 24, 20, 12, 24, 16, 38][i]));
  sheet.addRow([]);
  sheet.addRow(['合计', `${rows.length}笔`, '', '', (total / 100).toFixed(2)]);
  return { filename: `relief-${stamp}.xlsx`, chineseName: `帮扶资金代发-${stamp}.xlsx`, contentType: XLSX_TYPE, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
