/* The member's 聆听: send a request (optionally 不经本单位工会), follow the replies, rate the answer. */
import { and, desc, eq } from 'drizzle-orm';
import { AppError, firstUnionPath, replyDueAt, type FeedbackInput } from '@gonghui/shared';
import { encrypt } from '../../crypto';
import { schema } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { ownFeedbackRow } from '../../policies/feedback';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { myFeedbackDetail, myFeedbackViews } from './views';

const { feedbackRequests, feedbackMessages, unions } = schema;

export async function feedbackSender(scope: Scope, input: FeedbackInput) {
  const memberPath = scope.auth.memberUnionPath!;
  const path = firstUnionPath(memberPath, input.bypassGrassroots);
  const [u] = await scope.db.select({ id: unions.id }).from(unions).where(eq(unions.path, path));
  if (!u) throw new AppError('UNION_NOT_FOUND');
  const [f] = await scope.db
    .insert(feedbackRequests)
    .values({
      memberId: scope.auth.memberId!,
      userId: scope.auth.userId,
      memberUnionPath: memberPath,
      bypassGrassroots: input.bypassGrassroots && path !== memberPath,
      handlingUnionId: u.id,
      handlingPath: path,
      category: input.category,
      assignedAt: scope.now,
      dueAt: replyDueAt(scope.now),
      createdAt: scope.now,
    })
    .returning();
  await scope.db.insert(feedbackMessages).values({ requestId: f!.id, author: 'member', authorUserId: scope.auth.userId, textEnc: encrypt(scope.deps.keys, input.text), at: scope.now });
  await audit(scope, 'feedback.send', { type: 'feedback', id: f!.id }, { category: input.category, bypass: f!.bypassGrassroots });
  return myFeedbackDetail(scope, f!);
}

export async function myFeedbackList(scope: Scope, q: { cursor?: string; limit: number }) {
  const where = [eq(feedbackRequests.userId, scope.auth.userId)];
  const after = afterCursor(q.cursor, feedbackRequests.createdAt, feedbackRequests.id);
  if (after) where.push(after);
  const rows = await scope.db.select().from(feedbackRequests).where(and(...where)).orderBy(desc(feedbackRequests.createdAt), desc(feedbackRequests.id)).limit(q.limit + 1);
  const views = new Map((await myFeedbackViews(scope, rows.slice(0, q.limit))).map((v) => [v.id, v]));
  return pageOf(rows, q.limit, (f) => views.get(f.id)!, (f) => [f.createdAt.toISOString(), f.id]);
}

export async function myFeedback(scope: Scope, { id }: { id: string }) {
  return myFeedbackDetail(scope, await ownFeedbackRow(scope, id));
}

/** Once the union answered, the member rates it once (1–5 stars). */
export async function feedbackRater(scope: Scope, { id, score, comment }: { id: string; score: number; comment?: string }) {
  const f = await ownFeedbackRow(scope, id, { forUpdate: true });
  if (f.status === 'pending' || f.ratingScore !== null) throw new AppError('FEEDBACK_NOT_RATABLE');
  const [row] = await scope.db.update(feedbackRequests).set({ ratingScore: score, ratingComment: comment ?? null }).where(eq(feedbackRequests.id, f.id)).returning();
  await audit(scope, 'feedback.rate', { type: 'feedback', id: f.id }, { score });
  return myFeedbackDetail(scope, row!);
}
