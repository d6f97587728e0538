/* 爱心认捐: donors pledge packs of a campaign's offer; the campaign's union confirms receipt (a B4 sponsorship) or declines. */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  AppError,
  formatFen,
  pledgeAmountFen,
  pledgeOpen,
  pledgeStatusLabels,
  shanghaiDate,
  type OfferKind,
  type PledgeInput,
  type PledgeView,
  type SponsorableOfferView,
  type StaffPledgeView,
} from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { campaignPolicy, staffCampaignRow } from '../../policies/campaigns';
import { donorPledgeRow, pledgePolicy, staffPledgeRow, type PledgeRow } from '../../policies/pledges';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { sponsorRecorder } from '../campaigns/staff';
import { notify } from '../notices/notify';

const { campaignPledges, campaignOffers, campaigns, unions, donors, donorProfiles, users } = schema;
/** What donors may sponsor: packs and dinners paid for by sponsors (fund 'sponsored'); what a fund pays is counted there already. */
const SPONSORABLE: OfferKind[] = ['gift_pack', 'dinner'];
const sponsorable = () => and(inArray(campaignOffers.kind, SPONSORABLE), eq(campaignOffers.fund, 'sponsored'));
/** A sponsorship is at most 10 million yuan (SponsorInput's limit). */
const MAX_PLEDGE_FEN = 1_000_000_000;

interface OfferFacts {
  id: string;
  title: string;
  campaignName: string;
  unionName: string;
  valueFen: number;
}

async function offerFacts(db: Db, offerIds: string[]): Promise<Map<string, OfferFacts>> {
  if (offerIds.length === 0) return new Map();
  const rows = await db
    .select({ id: campaignOffers.id, title: campaignOffers.title, valueFen: campaignOffers.valueFen, campaignName: campaigns.name, unionName: unions.name })
    .from(campaignOffers)
    .innerJoin(campaigns, eq(campaigns.id, campaignOffers.campaignId))
    .innerJoin(unions, eq(unions.id, campaigns.unionId))
    .where(inArray(campaignOffers.id, [...new Set(offerIds)]));
  return new Map(rows.map((r) => [r.id, r]));
}

