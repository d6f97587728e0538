import { beforeAll, describe, expect, it } from 'vitest';
import { api, LETTER_TEXTS } from '@gonghui/shared';
import { addOffer, archive, makeCampaign, offerInput, phonesOfUnion, setTags } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { grantHardshipDuty } from '../../testing/hardship';
import { staffToken } from '../../testing/people';

const WUXING_STAFF = '13900000002';

describe.each(storageKinds)('warmth offers: for whom, claiming, the pickup counter on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let campaignId: string;
  let offerId: string;
  // 吴兴区: a 劳模, a 深度困难 archived member, a 生活困难 one, one in no group; 南浔区: a 劳模
  const who = { model: '', deep: '', living: '', plain: '', elsewhere: '' };
  const tokens: Record<keyof typeof who, string> = { model: '', deep: '', living: '', plain: '', elsewhere: '' };

  beforeAll(async () => {
    // aiming at archive categories needs the hardship duty over the union
    await grantHardshipDuty(app(), WUXING_STAFF, '吴兴区总工会');
    staff = await app().login(WUXING_STAFF);
    const [a, b, c, d] = await phonesOfUnion(app(), '吴兴区快递物流行业联合工会', 4);
    Object.assign(who, { model: a!, deep: b!, living: c!, plain: d!, elsewhere: (await phonesOfUnion(app(), '南浔木业家居产业联合工会', 1))[0]! });
    await setTags(app(), who.model, ['model_worker']);
    for (const k of ['deep', 'living', 'plain'] as const) await setTags(app(), who[k], ['frontline']);
    await setTags(app(), who.elsewhere, ['model_worker']);
    await archive(app(), who.deep, 'deep');
    await archive(app(), who.living, 'living');
    for (const k of Object.keys(who) as (keyof typeof who)[]) tokens[k] = await app().login(who[k]);
    campaignId = await makeCampaign(app(), staff);
    offerId = await addOffer(app(), staff, campaignId, { tags: ['model_worker'], archiveCategories: ['deep', 'relative'] });
  }, 120_000);

  const offersOf = async (token: string) => {
    const r = await app().call(api.myCampaignOffers, { token });
    expect(r.status).toBe(200);
    return r.body.data.map((o) => o.id);
  };

  it('shows the offer to exactly the members its tags and archive categories and union name', async () => {
    expect(await offersOf(tokens.model)).toContain(offerId);
    expect(await offersOf(tokens.deep)).toContain(offerId);
    expect(await offersOf(tokens.living)).not.toContain(offerId);
    expect(await offersOf(tokens.plain)).not.toContain(offerId);
    expect(await offersOf(tokens.elsewhere)).not.toContain(offerId);
  });

  it('returns 404 OFFER_NOT_FOUND when a member outside the offer’s groups claims it', async () => {
    for (const t of [tokens.living, tokens.elsewhere]) {
      const r = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body: { way: 'pickup', pickupPoint: '吴兴区职工服务中心', pickupDate: '2026-12-22' }, token: t });
      expect(r.status).toBe(404);
      expect(r.error?.code).toBe('OFFER_NOT_FOUND');
    }
  });

  it('returns 422 OFFER_CLAIM_INVALID for a pickup point the offer does not have or a day outside its pickup days', async () => {
    const a = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body: { way: 'pickup', pickupPoint: '别处', pickupDate: '2026-12-22' }, token: tokens.deep });
    const b = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body: { way: 'pickup', pickupPoint: '吴兴区职工服务中心', pickupDate: '2027-02-11' }, token: tokens.deep });
    expect([a.status, a.error?.code, b.status, b.error?.code]).toEqual([422, 'OFFER_CLAIM_INVALID', 422, 'OFFER_CLAIM_INVALID']);
  });

  it('gives one claim per member: a repeat with the same key answers the same, another key gets 409 OFFER_ALREADY_CLAIMED', async () => {
    const body = { way: 'pickup' as const, pickupPoint: '吴兴区职工服务中心', pickupDate: '2026-12-22' };
    const first = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body, token: tokens.model, idempotencyKey: 'claim-model-1' });
    expect(first.status).toBe(201);
    expect(first.body.mine?.pickupCode).toMatch(/^[1-9]\d{7}$/);
    const replay = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body, token: tokens.model, idempotencyKey: 'claim-model-1' });
    expect(replay.text).toBe(first.text);
    const again = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body, token: tokens.model });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('OFFER_ALREADY_CLAIMED');
  });

  it('hands a pickup code over exactly once, even when two counters scan it at the same moment', async () => {
    const claimed = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body: { way: 'delivery', address: '湖州市吴兴区爱山街道1号' }, token: tokens.deep });
    expect(claimed.status).toBe(201);
    const code = claimed.body.mine!.pickupCode;
    const pair = await Promise.all([0, 1].map(() => app().call(api.handOverPickup, { body: { code }, token: staff })));
    expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(pair.find((r) => r.status === 409)?.error?.code).toBe('PICKUP_ALREADY_HANDED_OVER');
    const ok = pair.find((r) => r.status === 200)!;
    expect(ok.body.memberName).toContain('*');
    expect(ok.body.deliveryAddress).toBe('湖州市吴兴区爱山街道1号');
    const mine = (await app().call(api.myCampaignOffers, { token: tokens.deep })).body.data.find((o) => o.id === offerId)!;
    expect(mine.mine?.status).toBe('handed_over');
    const detail = await app().call(api.staffCampaign, { params: { id: campaignId }, token: staff });
    expect(detail.body.offers[0]).toMatchObject({ claimedCount: 2, handedOverCount: 1 });
  });

  it('returns 404 PICKUP_CODE_UNKNOWN for a code nobody holds and for staff of another district', async () => {
    const unknown = await app().call(api.handOverPickup, { body: { code: '99999999' }, token: staff });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.code).toBe('PICKUP_CODE_UNKNOWN');
    const claimed = (await app().call(api.myCampaignOffers, { token: tokens.model })).body.data.find((o) => o.id === offerId)!;
    const nanxun = await staffToken(app(), '13900000021', '南浔区总工会', 'admin');
    const r = await app().call(api.handOverPickup, { body: { code: claimed.mine!.pickupCode }, token: nanxun });
    expect(r.status).toBe(404);
  });

  it('refuses an offer for a union outside the campaign’s subtree (422 OFFER_INVALID)', async () => {
    const city = await app().login('13900000001');
    const r = await app().call(api.addCampaignOffer, { params: { id: campaignId }, body: await offerInput(app(), { unionName: '南浔区总工会' }), token: city });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('OFFER_INVALID');
  });

  it('returns 404 CAMPAIGN_NOT_FOUND to staff of another district', async () => {
    const staff3 = await app().login('13900000003'); // a grassroots union under 吴兴区: not above the campaign
    const r = await app().call(api.staffCampaign, { params: { id: campaignId }, token: staff3 });
    expect(r.status).toBe(404);
  });

  it('refuses an offer or a letter aimed at archive categories to staff without the hardship duty (403 CAMPAIGN_ARCHIVE_DUTY_REQUIRED), allows it without them', async () => {
    const plain = await staffToken(app(), '13900000872', '吴兴区总工会', 'operator');
    const aimed = await app().call(api.addCampaignOffer, { params: { id: campaignId }, body: await offerInput(app(), { tags: [], archiveCategories: ['deep'] }), token: plain });
    expect([aimed.status, aimed.error?.code]).toEqual([403, 'CAMPAIGN_ARCHIVE_DUTY_REQUIRED']);
    expect(aimed.error?.message).toMatch(/困难职工/);
    const letter = await app().call(api.sendLetter, { params: { id: campaignId }, body: { template: 'one', title: LETTER_TEXTS.one.title, body: LETTER_TEXTS.one.body, audience: { unionId: (await offerInput(app())).audience.unionId, tags: [], archiveCategories: ['deep'] } }, token: plain });
    expect([letter.status, letter.error?.code]).toEqual([403, 'CAMPAIGN_ARCHIVE_DUTY_REQUIRED']);
    const open = await app().call(api.addCampaignOffer, { params: { id: campaignId }, body: await offerInput(app(), { tags: ['model_worker'], archiveCategories: [] }), token: plain });
    expect(open.status).toBe(201);
  });
});
