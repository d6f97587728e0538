/* Union staff's 聆听: the inbox with time left, replies, handing over within their subtree, closing. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, NOTICE_PAGES, replyDueAt, type FeedbackStatus } from '@gonghui/shared';
import { encrypt } from '../../crypto';
import { schema } from '../../db/index';
import { decodeCursor, encodeCursor } from '../../lib/pagination';
import { assertHandoverTarget, feedbackPolicy, feedbackVisibleSql, staffFeedbackRow, type FeedbackRow } from '../../policies/feedback';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { notify } from '../notices/notify';
import { staffFeedbackDetail, staffFeedbackViews } from './views';

const { feedbackRequests, feedbackMessages, unions } = schema;

/**
 * The inbox: requests held by the caller's own unions, the most urgent first (pending by time
 * left, then the rest newest first). "all": everything the caller may read in their subtree.
 */
export async function staffFeedbackList(scope: Scope, q: { box: 'inbox' | 'all'; status?: FeedbackStatus; cursor?: string; limit: number }) {
  const where = [q.box === 'inbox' ? inArray(feedbackRequests.handlingUnionId, scope.auth.staff.map((s) => s.unionId)) : feedbackVisibleSql(scope.auth)];
  if (q.status) where.push(eq(feedbackRequests.status, q.status));
  const offset = q.cursor ? Number(decodeCursor(q.cursor, ['string'])[0]) || 0 : 0;
  const rows = await scope.db
    .select()
    .from(feedbackRequests)
    .where(and(...where))
    // waiting ones first, by time left; then the rest newest first
    .orderBy(
      sql`(${feedbackRequests.status} = 'pending') desc`,
      sql`case when ${feedbackRequests.status} = 'pending' then ${feedbackRequests.dueAt} end asc`,
      desc(feedbackRequests.createdAt),
      desc(feedbackRequests.id),
    )
    .limit(q.limit + 1)
    .offset(offset);
  const data = await staffFeedbackViews(scope, rows.slice(0, q.limit));
  // the list shows the opening words of each request: that is a read too
  if (data.length) await audit(scope, 'feedback.list-read', { type: 'feedback' }, { ids: data.map((f) => f.id) });
  return { data, pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

/** Reading a request's words is audited: they may tell of a dispute with the employer. */
export async function staffFeedback(scope: Scope, { id }: { id: string }) {
  const f = await staffFeedbackRow(scope, id);
  await audit(scope, 'feedback.read', { type: 'feedback', id: f.id });
  return staffFeedbackDetail(scope, f);
}

/** The union a staff member speaks for on this request: the one of theirs that holds it (the nearest above it). */
function actingUnionId(scope: Scope, f: FeedbackRow): string {
  const mine = scope.auth.staff.filter((s) => f.handlingPath.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length);
  return mine[0]?.unionId ?? f.handlingUnionId;
}

export async function feedbackReplier(scope: Scope, { id, text }: { id: string; text: string }) {
  const f = await staffFeedbackRow(scope, id, { forUpdate: true });
  feedbackPolicy.authorize(scope, 'reply', f);
  await scope.db.insert(feedbackMessages).values({ requestId: f.id, author: 'staff', authorUserId: scope.auth.userId, unionId: actingUnionId(scope, f), textEnc: encrypt(scope.deps.keys, text), at: scope.now });
  const [row] = await scope.db
    .update(feedbackRequests)
    .set({ status: 'replied', firstRepliedAt: f.firstRepliedAt ?? scope.now })
    .where(eq(feedbackRequests.id, f.id))
    .returning();
  await notify(scope, { userId: f.userId, kind: 'feedback.reply', title: '您的诉求有了回复', body: '工会已回复您在「聆听」提交的诉求，点击查看。', link: { page: NOTICE_PAGES.myFeedback, id: f.id } });
  await audit(scope, 'feedback.reply', { type: 'feedback', id: f.id });
  return staffFeedbackDetail(scope, row!);
}

/** To another union of the caller's subtree; a request still waiting gets a fresh 24 hours there. */
export async function feedbackHandover(scope: Scope, { id, unionId, note }: { id: string; unionId: string; note?: string }) {
  const f = await staffFeedbackRow(scope, id, { forUpdate: true });
  feedbackPolicy.authorize(scope, 'handover', f);
  const [u] = await scope.db.select({ id: unions.id, path: unions.path }).from(unions).where(eq(unions.id, unionId));
  if (!u) throw new AppError('UNION_NOT_FOUND');
  // to the union that holds it already would only restart its 24 hours: not a hand-over
  if (u.id === f.handlingUnionId) throw new AppError('FEEDBACK_HANDOVER_SAME_UNION');
  assertHandoverTarget(scope.auth, f, u.path);
  if (note) await scope.db.insert(feedbackMessages).values({ requestId: f.id, author: 'staff', authorUserId: scope.auth.userId, unionId: actingUnionId(scope, f), textEnc: encrypt(scope.deps.keys, note), at: scope.now });
  await scope.db.insert(feedbackMessages).values({ requestId: f.id, author: 'system', event: 'handed_over', unionId: u.id, at: scope.now });
  const [row] = await scope.db
    .update(feedbackRequests)
    .set({ handlingUnionId: u.id, handlingPath: u.path, ...(f.status === 'pending' ? { assignedAt: scope.now, dueAt: replyDueAt(scope.now) } : {}) })
    .where(eq(feedbackRequests.id, f.id))
    .returning();
  await audit(scope, 'feedback.handover', { type: 'feedback', id: f.id }, { to: u.id });
  return staffFeedbackDetail(scope, row!);
}

export async function feedbackCloser(scope: Scope, { id, note }: { id: string; note?: string }) {
  const f = await staffFeedbackRow(scope, id, { forUpdate: true });
  feedbackPolicy.authorize(scope, 'close', f);
  // a member never answered is told why it is closed
  if (!f.firstRepliedAt && !note?.trim()) throw new AppError('FEEDBACK_CLOSE_NEEDS_NOTE', { issues: [{ path: 'body.note', message: '尚未回复职工，请写明办结说明' }] });
  const union = actingUnionId(scope, f);
  if (note) await scope.db.insert(feedbackMessages).values({ requestId: f.id, author: 'staff', authorUserId: scope.auth.userId, unionId: union, textEnc: encrypt(scope.deps.keys, note), at: scope.now });
  await scope.db.insert(feedbackMessages).values({ requestId: f.id, author: 'system', event: 'closed', unionId: union, at: scope.now });
  const [row] = await scope.db
    .update(feedbackRequests)
    .set({ status: 'closed', closedAt: scope.now, firstRepliedAt: f.firstRepliedAt ?? (note ? scope.now : null) })
    .where(eq(feedbackRequests.id, f.id))
    .returning();
  await notify(scope, { userId: f.userId, kind: 'feedback.close', title: '您的诉求已办结', body: '工会已办结您在「聆听」提交的诉求，欢迎评价。', link: { page: NOTICE_PAGES.myFeedback, id: f.id } });
  await audit(scope, 'feedback.close', { type: 'feedback', id: f.id });
  return staffFeedbackDetail(scope, row!);
}
