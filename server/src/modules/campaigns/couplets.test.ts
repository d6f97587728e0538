import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { makeCampaign, offerInput, phonesOfUnion, setTags } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { claim } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';

const WUXING_STAFF = '13900000002';
const LOGISTICS = '吴兴区快递物流行业联合工会';
const pickup = { way: 'pickup' as const, pickupPoint: '吴兴区职工服务中心', pickupDate: '2026-12-22' };

describe.each(storageKinds)('送春联: a limited stock grabbed through the voucher claim path on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let campaignId: string;
  let members: string[];
  let outsider: string;

  beforeAll(async () => {
    staff = await app().login(WUXING_STAFF);
    campaignId = await makeCampaign(app(), staff);
    const phones = await phonesOfUnion(app(), LOGISTICS, 8);
    members = [];
    for (const p of phones) members.push(await app().login(p));
    outsider = await app().login((await phonesOfUnion(app(), '南浔木业家居产业联合工会', 1))[0]!);
  }, 120_000);

  const addCouplets = async (o: Parameters<typeof offerInput>[1] = {}) => {
    const r = await app().call(api.addCampaignOffer, { params: { id: campaignId }, body: await offerInput(app(), { kind: 'couplets', title: '新春春联', category: 'C7', valueFen: 1_500, stock: 5, ...o }), token: staff });
    expect(r.status, r.text).toBe(201);
    return r.body;
  };
  const grab = (token: string, id: string, key: string = randomUUID(), body: typeof pickup | { way: 'delivery'; address: string } = pickup) =>
    app().call(api.grabCouplets, { params: { id }, body, token, idempotencyKey: key });

  it('never gives more than the stock nor two sets to one member, whatever arrives at once', async () => {
    const offer = await addCouplets({ stock: 5 });
    expect(offer.stock).toEqual({ total: 5, left: 5 });
    // eight members, the first of them three times at once with different keys: eleven grabs for five sets
    const results = await Promise.all([...members, members[0]!, members[0]!].map((t) => grab(t, offer.id)));
    const created = results.filter((r) => r.status === 201);
    expect(results.filter((r) => r.status !== 201 && !['COUPLETS_SOLD_OUT', 'OFFER_ALREADY_CLAIMED'].includes(r.error?.code ?? '')).map((r) => r.text)).toEqual([]);
    expect(created).toHaveLength(5);
    expect(new Set(created.map((r) => r.body.mine!.pickupCode)).size).toBe(5);
    const [row] = await queryRows<{ claimed: number; vouchers: number; claims: number; members: number; counted: number }>(
      app().deps.db,
      sql`select b.stock_claimed as claimed,
                 (select count(*)::int from vouchers v where v.batch_id = b.id and v.status <> 'returned') as vouchers,
                 (select count(*)::int from campaign_claims c where c.offer_id = b.id) as claims,
                 (select count(distinct c.member_id)::int from campaign_claims c where c.offer_id = b.id) as members,
                 (select claimed_count from campaign_offers o where o.id = b.id) as counted
            from voucher_batches b where b.id = ${offer.id}`,
    );
    expect([row!.claimed, row!.vouchers, row!.claims, row!.members, row!.counted].map(Number)).toEqual([5, 5, 5, 5, 5]);
    // sold out is said plainly, to the member list and to one more grab
    const loser = members.find((_, i) => results[i]!.status !== 201)!;
    const list = (await app().call(api.myCampaignOffers, { token: loser })).body.data.find((o) => o.id === offer.id);
    expect(list).toMatchObject({ stock: { total: 5, left: 0 }, mine: null });
    const late = await grab(loser, offer.id);
    expect([late.status, late.error?.code]).toEqual([409, 'COUPLETS_SOLD_OUT']);
    expect(late.error?.message).toMatch(/春联已被领完/);
  });

  it('repeats the first answer for the same key, refuses a second set under another key (409 OFFER_ALREADY_CLAIMED)', async () => {
    const offer = await addCouplets({ stock: 50 });
    const first = await grab(members[1]!, offer.id, 'couplets-repeat-1', { way: 'delivery', address: '湖州市吴兴区爱山街道2号' });
    expect(first.status).toBe(201);
    expect(first.body.mine).toMatchObject({ status: 'claimed', deliveryAddress: '湖州市吴兴区爱山街道2号', pickupPoint: null });
    const replay = await grab(members[1]!, offer.id, 'couplets-repeat-1', { way: 'delivery', address: '湖州市吴兴区爱山街道2号' });
    expect([replay.status, replay.text]).toEqual([201, first.text]);
    const again = await grab(members[1]!, offer.id);
    expect([again.status, again.error?.code]).toEqual([409, 'OFFER_ALREADY_CLAIMED']);
    const { body } = await app().call(api.staffCampaign, { params: { id: campaignId }, token: staff });
    expect(body.offers.find((o) => o.id === offer.id)).toMatchObject({ claimedCount: 1, stock: { total: 50, left: 49 } });
  });

  it('answers 404 OFFER_NOT_FOUND to a member outside the offer’s union or tags, and takes nothing', async () => {
    const offer = await addCouplets({ stock: 3, tags: ['model_worker'] });
    await setTags(app(), (await phonesOfUnion(app(), LOGISTICS, 1, 2))[0]!, ['model_worker']);
    const tagged = await app().login((await phonesOfUnion(app(), LOGISTICS, 1, 2))[0]!);
    for (const t of [outsider, members[3]!, outsider]) {
      const r = await grab(t, offer.id);
      expect([r.status, r.error?.code]).toEqual([404, 'OFFER_NOT_FOUND']);
    }
    expect((await app().call(api.myCampaignOffers, { token: outsider })).body.data.map((o) => o.id)).not.toContain(offer.id);
    const ok = await grab(tagged, offer.id);
    expect(ok.status).toBe(201);
    const [row] = await queryRows<{ claimed: number }>(app().deps.db, sql`select stock_claimed as claimed from voucher_batches where id = ${offer.id}`);
    expect(Number(row!.claimed)).toBe(1);
  });

  it('keeps the stock out of the voucher pages: not listed, not claimable as a voucher (404), not in my vouchers', async () => {
    const offer = await addCouplets({ stock: 3 });
    const open = await app().call(api.listOpenBatches, { token: members[4]! });
    expect(open.body.data.map((b) => b.id)).not.toContain(offer.id);
    const asVoucher = await claim(app(), members[4]!, offer.id);
    expect([asVoucher.status, asVoucher.error?.code]).toEqual([404, 'VOUCHER_BATCH_NOT_FOUND']);
    const got = await grab(members[4]!, offer.id);
    expect(got.status).toBe(201);
    const mine = await app().call(api.myVouchers, { query: { limit: 50 }, token: members[4]! });
    expect(mine.body.data.map((v) => v.batchId)).not.toContain(offer.id);
    const staffList = await app().call(api.getBatch, { params: { id: offer.id }, token: staff });
    expect(staffList.status).toBe(404);
  });

  it('hands the couplets over once at the counter, using the voucher behind them', async () => {
    const offer = await addCouplets({ stock: 3 });
    const got = await grab(members[5]!, offer.id);
    const code = got.body.mine!.pickupCode;
    const handed = await app().call(api.handOverPickup, { body: { code }, token: staff, idempotencyKey: randomUUID() });
    expect(handed.status, handed.text).toBe(200);
    expect(handed.body.kind).toBe('couplets');
    const [v] = await queryRows<{ status: string }>(app().deps.db, sql`select v.status from vouchers v join campaign_claims c on c.voucher_id = v.id where c.pickup_code = ${code}`);
    expect(v!.status).toBe('used');
    const twice = await app().call(api.handOverPickup, { body: { code }, token: staff, idempotencyKey: randomUUID() });
    expect(twice.error?.code).toBe('PICKUP_ALREADY_HANDED_OVER');
  });

  it('refuses a couplet offer without a stock or aimed at archive categories, and a stock on a gift pack (422 OFFER_INVALID)', async () => {
    for (const body of [
      await offerInput(app(), { kind: 'couplets', stock: null }),
      await offerInput(app(), { kind: 'couplets', stock: 5, archiveCategories: ['deep'] }),
      await offerInput(app(), { kind: 'gift_pack', stock: 5 }),
    ]) {
      const r = await app().call(api.addCampaignOffer, { params: { id: campaignId }, body, token: staff });
      expect([r.status, r.error?.code]).toEqual([422, 'OFFER_INVALID']);
    }
  });
  it('lists the sets to post with their address and masked name; marking one posted (its code at the counter) takes it off the list', async () => {
    const offer = await addCouplets({ stock: 3 });
    const got = await grab(members[6]!, offer.id, randomUUID(), { way: 'delivery', address: '湖州市吴兴区爱山街道6号' });
    expect(got.status).toBe(201);
    const list = await app().call(api.offerDeliveries, { params: { id: offer.id }, token: staff });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ address: '湖州市吴兴区爱山街道6号', pickupCode: got.body.mine!.pickupCode });
    expect(list.body.data[0]!.memberName).toContain('*');
    const posted = await app().call(api.handOverPickup, { body: { code: got.body.mine!.pickupCode }, token: staff, idempotencyKey: randomUUID() });
    expect(posted.status).toBe(200);
    expect((await app().call(api.offerDeliveries, { params: { id: offer.id }, token: staff })).body.data).toEqual([]);
    const grassroots = await app().login('13900000003');
    expect((await app().call(api.offerDeliveries, { params: { id: offer.id }, token: grassroots })).status).toBe(404);
  });
});
