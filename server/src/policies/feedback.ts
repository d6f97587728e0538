import { and, eq, not, or, type SQL } from 'drizzle-orm';
import { AppError, handoverAllowed, staffMayAct, staffMayRead } from '@gonghui/shared';
import { schema } from '../db/index';
import type { Auth } from '../scope/auth';
import type { Scope } from '../scope/scope';
import { all, definePolicy, type Rule } from './policy';
import { inScopeSql } from './staff';

const { feedbackRequests } = schema;
export type FeedbackRow = typeof feedbackRequests.$inferSelect;

const paths = (auth: Auth) => auth.staff.map((s) => s.path);
const facts = (f: FeedbackRow) => ({ handlingPath: f.handlingPath, memberUnionPath: f.memberUnionPath, bypassGrassroots: f.bypassGrassroots });
const holds: Rule<FeedbackRow> = (auth, f) => (staffMayAct(paths(auth), f.handlingPath) ? true : 'FORBIDDEN');
const open: Rule<FeedbackRow> = (_a, f) => (f.status === 'closed' ? 'FEEDBACK_CLOSED' : true);

/** Staff over the union now holding a request reply, hand over and close; others above the member may only read. */
export const feedbackPolicy = definePolicy<FeedbackRow, 'reply' | 'handover' | 'close'>({
  reply: all(holds, open),
  handover: all(holds, open),
  close: all(holds, open),
});

/** Where a request may be handed: a union in the caller's subtree, and never back to the workplace it bypassed. */
export function assertHandoverTarget(auth: Auth, f: FeedbackRow, targetPath: string): void {
  if (!staffMayAct(paths(auth), targetPath)) throw new AppError('UNION_NOT_FOUND');
  if (!handoverAllowed(targetPath, facts(f))) throw new AppError('FEEDBACK_HANDOVER_NOT_ALLOWED');
}

/** SQL for staffMayRead: held in the subtree, or from a member of the subtree who did not bypass their union. */
export function feedbackVisibleSql(auth: Auth): SQL {
  return or(inScopeSql(auth, feedbackRequests.handlingPath), and(not(feedbackRequests.bypassGrassroots), inScopeSql(auth, feedbackRequests.memberUnionPath)))!;
}

/** A request the caller may read, or 404: a 不经本单位工会 request does not exist for the member's own union. */
export async function staffFeedbackRow(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<FeedbackRow> {
  const q = scope.db.select().from(feedbackRequests).where(eq(feedbackRequests.id, id)).limit(1);
  const [f] = opts.forUpdate ? await q.for('update') : await q;
  if (!f || !staffMayRead(paths(scope.auth), facts(f))) throw new AppError('FEEDBACK_NOT_FOUND');
  return f;
}

/** One of the caller's own requests, or 404. */
export async function ownFeedbackRow(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<FeedbackRow> {
  const q = scope.db.select().from(feedbackRequests).where(and(eq(feedbackRequests.id, id), eq(feedbackRequests.userId, scope.auth.userId))).limit(1);
  const [f] = opts.forUpdate ? await q.for('update') : await q;
  if (!f) throw new AppError('FEEDBACK_NOT_FOUND');
  return f;
}

