import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { users } from './accounts';

/** The in-app notice centre, written in the transaction of the change it reports. */
export const notices = pgTable(
  'notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    linkPage: text('link_page'),
    linkId: uuid('link_id'),
    /** Set for notices that must be sent once only ("voucher-expiring:<id>"). */
    dedupeKey: text('dedupe_key'),
    createdAt: tstz('created_at').notNull(),
    readAt: tstz('read_at'),
  },
  (t) => [
    index('notices_user_idx').on(t.userId, t.createdAt),
    index('notices_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    uniqueIndex('notices_dedupe_key').on(t.dedupeKey),
  ],
);

/**
 * WeChat subscribe messages waiting to be sent, recorded with the notice. A sender drains it where
 * the mini-program and the templates are configured; in demo and tests it is the record.
 */
export const subscribeOutbox = pgTable(
  'subscribe_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    template: text().$type<'wish_progress' | 'voucher_expiring'>().notNull(),
    page: text().notNull(),
    data: jsonb().$type<Record<string, { value: string }>>().notNull(),
    status: text().$type<'pending' | 'sending' | 'sent' | 'skipped' | 'failed'>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    error: text(),
    createdAt: tstz('created_at').notNull(),
    sentAt: tstz('sent_at'),
    /** When a sender took it (`sending`); a row left there by a process that died is taken back after a while. */
    claimedAt: tstz('claimed_at'),
  },
  (t) => [index('subscribe_outbox_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`)],
);