function present(p: PledgeRow, offers: Map<string, OfferFacts>): PledgeView {
  const o = offers.get(p.offerId)!;
  return {
    id: p.id,
    offer: { id: o.id, title: o.title, campaignName: o.campaignName, unionName: o.unionName, valueFen: o.valueFen },
    packs: p.packs,
    form: p.form,
    amountFen: p.amountFen,
    note: p.note,
    status: p.status,
    decisionNote: p.decisionNote,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

async function presentForStaff(db: Db, rows: PledgeRow[]): Promise<StaffPledgeView[]> {
  const offers = await offerFacts(db, rows.map((p) => p.offerId));
  const userIds = [...new Set(rows.map((p) => p.donorUserId))];
  const people = userIds.length
    ? await db
        .select({ userId: donors.userId, name: donors.displayName, kind: donors.kind, contactName: donorProfiles.contactName, contactPhone: donorProfiles.contactPhone, phone: users.phone })
        .from(donors)
        .innerJoin(users, eq(users.id, donors.userId))
        .leftJoin(donorProfiles, eq(donorProfiles.userId, donors.userId))
        .where(inArray(donors.userId, userIds))
    : [];
  const byUser = new Map(people.map((d) => [d.userId, d]));
  return rows.map((p) => {
    const d = byUser.get(p.donorUserId);
    // a donor who deleted their account: their open pledges were withdrawn, the record stays
    const donor = d ? { name: d.name, kind: d.kind, contactName: d.contactName, contactPhone: d.contactPhone ?? d.phone } : { name: '已注销的爱心人士', kind: 'individual' as const, contactName: null, contactPhone: '' };
    return { ...present(p, offers), donor };
  });
}

/** Offers of campaigns that have not ended, with how many packs are claimed and pledged; nothing about who claimed. */
export async function sponsorableOfferList(scope: Scope): Promise<{ data: SponsorableOfferView[] }> {
  const today = shanghaiDate(scope.now);
  const pledged = sql<number>`coalesce((select sum(p.packs) from campaign_pledges p where p.offer_id = ${campaignOffers.id} and p.status in ('pledged','received')), 0)::int`;
  const rows = await scope.db
    .select({ o: campaignOffers, campaignName: campaigns.name, startsOn: campaigns.startsOn, endsOn: campaigns.endsOn, unionName: unions.name, pledged })
    .from(campaignOffers)
    .innerJoin(campaigns, eq(campaigns.id, campaignOffers.campaignId))
    .innerJoin(unions, eq(unions.id, campaigns.unionId))
    .where(and(sponsorable(), sql`${campaigns.endsOn} >= ${today}`, isNull(campaigns.cancelledAt), isNull(campaignOffers.cancelledAt)))
    .orderBy(campaigns.endsOn, campaignOffers.createdAt)
    .limit(100);
  const data = rows
    .filter((r) => pledgeOpen({ startsOn: r.startsOn, endsOn: r.endsOn }, scope.now))
    .map((r) => ({
      id: r.o.id,
      campaignName: r.campaignName,
      unionName: r.unionName,
      kind: r.o.kind,
      title: r.o.title,
      description: r.o.description,
      valueFen: r.o.valueFen,
      endsOn: r.endsOn,
      claimedCount: r.o.claimedCount,
      pledgedPacks: Number(r.pledged),
    }));
  return { data };
}

export async function pledgeCreator(scope: Scope, input: PledgeInput): Promise<PledgeView> {
  const [row] = await scope.db
    .select({ o: campaignOffers, c: campaigns })
    .from(campaignOffers)
    .innerJoin(campaigns, eq(campaigns.id, campaignOffers.campaignId))
    .where(and(eq(campaignOffers.id, input.offerId), sponsorable()))
    .limit(1);
  if (!row) throw new AppError('OFFER_NOT_FOUND');
  if (!pledgeOpen(row.c, scope.now) || row.c.cancelledAt || row.o.cancelledAt) throw new AppError('PLEDGE_CLOSED');
  const amountFen = pledgeAmountFen(input.packs, row.o.valueFen);
  if (amountFen > MAX_PLEDGE_FEN) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'body.packs', message: '单次认捐不能超过1000万元，请减少份数' }] });
  const [p] = await scope.db
    .insert(campaignPledges)
    .values({
      offerId: row.o.id,
      campaignId: row.c.id,
      unionPath: row.c.unionPath,
      donorUserId: scope.auth.userId,
      packs: input.packs,
      form: input.form,
      amountFen,
      note: input.note,
      status: 'pledged',
      createdAt: scope.now,
    })
    .returning();
  await audit(scope, 'pledge.create', { type: 'campaign_pledge', id: p!.id }, { offerId: row.o.id, packs: input.packs, form: input.form });
  return present(p!, await offerFacts(scope.db, [row.o.id]));
}

export async function myPledgeList(scope: Scope, q: { cursor?: string; limit: number }) {
  const after = afterCursor(q.cursor, campaignPledges.createdAt, campaignPledges.id);
  const rows = await scope.db
    .select()
    .from(campaignPledges)
    .where(and(eq(campaignPledges.donorUserId, scope.auth.userId), after))
    .orderBy(desc(campaignPledges.createdAt), desc(campaignPledges.id))
    .limit(q.limit + 1);
  const offers = await offerFacts(scope.db, rows.map((p) => p.offerId));
  return pageOf(rows, q.limit, (p) => present(p, offers), (p) => [p.createdAt.toISOString(), p.id]);
}

export async function pledgeWithdrawer(scope: Scope, { id }: { id: string }): Promise<PledgeView> {
  const p = await donorPledgeRow(scope, id);
  if (p.status !== 'pledged') throw new AppError('PLEDGE_DECIDED');
  const [row] = await scope.db.update(campaignPledges).set({ status: 'withdrawn', decidedAt: scope.now }).where(eq(campaignPledges.id, p.id)).returning();
  await audit(scope, 'pledge.withdraw', { type: 'campaign_pledge', id: p.id });
  return present(row!, await offerFacts(scope.db, [p.offerId]));
}

/** The campaign's pledges, newest first, for its union's staff. */
export async function campaignPledgeList(scope: Scope, { id }: { id: string }): Promise<{ data: StaffPledgeView[] }> {
  const c = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'read', c);
  const rows = await scope.db.select().from(campaignPledges).where(eq(campaignPledges.campaignId, c.id)).orderBy(desc(campaignPledges.createdAt), desc(campaignPledges.id)).limit(500);
  return { data: await presentForStaff(scope.db, rows) };
}

async function tellDonor(scope: Scope, p: PledgeRow, offerTitle: string, body: string) {
  await notify(scope, {
    userId: p.donorUserId,
    kind: `pledge.${p.status}`,
    title: `认捐${pledgeStatusLabels[p.status]}：${offerTitle}`,
    body,
    link: { page: '/pages/donor/pledges/index', id: p.id },
  });
}

