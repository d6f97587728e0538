import { and, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { schema, type Db } from '../db/index';
import type { Auth } from '../scope/auth';
import type { Scope } from '../scope/scope';
import { definePolicy } from './policy';
import { pathInScope, staffOver } from './staff';

const { activities, activityTopics } = schema;
export type ActivityRow = typeof activities.$inferSelect;
export type TopicRow = typeof activityTopics.$inferSelect;

/** What union staff may do to an activity or a topic of their subtree. */
export const activityPolicy = definePolicy<ActivityRow, 'read' | 'checkIn'>({
  read: staffOver((a) => a.unionPath),
  checkIn: staffOver((a) => a.unionPath),
});

const textArray = (values: readonly string[]): SQL => (values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`);

/**
 * SQL "this activity is open to the member": published, for the member's union subtree, and (when
 * it names tags, such as 劳模 only) for a member who holds one of them.
 */
export function openToMemberSql(auth: Auth): SQL {
  if (!auth.memberUnionPath) return sql`false`;
  return sql`(${activities.status} = 'published' and ${auth.memberUnionPath} like ${activities.unionPath} || '%'
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
