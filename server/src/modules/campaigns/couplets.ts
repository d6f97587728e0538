/*
 * 送春联: a limited stock of couplets members grab, then collect at a point on a day or have posted.
 *
 * The stock is a voucher batch (purpose 'couplets') whose id is the offer's own: a grab IS a
 * voucher claim, written by the voucher engine's group writer (writeClaims: the batch locked, stock
 * and the one-per-member quota decided in arrival order, both guarded again by the database), on
 * the rush path (memory refusals, the claim line, group commit, idempotency). The same transaction
 * writes the campaign claim carrying the pickup code and how the member takes the couplets; the
 * hand-over at the counter marks the voucher used. Such a batch is never listed, returned or
 * redeemed as a voucher (the vouchers module leaves purpose 'couplets' out).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, campaignWindow, pickupCodeFrom, pickupDateAllowed, recipientCategory, shanghaiDate, type campaignsApi, type OfferClaimInput, type OfferInput } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import type { HotPath } from '../../http/route';
import type { Auth } from '../../scope/auth';
import type { Scope } from '../../scope/scope';
import { writeClaims } from '../vouchers/claim-writer';
import type { CampaignRow, OfferRow } from '../../policies/campaigns';
import { memberOfferView, stockOf, unionNames } from './views';

const { campaigns, campaignOffers, campaignClaims, vouchers, hardshipArchive } = schema;

/** The voucher engine's answers in the words of a couplet offer (the gate and the writer speak vouchers). */
const FROM_VOUCHER: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  VOUCHER_SOLD_OUT: 'COUPLETS_SOLD_OUT',
  VOUCHER_LIMIT_REACHED: 'OFFER_ALREADY_CLAIMED',
  VOUCHER_NOT_OPEN: 'OFFER_NOT_OPEN',
  // outside the offer's union or tags: the offer does not exist for them, as with gift packs
  VOUCHER_NOT_ELIGIBLE: 'OFFER_NOT_FOUND',
  VOUCHER_BATCH_NOT_FOUND: 'OFFER_NOT_FOUND',
  MEMBER_NOT_ACTIVE: 'OFFER_MEMBER_NOT_ACTIVE',
  NOT_A_MEMBER: 'OFFER_MEMBER_NOT_ACTIVE',
};
const TO_VOUCHER: Record<string, string> = { COUPLETS_SOLD_OUT: 'VOUCHER_SOLD_OUT', OFFER_NOT_OPEN: 'VOUCHER_NOT_OPEN' };

export function coupletRefusal(err: unknown): unknown {
  if (err instanceof AppError && FROM_VOUCHER[err.code]) return new AppError(FROM_VOUCHER[err.code]!);
  return err;
}

