import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgSequence,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { JoinApproval, MemberStatus, MemberTag, StaffRole, UnionKind } from '@gonghui/shared';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

/** The union hierarchy with a materialised path ("/<root id>/<child id>/") for subtree scope. */
export const unions = pgTable(
  'unions',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: text().$type<UnionKind>().notNull(),
    parentId: uuid('parent_id').references((): any => unions.id),
    path: text().notNull(),
    depth: integer().notNull(),
    joinApproval: text('join_approval').$type<JoinApproval>().notNull().default('auto'),
    joinCode: text('join_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('unions_path_key').on(t.path.op('text_pattern_ops')),
    uniqueIndex('unions_join_code_key').on(t.joinCode),
    index('unions_parent_idx').on(t.parentId),
    check('unions_kind_check', sql`${t.kind} in ('federation','district','industry','grassroots')`),
    check('unions_join_approval_check', sql`${t.joinApproval} in ('auto','manual')`),
  ],
);

/** An account, identified by a verified phone; roles hang off it (member, staff, merchant, donor). */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    phone: text().notNull(),
    displayName: text('display_name').notNull().default(''),
    wechatOpenid: text('wechat_openid'),
    careMode: boolean('care_mode').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_phone_key').on(t.phone), uniqueIndex('users_wechat_openid_key').on(t.wechatOpenid)],
);

/** Member numbers: "HZ" + this sequence. */
export const memberNoSeq = pgSequence('member_no_seq', { startWith: 10000001 });

export const members = pgTable(
  'members',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    name: text().notNull(),
    /** AES-GCM ciphertext; never selected for lists. */
    idNumberEnc: text('id_number_enc').notNull(),
    /** HMAC blind index: one membership per person. */
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    employer: text().notNull(),
    memberNo: text('member_no').notNull(),
    tags: text().array().$type<MemberTag[]>().notNull().default(sql`'{}'::text[]`),
    status: text().$type<MemberStatus>().notNull(),
    joinedAt: tstz('joined_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('members_user_key').on(t.userId),
    uniqueIndex('members_id_number_key').on(t.idNumberHash),
    uniqueIndex('members_member_no_key').on(t.memberNo),
    index('members_union_idx').on(t.unionId, t.memberNo),
    check('members_status_check', sql`${t.status} in ('pending','active','rejected')`),
  ],
);

export const staffRoles = pgTable(
  'staff_roles',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    role: text().$type<StaffRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unionId] }), check('staff_roles_role_check', sql`${t.role} in ('admin','operator')`)],
);

/** Partner merchants, owned by the union that signed them up. */
export const merchants = pgTable(
  'merchants',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    category: text().notNull(),
    address: text().notNull().default(''),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('merchants_union_idx').on(t.unionId)],
);

export const merchantStaff = pgTable(
  'merchant_staff',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    merchantId: uuid('merchant_id').notNull().references(() => merchants.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.merchantId] })],
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
