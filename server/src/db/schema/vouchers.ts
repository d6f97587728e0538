import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BatchMode, BatchSchedule, BatchValidity, MemberTag, VoucherKind } from '@gonghui/shared';
import { tstz } from './columns';
import { users } from './accounts';
import { members } from './members';
import { merchants } from './merchants';
import { unions } from './unions';

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
    mode: text().$type<BatchMode>().notNull().default('firstCome'),
    /** Lottery: registration closes and the draw runs at this instant. */
    drawAt: tstz('draw_at'),
    /** Lottery: drawn at publication, kept here; only its hash is shown until `drawn_at` is set. */
    lotterySeed: text('lottery_seed'),
    lotterySeedHash: text('lottery_seed_hash'),
    /** Set by the draw's conditional update, in the transaction that issues the winners' vouchers: the draw runs once. */
    drawnAt: tstz('drawn_at'),
    /** 'couplets': the stock of a 送春联 offer (campaigns): claimed only through the offer, never listed, returned or redeemed as a voucher. */
    purpose: text().$type<'voucher' | 'couplets'>().notNull().default('voucher'),
  },
  (t) => [
    index('voucher_batches_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    index('voucher_batches_window_idx').on(t.status, t.endsAt),
    check('voucher_batches_stock_check', sql`${t.stockClaimed} >= 0 and ${t.stockClaimed} <= ${t.stockTotal}`),
    check('voucher_batches_purpose_check', sql`${t.purpose} in ('voucher','couplets')`),
    check('voucher_batches_kind_check', sql`${t.kind} in ('threshold','direct')`),
    check('voucher_batches_status_check', sql`${t.status} in ('draft','published','closed')`),
    check('voucher_batches_mode_check', sql`${t.mode} in ('firstCome','lottery') and (${t.mode} = 'lottery') = (${t.drawAt} is not null)`),
    index('voucher_batches_due_draw_idx').on(t.drawAt).where(sql`${t.mode} = 'lottery' and ${t.drawnAt} is null`),
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
