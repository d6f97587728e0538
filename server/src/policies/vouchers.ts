import { eq } from 'drizzle-orm';
import { AppError, effectiveBatchStatus } from '@gonghui/shared';
import { schema } from '../db/index';
import type { Scope } from '../scope/scope';
import { all, definePolicy, type Rule } from './policy';
import { adminOver, pathInScope, staffOver } from './staff';

const { voucherBatches } = schema;
export type BatchRow = typeof voucherBatches.$inferSelect;

const byPath = (b: BatchRow) => b.unionPath;
/** A lottery batch's draw timing, or null for a first-come batch. */
export const lotteryTiming = (b: BatchRow) => (b.mode === 'lottery' && b.drawAt ? { drawAt: b.drawAt, drawnAt: b.drawnAt } : null);
const statusNow = (b: BatchRow, now: Date) => effectiveBatchStatus(b.status, b.startsAt, b.endsAt, now, lotteryTiming(b));

/** Drafts are prepared by any staff over the batch; once published, every change commits money and needs an admin. A lottery past its registration is as final as an ended batch. */
const editable: Rule<BatchRow> = (auth, b, now) => {
  const status = statusNow(b, now);
  if (status === 'ended' || status === 'closed' || status === 'awaiting_draw' || status === 'drawn') return 'VOUCHER_BATCH_FINISHED';
  return status === 'draft' ? staffOver(byPath)(auth, b, now) : adminOver(byPath)(auth, b, now);
};

export const batchPolicy = definePolicy<BatchRow, 'read' | 'update' | 'publish' | 'close'>({
  read: staffOver(byPath),
  update: editable,
  publish: all(adminOver(byPath), (_a, b) => (b.status === 'draft' ? true : 'VOUCHER_BATCH_NOT_DRAFT')),
  close: all(adminOver(byPath), (_a, b) => (b.status === 'published' ? true : 'VOUCHER_BATCH_NOT_PUBLISHED')),
});

/** A batch inside the caller's subtree, or 404; `forUpdate` locks it for the rest of the transaction. */
export async function scopedBatch(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<BatchRow> {
  const q = scope.db.select().from(voucherBatches).where(eq(voucherBatches.id, id)).limit(1);
  const [b] = opts.forUpdate ? await q.for('update') : await q;
  // a 送春联 offer's stock (purpose 'couplets') is changed only through its campaign
  if (!b || b.purpose !== 'voucher' || !pathInScope(scope.auth, b.unionPath)) throw new AppError('VOUCHER_BATCH_NOT_FOUND');
  return b;
}
