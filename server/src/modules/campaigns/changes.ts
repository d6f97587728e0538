/*
 * Changing and calling off campaigns and offers. Before any member claimed, anything may change
 * (but an offer's kind, group and audience: add another offer for that) and both may be called off;
 * once someone claimed, only what cannot take anything from them: names, descriptions, a later end.
 * "Nobody claimed" is decided under the rows' locks, so a claim arriving meanwhile either comes first
 * (and the change is refused) or finds the offer called off.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { AppError, campaignProblems, campaignWindow, maskName, type CampaignPatch, type OfferPatch } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import { assertArchiveAudience, campaignPolicy, staffCampaignRow, type CampaignRow, type OfferRow } from '../../policies/campaigns';
import { pathInScope } from '../../policies/staff';
import type { Scope } from '../../scope/scope';
import { announce } from '../../rush/signals';
import { audit } from '../audit/service';
import { pledgesOfCancelledOffers } from '../pledges/service';
import { offerView, staffCampaignViews, stockOf, unionNames } from './views';

const { campaigns, campaignOffers, campaignClaims, members, voucherBatches } = schema;

const invalid = (code: 'CAMPAIGN_INVALID' | 'OFFER_INVALID', problems: { path: string; message: string }[]) =>
  new AppError(code, { issues: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });

/**
 * A campaign's offers, locked: their couplet batches first, then the offers, in the order a grab
 * takes them (batch, then offer), so the two never wait on each other.
 */
async function lockedOffers(db: Db, campaignId: string): Promise<OfferRow[]> {
  const batchIds = (await db.select({ id: campaignOffers.batchId }).from(campaignOffers).where(eq(campaignOffers.campaignId, campaignId))).flatMap((r) => (r.id ? [r.id] : []));
  if (batchIds.length) await db.select({ id: voucherBatches.id }).from(voucherBatches).where(inArray(voucherBatches.id, batchIds)).orderBy(voucherBatches.id).for('update');
  return db.select().from(campaignOffers).where(eq(campaignOffers.campaignId, campaignId)).orderBy(campaignOffers.id).for('update');
}

/** Keeps a couplet offer's batch in step with the offer: its window (campaign start to last pickup day), title, stock. */
async function syncBatch(db: Db, o: OfferRow, c: CampaignRow): Promise<void> {
  if (!o.batchId) return;
  const startsAt = campaignWindow(c).startsAt;
  const endsAt = campaignWindow({ startsOn: o.pickupFrom, endsOn: o.pickupTo }).endsAt;
  await db
    .update(voucherBatches)
    .set({
      title: o.title,
      description: o.description,
      faceValueFen: o.valueFen,
      startsAt,
      endsAt,
      schedule: { type: 'window', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      validity: { type: 'until', endsAt: endsAt.toISOString() },
    })
    .where(eq(voucherBatches.id, o.batchId));
  await announce(db, { kind: 'batch', id: o.batchId });
}

export async function campaignUpdater(scope: Scope, { id, patch }: { id: string; patch: CampaignPatch }) {
  const c0 = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'update', c0);
  const [c] = await scope.db.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (c!.cancelledAt) throw new AppError('CAMPAIGN_CANCELLED');
  const offers = await lockedOffers(scope.db, id);
  const next = { name: patch.name ?? c!.name, startsOn: patch.startsOn ?? c!.startsOn, endsOn: patch.endsOn ?? c!.endsOn };
  const claimed = offers.some((o) => o.claimedCount > 0);
  if (claimed && (next.startsOn !== c!.startsOn || next.endsOn < c!.endsOn)) throw new AppError('CAMPAIGN_HAS_CLAIMS');
  const problems = campaignProblems(next);
  for (const o of offers.filter((x) => !x.cancelledAt)) {
    if (o.pickupFrom < next.startsOn || o.pickupTo > next.endsOn) problems.push({ path: 'startsOn', message: `“${o.title}”的领取日期须在活动期内，请先修改该项目` });
  }
  if (problems.length) throw invalid('CAMPAIGN_INVALID', problems.slice(0, 5));
  const [row] = await scope.db.update(campaigns).set(next).where(eq(campaigns.id, id)).returning();
  if (next.startsOn !== c!.startsOn) for (const o of offers) await syncBatch(scope.db, o, row!);
  await audit(scope, 'campaign.update', { type: 'campaign', id }, { before: { name: c!.name, startsOn: c!.startsOn, endsOn: c!.endsOn }, after: next });
  const [view] = await staffCampaignViews(scope.db, [row!], scope.now);
  return view!;
}

