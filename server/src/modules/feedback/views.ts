/* 聆听 requests as the member and as staff see them: the thread decrypted, the clock against 24 hours. */
import { asc, eq, inArray } from 'drizzle-orm';
import { maskName, replyTimeLeftMs, type MyFeedbackDetail, type MyFeedbackView, type StaffFeedbackDetail, type StaffFeedbackView } from '@gonghui/shared';
import { decrypt } from '../../crypto';
import { schema, type Db } from '../../db/index';
import { feedbackPolicy, type FeedbackRow } from '../../policies/feedback';
import type { Scope } from '../../scope/scope';

const { feedbackMessages, members, unions } = schema;
type MessageRow = typeof feedbackMessages.$inferSelect;

const SUMMARY = 40;
const EVENT_TEXT = {
  escalated: (u: string) => `超过24小时未回复，已转至${u}办理`,
  handed_over: (u: string) => `已转交${u}办理`,
  closed: (u: string) => `${u}已办结此诉求`,
} as const;

async function unionNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const rows = await db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function threadOf(scope: Scope, f: FeedbackRow) {
  const rows = await scope.db.select().from(feedbackMessages).where(eq(feedbackMessages.requestId, f.id)).orderBy(asc(feedbackMessages.seq));
  const names = await unionNames(scope.db, rows.map((m) => m.unionId));
  return rows.map((m: MessageRow) => {
    const union = (m.unionId && names.get(m.unionId)) || '工会';
    return {
      id: m.id,
      author: m.author,
      authorLabel: m.author === 'member' ? '我' : m.author === 'staff' ? union : '系统',
      text: m.author === 'system' ? EVENT_TEXT[m.event!](union) : decrypt(scope.deps.keys, m.textEnc!),
      at: m.at.toISOString(),
    };
  });
}

/** The first message of each request, shortened, for lists. */
async function summaries(scope: Scope, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await scope.db
    .select({ requestId: feedbackMessages.requestId, textEnc: feedbackMessages.textEnc })
    .from(feedbackMessages)
    .where(inArray(feedbackMessages.requestId, ids))
    .orderBy(asc(feedbackMessages.seq));
  const out = new Map<string, string>();
  for (const r of rows) {
    if (out.has(r.requestId) || !r.textEnc) continue;
    const text = decrypt(scope.deps.keys, r.textEnc);
    out.set(r.requestId, Array.from(text).length > SUMMARY ? Array.from(text).slice(0, SUMMARY).join('') + '…' : text);
  }
  return out;
}

const common = (f: FeedbackRow, handlingUnionName: string) => ({
  id: f.id,
  category: f.category,
  status: f.status,
  bypassGrassroots: f.bypassGrassroots,
  handlingUnionName,
  createdAt: f.createdAt.toISOString(),
  firstRepliedAt: f.firstRepliedAt?.toISOString() ?? null,
  closedAt: f.closedAt?.toISOString() ?? null,
  rating: f.ratingScore ? { score: f.ratingScore, comment: f.ratingComment } : null,
});

export async function myFeedbackViews(scope: Scope, rows: FeedbackRow[]): Promise<MyFeedbackView[]> {
  const [names, sums] = await Promise.all([unionNames(scope.db, rows.map((f) => f.handlingUnionId)), summaries(scope, rows.map((f) => f.id))]);
  return rows.map((f) => ({ ...common(f, names.get(f.handlingUnionId) ?? ''), summary: sums.get(f.id) ?? '' }));
}

export async function myFeedbackDetail(scope: Scope, f: FeedbackRow): Promise<MyFeedbackDetail> {
  const names = await unionNames(scope.db, [f.handlingUnionId]);
  return { ...common(f, names.get(f.handlingUnionId) ?? ''), messages: await threadOf(scope, f), mayRate: f.status !== 'pending' && f.ratingScore === null };
}

async function staffCommon(scope: Scope, rows: FeedbackRow[]) {
  const names = await unionNames(scope.db, rows.map((f) => f.handlingUnionId));
  const people = rows.length
    ? await scope.db.select({ id: members.id, name: members.name, unionName: unions.name }).from(members).innerJoin(unions, eq(unions.id, members.unionId)).where(inArray(members.id, rows.map((f) => f.memberId)))
    : [];
  const who = new Map(people.map((p) => [p.id, p]));
  return (f: FeedbackRow) => {
    const left = replyTimeLeftMs(f.status, f.dueAt, scope.now);
    return {
      ...common(f, names.get(f.handlingUnionId) ?? ''),
      memberName: maskName(who.get(f.memberId)?.name ?? ''),
      memberUnionName: who.get(f.memberId)?.unionName ?? '',
      dueAt: f.dueAt.toISOString(),
      timeLeftMinutes: left === null ? null : Math.floor(left / 60_000),
      escalations: f.escalations,
    };
  };
}

export async function staffFeedbackViews(scope: Scope, rows: FeedbackRow[]): Promise<StaffFeedbackView[]> {
  const [present, sums] = await Promise.all([staffCommon(scope, rows), summaries(scope, rows.map((f) => f.id))]);
  return rows.map((f) => ({ ...present(f), summary: sums.get(f.id) ?? '' }));
}

export async function staffFeedbackDetail(scope: Scope, f: FeedbackRow): Promise<StaffFeedbackDetail> {
  const present = await staffCommon(scope, [f]);
  return { ...present(f), messages: await threadOf(scope, f), abilities: feedbackPolicy.abilities(scope, f) };
}
