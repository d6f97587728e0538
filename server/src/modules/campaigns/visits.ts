/* 走访慰问: staff log visits to enterprises and people, what was given and from which funds. */
import { and, desc } from 'drizzle-orm';
import type { VisitInput, VisitView } from '@gonghui/shared';
import { schema } from '../../db/index';
import { decodeOffsetCursor, encodeCursor } from '../../lib/pagination';
import { inScopeSql } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { unionNames } from './views';

const { warmthVisits } = schema;
type VisitRow = typeof warmthVisits.$inferSelect;

const visitView = (v: VisitRow, unionName: string): VisitView => ({
  id: v.id,
  unionName,
  visitedOn: v.visitedOn,
  target: v.target,
  name: v.name,
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
  const names = await unionNames(scope.db, rows.map((r) => r.unionId));
  return { data: rows.slice(0, q.limit).map((v) => visitView(v, names.get(v.unionId) ?? '')), pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}
