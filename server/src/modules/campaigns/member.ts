/* The member's side: the running campaigns' offers meant for them, and claiming one. */
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError, campaignPhase, pickupCodeFrom, pickupDateAllowed, recipientCategory, shanghaiDate, type OfferClaimInput } from '@gonghui/shared';
import { schema } from '../../db/index';
import { memberOfferRow, offerForMemberSql } from '../../policies/campaigns';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { coupletGrabber } from './couplets';
import { memberOfferView, stockOf, unionNames } from './views';

const { campaigns, campaignOffers, campaignClaims, hardshipArchive } = schema;

const today = shanghaiDate;

/** Offers of campaigns running today that are meant for the member, with their own claim. */
export async function myOfferList(scope: Scope) {
  const day = today(scope.now);
  const rows = await scope.db
    .select({ offer: campaignOffers, campaign: campaigns })
    .from(campaignOffers)
    .innerJoin(campaigns, eq(campaigns.id, campaignOffers.campaignId))
    .where(and(offerForMemberSql(scope.auth), sql`${campaigns.startsOn} <= ${day}`, sql`${campaigns.endsOn} >= ${day}`, isNull(campaigns.cancelledAt), isNull(campaignOffers.cancelledAt)))
    .orderBy(asc(campaignOffers.pickupFrom), asc(campaignOffers.createdAt))
    .limit(50);
  const ids = rows.map((r) => r.offer.id);
  const mine = new Map<string, typeof campaignClaims.$inferSelect>();
  if (ids.length && scope.auth.memberId) {
    for (const c of await scope.db.select().from(campaignClaims).where(and(inArray(campaignClaims.offerId, ids), eq(campaignClaims.memberId, scope.auth.memberId)))) mine.set(c.offerId, c);
  }
  const names = await unionNames(scope.db, rows.map((r) => r.offer.unionId));
  const stock = await stockOf(scope.db, rows.filter((r) => r.offer.batchId).map((r) => r.offer.id));
  return { data: await Promise.all(rows.map((r) => memberOfferView(r.offer, r.campaign, names.get(r.offer.unionId) ?? '', mine.get(r.offer.id), stock.get(r.offer.id) ?? null))) };
}

/**
 * One claim per member and offer (the unique key decides between two at once). The pickup code
 * is random; a clash with another member's code (one in ninety million) draws again.
 */
export async function offerClaimer(scope: Scope, { id, input }: { id: string; input: OfferClaimInput }) {
  if (!scope.auth.memberId || !scope.auth.memberActive) throw new AppError('OFFER_MEMBER_NOT_ACTIVE');
  const o = await memberOfferRow(scope, id);
  // couplets are grabbed from a limited stock: the voucher claim path decides
  if (o.kind === 'couplets') return coupletGrabber(scope, { id, input });
  const [c] = await scope.db.select().from(campaigns).where(eq(campaigns.id, o.campaignId));
  if (!c || c.cancelledAt || o.cancelledAt) throw new AppError('OFFER_NOT_FOUND');
  if (campaignPhase(c, scope.now) !== 'running') throw new AppError('OFFER_NOT_OPEN');
  const [archived] = await scope.db.select({ category: hardshipArchive.category }).from(hardshipArchive).where(and(eq(hardshipArchive.memberId, scope.auth.memberId), eq(hardshipArchive.status, 'active'))).limit(1);
  const way =
    input.way === 'pickup'
      ? (() => {
          if (!o.pickupPoints.includes(input.pickupPoint) || !pickupDateAllowed(o, input.pickupDate) || input.pickupDate < today(scope.now)) throw new AppError('OFFER_CLAIM_INVALID');
          return { pickupPoint: input.pickupPoint, pickupDate: input.pickupDate, deliveryAddress: null };
        })()
      : (() => {
          if (!o.delivery) throw new AppError('OFFER_CLAIM_INVALID');
          return { pickupPoint: null, pickupDate: null, deliveryAddress: input.address };
        })();
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await scope.db
      .insert(campaignClaims)
      .values({
        offerId: o.id,
        memberId: scope.auth.memberId,
        userId: scope.auth.userId,
        memberUnionId: scope.auth.memberUnionId!,
        memberUnionPath: scope.auth.memberUnionPath!,
        newForm: scope.auth.memberTags.includes('new_form'),
        recipientCategory: recipientCategory(o.category, { tags: scope.auth.memberTags, archiveCategory: archived?.category ?? null }),
        pickupCode: pickupCodeFrom(() => randomInt(0, 1_000_000) / 1_000_000),
        ...way,
        claimedAt: scope.now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) {
      // an offer called off meanwhile (changes.ts) takes the claim back with it
      const [moved] = await scope.db.update(campaignOffers).set({ claimedCount: sql`${campaignOffers.claimedCount} + 1` }).where(and(eq(campaignOffers.id, o.id), isNull(campaignOffers.cancelledAt))).returning();
      if (!moved) throw new AppError('OFFER_NOT_FOUND');
      await audit(scope, 'campaign.claim', { type: 'campaign_offer', id: o.id }, { claimId: row.id, way: input.way });
      const names = await unionNames(scope.db, [o.unionId]);
      return memberOfferView(moved!, c, names.get(o.unionId) ?? '', row);
    }
    const [already] = await scope.db.select({ id: campaignClaims.id }).from(campaignClaims).where(and(eq(campaignClaims.offerId, o.id), eq(campaignClaims.memberId, scope.auth.memberId))).limit(1);
    if (already) throw new AppError('OFFER_ALREADY_CLAIMED');
  }
  throw new AppError('SERVICE_UNAVAILABLE');
}
