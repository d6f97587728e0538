import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ActivityCategory, ActivityStatus, EnrollmentStatus, MemberTag } from '@gonghui/shared';
import { tstz } from './columns';
import { users } from './accounts';
import { members } from './members';
import { unions } from './unions';

const CATEGORIES = sql.raw(['public_class', 'skills', 'culture_sports', 'rest_trip', 'model_talk', 'convenience'].map((s) => `'${s}'`).join(','));

/** 你点我送: a class topic members propose and vote for, filed with the union above the proposer's own. */
export const activityTopics = pgTable(
  'activity_topics',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    proposedBy: uuid('proposed_by').notNull().references(() => members.id),
    /** Moved with each vote in the vote's transaction; the unique vote key keeps it honest. */
    votes: integer().notNull().default(0),
    status: text().$type<'open' | 'scheduled'>().notNull().default('open'),
    activityId: uuid('activity_id'),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('activity_topics_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    check('activity_topics_status_check', sql`${t.status} in ('open','scheduled')`),
    check('activity_topics_votes_check', sql`${t.votes} >= 0`),
  ],
);

/** One vote per member per topic: the primary key says so. */
export const activityTopicVotes = pgTable(
  'activity_topic_votes',
  {
    topicId: uuid('topic_id').notNull().references(() => activityTopics.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.memberId] })],
);

/** An activity. `enrolled_count` is the counter sign-ups move under the activity's row lock; the check keeps it within capacity. */
export const activities = pgTable(
  'activities',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    audienceTags: text('audience_tags').array().$type<MemberTag[]>().notNull().default(sql`'{}'::text[]`),
    title: text().notNull(),
    category: text().$type<ActivityCategory>().notNull(),
    description: text().notNull(),
    place: text().notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    signupStartsAt: tstz('signup_starts_at').notNull(),
    signupEndsAt: tstz('signup_ends_at').notNull(),
    cancelDeadline: tstz('cancel_deadline').notNull(),
    capacity: integer().notNull(),
    enrolledCount: integer('enrolled_count').notNull().default(0),
    waitlist: boolean().notNull().default(true),
    status: text().$type<ActivityStatus>().notNull().default('published'),
    topicId: uuid('topic_id').references(() => activityTopics.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('activities_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    index('activities_starts_idx').on(t.startsAt),
    check('activities_capacity_check', sql`${t.capacity} > 0 and ${t.enrolledCount} >= 0 and ${t.enrolledCount} <= ${t.capacity}`),
    check('activities_times_check', sql`${t.endsAt} > ${t.startsAt} and ${t.signupEndsAt} > ${t.signupStartsAt} and ${t.signupEndsAt} <= ${t.startsAt} and ${t.cancelDeadline} <= ${t.startsAt}`),
    check('activities_status_check', sql`${t.status} in ('published','cancelled')`),
    check('activities_category_check', sql`${t.category} in (${CATEGORIES})`),
  ],
);

/**
 * Sign-ups. `seq` is arrival order (the waitlist is served by it); a member holds at most one live
 * (enrolled or waitlisted) sign-up per activity; a cancelled one may be followed by a new one.
 */
export const activityEnrollments = pgTable(
  'activity_enrollments',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigserial({ mode: 'number' }).notNull(),
    activityId: uuid('activity_id').notNull().references(() => activities.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    status: text().$type<EnrollmentStatus>().notNull(),
    createdAt: tstz('created_at').notNull(),
    promotedAt: tstz('promoted_at'),
    cancelledAt: tstz('cancelled_at'),
    checkedInAt: tstz('checked_in_at'),
    checkedInBy: uuid('checked_in_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('activity_enrollments_live_key').on(t.activityId, t.memberId).where(sql`${t.status} in ('enrolled','waitlisted')`),
    index('activity_enrollments_queue_idx').on(t.activityId, t.status, t.seq),
    index('activity_enrollments_user_idx').on(t.userId),
    check('activity_enrollments_status_check', sql`${t.status} in ('enrolled','waitlisted','cancelled')`),
    check('activity_enrollments_checkin_check', sql`${t.checkedInAt} is null or ${t.status} = 'enrolled'`),
  ],
);
