import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { addOffer, makeCampaign, offerInput, phonesOfUnion } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';

const WUXING_STAFF = '13900000002';
const pickup = { way: 'pickup' as const, pickupPoint: '吴兴区职工服务中心', pickupDate: '2026-12-22' };

describe.each(storageKinds)('changing and calling off campaigns and offers on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let member: string;
  let other: string;

  beforeAll(async () => {
    staff = await app().login(WUXING_STAFF);
    const [a, b] = await phonesOfUnion(app(), '吴兴区快递物流行业联合工会', 2, 10);
    member = await app().login(a!);
    other = await app().login(b!);
  }, 120_000);

  const claimOf = (token: string, id: string) => app().call(api.claimCampaignOffer, { params: { id }, body: pickup, token, idempotencyKey: randomUUID() });
  const offersOf = async (token: string) => (await app().call(api.myCampaignOffers, { token })).body.data.map((o) => o.id);

  it('changes anything of a campaign and its offer before anyone claimed, then calls the offer off: members no longer see it', async () => {
    const id = await makeCampaign(app(), staff, { name: '2027年春节送温暖（草稿）' });
    const offerId = await addOffer(app(), staff, id);
    const c = await app().call(api.updateCampaign, { params: { id }, body: { name: '2027年元旦春节送温暖', startsOn: '2026-12-10', endsOn: '2027-02-28' }, token: staff });
    expect(c.status, c.text).toBe(200);
    expect(c.body).toMatchObject({ name: '2027年元旦春节送温暖', startsOn: '2026-12-10', endsOn: '2027-02-28', claimCount: 0, cancelled: false });
    const o = await app().call(api.updateCampaignOffer, { params: { id: offerId }, body: { title: '温情年货礼包（米油）', valueFen: 25_000, pickupPoints: ['织里镇工会服务站'], pickupFrom: '2026-12-21' }, token: staff });
    expect(o.status, o.text).toBe(200);
    expect(o.body).toMatchObject({ title: '温情年货礼包（米油）', valueFen: 25_000, pickupPoints: ['织里镇工会服务站'], pickupFrom: '2026-12-21' });
    expect(await offersOf(member)).toContain(offerId);
    const off = await app().call(api.cancelCampaignOffer, { params: { id: offerId }, token: staff });
    expect([off.status, off.body.cancelled]).toEqual([200, true]);
    expect(await offersOf(member)).not.toContain(offerId);
    const late = await claimOf(member, offerId);
    expect(late.status).toBe(404);
    const again = await app().call(api.cancelCampaignOffer, { params: { id: offerId }, token: staff });
    expect([again.status, again.error?.code]).toEqual([409, 'OFFER_CANCELLED']);
  });

  it('refuses a campaign’s new days that leave an offer’s pickup days outside (422 CAMPAIGN_INVALID)', async () => {
    const id = await makeCampaign(app(), staff);
    await addOffer(app(), staff, id, { pickupFrom: '2026-12-20', pickupTo: '2027-02-10' });
    const r = await app().call(api.updateCampaign, { params: { id }, body: { endsOn: '2027-01-31' }, token: staff });
    expect([r.status, r.error?.code]).toEqual([422, 'CAMPAIGN_INVALID']);
  });

  it('after a claim: allows the name, the title and later ends; refuses other changes and calling off (409 CAMPAIGN_HAS_CLAIMS)', async () => {
    const id = await makeCampaign(app(), staff);
    const offerId = await addOffer(app(), staff, id);
    expect((await claimOf(member, offerId)).status).toBe(201);
    const refused = [
      await app().call(api.updateCampaign, { params: { id }, body: { startsOn: '2026-12-16' }, token: staff }),
      await app().call(api.updateCampaign, { params: { id }, body: { endsOn: '2027-02-20' }, token: staff }),
      await app().call(api.cancelCampaign, { params: { id }, token: staff }),
      await app().call(api.updateCampaignOffer, { params: { id: offerId }, body: { valueFen: 1_000 }, token: staff }),
      await app().call(api.updateCampaignOffer, { params: { id: offerId }, body: { pickupPoints: ['别处服务站'] }, token: staff }),
      await app().call(api.updateCampaignOffer, { params: { id: offerId }, body: { pickupTo: '2027-01-10' }, token: staff }),
      await app().call(api.cancelCampaignOffer, { params: { id: offerId }, token: staff }),
    ];
    expect(refused.map((r) => [r.status, r.error?.code])).toEqual(Array(7).fill([409, 'CAMPAIGN_HAS_CLAIMS']));
    const safe = [
      await app().call(api.updateCampaign, { params: { id }, body: { name: '2027年元旦春节送温暖活动', endsOn: '2027-02-28' }, token: staff }),
      await app().call(api.updateCampaignOffer, { params: { id: offerId }, body: { title: '温情年货礼包', description: '米、油、年糕', pickupTo: '2027-02-20' }, token: staff }),
    ];
    expect(safe.map((r) => r.status)).toEqual([200, 200]);
    expect(safe[0]!.body).toMatchObject({ endsOn: '2027-02-28', claimCount: 1 });
  });

  it('calls a campaign off with its offers before anyone claimed, couplets included: nothing can be grabbed after', async () => {
    const id = await makeCampaign(app(), staff);
    const gift = await addOffer(app(), staff, id);
    const couplets = await addOffer(app(), staff, id, { kind: 'couplets', title: '新春春联', stock: 10, category: 'C7' });
    const r = await app().call(api.cancelCampaign, { params: { id }, token: staff });
    expect([r.status, r.body.cancelled]).toEqual([200, true]);
    const list = await offersOf(other);
    expect(list).not.toContain(gift);
    expect(list).not.toContain(couplets);
    const grab = await app().call(api.grabCouplets, { params: { id: couplets }, body: pickup, token: other, idempotencyKey: randomUUID() });
    expect(grab.status).toBeGreaterThanOrEqual(404);
    expect(grab.status).not.toBe(201);
    const detail = await app().call(api.staffCampaign, { params: { id }, token: staff });
    expect(detail.body.offers.every((o) => o.cancelled)).toBe(true);
    const add = await app().call(api.addCampaignOffer, { params: { id }, body: await offerInput(app()), token: staff });
    expect([add.status, add.error?.code]).toEqual([409, 'CAMPAIGN_CANCELLED']);
  });

  it('refuses to call a couplet offer off once a set was grabbed, and allows only a later end then', async () => {
    const id = await makeCampaign(app(), staff);
    const couplets = await addOffer(app(), staff, id, { kind: 'couplets', title: '新春春联', stock: 10, category: 'C7' });
    const up = await app().call(api.updateCampaignOffer, { params: { id: couplets }, body: { stock: 20 }, token: staff });
    expect(up.body.stock).toEqual({ total: 20, left: 20 });
    const grab = await app().call(api.grabCouplets, { params: { id: couplets }, body: pickup, token: member, idempotencyKey: randomUUID() });
    expect(grab.status).toBe(201);
    const off = await app().call(api.cancelCampaignOffer, { params: { id: couplets }, token: staff });
    expect([off.status, off.error?.code]).toEqual([409, 'CAMPAIGN_HAS_CLAIMS']);
    const stock = await app().call(api.updateCampaignOffer, { params: { id: couplets }, body: { stock: 5 }, token: staff });
    expect([stock.status, stock.error?.code]).toEqual([409, 'CAMPAIGN_HAS_CLAIMS']);
  });

  it('answers 404 to staff outside the campaign’s subtree', async () => {
    const id = await makeCampaign(app(), staff);
    const offerId = await addOffer(app(), staff, id);
    const grassroots = await app().login('13900000003');
    const a = await app().call(api.updateCampaign, { params: { id }, body: { name: '别人的活动名称' }, token: grassroots });
    const b = await app().call(api.cancelCampaignOffer, { params: { id: offerId }, token: grassroots });
    expect([a.status, b.status]).toEqual([404, 404]);
  });
});