/** The batch behind a new couplet offer: open over the campaign's days until the last pickup day, one set per member. */
export function coupletBatchValues(c: CampaignRow, u: { id: string; path: string }, input: OfferInput, scope: Scope) {
  const startsAt = campaignWindow(c).startsAt;
  const endsAt = campaignWindow({ startsOn: input.pickupFrom, endsOn: input.pickupTo }).endsAt;
  return {
    id: randomUUID(),
    unionId: u.id,
    unionPath: u.path,
    createdBy: scope.auth.userId,
    title: input.title,
    description: input.description,
    kind: 'direct' as const,
    faceValueFen: input.valueFen,
    stockTotal: input.stock!,
    perMemberLimit: 1,
    audienceTags: [...new Set(input.audience.tags)],
    schedule: { type: 'window' as const, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    validity: { type: 'until' as const, endsAt: endsAt.toISOString() },
    period: c.startsOn.slice(0, 7),
    startsAt,
    endsAt,
    status: 'published' as const,
    createdAt: scope.now,
    publishedAt: scope.now,
    purpose: 'couplets' as const,
  };
}

export interface Grab {
  auth: Auth;
  offerId: string;
  input: OfferClaimInput;
  now: Date;
}

type Way = { pickupPoint: string | null; pickupDate: string | null; deliveryAddress: string | null };

function wayOf(o: OfferRow, input: OfferClaimInput, now: Date): Way | AppError {
  if (input.way === 'pickup') {
    if (!o.pickupPoints.includes(input.pickupPoint) || !pickupDateAllowed(o, input.pickupDate) || input.pickupDate < shanghaiDate(now)) return new AppError('OFFER_CLAIM_INVALID');
    return { pickupPoint: input.pickupPoint, pickupDate: input.pickupDate, deliveryAddress: null };
  }
  if (!o.delivery) return new AppError('OFFER_CLAIM_INVALID');
  return { pickupPoint: null, pickupDate: null, deliveryAddress: input.address };
}

/**
 * A group of grabs in one transaction: each checked against its offer (a couplet offer of a
 * campaign not cancelled, a pickup point and day it has, or posting where it posts), then all of
 * them handed to the voucher engine's writer in arrival order, then one campaign claim per voucher.
 */
export async function writeGrabs(tx: Db, grabs: Grab[]): Promise<(Awaited<ReturnType<typeof memberOfferView>> | AppError)[]> {
  if (grabs.length === 0) return [];
  const ids = [...new Set(grabs.map((g) => g.offerId))];
  const rows = await tx
    .select({ offer: campaignOffers, campaign: campaigns })
    .from(campaignOffers)
    .innerJoin(campaigns, eq(campaigns.id, campaignOffers.campaignId))
    .where(and(inArray(campaignOffers.id, ids), eq(campaignOffers.kind, 'couplets')));
  const offers = new Map(rows.map((r) => [r.offer.id, r]));
  const checked = grabs.map((g): { way: Way } | AppError => {
    const r = offers.get(g.offerId);
    if (!r) return new AppError('OFFER_NOT_FOUND');
    if (!g.auth.memberId || !g.auth.memberActive) return new AppError('OFFER_MEMBER_NOT_ACTIVE');
    if (r.campaign.cancelledAt || r.offer.cancelledAt) return new AppError('OFFER_NOT_FOUND');
    const way = wayOf(r.offer, g.input, g.now);
    return way instanceof AppError ? way : { way };
  });
  const going = grabs.flatMap((g, i) => (checked[i] instanceof AppError ? [] : [{ g, i }]));
  const written = await writeClaims(
    tx,
    going.map(({ g }) => ({ batchId: g.offerId, memberId: g.auth.memberId!, now: g.now, purpose: 'couplets' as const })),
  );
  const results: (Awaited<ReturnType<typeof memberOfferView>> | AppError)[] = checked.map((c) => (c instanceof AppError ? c : new AppError('SERVICE_UNAVAILABLE')));
  const claimed = going.flatMap(({ g, i }, k) => {
    const w = written[k]!;
    if (w instanceof AppError) {
      results[i] = coupletRefusal(w) as AppError;
      return [];
    }
    return [{ g, i, voucherId: w.id }];
  });
  if (claimed.length === 0) return results;
  // the form counts each recipient in their own group: read their live archive category now
  const memberIds = [...new Set(claimed.map((c) => c.g.auth.memberId!))];
  const archived = new Map(
    (await tx.select({ memberId: hardshipArchive.memberId, category: hardshipArchive.category }).from(hardshipArchive).where(and(inArray(hardshipArchive.memberId, memberIds), eq(hardshipArchive.status, 'active')))).map((a) => [a.memberId, a.category as string]),
  );
  const inserted = await tx
    .insert(campaignClaims)
    .values(
      claimed.map(({ g, i, voucherId }) => {
        const o = offers.get(g.offerId)!.offer;
        return {
          offerId: o.id,
          memberId: g.auth.memberId!,
          userId: g.auth.userId,
          memberUnionId: g.auth.memberUnionId!,
          memberUnionPath: g.auth.memberUnionPath!,
          newForm: g.auth.memberTags.includes('new_form'),
          recipientCategory: recipientCategory(o.category, { tags: g.auth.memberTags, archiveCategory: archived.get(g.auth.memberId!) ?? null }),
          voucherId,
          pickupCode: pickupCodeFrom(() => randomInt(0, 1_000_000) / 1_000_000),
          ...(checked[i] as { way: Way }).way,
          claimedAt: g.now,
        };
      }),
    )
    .returning();
  const byVoucher = new Map(inserted.map((c) => [c.voucherId!, c]));
  // the counters move with the claims, in the same transaction
  const perOffer = new Map<string, number>();
  for (const c of inserted) perOffer.set(c.offerId, (perOffer.get(c.offerId) ?? 0) + 1);
  const after = new Map<string, OfferRow>();
  for (const [id, n] of perOffer) {
    const [o] = await tx
      .update(campaignOffers)
      .set({ claimedCount: sqlAdd(n) })
      .where(eq(campaignOffers.id, id))
      .returning();
    after.set(id, o!);
  }
  const stock = await stockOf(tx, [...perOffer.keys()]);
  const names = await unionNames(tx, [...after.values()].map((o) => o.unionId));
  for (const { g, i, voucherId } of claimed) {
    const o = after.get(g.offerId)!;
    results[i] = await memberOfferView(o, offers.get(g.offerId)!.campaign, names.get(o.unionId) ?? '', byVoucher.get(voucherId), stock.get(o.id) ?? null);
  }
  return results;
}

const sqlAdd = (n: number) => sql`${campaignOffers.claimedCount} + ${n}`;

/** One grab inside the request's own transaction (a process without the rush memory): a group of one. */
export async function coupletGrabber(scope: Scope, { id, input }: { id: string; input: OfferClaimInput }) {
  const [r] = await writeGrabs(scope.db, [{ auth: scope.auth, offerId: id, input, now: scope.now }]);
  if (r instanceof AppError) throw r;
  return r!;
}

/** The grab's hot path: the voucher claim gate keyed by the offer's id (its batch's), then group commit. */
export const grabPath: HotPath<typeof campaignsApi.grabCouplets> = {
  gate: (rush, auth, { params }, key, now) => {
    try {
      rush.gate.check(params.id, auth, key, now);
    } catch (err) {
      throw coupletRefusal(err);
    }
  },
  learn: (rush, auth, { params }, key, status, code) => rush.gate.learn(params.id, auth, key, status, code ? (TO_VOUCHER[code] ?? code) : code),
  writeMany: (tx, inputs) => writeGrabs(tx, inputs.map(({ auth, input, now }) => ({ auth, offerId: input.params.id, input: input.body, now }))),
};

/** At hand-over: the couplets' voucher is used, once (the claim's own conditional update already decided). */
export async function useCoupletVoucher(db: Db, voucherId: string, now: Date): Promise<void> {
  await db.update(vouchers).set({ status: 'used', usedAt: now }).where(and(eq(vouchers.id, voucherId), eq(vouchers.status, 'unused')));
}
