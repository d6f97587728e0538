/* Campaigns, offers and sponsorships as the wire shows them. */
import QRCode from 'qrcode';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaignPhase, type ArchiveCategory, type MemberOfferView, type OfferView, type SponsorView, type StaffCampaignView } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import type { CampaignRow, OfferRow } from '../../policies/campaigns';

const { campaignOffers, campaignSponsors, unions, voucherBatches } = schema;
type ClaimRow = typeof schema.campaignClaims.$inferSelect;
type SponsorRow = typeof campaignSponsors.$inferSelect;

export async function unionNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function staffCampaignViews(db: Db, rows: CampaignRow[], now: Date): Promise<StaffCampaignView[]> {
  const ids = rows.map((c) => c.id);
  const names = await unionNames(db, rows.map((c) => c.unionId));
  const counts = new Map<string, { offers: number; handed: number; claimed: number }>();
  if (ids.length) {
    const cs = await db
      .select({
        id: campaignOffers.campaignId,
        offers: sql<number>`count(*) filter (where ${campaignOffers.cancelledAt} is null)::int`,
        handed: sql<number>`coalesce(sum(${campaignOffers.handedOverCount}), 0)::int`,
        claimed: sql<number>`coalesce(sum(${campaignOffers.claimedCount}), 0)::int`,
      })
      .from(campaignOffers)
      .where(inArray(campaignOffers.campaignId, ids))
      .groupBy(campaignOffers.campaignId);
    for (const c of cs) counts.set(c.id, { offers: Number(c.offers), handed: Number(c.handed), claimed: Number(c.claimed) });
  }
  return rows.map((c) => ({
    id: c.id,
    unionId: c.unionId,
    unionName: names.get(c.unionId) ?? '',
    name: c.name,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    phase: campaignPhase(c, now),
    offerCount: counts.get(c.id)?.offers ?? 0,
    handedOverCount: counts.get(c.id)?.handed ?? 0,
    cancelled: c.cancelledAt !== null,
    claimCount: counts.get(c.id)?.claimed ?? 0,
  }));
}

type Stock = { total: number; left: number } | null;

export function offerView(o: OfferRow, unionName: string, stock: Stock = null): OfferView {
  return {
    id: o.id,
    campaignId: o.campaignId,
    kind: o.kind,
    title: o.title,
    description: o.description,
    valueFen: o.valueFen,
    fund: o.fund,
    category: o.category,
    audience: { unionId: o.unionId, unionName, tags: o.audienceTags, archiveCategories: o.archiveCategories as ArchiveCategory[] },
    pickupPoints: o.pickupPoints,
    pickupFrom: o.pickupFrom,
    pickupTo: o.pickupTo,
    delivery: o.delivery,
    claimedCount: o.claimedCount,
    handedOverCount: o.handedOverCount,
    stock,
    cancelled: o.cancelledAt !== null,
  };
}

export function sponsorView(s: SponsorRow, offerTitle: string | null): SponsorView {
  return { id: s.id, donorName: s.donorName, donorKind: s.donorKind, moneyFen: s.moneyFen, goodsFen: s.goodsFen, goods: s.goods, offerTitle, receivedOn: s.receivedOn };
}

export async function offerViews(db: Db, rows: OfferRow[]): Promise<OfferView[]> {
  const names = await unionNames(db, rows.map((o) => o.unionId));
  const stock = await stockOf(db, rows.filter((o) => o.batchId).map((o) => o.id));
  return rows.map((o) => offerView(o, names.get(o.unionId) ?? '', stock.get(o.id) ?? null));
}

/** What the counter's scanner reads: the pickup code with a prefix of its own (not a member code, not a voucher). */
export const pickupQr = (code: string) => QRCode.toDataURL(`GHP1:${code}`, { margin: 1, width: 280, errorCorrectionLevel: 'M' });

export async function memberOfferView(o: OfferRow, c: CampaignRow, unionName: string, mine: ClaimRow | undefined, stock: Stock = null): Promise<MemberOfferView> {
  return {
    id: o.id,
    campaignName: c.name,
    campaignEndsOn: c.endsOn,
    kind: o.kind,
    title: o.title,
    description: o.description,
    valueFen: o.valueFen,
    unionName,
    pickupPoints: o.pickupPoints,
    pickupFrom: o.pickupFrom,
    pickupTo: o.pickupTo,
    delivery: o.delivery,
    stock,
    mine: mine
      ? {
          status: mine.handedOverAt ? 'handed_over' : 'claimed',
          pickupCode: mine.pickupCode,
          pickupQr: mine.handedOverAt ? null : await pickupQr(mine.pickupCode),
          pickupPoint: mine.pickupPoint,
          pickupDate: mine.pickupDate,
          deliveryAddress: mine.deliveryAddress,
          claimedAt: mine.claimedAt.toISOString(),
          handedOverAt: mine.handedOverAt?.toISOString() ?? null,
        }
      : null,
  };
}

/** The stock of couplet offers: total and left, from their batches. */
export async function stockOf(db: Db, offerIds: string[]): Promise<Map<string, { total: number; left: number }>> {
  if (offerIds.length === 0) return new Map();
  const rows = await db
    .select({ id: voucherBatches.id, total: voucherBatches.stockTotal, claimed: voucherBatches.stockClaimed })
    .from(voucherBatches)
    .where(and(inArray(voucherBatches.id, offerIds), eq(voucherBatches.purpose, 'couplets')));
  return new Map(rows.map((r) => [r.id, { total: r.total, left: Math.max(0, r.total - r.claimed) }]));
}

export async function sponsorViews(db: Db, campaignId: string): Promise<SponsorView[]> {
  const rows = await db.select().from(campaignSponsors).where(eq(campaignSponsors.campaignId, campaignId)).orderBy(campaignSponsors.receivedOn, campaignSponsors.createdAt);
  const offerIds = rows.map((r) => r.offerId).filter((x): x is string => !!x);
  const titles = new Map<string, string>();
  if (offerIds.length) for (const o of await db.select({ id: campaignOffers.id, title: campaignOffers.title }).from(campaignOffers).where(inArray(campaignOffers.id, offerIds))) titles.set(o.id, o.title);
  return rows.map((s) => sponsorView(s, s.offerId ? (titles.get(s.offerId) ?? null) : null));
}
