import { and, eq, sql, type SQL } from 'drizzle-orm';
import { AppError, activityEditable } from '@gonghui/shared';
import { schema, type Db } from '../db/index';
import type { Auth } from '../scope/auth';
import type { Scope } from '../scope/scope';
import { all, definePolicy, type Rule } from './policy';
import { pathInScope, staffOver } from './staff';

const { activities, activityTopics } = schema;
export type ActivityRow = typeof activities.$inferSelect;
export type TopicRow = typeof activityTopics.$inferSelect;

/** What union staff may do to an activity or a topic of their subtree. */
const ofSubtree = staffOver<ActivityRow>((a) => a.unionPath);
const notCancelled: Rule<ActivityRow> = (_auth, a) => (a.status === 'cancelled' ? 'ACTIVITY_CANCELLED' : true);
const stillEditable: Rule<ActivityRow> = (_auth, a, now) => (activityEditable(a, now) ? true : 'ACTIVITY_NOT_EDITABLE');

export const activityPolicy = definePolicy<ActivityRow, 'read' | 'checkIn' | 'edit'>({
  read: ofSubtree,
  checkIn: all(ofSubtree, notCancelled),
  /** Change the form or cancel: until it ends, and never once cancelled. */
  edit: all(ofSubtree, stillEditable),
});

const textArray = (values: readonly string[]): SQL => (values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`);

/**
 * SQL "this activity is open to the member": for the member's union subtree, and (when it names
 * tags, such as 劳模 only) for a member who holds one of them; published, or cancelled after they
 * signed up (they keep seeing it, marked 已取消, where the notice of the cancellation points).
 */
export function openToMemberSql(auth: Auth): SQL {
  if (!auth.memberUnionPath || !auth.memberId) return sql`false`;
  const signedUp = sql`exists (select 1 from activity_enrollments e where e.activity_id = ${activities.id} and e.member_id = ${auth.memberId})`;
  return sql`((${activities.status} = 'published' or ${signedUp}) and ${auth.memberUnionPath} like ${activities.unionPath} || '%'
    and (cardinality(${activities.audienceTags}) = 0 or ${activities.audienceTags} && ${textArray(auth.memberTags)}))`;
}

type Lock = { forUpdate?: boolean };

/** An activity open to the caller, or 404: one outside their audience does not exist for them. */
export async function memberActivityRow(scope: Scope, id: string, opts: Lock = {}): Promise<ActivityRow> {
  const q = scope.db.select().from(activities).where(and(eq(activities.id, id), openToMemberSql(scope.auth))).limit(1);
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
  return a;
}

/** An activity of the caller's union subtree, or 404. */
export async function staffActivityRow(scope: Scope, id: string, opts: Lock = {}): Promise<ActivityRow> {
  const q = scope.db.select().from(activities).where(eq(activities.id, id)).limit(1);
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a || !pathInScope(scope.auth, a.unionPath)) throw new AppError('ACTIVITY_NOT_FOUND');
  return a;
}

/** SQL "members of this union path may see and vote for the topic": it was filed with a union above them. */
export function topicOpenToMemberSql(auth: Auth): SQL {
  if (!auth.memberUnionPath) return sql`false`;
  return sql`${auth.memberUnionPath} like ${activityTopics.unionPath} || '%'`;
}

export async function memberTopicRow(scope: Scope, id: string): Promise<TopicRow> {
  const [t] = await scope.db.select().from(activityTopics).where(and(eq(activityTopics.id, id), topicOpenToMemberSql(scope.auth))).limit(1);
  if (!t) throw new AppError('TOPIC_NOT_FOUND');
  return t;
}

export async function staffTopicRow(db: Db, auth: Auth, id: string): Promise<TopicRow> {
  const [t] = await db.select().from(activityTopics).where(eq(activityTopics.id, id)).limit(1).for('update');
  if (!t || !pathInScope(auth, t.unionPath)) throw new AppError('TOPIC_NOT_FOUND');
  return t;
}
