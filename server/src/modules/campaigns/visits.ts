/* 走访慰问: staff log visits to enterprises and people, what was given and from which funds. */
import { and, desc, eq } from 'drizzle-orm';
import { AppError, HARDSHIP_VISIT_CATEGORIES, maskName, type VisitInput, type VisitView } from '@gonghui/shared';
import { schema } from '../../db/index';
import { decodeOffsetCursor, encodeCursor } from '../../lib/pagination';
import { hardshipMayRead } from '../../policies/hardship';
import { inScopeSql } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { unionNames } from './views';

const { warmthVisits } = schema;
type VisitRow = typeof warmthVisits.$inferSelect;

/** A visit to a person in hardship (C1–C4, C11) names them: only staff with the hardship duty over the union read the name whole. */
const isSensitive = (v: VisitRow) => v.target === 'person' && !!v.category && HARDSHIP_VISIT_CATEGORIES.includes(v.category);
const nameShown = (scope: Scope, v: VisitRow) => !isSensitive(v) || hardshipMayRead(scope.auth, v.unionPath);

const visitView = (v: VisitRow, unionName: string, whole = true): VisitView => ({
  id: v.id,
  unionName,
  visitedOn: v.visitedOn,
  target: v.target,
  name: whole ? v.name : maskName(v.name),
  category: v.category,
  newForm: v.newForm,
  moneyFen: v.moneyFen,
  goodsFen: v.goodsFen,
  fund: v.fund as VisitView['fund'],
  note: v.note,
});

export async function visitLogger(scope: Scope, input: VisitInput): Promise<VisitView> {
  const u = await scopedUnion(scope, input.unionId);
  const [row] = await scope.db
    .insert(warmthVisits)
    .values({
      unionId: u.id,
      unionPath: u.path,
      visitedOn: input.visitedOn,
      target: input.target,
      name: input.name,
      category: input.target === 'person' ? input.category : null,
      newForm: input.target === 'person' && input.newForm,
      moneyFen: input.moneyFen,
      goodsFen: input.goodsFen,
      fund: input.fund,
      note: input.note,
      createdBy: scope.auth.userId,
      createdAt: scope.now,
    })
    .returning();
  await audit(scope, 'campaign.log_visit', { type: 'warmth_visit', id: row!.id }, { unionId: u.id });
  return visitView(row!, u.name);
}

/** The subtree's visits (or one union's subtree), latest first. */
export async function visitList(scope: Scope, q: { unionId?: string; cursor?: string; limit: number }) {
  const where = [inScopeSql(scope.auth, warmthVisits.unionPath)];
  if (q.unionId) {
    const u = await scopedUnion(scope, q.unionId);
    where.push(inScopeSql({ ...scope.auth, staff: [{ unionId: u.id, path: u.path, role: 'operator' }] }, warmthVisits.unionPath));
  }
  const offset = decodeOffsetCursor(q.cursor);
  const rows = await scope.db.select().from(warmthVisits).where(and(...where)).orderBy(desc(warmthVisits.visitedOn), desc(warmthVisits.createdAt)).limit(q.limit + 1).offset(offset);
  const page = rows.slice(0, q.limit);
  const names = await unionNames(scope.db, page.map((r) => r.unionId));
  // names of people in hardship read whole are audited, like every full read of hardship data
  const read = page.filter((v) => isSensitive(v) && nameShown(scope, v)).map((v) => v.id);
  if (read.length) await audit(scope, 'campaign.read_visit_names', { type: 'warmth_visit', id: read[0]! }, { visitIds: read });
  return { data: page.map((v) => visitView(v, names.get(v.unionId) ?? '', nameShown(scope, v))), pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

/** A visit of the caller's subtree, or 404. */
async function scopedVisit(scope: Scope, id: string): Promise<VisitRow> {
  const [v] = await scope.db.select().from(warmthVisits).where(and(eq(warmthVisits.id, id), inScopeSql(scope.auth, warmthVisits.unionPath))).limit(1);
  if (!v) throw new AppError('VISIT_NOT_FOUND');
  return v;
}

/**
 * Corrects a visit (it may move to another union of the subtree). A name sent back as the masked
 * one the caller was shown keeps the stored name: staff without the hardship duty can correct the
 * amounts without ever reading it.
 */
export async function visitUpdater(scope: Scope, { id, input }: { id: string; input: VisitInput }): Promise<VisitView> {
  const before = await scopedVisit(scope, id);
  const u = await scopedUnion(scope, input.unionId);
  const whole = nameShown(scope, before);
  const name = !whole && input.name === maskName(before.name) ? before.name : input.name;
  const [row] = await scope.db
    .update(warmthVisits)
    .set({
      unionId: u.id,
      unionPath: u.path,
      visitedOn: input.visitedOn,
      target: input.target,
      name,
      category: input.target === 'person' ? input.category : null,
      newForm: input.target === 'person' && input.newForm,
      moneyFen: input.moneyFen,
      goodsFen: input.goodsFen,
      fund: input.fund,
      note: input.note,
    })
    .where(eq(warmthVisits.id, before.id))
    .returning();
  await audit(scope, 'campaign.update_visit', { type: 'warmth_visit', id: before.id }, {
    before: { unionId: before.unionId, visitedOn: before.visitedOn, category: before.category, moneyFen: before.moneyFen, goodsFen: before.goodsFen, fund: before.fund },
    after: { unionId: u.id, visitedOn: input.visitedOn, category: row!.category, moneyFen: input.moneyFen, goodsFen: input.goodsFen, fund: input.fund },
    renamed: name !== before.name,
  });
  return visitView(row!, u.name, nameShown(scope, row!));
}

/** Deletes a visit logged by mistake (the audit keeps what it said, without the person's name). */
export async function visitDeleter(scope: Scope, { id }: { id: string }): Promise<{ ok: true }> {
  const v = await scopedVisit(scope, id);
  await scope.db.delete(warmthVisits).where(eq(warmthVisits.id, v.id));
  await audit(scope, 'campaign.delete_visit', { type: 'warmth_visit', id: v.id }, { unionId: v.unionId, visitedOn: v.visitedOn, target: v.target, category: v.category, moneyFen: v.moneyFen, goodsFen: v.goodsFen, fund: v.fund });
  return { ok: true };
}
