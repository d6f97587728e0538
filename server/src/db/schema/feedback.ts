import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { FeedbackCategory, FeedbackStatus } from '@gonghui/shared';
import { tstz } from './columns';
import { users } from './accounts';
import { members } from './members';
import { unions } from './unions';

/**
 * 聆听 requests. `handling_union` holds it now (the member's grassroots union, or the one above
 * when sent 不经本单位工会); `due_at` is that union's 24-hour first-reply target.
 */
export const feedbackRequests = pgTable(
  'feedback_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    memberUnionPath: text('member_union_path').notNull(),
    bypassGrassroots: boolean('bypass_grassroots').notNull().default(false),
    handlingUnionId: uuid('handling_union_id').notNull().references(() => unions.id),
    handlingPath: text('handling_path').notNull(),
    category: text().$type<FeedbackCategory>().notNull(),
    status: text().$type<FeedbackStatus>().notNull().default('pending'),
    assignedAt: tstz('assigned_at').notNull(),
    dueAt: tstz('due_at').notNull(),
    escalations: integer().notNull().default(0),
    firstRepliedAt: tstz('first_replied_at'),
    closedAt: tstz('closed_at'),
    ratingScore: integer('rating_score'),
    ratingComment: text('rating_comment'),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('feedback_requests_handling_idx').on(t.handlingPath.op('text_pattern_ops'), t.createdAt),
    index('feedback_requests_member_path_idx').on(t.memberUnionPath.op('text_pattern_ops')),
    index('feedback_requests_user_idx').on(t.userId, t.createdAt),
    index('feedback_requests_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    check('feedback_requests_status_check', sql`${t.status} in ('pending','replied','closed')`),
    check('feedback_requests_category_check', sql`${t.category} in ('rights','labour_relations','hardship','suggestion','other')`),
    check('feedback_requests_rating_check', sql`${t.ratingScore} is null or (${t.ratingScore} between 1 and 5)`),
  ],
);

/** The thread: the member's request, staff replies, and what the system did (escalation, handover, closing). Texts encrypted. */
export const feedbackMessages = pgTable(
  'feedback_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The thread's order (several lines may share an instant). */
    seq: bigserial({ mode: 'number' }).notNull(),
    requestId: uuid('request_id').notNull().references(() => feedbackRequests.id),
    author: text().$type<'member' | 'staff' | 'system'>().notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    /** The union a staff reply speaks for (its name is what the member sees). */
    unionId: uuid('union_id').references(() => unions.id),
    /** Members' and staff's words, AES-GCM; system events carry no text, only what happened and to which union. */
    textEnc: text('text_enc'),
    event: text().$type<'escalated' | 'handed_over' | 'closed'>(),
    at: tstz('at').notNull(),
  },
  (t) => [
    index('feedback_messages_request_idx').on(t.requestId, t.seq),
    check('feedback_messages_author_check', sql`${t.author} in ('member','staff','system')`),
    check('feedback_messages_text_check', sql`(${t.author} = 'system') = (${t.textEnc} is null) and (${t.author} = 'system') = (${t.event} is not null)`),
  ],
);
