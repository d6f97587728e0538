/* Union staff: campaigns of their subtree, offers aimed at groups, sponsorships, the pickup counter. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { AppError, campaignPhase, campaignProblems, isStocked, maskName, pickupDateAllowed, shanghaiDate, type CampaignInput, type OfferInput, type PickupView, type SponsorInput } from '@gonghui/shared';
import { schema } from '../../db/index';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import { decodeOffsetCursor, encodeCursor } from '../../lib/pagination';
import { assertArchiveAudience, campaignPolicy, staffCampaignRow } from '../../policies/campaigns';
import { inScopeSql, pathInScope } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { hardshipMayRead } from '../../policies/hardship';
import { coupletBatchValues, useCoupletVoucher } from './couplets';
import { offerView, offerViews, sponsorView, sponsorViews, staffCampaignViews } from './views';

const { campaigns, campaignOffers, campaignClaims, campaignSponsors, members, unions, voucherBatches } = schema;

/** "M2026000123" → "*******0123": enough to match the member's card, not to look them up. */
const maskTail = (s: string) => (s.length <= 4 ? s : '*'.repeat(s.length - 4) + s.slice(-4));

export async function campaignCreator(scope: Scope, input: CampaignInput) {
  const u = await scopedUnion(scope, input.unionId);
  const problems = campaignProblems(input);
  if (problems.length) throw new AppError('CAMPAIGN_INVALID', { issues: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
  const [row] = await scope.db
    .insert(campaigns)
    .values({ unionId: u.id, unionPath: u.path, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, createdBy: scope.auth.userId, createdAt: scope.now })
    .returning();
  await audit(scope, 'campaign.create', { type: 'campaign', id: row!.id }, { unionId: u.id });
  const [view] = await staffCampaignViews(scope.db, [row!], scope.now);
  return view!;
}

/** The subtree's campaigns, latest first. */
export async function staffCampaignList(scope: Scope, q: { cursor?: string; limit: number }) {
  const offset = decodeOffsetCursor(q.cursor);
  const rows = await scope.db.select().from(campaigns).where(inScopeSql(scope.auth, campaigns.unionPath)).orderBy(desc(campaigns.startsOn), desc(campaigns.id)).limit(q.limit + 1).offset(offset);
  const data = await staffCampaignViews(scope.db, rows.slice(0, q.limit), scope.now);
  return { data, pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

export async function staffCampaignDetail(scope: Scope, { id }: { id: string }) {
  const c = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'read', c);
  const offers = await scope.db.select().from(campaignOffers).where(eq(campaignOffers.campaignId, c.id)).orderBy(campaignOffers.createdAt);
  const [campaign] = await staffCampaignViews(scope.db, [c], scope.now);
  return { campaign: campaign!, offers: await offerViews(scope.db, offers), sponsors: await sponsorViews(scope.db, c.id) };
}

/** An offer for a union inside the campaign's subtree, with pickup days inside the campaign. */
export async function offerAdder(scope: Scope, { id, input }: { id: string; input: OfferInput }) {
  const c = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'addOffer', c);
  if (c.cancelledAt) throw new AppError('CAMPAIGN_CANCELLED');
  if (campaignPhase(c, scope.now) === 'ended') throw new AppError('CAMPAIGN_ENDED');
  const u = await scopedUnion(scope, input.audience.unionId);
  const problems: { path: string; message: string }[] = [];
  if (!u.path.startsWith(c.unionPath)) problems.push({ path: 'audience.unionId', message: '面向的工会须在本活动的工会范围内' });
  if (input.pickupTo < input.pickupFrom) problems.push({ path: 'pickupTo', message: '领取截止日期不能早于开始日期' });
  if (input.pickupFrom < c.startsOn || input.pickupTo > c.endsOn) problems.push({ path: 'pickupFrom', message: '领取日期须在活动期内' });
  if (new Set(input.pickupPoints).size !== input.pickupPoints.length) problems.push({ path: 'pickupPoints', message: '领取地点不能重复' });
  if (isStocked(input.kind)) {
    if (input.stock === null) problems.push({ path: 'stock', message: '请填写春联数量' });
    if (input.audience.archiveCategories.length) problems.push({ path: 'audience.archiveCategories', message: '送春联按会员标签发放，不按困难档案类别' });
  } else if (input.stock !== null) problems.push({ path: 'stock', message: '只有送春联设置数量' });
  if (problems.length) throw new AppError('OFFER_INVALID', { issues: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
  assertArchiveAudience(scope.auth, u.path, input.audience.archiveCategories);
  // couplets: the stock is a voucher batch with the offer's own id (see couplets.ts)
  const batch = isStocked(input.kind) ? coupletBatchValues(c, u, input, scope) : null;
  if (batch) await scope.db.insert(voucherBatches).values(batch);
  const [row] = await scope.db
    .insert(campaignOffers)
    .values({
      ...(batch ? { id: batch.id, batchId: batch.id } : {}),
      campaignId: c.id,
      unionId: u.id,
      unionPath: u.path,
      kind: input.kind,
      title: input.title,
      description: input.description,
      valueFen: input.valueFen,
      fund: input.fund,
      category: input.category,
      audienceTags: input.audience.tags,
      archiveCategories: input.audience.archiveCategories,
      pickupPoints: input.pickupPoints,
      pickupFrom: input.pickupFrom,
      pickupTo: input.pickupTo,
      delivery: input.delivery,
      createdBy: scope.auth.userId,
      createdAt: scope.now,
    })
    .returning();
  await audit(scope, 'campaign.add_offer', { type: 'campaign_offer', id: row!.id }, { campaignId: c.id, tags: input.audience.tags, archiveCategories: input.audience.archiveCategories, stock: input.stock });
  return offerView(row!, u.name, batch ? { total: batch.stockTotal, left: batch.stockTotal } : null);
}

/** A donor's or an enterprise's sponsorship of the campaign (a social donation, B4). */
export async function sponsorRecorder(scope: Scope, { id, input }: { id: string; input: SponsorInput }) {
  const c = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'addSponsor', c);
  let offerTitle: string | null = null;
  if (input.offerId) {
    const [o] = await scope.db.select().from(campaignOffers).where(and(eq(campaignOffers.id, input.offerId), eq(campaignOffers.campaignId, c.id))).limit(1);
    if (!o) throw new AppError('OFFER_NOT_FOUND');
    offerTitle = o.title;
  }
  const [row] = await scope.db
    .insert(campaignSponsors)
    .values({
      campaignId: c.id,
      unionId: c.unionId,
      unionPath: c.unionPath,
      offerId: input.offerId,
      donorName: input.donorName,
      donorKind: input.donorKind,
      moneyFen: input.moneyFen,
      goodsFen: input.goodsFen,
      goods: input.goods,
      receivedOn: input.receivedOn,
      createdBy: scope.auth.userId,
      createdAt: scope.now,
    })
    .returning();
  await audit(scope, 'campaign.add_sponsor', { type: 'campaign', id: c.id }, { sponsorId: row!.id, moneyFen: input.moneyFen, goodsFen: input.goodsFen });
  return sponsorView(row!, offerTitle);
}

/**
 * At the counter: the member shows their pickup code, staff scan or type it. A pack is handed
 * over once: the conditional update decides, whatever arrives at the same time. Unknown codes and
 * codes outside the caller's unions are one answer (404), counted per staff account.
 */
export async function pickupHander(scope: Scope, { code }: { code: string }): Promise<PickupView> {
  const bucket = `pickup-code-miss:${scope.auth.userId}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.redeemMiss);
  const [hit] = await scope.db
    .select({ claim: campaignClaims, offer: campaignOffers })
    .from(campaignClaims)
    .innerJoin(campaignOffers, eq(campaignOffers.id, campaignClaims.offerId))
    .where(eq(campaignClaims.pickupCode, code))
    .limit(1);
  if (!hit || !(pathInScope(scope.auth, hit.offer.unionPath) || pathInScope(scope.auth, hit.claim.memberUnionPath))) {
    scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw new AppError('PICKUP_CODE_UNKNOWN');
  }
  // A pickup only on the offer's pickup days (Shanghai): refused on another day, not counted with a warning. A posted
  // pack (delivery) is marked whenever it goes out.
  if (hit.claim.pickupPoint !== null && !pickupDateAllowed(hit.offer, shanghaiDate(scope.now))) throw new AppError('PICKUP_OUTSIDE_DAYS', { pickupFrom: hit.offer.pickupFrom, pickupTo: hit.offer.pickupTo });
  const [done] = await scope.db
    .update(campaignClaims)
    .set({ handedOverAt: scope.now, handedOverBy: scope.auth.userId })
    .where(and(eq(campaignClaims.id, hit.claim.id), isNull(campaignClaims.handedOverAt)))
    .returning();
  if (!done) throw new AppError('PICKUP_ALREADY_HANDED_OVER');
  await scope.db.update(campaignOffers).set({ handedOverCount: sql`${campaignOffers.handedOverCount} + 1` }).where(eq(campaignOffers.id, hit.offer.id));
  if (done.voucherId) await useCoupletVoucher(scope.db, done.voucherId, scope.now);
  await audit(scope, 'campaign.hand_over', { type: 'campaign_offer', id: hit.offer.id }, { claimId: done.id });
  const [m] = await scope.db
    .select({ name: members.name, memberNo: members.memberNo, unionName: unions.name })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, done.memberId));
  // An offer aimed at archive categories tells that its claimant is an archived hardship worker:
  // the counter shows who they are only to staff with the hardship duty over the member's union.
  const hidden = hit.offer.archiveCategories.length > 0 && !hardshipMayRead(scope.auth, done.memberUnionPath);
  return {
    id: done.id,
    memberName: hidden ? '***' : maskName(m?.name ?? ''),
    memberNo: hidden ? maskTail(m?.memberNo ?? '') : (m?.memberNo ?? ''),
    unionName: m?.unionName ?? '',
    offerTitle: hit.offer.title,
    kind: hit.offer.kind,
    pickupPoint: done.pickupPoint,
    pickupDate: done.pickupDate,
    deliveryAddress: done.deliveryAddress,
    handedOverAt: scope.now.toISOString(),
  };
}
