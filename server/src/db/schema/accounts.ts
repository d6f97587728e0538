import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from './columns';

/** An account, identified by a verified phone; roles hang off it (member, staff, merchant, donor). */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    phone: text().notNull(),
    displayName: text('display_name').notNull().default(''),
    wechatOpenid: text('wechat_openid'),
    careMode: boolean('care_mode').notNull().default(false),
    /** The user agreement and privacy policy version accepted, and when. */
    termsVersion: text('terms_version'),
    termsAcceptedAt: tstz('terms_accepted_at'),
    /** Set when the person deleted the account: the row stays only for the records the union must keep. */
    deletedAt: tstz('deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_phone_key').on(t.phone), uniqueIndex('users_wechat_openid_key').on(t.wechatOpenid)],
);

export const donors = pgTable(
  'donors',
  {
    userId: uuid('user_id').primaryKey().references(() => users.id),
    kind: text().$type<'individual' | 'enterprise'>().notNull(),
    displayName: text('display_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('donors_kind_check', sql`${t.kind} in ('individual','enterprise')`)],
);

/** Opaque bearer tokens, stored as SHA-256 only. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    channel: text().$type<'sms' | 'wechat' | 'demo'>().notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** SMS login codes: hashed, expiring, single-use; rows double as the rate-limit ledger. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    phone: text().notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text().notNull(),
    createdAt: tstz('created_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    consumedAt: tstz('consumed_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.createdAt), index('sms_codes_ip_idx').on(t.ip, t.createdAt)],
);

/** Signed tickets (WeChat binding) that were spent: each is good once, kept until it would have expired anyway. */
export const usedTickets = pgTable('used_tickets', {
  ticketHash: text('ticket_hash').primaryKey(),
  expiresAt: tstz('expires_at').notNull(),
});