/** Closes a couplet offer's batch, provided nothing was taken from it (under its lock). */
async function closeBatch(scope: Scope, o: OfferRow): Promise<void> {
  if (!o.batchId) return;
  const [closed] = await scope.db
    .update(voucherBatches)
    .set({ status: 'closed', closedAt: scope.now })
    .where(and(eq(voucherBatches.id, o.batchId), eq(voucherBatches.stockClaimed, 0)))
    .returning({ id: voucherBatches.id });
  if (!closed) throw new AppError('CAMPAIGN_HAS_CLAIMS');
  await announce(scope.db, { kind: 'batch', id: o.batchId });
}

export async function campaignCanceller(scope: Scope, { id }: { id: string }) {
  const c0 = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'cancel', c0);
  const [c] = await scope.db.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (c!.cancelledAt) throw new AppError('CAMPAIGN_CANCELLED');
  const offers = await lockedOffers(scope.db, id);
  if (offers.some((o) => o.claimedCount > 0)) throw new AppError('CAMPAIGN_HAS_CLAIMS');
  for (const o of offers) if (!o.cancelledAt) await closeBatch(scope, o);
  await pledgesOfCancelledOffers(scope, offers.filter((o) => !o.cancelledAt).map((o) => o.id));
  await scope.db.update(campaignOffers).set({ cancelledAt: scope.now }).where(and(eq(campaignOffers.campaignId, id), isNull(campaignOffers.cancelledAt)));
  const [row] = await scope.db.update(campaigns).set({ cancelledAt: scope.now }).where(eq(campaigns.id, id)).returning();
  await audit(scope, 'campaign.cancel', { type: 'campaign', id }, { offers: offers.length });
  const [view] = await staffCampaignViews(scope.db, [row!], scope.now);
  return view!;
}

/** An offer of a campaign of the caller's subtree, locked, with its campaign; 404 otherwise. */
async function staffOfferLocked(scope: Scope, id: string): Promise<{ o: OfferRow; c: CampaignRow }> {
  const [seen] = await scope.db.select().from(campaignOffers).where(eq(campaignOffers.id, id));
  if (!seen || !pathInScope(scope.auth, seen.unionPath)) throw new AppError('OFFER_NOT_FOUND');
  // the batch before the offer, as a grab locks them
  if (seen.batchId) await scope.db.select({ id: voucherBatches.id }).from(voucherBatches).where(eq(voucherBatches.id, seen.batchId)).for('update');
  const [o] = await scope.db.select().from(campaignOffers).where(eq(campaignOffers.id, id)).for('update');
  if (!o) throw new AppError('OFFER_NOT_FOUND');
  const c = await staffCampaignRow(scope, o.campaignId).catch(() => {
    throw new AppError('OFFER_NOT_FOUND');
  });
  campaignPolicy.authorize(scope, 'update', c);
  // an offer aimed at archive categories is changed by the staff who may aim it
  assertArchiveAudience(scope.auth, o.unionPath, o.archiveCategories);
  if (c.cancelledAt) throw new AppError('CAMPAIGN_CANCELLED');
  if (o.cancelledAt) throw new AppError('OFFER_CANCELLED');
  return { o, c };
}

/** How many of a couplet offer's sets are taken (the batch is locked by staffOfferLocked: grabs wait). */
async function coupletsTaken(db: Db, o: OfferRow): Promise<number> {
  if (!o.batchId) return o.claimedCount;
  const [b] = await db.select({ claimed: voucherBatches.stockClaimed }).from(voucherBatches).where(eq(voucherBatches.id, o.batchId));
  return b!.claimed;
}