/** Staff received the money or the goods: the pledge becomes the campaign's sponsorship (B4 of the form), once. */
export async function pledgeReceiver(scope: Scope, { id, receivedOn }: { id: string; receivedOn: string }): Promise<StaffPledgeView> {
  const p = await staffPledgeRow(scope, id);
  pledgePolicy.authorize(scope, 'decide', p);
  const [donor] = await scope.db.select().from(donors).where(eq(donors.userId, p.donorUserId)).limit(1);
  if (!donor) throw new AppError('PLEDGE_DECIDED'); // the donor's account is gone (its open pledges were withdrawn)
  const facts = (await offerFacts(scope.db, [p.offerId])).get(p.offerId)!;
  const sponsor = await sponsorRecorder(scope, {
    id: p.campaignId,
    input: {
      donorName: donor.displayName,
      donorKind: donor.kind,
      moneyFen: p.form === 'money' ? p.amountFen : 0,
      goodsFen: p.form === 'goods' ? p.amountFen : 0,
      goods: p.form === 'goods' ? `${facts.title} ${p.packs}份` : '',
      offerId: p.offerId,
      receivedOn,
    },
  });
  const [row] = await scope.db
    .update(campaignPledges)
    .set({ status: 'received', sponsorId: sponsor.id, decidedBy: scope.auth.userId, decidedAt: scope.now })
    .where(eq(campaignPledges.id, p.id))
    .returning();
  await audit(scope, 'pledge.receive', { type: 'campaign_pledge', id: p.id }, { sponsorId: sponsor.id, amountFen: p.amountFen });
  await tellDonor(scope, row!, facts.title, `${facts.unionName}已收到您认捐的${p.packs}份（${formatFen(p.amountFen)}），将送到职工手中。感谢您的爱心！`);
  const [view] = await presentForStaff(scope.db, [row!]);
  return view!;
}

export async function pledgeDecliner(scope: Scope, { id, reason }: { id: string; reason: string }): Promise<StaffPledgeView> {
  const p = await staffPledgeRow(scope, id);
  pledgePolicy.authorize(scope, 'decide', p);
  const [row] = await scope.db
    .update(campaignPledges)
    .set({ status: 'declined', decisionNote: reason, decidedBy: scope.auth.userId, decidedAt: scope.now })
    .where(eq(campaignPledges.id, p.id))
    .returning();
  await audit(scope, 'pledge.decline', { type: 'campaign_pledge', id: p.id }, { reason });
  const facts = (await offerFacts(scope.db, [p.offerId])).get(p.offerId)!;
  await tellDonor(scope, row!, facts.title, `${facts.unionName}：${reason}`);
  const [view] = await presentForStaff(scope.db, [row!]);
  return view!;
}

/** Account deletion: the donor's open pledges are withdrawn (what was received stays, as the union's record). */
export async function pledgesOfDeletedAccount(scope: Scope): Promise<void> {
  await scope.db
    .update(campaignPledges)
    .set({ status: 'withdrawn', decidedAt: scope.now })
    .where(and(eq(campaignPledges.donorUserId, scope.auth.userId), eq(campaignPledges.status, 'pledged')));
}

/** Calling off offers: their open pledges are declined and each donor is told. */
export async function pledgesOfCancelledOffers(scope: Scope, offerIds: string[]): Promise<void> {
  if (offerIds.length === 0) return;
  const reason = '该送温暖项目已取消，感谢您的爱心';
  const rows = await scope.db
    .update(campaignPledges)
    .set({ status: 'declined', decisionNote: reason, decidedBy: scope.auth.userId, decidedAt: scope.now })
    .where(and(inArray(campaignPledges.offerId, offerIds), eq(campaignPledges.status, 'pledged')))
    .returning();
  if (rows.length === 0) return;
  const facts = await offerFacts(scope.db, rows.map((p) => p.offerId));
  for (const p of rows) {
    const f = facts.get(p.offerId)!;
    await tellDonor(scope, p, f.title, `${f.unionName}：${reason}`);
  }
  await audit(scope, 'pledge.decline_cancelled', { type: 'campaign_offer', id: offerIds[0]! }, { pledges: rows.map((p) => p.id) });
}

/** A sponsorship deleted by staff that came from a pledge: the pledge is open again (not received). */
export async function pledgeOfDeletedSponsor(scope: Scope, sponsorId: string): Promise<void> {
  await scope.db.update(campaignPledges).set({ status: 'pledged', sponsorId: null, decidedBy: null, decidedAt: null }).where(eq(campaignPledges.sponsorId, sponsorId));
}
