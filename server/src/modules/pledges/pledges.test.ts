import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { addOffer, makeCampaign } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';
import { donor } from '../../testing/wishes';

const WUXING_STAFF = '13900000002';

describe.each(storageKinds)('爱心认捐: donors pledge packs, the campaign union confirms on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let nanxun: string;
  let giver: string;
  let company: string;
  let campaignId: string;
  let offerId: string;

  beforeAll(async () => {
    staff = await app().login(WUXING_STAFF);
    nanxun = await staffToken(app(), '13900000091', '南浔区总工会', 'admin');
    giver = await donor(app(), '13600000501', { kind: 'individual', displayName: '王先生', showName: false });
    company = await donor(app(), '13600000502', { kind: 'enterprise', enterpriseName: '湖州同德机械有限公司', contactName: '李经理', contactPhone: '13600000503', licenceNo: '91330502MA2B3C4D5E', showName: true });
    campaignId = await makeCampaign(app(), staff);
    offerId = await addOffer(app(), staff, campaignId, { valueFen: 30_000, fund: 'sponsored' });
  }, 120_000);

  const form = async (token: string) => {
    const r = await app().call(api.warmthForm, { query: { unionId: await unionIdByName(app(), '吴兴区总工会'), from: '2026-12-01', to: '2027-02-28' }, token });
    expect(r.status).toBe(200);
    return (code: string) => r.body.items.find((i) => i.code === code)!.value;
  };

  it('lists the running campaign’s packs to donors with counts only, and nothing to a member who is not a donor', async () => {
    const r = await app().call(api.sponsorableOffers, { token: giver });
    expect(r.status).toBe(200);
    const o = r.body.data.find((x) => x.id === offerId)!;
    expect(o).toMatchObject({ campaignName: '2027年元旦春节送温暖', unionName: '吴兴区总工会', valueFen: 30_000, pledgedPacks: 0 });
    expect(JSON.stringify(r.body)).not.toMatch(/1[3-9]\d{9}/); // no phone of anyone
    const member = await app().login('13800000001');
    expect((await app().call(api.sponsorableOffers, { token: member })).status).toBe(403);
  });

  it('records a pledge once per Idempotency-Key, worth packs × value, and shows it to the campaign union with the donor’s contact', async () => {
    const body = { offerId, packs: 20, form: 'money' as const, note: '春节前可转账' };
    const first = await app().call(api.createPledge, { body, token: company, idempotencyKey: 'pledge-company-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ packs: 20, amountFen: 600_000, status: 'pledged', offer: { id: offerId, unionName: '吴兴区总工会' } });
    const replay = await app().call(api.createPledge, { body, token: company, idempotencyKey: 'pledge-company-1' });
    expect(replay.text).toBe(first.text);
    const list = await app().call(api.campaignPledges, { params: { id: campaignId }, token: staff });
    expect(list.body.data.map((p) => p.id)).toEqual([first.body.id]);
    expect(list.body.data[0]!.donor).toEqual({ name: '湖州同德机械有限公司', kind: 'enterprise', contactName: '李经理', contactPhone: '13600000503' });
    expect((await app().call(api.sponsorableOffers, { token: giver })).body.data.find((x) => x.id === offerId)!.pledgedPacks).toBe(20);
  });

  it('answers 400 for bad input and 404 for an unknown offer, and writes nothing', async () => {
    const bad = await app().call(api.createPledge, { body: { offerId, packs: 0, form: 'money', note: '' }, token: giver, idempotencyKey: 'pledge-bad-0001' });
    expect([bad.status, bad.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await app().call(api.createPledge, { body: { offerId: '00000000-0000-4000-8000-000000000000', packs: 1, form: 'goods', note: '' }, token: giver, idempotencyKey: 'pledge-bad-0002' });
    expect([unknown.status, unknown.error?.code]).toEqual([404, 'OFFER_NOT_FOUND']);
    expect((await app().call(api.myPledges, { query: {}, token: giver })).body.data).toEqual([]);
  });

  it('turns a received pledge into the campaign’s sponsorship (B4, K2) once, and tells the donor', async () => {
    const before = await form(staff);
    const [p] = (await app().call(api.campaignPledges, { params: { id: campaignId }, token: staff })).body.data;
    const pair = await Promise.all(['pledge-receive-a', 'pledge-receive-b'].map((k) => app().call(api.receivePledge, { params: { id: p!.id }, body: { receivedOn: '2026-12-21' }, token: staff, idempotencyKey: k })));
    expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(pair.find((r) => r.status === 409)!.error?.code).toBe('PLEDGE_DECIDED');
    const after = await form(staff);
    expect([after('B4') - before('B4'), after('K2') - before('K2')]).toEqual([600_000, 1]);
    const detail = await app().call(api.staffCampaign, { params: { id: campaignId }, token: staff });
    expect(detail.body.sponsors.map((s) => [s.donorName, s.moneyFen, s.receivedOn])).toContainEqual(['湖州同德机械有限公司', 600_000, '2026-12-21']);
    const notices = await app().call(api.notices, { query: {}, token: company });
    expect(notices.body.data[0]).toMatchObject({ kind: 'pledge.received', link: { page: '/pages/donor/pledges/index', id: p!.id } });
    const withdraw = await app().call(api.withdrawPledge, { params: { id: p!.id }, token: company });
    expect([withdraw.status, withdraw.error?.code]).toEqual([409, 'PLEDGE_DECIDED']);
  });

  it('lets the donor withdraw an open pledge, and staff decline another with a reason the donor reads', async () => {
    const a = await app().call(api.createPledge, { body: { offerId, packs: 2, form: 'goods', note: '' }, token: giver, idempotencyKey: 'pledge-giver-aaaa' });
    app().clock.advance(60_000);
    const b = await app().call(api.createPledge, { body: { offerId, packs: 3, form: 'goods', note: '' }, token: giver, idempotencyKey: 'pledge-giver-bbbb' });
    expect((await app().call(api.withdrawPledge, { params: { id: a.body.id }, token: giver })).body.status).toBe('withdrawn');
    const short = await app().call(api.declinePledge, { params: { id: b.body.id }, body: { reason: '好' }, token: staff });
    expect([short.status, short.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const declined = await app().call(api.declinePledge, { params: { id: b.body.id }, body: { reason: '礼包已由工会经费全部采购，感谢您的好意' }, token: staff });
    expect(declined.body).toMatchObject({ status: 'declined', decisionNote: '礼包已由工会经费全部采购，感谢您的好意' });
    const mine = await app().call(api.myPledges, { query: {}, token: giver });
    expect(mine.body.data.map((p) => [p.packs, p.status])).toEqual([
      [3, 'declined'],
      [2, 'withdrawn'],
    ]);
    expect((await app().call(api.sponsorableOffers, { token: giver })).body.data.find((x) => x.id === offerId)!.pledgedPacks).toBe(20);
  });

  it('lists only packs paid by sponsors (what a fund pays is counted there already), and refuses more than 10 million yuan at once', async () => {
    const funded = await addOffer(app(), staff, campaignId, { title: '工会经费礼包', fund: 'B3' });
    expect((await app().call(api.sponsorableOffers, { token: giver })).body.data.map((o) => o.id)).not.toContain(funded);
    const r = await app().call(api.createPledge, { body: { offerId: funded, packs: 1, form: 'money', note: '' }, token: giver, idempotencyKey: 'pledge-funded-0001' });
    expect([r.status, r.error?.code]).toEqual([404, 'OFFER_NOT_FOUND']);
    const dear = await addOffer(app(), staff, campaignId, { title: '大额礼包', fund: 'sponsored', valueFen: 200_000 });
    const big = await app().call(api.createPledge, { body: { offerId: dear, packs: 6000, form: 'money', note: '' }, token: giver, idempotencyKey: 'pledge-too-big-01' });
    expect([big.status, big.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('reopens the pledge when staff delete the sponsorship its receipt made', async () => {
    const p = await app().call(api.createPledge, { body: { offerId, packs: 1, form: 'goods', note: '' }, token: company, idempotencyKey: 'pledge-reopen-0001' });
    const got = await app().call(api.receivePledge, { params: { id: p.body.id }, body: { receivedOn: '2026-12-21' }, token: staff, idempotencyKey: 'pledge-reopen-recv' });
    expect(got.body.status).toBe('received');
    const detail = await app().call(api.staffCampaign, { params: { id: campaignId }, token: staff });
    const sponsor = detail.body.sponsors.find((s) => s.goods === '温情年货礼包 1份')!;
    const del = await app().call(api.deleteSponsor, { params: { id: sponsor.id }, token: staff, idempotencyKey: 'pledge-reopen-del1' });
    expect(del.status).toBe(200);
    const list = (await app().call(api.campaignPledges, { params: { id: campaignId }, token: staff })).body.data;
    expect(list.find((x) => x.id === p.body.id)!.status).toBe('pledged');
  });

  it('declines open pledges of an offer called off and tells the donor; a donor who deletes the account withdraws theirs', async () => {
    const doomed = await addOffer(app(), staff, campaignId, { title: '将取消的礼包', fund: 'sponsored' });
    const p = await app().call(api.createPledge, { body: { offerId: doomed, packs: 4, form: 'money', note: '' }, token: company, idempotencyKey: 'pledge-doomed-0001' });
    app().clock.advance(60_000); // the clock is pinned: the decline's notice is the newest by time, not by a random id
    expect((await app().call(api.cancelCampaignOffer, { params: { id: doomed }, token: staff })).status).toBe(200);
    const mine = (await app().call(api.myPledges, { query: {}, token: company })).body.data;
    expect(mine.find((x) => x.id === p.body.id)).toMatchObject({ status: 'declined', decisionNote: '该送温暖项目已取消，感谢您的爱心' });
    expect((await app().call(api.notices, { query: {}, token: company })).body.data[0]).toMatchObject({ kind: 'pledge.declined', link: { id: p.body.id } });

    const leaver = await donor(app(), '13600000504', { kind: 'individual', displayName: '赵女士', showName: true });
    const q = await app().call(api.createPledge, { body: { offerId, packs: 1, form: 'money', note: '' }, token: leaver, idempotencyKey: 'pledge-leaver-0001' });
    expect((await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: leaver })).status).toBe(200);
    const list = await app().call(api.campaignPledges, { params: { id: campaignId }, token: staff });
    expect(list.status).toBe(200);
    expect(list.body.data.find((x) => x.id === q.body.id)).toMatchObject({ status: 'withdrawn', donor: { name: '已注销的爱心人士' } });
  });

  it('hides pledges from staff of another district and from other donors (404), and refuses an offer called off or a campaign that has ended', async () => {
    const [p] = (await app().call(api.myPledges, { query: {}, token: giver })).body.data;
    expect((await app().call(api.campaignPledges, { params: { id: campaignId }, token: nanxun })).status).toBe(404);
    const foreign = await app().call(api.declinePledge, { params: { id: p!.id }, body: { reason: '不属于本区的认捐' }, token: nanxun });
    expect([foreign.status, foreign.error?.code]).toEqual([404, 'PLEDGE_NOT_FOUND']);
    const other = await app().call(api.withdrawPledge, { params: { id: p!.id }, token: company });
    expect([other.status, other.error?.code]).toEqual([404, 'PLEDGE_NOT_FOUND']);

    // an offer called off takes no pledges
    const spare = await addOffer(app(), staff, campaignId, { title: '备用礼包', fund: 'sponsored' });
    expect((await app().call(api.sponsorableOffers, { token: giver })).body.data.map((o) => o.id)).toContain(spare);
    expect((await app().call(api.cancelCampaignOffer, { params: { id: spare }, token: staff })).status).toBe(200);
    expect((await app().call(api.sponsorableOffers, { token: giver })).body.data.map((o) => o.id)).not.toContain(spare);
    const called = await app().call(api.createPledge, { body: { offerId: spare, packs: 1, form: 'money', note: '' }, token: giver, idempotencyKey: 'pledge-called-off-1' });
    expect([called.status, called.error?.code]).toEqual([409, 'PLEDGE_CLOSED']);

    app().clock.set('2027-02-27T02:00:00Z'); // the day after the campaign ended (Shanghai)
    giver = await app().login('13600000501'); // sessions last 30 days
    expect((await app().call(api.sponsorableOffers, { token: giver })).body.data.map((o) => o.id)).not.toContain(offerId);
    const late = await app().call(api.createPledge, { body: { offerId, packs: 1, form: 'money', note: '' }, token: giver, idempotencyKey: 'pledge-late-0001' });
    expect([late.status, late.error?.code]).toEqual([409, 'PLEDGE_CLOSED']);
  });
});
