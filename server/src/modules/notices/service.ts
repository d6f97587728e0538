import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { AppError, type NoticeView } from '@gonghui/shared';
import { schema } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import type { Scope } from '../../scope/scope';

const { notices } = schema;
type NoticeRow = typeof notices.$inferSelect;

function present(n: NoticeRow): NoticeView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.linkPage && n.linkId ? { page: n.linkPage as NonNullable<NoticeView['link']>['page'], id: n.linkId } : null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** Newest first; `unread=true` for only what is not read yet. */
export async function noticeList(scope: Scope, q: { unread?: 'true' | 'false'; cursor?: string; limit: number }) {
  const where = [eq(notices.userId, scope.auth.userId)];
  if (q.unread === 'true') where.push(isNull(notices.readAt));
  const after = afterCursor(q.cursor, notices.createdAt, notices.id);
  if (after) where.push(after);
  const rows = await scope.db
    .select()
    .from(notices)
    .where(and(...where))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.createdAt.toISOString(), r.id]);
}

async function unreadOf(scope: Scope): Promise<number> {
  const [row] = await scope.db.select({ n: count() }).from(notices).where(and(eq(notices.userId, scope.auth.userId), isNull(notices.readAt)));
  return Number(row?.n ?? 0);
}

/** The badge on 我的 and 首页. */
export async function unreadCount(scope: Scope) {
  return { unread: await unreadOf(scope) };
}

/** Marks one of the caller's notices read (again is harmless); someone else's is 404. */
export async function noticeReader(scope: Scope, { id }: { id: string }) {
  const [n] = await scope.db.select({ id: notices.id, readAt: notices.readAt }).from(notices).where(and(eq(notices.id, id), eq(notices.userId, scope.auth.userId)));
  if (!n) throw new AppError('NOTICE_NOT_FOUND');
  const marked = n.readAt ? 0 : (await scope.db.update(notices).set({ readAt: scope.now }).where(and(eq(notices.id, id), isNull(notices.readAt))).returning({ id: notices.id })).length;
  return { marked, unread: await unreadOf(scope) };
}

export async function allNoticesReader(scope: Scope) {
  const marked = await scope.db
    .update(notices)
    .set({ readAt: scope.now })
    .where(and(eq(notices.userId, scope.auth.userId), isNull(notices.readAt)))
    .returning({ id: notices.id });
  return { marked: marked.length, unread: 0 };
}
