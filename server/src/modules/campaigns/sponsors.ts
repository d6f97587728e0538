/* Correcting and deleting a sponsorship (a social donation: B4 of Annex 1, J of Annex 2), within the campaign's subtree. */
import { and, eq } from 'drizzle-orm';
import { AppError, type SponsorInput, type SponsorView } from '@gonghui/shared';
import { schema } from '../../db/index';
import { campaignPolicy, staffCampaignRow } from '../../policies/campaigns';
import { inScopeSql } from '../../policies/staff';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { pledgeOfDeletedSponsor } from '../pledges/service';
import { sponsorView } from './views';

const { campaignOffers, campaignSponsors } = schema;
type SponsorRow = typeof campaignSponsors.$inferSelect;

async function scopedSponsor(scope: Scope, id: string): Promise<SponsorRow> {
  const [s] = await scope.db.select().from(campaignSponsors).where(and(eq(campaignSponsors.id, id), inScopeSql(scope.auth, campaignSponsors.unionPath))).limit(1);
  if (!s) throw new AppError('SPONSOR_NOT_FOUND');
  campaignPolicy.authorize(scope, 'addSponsor', await staffCampaignRow(scope, s.campaignId));
  return s;
}

const amounts = (s: Pick<SponsorRow, 'donorKind' | 'moneyFen' | 'goodsFen' | 'receivedOn' | 'offerId'>) => ({ donorKind: s.donorKind, moneyFen: s.moneyFen, goodsFen: s.goodsFen, receivedOn: s.receivedOn, offerId: s.offerId });

export async function sponsorUpdater(scope: Scope, { id, input }: { id: string; input: SponsorInput }): Promise<SponsorView> {
  const before = await scopedSponsor(scope, id);
  let offerTitle: string | null = null;
  if (input.offerId) {
    const [o] = await scope.db.select().from(campaignOffers).where(and(eq(campaignOffers.id, input.offerId), eq(campaignOffers.campaignId, before.campaignId))).limit(1);
    if (!o) throw new AppError('OFFER_NOT_FOUND');
    offerTitle = o.title;
  }
  const [row] = await scope.db
    .update(campaignSponsors)
    .set({ offerId: input.offerId, donorName: input.donorName, donorKind: input.donorKind, moneyFen: input.moneyFen, goodsFen: input.goodsFen, goods: input.goods, receivedOn: input.receivedOn })
    .where(eq(campaignSponsors.id, before.id))
    .returning();
  await audit(scope, 'campaign.update_sponsor', { type: 'campaign', id: before.campaignId }, { sponsorId: before.id, before: amounts(before), after: amounts(row!) });
  return sponsorView(row!, offerTitle);
}

export async function sponsorDeleter(scope: Scope, { id }: { id: string }): Promise<{ ok: true }> {
  const s = await scopedSponsor(scope, id);
  await pledgeOfDeletedSponsor(scope, s.id);
  await scope.db.delete(campaignSponsors).where(eq(campaignSponsors.id, s.id));
  await audit(scope, 'campaign.delete_sponsor', { type: 'campaign', id: s.campaignId }, { sponsorId: s.id, donorName: s.donorName, ...amounts(s) });
  return { ok: true };
}
