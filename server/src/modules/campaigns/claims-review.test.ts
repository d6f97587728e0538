import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { addOffer, archive, makeCampaign, phonesOfUnion, setTags } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { grantHardshipDuty } from '../../testing/hardship';
import { staffToken } from '../../testing/people';

const WUXING_STAFF = '13900000002';
const LOGISTICS = '吴兴区快递物流行业联合工会';
const NOW = '2026-12-20T02:00:00Z';

describe.each(storageKinds)('warmth claims: recipient’s group, the counter, sibling districts, races on %s', (kind) => {
  const app = useTestApp(kind, { now: NOW });
  let staff: string;
  let counter: string;
  let campaignId: string;
  const who = { model: '', deep: '', frontline: '', nanxun: '', racer: '' };
  const tokens: Record<keyof typeof who, string> = { model: '', deep: '', frontline: '', nanxun: '', racer: '' };

  beforeAll(async () => {
    await grantHardshipDuty(app(), WUXING_STAFF, '吴兴区总工会');
    staff = await app().login(WUXING_STAFF);
    // a counter clerk of the same district without the hardship duty
    counter = await staffToken(app(), '13900000873', '吴兴区总工会', 'operator');
    const [a, b, c, d] = await phonesOfUnion(app(), LOGISTICS, 4, 4);
    Object.assign(who, { model: a!, deep: b!, frontline: c!, racer: d!, nanxun: (await phonesOfUnion(app(), '南浔木业家居产业联合工会', 1, 1))[0]! });
    await setTags(app(), who.model, ['model_worker']);
    await setTags(app(), who.frontline, ['frontline']);
    await setTags(app(), who.deep, ['frontline']);
    await archive(app(), who.deep, 'deep');
    // the demo archive may hold some of them: only `deep` is archived here
    for (const p of [who.model, who.frontline, who.racer]) await app().deps.db.execute(sql`update hardship_archive set status = 'exited', exit_way = 'employment', exit_date = '2026-12-01' where status = 'active' and member_id = (select m.id from members m join users u on u.id = m.user_id where u.phone = ${p})`);
    for (const k of Object.keys(who) as (keyof typeof who)[]) tokens[k] = await app().login(who[k]);
    campaignId = await makeCampaign(app(), staff);
  }, 120_000);

  const pickupOn = (date: string) => ({ way: 'pickup' as const, pickupPoint: '吴兴区职工服务中心', pickupDate: date });
  const claimOf = (token: string, id: string, body: ReturnType<typeof pickupOn> | { way: 'delivery'; address: string } = pickupOn('2026-12-22'), key = randomUUID()) =>
    app().call(api.claimCampaignOffer, { params: { id }, body, token, idempotencyKey: key });
  const categoryOf = async (offerId: string, phone: string) => {
    const [r] = await queryRows<{ c: string }>(
      app().deps.db,
      sql`select cc.recipient_category as c from campaign_claims cc join members m on m.id = cc.member_id join users u on u.id = m.user_id where cc.offer_id = ${offerId} and u.phone = ${phone}`,
    );
    return r?.c;
  };

  it('stores each recipient’s own group on the claim: 劳模 C10, an archived member C11, the offer’s group when the member is in it', async () => {
    const offerId = await addOffer(app(), staff, campaignId, { category: 'C7', tags: ['model_worker', 'frontline'], archiveCategories: ['deep'] });
    for (const k of ['model', 'deep', 'frontline'] as const) expect((await claimOf(tokens[k], offerId)).status).toBe(201);
    expect(await categoryOf(offerId, who.model)).toBe('C10');
    // archived and 一线: the offer's own group (C7) wins, as staff meant it
    expect(await categoryOf(offerId, who.deep)).toBe('C7');
    expect(await categoryOf(offerId, who.frontline)).toBe('C7');
    const archived = await addOffer(app(), staff, campaignId, { category: 'C1', tags: [], archiveCategories: ['deep'] });
    expect((await claimOf(tokens.deep, archived)).status).toBe(201);
    expect(await categoryOf(archived, who.deep)).toBe('C11');
  });

  it('hides the claimant of an archive-category offer from a counter clerk without the hardship duty, shows the masked name to one with it', async () => {
    const offerId = await addOffer(app(), staff, campaignId, { title: '困难职工温情礼包', tags: [], archiveCategories: ['deep'] });
    const c = await claimOf(tokens.deep, offerId, { way: 'delivery', address: '湖州市吴兴区爱山街道3号' });
    const plain = await app().call(api.handOverPickup, { body: { code: c.body.mine!.pickupCode }, token: counter, idempotencyKey: randomUUID() });
    expect(plain.status, plain.text).toBe(200);
    expect(plain.body.memberName).toBe('***');
    expect(plain.body.memberNo).toMatch(/^\*+.{4}$/);
    // a gift pack aimed at tags only shows the masked name to the same clerk
    const open = await addOffer(app(), staff, campaignId, { tags: ['model_worker'] });
    const o = await claimOf(tokens.model, open, { way: 'delivery', address: '湖州市吴兴区爱山街道4号' });
    const shown = await app().call(api.handOverPickup, { body: { code: o.body.mine!.pickupCode }, token: counter, idempotencyKey: randomUUID() });
    expect(shown.body.memberName).toMatch(/^\p{Script=Han}\*/u);
    expect(shown.body.memberNo).not.toContain('*');
    // staff with the duty see the masked name of the archived claimant
    const again = await addOffer(app(), staff, campaignId, { title: '困难职工年夜饭', kind: 'dinner', tags: [], archiveCategories: ['deep'] });
    const d = await claimOf(tokens.deep, again, { way: 'delivery', address: '湖州市吴兴区爱山街道3号' });
    const duty = await app().call(api.handOverPickup, { body: { code: d.body.mine!.pickupCode }, token: staff, idempotencyKey: randomUUID() });
    expect(duty.body.memberName).toMatch(/^\p{Script=Han}\*/u);
  });

  it('refuses a pickup outside the offer’s pickup days (409 PICKUP_OUTSIDE_DAYS) and leaves it to be handed over on one of them', async () => {
    const offerId = await addOffer(app(), staff, campaignId, { tags: ['frontline'], pickupFrom: '2026-12-26', pickupTo: '2027-01-05' });
    const c = await claimOf(tokens.frontline, offerId, pickupOn('2026-12-27'));
    expect(c.status).toBe(201);
    const code = c.body.mine!.pickupCode;
    const early = await app().call(api.handOverPickup, { body: { code }, token: staff, idempotencyKey: randomUUID() });
    expect([early.status, early.error?.code]).toEqual([409, 'PICKUP_OUTSIDE_DAYS']);
    expect(early.error?.message).toMatch(/领取日期/);
    const [row] = await queryRows<{ handed: string | null }>(app().deps.db, sql`select handed_over_at as handed from campaign_claims where pickup_code = ${code}`);
    expect(row!.handed).toBeNull();
    app().clock.set('2026-12-27T02:00:00Z');
    try {
      const onDay = await app().call(api.handOverPickup, { body: { code }, token: staff, idempotencyKey: randomUUID() });
      expect(onDay.status).toBe(200);
    } finally {
      app().clock.set(NOW);
    }
  });

  it('does not show or give a 吴兴区 offer for every member to a member of 南浔区', async () => {
    const offerId = await addOffer(app(), staff, campaignId, { tags: [], archiveCategories: [] });
    const list = await app().call(api.myCampaignOffers, { token: tokens.nanxun });
    expect(list.body.data.map((o) => o.id)).not.toContain(offerId);
    const r = await claimOf(tokens.nanxun, offerId);
    expect([r.status, r.error?.code]).toEqual([404, 'OFFER_NOT_FOUND']);
    expect((await app().call(api.myCampaignOffers, { token: tokens.racer })).body.data.map((o) => o.id)).toContain(offerId);
  });

  it('makes one claim of a gift pack from six claims of one member at once', async () => {
    const offerId = await addOffer(app(), staff, campaignId, { tags: [], archiveCategories: [] });
    const rs = await Promise.all(Array.from({ length: 6 }, () => claimOf(tokens.racer, offerId)));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.status !== 201).map((r) => r.error?.code)).toEqual(Array(5).fill('OFFER_ALREADY_CLAIMED'));
    const [row] = await queryRows<{ n: number; counted: number }>(
      app().deps.db,
      sql`select (select count(*)::int from campaign_claims where offer_id = ${offerId}) as n, claimed_count as counted from campaign_offers where id = ${offerId}`,
    );
    expect([Number(row!.n), Number(row!.counted)]).toEqual([1, 1]);
  });
});
