/* Scheduled work for wishes: release adoptions past their deadline, expire wishes nobody adopted by their date. */
import { and, eq, lt } from 'drizzle-orm';
import { shanghaiDate } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import { adoptionReleaser, overdueAdoptions } from './adoptions';
import { wishTransition, type WishScope } from './transition';

const BATCH = 50;

/** Runs `step` over batches in short transactions of their own, until a batch comes back short. */
async function inBatches(db: Db, now: Date, job: string, step: (scope: WishScope) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction((tx) => step({ db: tx as unknown as Db, now, requestId: `job:${job}` }));
    total += n;
    if (n < BATCH) return total;
  }
}

/** Adoptions past their deadline go back to published; both sides are told (the transition writes the notices). */
export function releaseOverdueAdoptions(db: Db, now: Date): Promise<number> {
  return inBatches(db, now, 'wish-overdue', async (scope) => {
    const rows = await overdueAdoptions(scope, BATCH);
    for (const { w } of rows) await adoptionReleaser(scope, w, { actor: 'system', releasedBy: 'overdue' });
    return rows.length;
  });
}

/** Published wishes whose wished-for date passed without a donor. */
export function expireUnadoptedWishes(db: Db, now: Date): Promise<number> {
  return inBatches(db, now, 'wish-expiry', async (scope) => {
    const rows = await scope.db
      .select()
      .from(schema.wishes)
      .where(and(eq(schema.wishes.status, 'published'), lt(schema.wishes.wishedBy, shanghaiDate(now))))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    for (const w of rows) await wishTransition(scope, w, 'expire', { actor: 'system', note: '期望日期已过，未被认领' });
    return rows.length;
  });
}
