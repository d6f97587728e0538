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
import type { BatchSchedule, BatchValidity, JoinApproval, MemberStatus, MemberTag, StaffRole, UnionKind, VoucherKind } from '@gonghui/shared';

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
  // One merchant per cashier: redemptions are booked to it without guessing.
  (t) => [primaryKey({ columns: [t.userId, t.merchantId] }), uniqueIndex('merchant_staff_user_key').on(t.userId)],
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

/** A voucher batch. `stock_claimed` is the counter the claim's conditional update moves. */
export const voucherBatches = pgTable(
  'voucher_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    title: text().notNull(),
    description: text().notNull().default(''),
    kind: text().$type<VoucherKind>().notNull(),
    thresholdFen: integer('threshold_fen'),
    faceValueFen: integer('face_value_fen').notNull(),
    stackable: boolean().notNull().default(false),
    stockTotal: integer('stock_total').notNull(),
    stockClaimed: integer('stock_claimed').notNull().default(0),
    perMemberLimit: integer('per_member_limit').notNull().default(1),
    audienceTags: text('audience_tags').array().$type<MemberTag[]>().notNull().default(sql`'{}'::text[]`),
    merchantIds: uuid('merchant_ids').array().$type<string[]>().notNull().default(sql`'{}'::uuid[]`),
    schedule: jsonb().$type<BatchSchedule>().notNull(),
    validity: jsonb().$type<BatchValidity>().notNull(),
    period: text().notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    status: text().$type<'draft' | 'published' | 'closed'>().notNull().default('draft'),
    createdAt: tstz('created_at').notNull(),
    publishedAt: tstz('published_at'),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    index('voucher_batches_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    index('voucher_batches_window_idx').on(t.status, t.endsAt),
    check('voucher_batches_stock_check', sql`${t.stockClaimed} >= 0 and ${t.stockClaimed} <= ${t.stockTotal}`),
    check('voucher_batches_kind_check', sql`${t.kind} in ('threshold','direct')`),
    check('voucher_batches_status_check', sql`${t.status} in ('draft','published','closed')`),
    check('voucher_batches_value_check', sql`${t.faceValueFen} > 0 and (${t.thresholdFen} is null or ${t.thresholdFen} > ${t.faceValueFen})`),
  ],
);

/** Partner merchants' redemptions: one row per order, with the vouchers it used pointing here. */
export const redemptions = pgTable(
  'redemptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    merchantId: uuid('merchant_id').notNull().references(() => merchants.id),
    staffUserId: uuid('staff_user_id').notNull().references(() => users.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    batchId: uuid('batch_id').notNull().references(() => voucherBatches.id),
    orderAmountFen: integer('order_amount_fen').notNull(),
    discountFen: integer('discount_fen').notNull(),
    payableFen: integer('payable_fen').notNull(),
    voucherCount: integer('voucher_count').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('redemptions_merchant_idx').on(t.merchantId, t.createdAt),
    index('redemptions_batch_idx').on(t.batchId),
    check('redemptions_amount_check', sql`${t.discountFen} >= 0 and ${t.discountFen} <= ${t.orderAmountFen} and ${t.payableFen} = ${t.orderAmountFen} - ${t.discountFen}`),
  ],
);

export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid().primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull().references(() => voucherBatches.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    period: text().notNull(),
    /** 1..perMemberLimit; unique among a member's live vouchers of a batch and period. */
    ordinal: integer().notNull(),
    status: text().$type<'unused' | 'used' | 'expired' | 'returned'>().notNull().default('unused'),
    claimedAt: tstz('claimed_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    returnedAt: tstz('returned_at'),
    merchantId: uuid('merchant_id').references(() => merchants.id),
    redemptionId: uuid('redemption_id').references(() => redemptions.id),
    orderAmountFen: integer('order_amount_fen'),
    discountFen: integer('discount_fen'),
    /** Staff who claimed on the member's behalf (assisted claiming), if any. */
    claimedBy: uuid('claimed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('vouchers_member_quota_key').on(t.memberId, t.batchId, t.period, t.ordinal).where(sql`${t.status} <> 'returned'`),
    index('vouchers_member_idx').on(t.memberId, t.claimedAt),
    index('vouchers_batch_idx').on(t.batchId, t.status),
    check('vouchers_status_check', sql`${t.status} in ('unused','used','expired','returned')`),
  ],
);

/** Short-lived redemption codes (30 s) a member shows at the counter. */
export const voucherCodes = pgTable(
  'voucher_codes',
  {
    code: text().primaryKey(),
    voucherId: uuid('voucher_id').notNull().references(() => vouchers.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    issuedAt: tstz('issued_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('voucher_codes_voucher_idx').on(t.voucherId), index('voucher_codes_expiry_idx').on(t.expiresAt)],
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
