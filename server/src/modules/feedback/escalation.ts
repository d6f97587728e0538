/* The minute job: a request its union has not answered within 24 hours moves up to the parent union's inbox. */
import { eq, sql } from 'drizzle-orm';
import { replyDueAt } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';

const BATCH = 100;

/**
 * Each overdue pending request goes one level up, with a fresh 24 hours there and a line in its
 * thread; at the root it stays. Rows are taken with SKIP LOCKED so several processes may run it.
 */
export async function escalateOverdueFeedback(db: Db, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string; parent_id: string; parent_path: string }>(
        tx as unknown as Db,
        sql`select f.id, p.id as parent_id, p.path as parent_path
              from feedback_requests f join unions u on u.id = f.handling_union_id join unions p on p.id = u.parent_id
             where f.status = 'pending' and f.due_at <= ${now}
             order by f.due_at limit ${BATCH} for update of f skip locked`,
      );
      for (const r of rows) {
        await tx
          .update(schema.feedbackRequests)
          .set({ handlingUnionId: r.parent_id, handlingPath: r.parent_path, assignedAt: now, dueAt: replyDueAt(now), escalations: sql`${schema.feedbackRequests.escalations} + 1` })
          .where(eq(schema.feedbackRequests.id, r.id));
        await tx.insert(schema.feedbackMessages).values({ requestId: r.id, author: 'system', event: 'escalated', unionId: r.parent_id, at: now });
      }
      return rows.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
