import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { users } from './accounts';

/** Who did or read what; reads of sensitive fields are written here too. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: tstz('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    action: text().notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    requestId: text('request_id'),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_at_idx').on(t.at)],
);

/** Repeated requests with one Idempotency-Key get the first answer, byte for byte. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    key: text().notNull(),
    fingerprint: text().notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Failures counted per bucket ("redeem-miss:<user>", "sms-login:<ip>") so every process sees the same limits. */
export const rateEvents = pgTable(
  'rate_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    bucket: text().notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [index('rate_events_bucket_idx').on(t.bucket, t.at)],
);
