import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { PledgeForm, PledgeStatus } from '@gonghui/shared';
import { tstz } from './columns';
import { users } from './accounts';
import { campaignOffers, campaignSponsors, campaigns } from './campaigns';

/**
 * 爱心认捐: a donor offers to sponsor packs of a campaign's offer. Nothing counts in the form until
 * the union's staff confirm they received it; the confirmation writes the sponsorship (B4).
 */
export const campaignPledges = pgTable(
  'campaign_pledges',
  {
    id: uuid().primaryKey().defaultRandom(),
    offerId: uuid('offer_id').notNull().references(() => campaignOffers.id),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id),
    /** The offer's union: staff of its subtree decide. */
    unionPath: text('union_path').notNull(),
    donorUserId: uuid('donor_user_id').notNull().references(() => users.id),
    packs: integer().notNull(),
    form: text().$type<PledgeForm>().notNull(),
    /** packs × the offer's value per pack when pledged */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: text().notNull().default(''),
    status: text().$type<PledgeStatus>().notNull(),
    decisionNote: text('decision_note'),
    sponsorId: uuid('sponsor_id').references(() => campaignSponsors.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('campaign_pledges_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    index('campaign_pledges_donor_idx').on(t.donorUserId, t.createdAt),
    index('campaign_pledges_campaign_idx').on(t.campaignId),
    check('campaign_pledges_packs_check', sql`${t.packs} between 1 and 10000`),
    check('campaign_pledges_form_check', sql`${t.form} in ('money','goods')`),
    check('campaign_pledges_status_check', sql`${t.status} in ('pledged','received','declined','withdrawn')`),
    check('campaign_pledges_amount_check', sql`${t.amountFen} > 0`),
    check('campaign_pledges_received_check', sql`(${t.status} = 'received') = (${t.sponsorId} is not null)`),
  ],
);
