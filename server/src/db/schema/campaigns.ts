import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MemberTag, OfferKind } from '@gonghui/shared';
import { tstz } from './columns';
import { users } from './accounts';
import { members } from './members';
import { unions } from './unions';
import { voucherBatches, vouchers } from './vouchers';

const FUNDS = sql.raw(['B1', 'B2', 'B3', 'B4', 'B5', 'B6'].map((s) => `'${s}'`).join(','));
const CATEGORIES = sql.raw(Array.from({ length: 11 }, (_, i) => `'C${i + 1}'`).join(','));

/** 两节送温暖: a campaign of a union for its subtree, over Shanghai calendar days. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    name: text().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** Called off before anyone claimed: kept for the record, shown to nobody but staff. */
    cancelledAt: tstz('cancelled_at'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [index('campaigns_union_path_idx').on(t.unionPath.op('text_pattern_ops')), check('campaigns_days_check', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/**
 * A gift pack or a New Year's Eve dinner: one per eligible member (by tag or archive category),
 * picked up at a point on a day or delivered. The counters move with claims and hand-overs in
 * the same transaction; the claims table is the truth.
 */
export const campaignOffers = pgTable(
  'campaign_offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    kind: text().$type<OfferKind>().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    valueFen: integer('value_fen').notNull(),
    /** B1–B6, or 'sponsored' (paid by the sponsors' donations, counted in B4 as they are recorded). */
    fund: text().notNull(),
    category: text().notNull(),
    audienceTags: text('audience_tags').array().$type<MemberTag[]>().notNull().default(sql`'{}'::text[]`),
    archiveCategories: text('archive_categories').array().$type<string[]>().notNull().default(sql`'{}'::text[]`),
    pickupPoints: text('pickup_points').array().$type<string[]>().notNull(),
    pickupFrom: date('pickup_from', { mode: 'string' }).notNull(),
    pickupTo: date('pickup_to', { mode: 'string' }).notNull(),
    delivery: boolean().notNull().default(false),
    claimedCount: integer('claimed_count').notNull().default(0),
    handedOverCount: integer('handed_over_count').notNull().default(0),
    /** 送春联: the voucher batch holding the stock, whose id is the offer's own (the claim path's memory is keyed by it). */
    batchId: uuid('batch_id').references(() => voucherBatches.id),
    /** Withdrawn before anyone claimed: members no longer see it. */
    cancelledAt: tstz('cancelled_at'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    check('campaign_offers_batch_check', sql`(${t.kind} = 'couplets') = (${t.batchId} is not null) and (${t.batchId} is null or ${t.batchId} = ${t.id})`),
    index('campaign_offers_campaign_idx').on(t.campaignId),
    index('campaign_offers_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    check('campaign_offers_kind_check', sql`${t.kind} in ('gift_pack','dinner','couplets')`),
    check('campaign_offers_fund_check', sql`${t.fund} in (${FUNDS},'sponsored')`),
    check('campaign_offers_category_check', sql`${t.category} in (${CATEGORIES})`),
    check('campaign_offers_value_check', sql`${t.valueFen} > 0`),
    check('campaign_offers_counts_check', sql`${t.handedOverCount} >= 0 and ${t.handedOverCount} <= ${t.claimedCount}`),
    check('campaign_offers_pickup_check', sql`${t.pickupTo} >= ${t.pickupFrom}`),
  ],
);

/** A member's claim: one per offer and member; its pickup code is handed over once. */
export const campaignClaims = pgTable(
  'campaign_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    offerId: uuid('offer_id').notNull().references(() => campaignOffers.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** The member's union when they claimed: the form counts the hand-over there. */
    memberUnionId: uuid('member_union_id').notNull().references(() => unions.id),
    memberUnionPath: text('member_union_path').notNull(),
    /** 新就业形态劳动者 when they claimed (J3/J4). */
    newForm: boolean('new_form').notNull().default(false),
    /** The form's group (C1–C11) this recipient counts in, from their tags and archive when they claimed (recipientCategory). */
    recipientCategory: text('recipient_category').notNull(),
    /** 送春联: the voucher the grab took (used at hand-over). */
    voucherId: uuid('voucher_id').references(() => vouchers.id),
    pickupCode: text('pickup_code').notNull(),
    pickupPoint: text('pickup_point'),
    pickupDate: date('pickup_date', { mode: 'string' }),
    deliveryAddress: text('delivery_address'),
    claimedAt: tstz('claimed_at').notNull(),
    handedOverAt: tstz('handed_over_at'),
    handedOverBy: uuid('handed_over_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('campaign_claims_offer_member_key').on(t.offerId, t.memberId),
    uniqueIndex('campaign_claims_pickup_code_key').on(t.pickupCode),
    uniqueIndex('campaign_claims_voucher_key').on(t.voucherId),
    check('campaign_claims_recipient_category_check', sql`${t.recipientCategory} in (${CATEGORIES})`),
    index('campaign_claims_union_path_idx').on(t.memberUnionPath.op('text_pattern_ops')),
    index('campaign_claims_member_idx').on(t.memberId),
    check('campaign_claims_way_check', sql`(${t.deliveryAddress} is null) = (${t.pickupPoint} is not null and ${t.pickupDate} is not null)`),
  ],
);

/** A donor's or an enterprise's sponsorship: a social donation (B4; an enterprise counts in K2). */
export const campaignSponsors = pgTable(
  'campaign_sponsors',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    offerId: uuid('offer_id').references(() => campaignOffers.id),
    donorName: text('donor_name').notNull(),
    donorKind: text('donor_kind').$type<'enterprise' | 'individual'>().notNull(),
    moneyFen: bigint('money_fen', { mode: 'number' }).notNull(),
    goodsFen: bigint('goods_fen', { mode: 'number' }).notNull(),
    goods: text().notNull().default(''),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('campaign_sponsors_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    check('campaign_sponsors_kind_check', sql`${t.donorKind} in ('enterprise','individual')`),
    check('campaign_sponsors_amount_check', sql`${t.moneyFen} >= 0 and ${t.goodsFen} >= 0 and ${t.moneyFen} + ${t.goodsFen} > 0`),
  ],
);

/** 走访慰问: a visit to an enterprise or a person, with what was given and from which funds. */
export const warmthVisits = pgTable(
  'warmth_visits',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    target: text().$type<'enterprise' | 'person'>().notNull(),
    name: text().notNull(),
    category: text(),
    newForm: boolean('new_form').notNull().default(false),
    moneyFen: bigint('money_fen', { mode: 'number' }).notNull(),
    goodsFen: bigint('goods_fen', { mode: 'number' }).notNull(),
    fund: text().notNull(),
    note: text().notNull().default(''),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('warmth_visits_union_path_idx').on(t.unionPath.op('text_pattern_ops'), t.visitedOn),
    check('warmth_visits_target_check', sql`${t.target} in ('enterprise','person')`),
    check('warmth_visits_category_check', sql`(${t.target} = 'enterprise' and ${t.category} is null) or (${t.target} = 'person' and ${t.category} in (${CATEGORIES}))`),
    check('warmth_visits_fund_check', sql`${t.fund} in (${FUNDS})`),
    check('warmth_visits_amount_check', sql`${t.moneyFen} >= 0 and ${t.goodsFen} >= 0`),
  ],
);

/** A figure of Annex 1 entered by hand for one union and period (money in fen, the rest in counts). */
export const warmthFormEntries = pgTable(
  'warmth_form_entries',
  {
    /** A stable key for the entry (drill-down rows), besides the natural key below. */
    id: uuid().notNull().defaultRandom().unique('warmth_form_entries_id_key'),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    code: text().notNull(),
    value: bigint({ mode: 'number' }).notNull(),
    enteredBy: uuid('entered_by').notNull().references(() => users.id),
    enteredAt: tstz('entered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.periodFrom, t.periodTo, t.code] }), index('warmth_form_entries_path_idx').on(t.unionPath.op('text_pattern_ops')), check('warmth_form_entries_value_check', sql`${t.value} >= 0`)],
);

/** A figure of Annex 2 (帮扶中心工作统计表) entered by hand for one union and period (money in fen, the rest in counts, 是/否 as 1/0). */
export const aidCentreFormEntries = pgTable(
  'aid_centre_form_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    code: text().notNull(),
    value: bigint({ mode: 'number' }).notNull(),
    enteredBy: uuid('entered_by').notNull().references(() => users.id),
    enteredAt: tstz('entered_at').notNull(),
  },
  (t) => [
    uniqueIndex('aid_centre_form_entries_key').on(t.unionId, t.periodFrom, t.periodTo, t.code),
    index('aid_centre_form_entries_path_idx').on(t.unionPath.op('text_pattern_ops')),
    check('aid_centre_form_entries_value_check', sql`${t.value} >= 0`),
  ],
);

/** 慰问信: a letter of a campaign, filled for each targeted member when sent. */
export const campaignLetters = pgTable(
  'campaign_letters',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    template: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    year: integer().notNull(),
    sentBy: uuid('sent_by').notNull().references(() => users.id),
    sentAt: tstz('sent_at').notNull(),
  },
  (t) => [index('campaign_letters_campaign_idx').on(t.campaignId), check('campaign_letters_template_check', sql`${t.template} in ('one','two','custom')`)],
);

/** One letter per recipient: their name and union as sent, a share token for their family, when they opened it. */
export const campaignLetterRecipients = pgTable(
  'campaign_letter_recipients',
  {
    id: uuid().primaryKey().defaultRandom(),
    letterId: uuid('letter_id').notNull().references(() => campaignLetters.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    memberName: text('member_name').notNull(),
    shareToken: text('share_token').notNull(),
    openedAt: tstz('opened_at'),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('campaign_letter_recipients_key').on(t.letterId, t.memberId),
    uniqueIndex('campaign_letter_recipients_token_key').on(t.shareToken),
    index('campaign_letter_recipients_user_idx').on(t.userId),
  ],
);