export async function offerUpdater(scope: Scope, { id, patch }: { id: string; patch: OfferPatch }) {
  const { o, c } = await staffOfferLocked(scope, id);
  const taken = Math.max(await coupletsTaken(scope.db, o), o.claimedCount);
  if (taken > 0) {
    const unsafe = (Object.keys(patch) as (keyof OfferPatch)[]).filter((k) => !['title', 'description', 'pickupTo'].includes(k));
    if (unsafe.length || (patch.pickupTo !== undefined && patch.pickupTo < o.pickupTo)) throw new AppError('CAMPAIGN_HAS_CLAIMS', { fields: unsafe });
  }
  const next = { ...o, ...patch };
  const problems: { path: string; message: string }[] = [];
  if (next.pickupTo < next.pickupFrom) problems.push({ path: 'pickupTo', message: '领取截止日期不能早于开始日期' });
  if (next.pickupFrom < c.startsOn || next.pickupTo > c.endsOn) problems.push({ path: 'pickupFrom', message: '领取日期须在活动期内' });
  if (new Set(next.pickupPoints).size !== next.pickupPoints.length) problems.push({ path: 'pickupPoints', message: '领取地点不能重复' });
  if (patch.stock !== undefined && !o.batchId) problems.push({ path: 'stock', message: '只有送春联设置数量' });
  if (problems.length) throw invalid('OFFER_INVALID', problems);
  const [row] = await scope.db
    .update(campaignOffers)
    .set({ title: next.title, description: next.description, valueFen: next.valueFen, pickupPoints: next.pickupPoints, pickupFrom: next.pickupFrom, pickupTo: next.pickupTo, delivery: next.delivery })
    .where(eq(campaignOffers.id, id))
    .returning();
  if (o.batchId && patch.stock !== undefined) await scope.db.update(voucherBatches).set({ stockTotal: patch.stock }).where(eq(voucherBatches.id, o.batchId));
  await syncBatch(scope.db, row!, c);
  await audit(scope, 'campaign.update_offer', { type: 'campaign_offer', id }, { fields: Object.keys(patch) });
  const names = await unionNames(scope.db, [row!.unionId]);
  return offerView(row!, names.get(row!.unionId) ?? '', (await stockOf(scope.db, [id])).get(id) ?? null);
}

export async function offerCanceller(scope: Scope, { id }: { id: string }) {
  const { o } = await staffOfferLocked(scope, id);
  if (o.claimedCount > 0) throw new AppError('CAMPAIGN_HAS_CLAIMS');
  await closeBatch(scope, o);
  await pledgesOfCancelledOffers(scope, [o.id]);
  const [row] = await scope.db.update(campaignOffers).set({ cancelledAt: scope.now }).where(eq(campaignOffers.id, id)).returning();
  await audit(scope, 'campaign.cancel_offer', { type: 'campaign_offer', id }, {});
  const names = await unionNames(scope.db, [row!.unionId]);
  return offerView(row!, names.get(row!.unionId) ?? '', (await stockOf(scope.db, [id])).get(id) ?? null);
}

/**
 * An offer's claims still to be posted, oldest first (at most 200), for staff over the offer. The
 * address is what posting needs; the name is masked. An offer aimed at archive categories tells
 * who is archived: only staff with the hardship duty over its union see its list.
 */
export async function offerDeliveryList(scope: Scope, { id }: { id: string }) {
  const [o] = await scope.db.select().from(campaignOffers).where(eq(campaignOffers.id, id));
  if (!o || !pathInScope(scope.auth, o.unionPath)) throw new AppError('OFFER_NOT_FOUND');
  assertArchiveAudience(scope.auth, o.unionPath, o.archiveCategories);
  const rows = await scope.db
    .select({ id: campaignClaims.id, name: members.name, address: campaignClaims.deliveryAddress, code: campaignClaims.pickupCode, claimedAt: campaignClaims.claimedAt })
    .from(campaignClaims)
    .innerJoin(members, eq(members.id, campaignClaims.memberId))
    .where(and(eq(campaignClaims.offerId, id), isNotNull(campaignClaims.deliveryAddress), isNull(campaignClaims.handedOverAt)))
    .orderBy(asc(campaignClaims.claimedAt), asc(campaignClaims.id))
    .limit(200);
  await audit(scope, 'campaign.read_deliveries', { type: 'campaign_offer', id }, { count: rows.length });
  return { data: rows.map((r) => ({ id: r.id, memberName: maskName(r.name), address: r.address!, pickupCode: r.code, claimedAt: r.claimedAt.toISOString() })) };
}
