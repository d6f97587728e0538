/* 你点我送: members propose class topics and vote; staff turn one into an activity and the voters hear of it. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, formatShanghai, NOTICE_PAGES, topicUnionPath, type ActivityInput, type TopicInput } from '@gonghui/shared';
import { schema } from '../../db/index';
import { decodeCursor, encodeCursor } from '../../lib/pagination';
import { memberTopicRow, staffTopicRow, topicOpenToMemberSql, type TopicRow } from '../../policies/activities';
import { inScopeSql } from '../../policies/staff';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { notify } from '../notices/notify';
import { activityCreator } from './staff';
import { staffActivityView } from './views';

const { activityTopics, activityTopicVotes, unions } = schema;

async function topicViews(scope: Scope, rows: TopicRow[]) {
  const names = new Map<string, string>();
  const votedByMe = new Set<string>();
  if (rows.length) {
    for (const u of await scope.db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, rows.map((t) => t.unionId)))) names.set(u.id, u.name);
    if (scope.auth.memberId) {
      const mine = await scope.db
        .select({ topicId: activityTopicVotes.topicId })
        .from(activityTopicVotes)
        .where(and(inArray(activityTopicVotes.topicId, rows.map((t) => t.id)), eq(activityTopicVotes.memberId, scope.auth.memberId)));
      for (const v of mine) votedByMe.add(v.topicId);
    }
  }
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    unionId: t.unionId,
    unionName: names.get(t.unionId) ?? '',
    votes: t.votes,
    votedByMe: votedByMe.has(t.id),
    status: t.status,
    activityId: t.activityId,
    createdAt: t.createdAt.toISOString(),
  }));
}

/** The ranking: most votes first. The cursor is an offset (a ranking moves as votes arrive). */
async function ranked(scope: Scope, where: ReturnType<typeof and>, q: { status?: 'open' | 'scheduled'; cursor?: string; limit: number }) {
  const conds = [where];
  if (q.status) conds.push(eq(activityTopics.status, q.status));
  const offset = q.cursor ? Number(decodeCursor(q.cursor, ['string'])[0]) || 0 : 0;
  const rows = await scope.db
    .select()
    .from(activityTopics)
    .where(and(...conds))
    .orderBy(desc(activityTopics.votes), desc(activityTopics.createdAt), desc(activityTopics.id))
    .limit(q.limit + 1)
    .offset(offset);
  const data = await topicViews(scope, rows.slice(0, q.limit));
  return { data, pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

const memberView = ({ unionId: _u, ...v }: Awaited<ReturnType<typeof topicViews>>[number]) => v;
const staffView = ({ votedByMe: _v, ...v }: Awaited<ReturnType<typeof topicViews>>[number]) => v;

export async function topicList(scope: Scope, q: { status?: 'open' | 'scheduled'; cursor?: string; limit: number }) {
  const r = await ranked(scope, and(topicOpenToMemberSql(scope.auth)), q);
  return { ...r, data: r.data.map(memberView) };
}

export async function staffTopicList(scope: Scope, q: { status?: 'open' | 'scheduled'; cursor?: string; limit: number }) {
  const r = await ranked(scope, and(inScopeSql(scope.auth, activityTopics.unionPath)), q);
  return { ...r, data: r.data.map(staffView) };
}

/** A proposal goes to the union above the member's own, and counts as the proposer's vote. */
export async function topicProposer(scope: Scope, input: TopicInput) {
  if (!scope.auth.memberActive) throw new AppError('TOPIC_MEMBER_NOT_ACTIVE');
  const path = topicUnionPath(scope.auth.memberUnionPath!);
  const [u] = await scope.db.select({ id: unions.id }).from(unions).where(eq(unions.path, path));
  if (!u) throw new AppError('UNION_NOT_FOUND');
  const [t] = await scope.db
    .insert(activityTopics)
    .values({ unionId: u.id, unionPath: path, title: input.title, description: input.description, proposedBy: scope.auth.memberId!, votes: 1, createdAt: scope.now })
    .returning();
  await scope.db.insert(activityTopicVotes).values({ topicId: t!.id, memberId: scope.auth.memberId!, userId: scope.auth.userId, createdAt: scope.now });
  await audit(scope, 'activity_topic.propose', { type: 'activity_topic', id: t!.id });
  return memberView((await topicViews(scope, [t!]))[0]!);
}

/** One vote per member per topic: the vote's primary key refuses a second, the counter moves with the first. */
export async function topicVoter(scope: Scope, { id }: { id: string }) {
  if (!scope.auth.memberActive) throw new AppError('TOPIC_MEMBER_NOT_ACTIVE');
  const t = await memberTopicRow(scope, id);
  if (t.status !== 'open') throw new AppError('TOPIC_SCHEDULED');
  // The counter first, on an open topic only: it waits for a scheduling in progress and then finds
  // the topic scheduled, so no vote lands after the voters were told.
  const [row] = await scope.db
    .update(activityTopics)
    .set({ votes: sql`${activityTopics.votes} + 1` })
    .where(and(eq(activityTopics.id, t.id), eq(activityTopics.status, 'open')))
    .returning();
  if (!row) throw new AppError('TOPIC_SCHEDULED');
  const cast = await scope.db
    .insert(activityTopicVotes)
    .values({ topicId: t.id, memberId: scope.auth.memberId!, userId: scope.auth.userId, createdAt: scope.now })
    .onConflictDoNothing()
    .returning({ topicId: activityTopicVotes.topicId });
  if (cast.length === 0) throw new AppError('TOPIC_ALREADY_VOTED'); // the transaction rolls the counter back
  return memberView((await topicViews(scope, [row]))[0]!);
}

/** One step: the activity is published from the topic, the topic is marked scheduled, every voter is told. */
export async function topicScheduler(scope: Scope, { id, input }: { id: string; input: ActivityInput }) {
  const t = await staffTopicRow(scope.db, scope.auth, id);
  if (t.status !== 'open') throw new AppError('TOPIC_SCHEDULED');
  // The voters are told and invited: the activity must be open to the union the topic was filed with.
  const paths = await scope.db.select({ id: unions.id, path: unions.path }).from(unions).where(inArray(unions.id, [t.unionId, input.audience.unionId]));
  const topicPath = paths.find((u) => u.id === t.unionId)?.path ?? '';
  const audiencePath = paths.find((u) => u.id === input.audience.unionId)?.path;
  if (audiencePath && !topicPath.startsWith(audiencePath)) {
    throw new AppError('ACTIVITY_INVALID', { issues: [{ path: 'body.audience.unionId', message: '面向的工会须包含提议所在的工会，投票的会员才能报名' }] });
  }
  const a = await activityCreator(scope, input, t.id);
  await scope.db.update(activityTopics).set({ status: 'scheduled', activityId: a.id }).where(eq(activityTopics.id, t.id));
  const voters = await scope.db.select({ userId: activityTopicVotes.userId }).from(activityTopicVotes).where(eq(activityTopicVotes.topicId, t.id));
  for (const v of voters) {
    await notify(scope, {
      userId: v.userId,
      kind: 'activity.topic_scheduled',
      title: '您点的课安排上了',
      body: `您投票的「${t.title}」已安排为活动「${a.title}」：${formatShanghai(a.startsAt)}，${a.place}。${formatShanghai(a.signupStartsAt)}起可报名。`,
      link: { page: NOTICE_PAGES.activity, id: a.id },
      dedupeKey: `topic-scheduled:${t.id}:${v.userId}`,
    });
  }
  await audit(scope, 'activity_topic.schedule', { type: 'activity_topic', id: t.id }, { activityId: a.id, voters: voters.length });
  return staffActivityView(scope, a);
}
