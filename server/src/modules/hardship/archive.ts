/* The archive: entries in the caller's subtrees, due re-checks, 脱困 (H1–H4), relief on an entry. */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { AppError, type ArchiveDetail, type ArchiveStatus, type ArchiveView, type RecheckBody } from '@gonghui/shared';
import { schema } from '../../db/index';
import { assertHardshipDuty, hardshipMayRead, hardshipScopeSql } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { assertConsent, nextYear, readsOf, recordRead, shanghaiDay } from './common';
import { reliefViews } from './relief';

const { hardshipArchive, hardshipApplications, hardshipConsents, members, unions, reliefPayments } = schema;
export type ArchiveRow = typeof hardshipArchive.$inferSelect;

export async function scopedArchive(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<ArchiveRow> {
  assertHardshipDuty(scope.auth);
  const q = scope.db.select().from(hardshipArchive).where(eq(hardshipArchive.id, id)).limit(1);
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a || !hardshipMayRead(scope.auth, a.unionPath)) throw new AppError('HARDSHIP_NOT_FOUND');
  return a;
}

async function archiveViews(scope: Scope, rows: ArchiveRow[]): Promise<(ArchiveView & { idNumberMasked: string })[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.memberId))];
  const ms = await scope.db
    .select({ id: members.id, name: members.name, memberNo: members.memberNo, idNumberMasked: members.idNumberMasked, unionName: unions.name })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(inArray(members.id, ids));
  const live = new Set(
    (await scope.db.select({ memberId: hardshipConsents.memberId }).from(hardshipConsents).where(and(inArray(hardshipConsents.memberId, ids), isNull(hardshipConsents.withdrawnAt)))).map((c) => c.memberId),
  );
  const byId = new Map(ms.map((m) => [m.id, m]));
  const today = shanghaiDay(scope.now);
  return rows.map((a) => {
    const m = byId.get(a.memberId)!;
    return {
      id: a.id,
      memberId: a.memberId,
      memberName: m.name,
      memberNo: m.memberNo,
      unionName: m.unionName,
      idNumberMasked: m.idNumberMasked,
      category: a.category,
      status: a.status,
      archivedAt: a.archivedAt.toISOString(),
      recheckDue: a.recheckDue,
      due: a.status === 'active' && a.recheckDue <= today,
      exitWay: a.exitWay,
      exitDate: a.exitDate,
      consentWithdrawn: !live.has(a.memberId),
    };
  });
}

/** The archive of the caller's subtrees; `due`: active entries whose yearly re-check is today or past, soonest first. */
export async function archiveList(scope: Scope, q: { status?: ArchiveStatus; due?: '1' }) {
  assertHardshipDuty(scope.auth);
  const where = [hardshipScopeSql(scope.auth, hardshipArchive.unionPath)];
  if (q.status) where.push(eq(hardshipArchive.status, q.status));
  if (q.due) where.push(eq(hardshipArchive.status, 'active'), lte(hardshipArchive.recheckDue, shanghaiDay(scope.now)));
  const rows = await scope.db
    .select()
    .from(hardshipArchive)
    .where(and(...where))
    .orderBy(sql`(${hardshipArchive.status} = 'active') desc`, asc(hardshipArchive.recheckDue), desc(hardshipArchive.archivedAt))
    .limit(300);
  return { data: (await archiveViews(scope, rows)).map(({ idNumberMasked: _, ...v }) => v) };
}

async function detail(scope: Scope, a: ArchiveRow): Promise<ArchiveDetail> {
  const [v] = await archiveViews(scope, [a]);
  const [app] = a.applicationId ? await scope.db.select({ groups: hardshipApplications.computedGroups }).from(hardshipApplications).where(eq(hardshipApplications.id, a.applicationId)) : [];
  const reliefs = await scope.db.select().from(reliefPayments).where(eq(reliefPayments.archiveId, a.id)).orderBy(desc(reliefPayments.recordedAt)).limit(100);
  return { ...v!, bankName: a.bankName, bankCardMasked: a.bankCardMasked, computedGroups: app?.groups ?? [], reliefs: await reliefViews(scope, reliefs), reads: await readsOf(scope.db, a.memberId) };
}

/** Opening an entry is a read of the member's record: it is audited and the member sees it. */
export async function archiveEntry(scope: Scope, { id }: { id: string }): Promise<ArchiveDetail> {
  const a = await scopedArchive(scope, id);
  await recordRead(scope, { id: a.memberId, unionPath: a.unionPath }, 'record', null);
  return detail(scope, a);
}

/** The yearly re-check: still in hardship (next re-check in a year, category may change), or 脱困 with how and when. */
export async function archiveRechecker(scope: Scope, { id, body }: { id: string; body: RecheckBody }): Promise<ArchiveDetail> {
  const a = await scopedArchive(scope, id, { forUpdate: true });
  if (a.status !== 'active') throw new AppError('HARDSHIP_ARCHIVE_CLOSED');
  await assertConsent(scope.db, a.memberId);
  const today = shanghaiDay(scope.now);
  if (body.outcome === 'continue') {
    await scope.db
      .update(hardshipArchive)
      .set({ lastCheckedAt: scope.now, recheckDue: nextYear(today), ...(body.category ? { category: body.category } : {}) })
      .where(eq(hardshipArchive.id, a.id));
  } else {
    if (body.exitDate! > today) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'body.exitDate', message: '脱困日期不能晚于今天' }] });
    await scope.db
      .update(hardshipArchive)
      .set({ status: 'exited', lastCheckedAt: scope.now, exitWay: body.exitWay!, exitDate: body.exitDate!, exitNote: body.note ?? null, exitedBy: scope.auth.userId })
      .where(eq(hardshipArchive.id, a.id));
    await scope.db.update(members).set({ tags: sql`array_remove(${members.tags}, 'hardship')` }).where(eq(members.id, a.memberId));
  }
  await audit(scope, body.outcome === 'exit' ? 'hardship.exit' : 'hardship.recheck', { type: 'hardship_archive', id: a.id }, { exitWay: body.exitWay ?? null, category: body.category ?? null });
  const [row] = await scope.db.select().from(hardshipArchive).where(eq(hardshipArchive.id, a.id));
  return detail(scope, row!);
}
