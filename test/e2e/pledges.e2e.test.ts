/*
 * 爱心认捐 end to end in a real browser (phone width): an enterprise donor finds 吴兴区's gift pack
 * under 我的 → 送温暖认捐 and pledges 20 packs; 吴兴区's staff confirm receipt on the campaign page,
 * which records the sponsorship (the form's B4 moves by 20 packs' worth); the donor reads the
 * answer, in care mode too. Screenshots under test/artifacts/e2e-pledges-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { addOffer, makeCampaign } from '@gonghui/server/testing/campaigns';
import { unionIdByName } from '@gonghui/server/testing/harness';
import { donor } from '@gonghui/server/testing/wishes';
import { expectAccessible } from './axe';
import { checkCarePages, setCareMode, settle, smsSignIn, startE2E, type E2E } from './harness';

const WUXING_ADMIN = '13900000002';
const DONOR = '13600000611';

describe('a donor pledges gift packs and the union confirms receipt', () => {
  let e: E2E;
  let campaignId = '';
  const b4 = async () => {
    const staff = await e.app.login(WUXING_ADMIN);
    const f = (await e.app.call(api.warmthForm, { token: staff, query: { unionId: await unionIdByName(e.app, '吴兴区总工会'), from: '2026-11-01', to: '2027-03-31' } })).body;
    return f.items.find((i) => i.code === 'B4')!.value;
  };

  beforeAll(async () => {
    e = await startE2E({ now: '2026-12-15T02:00:00Z' });
    const staff = await e.app.login(WUXING_ADMIN);
    campaignId = await makeCampaign(e.app, staff);
    await addOffer(e.app, staff, campaignId, { title: '温情年货礼包（米油年货）', valueFen: 30_000, fund: 'sponsored' });
    await donor(e.app, DONOR, { kind: 'enterprise', enterpriseName: '湖州同德机械有限公司', contactName: '李经理', contactPhone: '13600000612', licenceNo: '91330502MA2B3C4D5E', showName: true });
  });

  afterAll(async () => {
    await e?.close();
  });

  const signIn = async (phone: string) => {
    e.app.clock.advance(61_000);
    await smsSignIn(e.app, e.page, phone);
  };

  it('lets the donor find the pack under 我的 and pledge 20 of them', async () => {
    const page = e.page;
    await signIn(DONOR);
    await page.goto('/pages/mine/index');
    await settle(page);
    await page.locator('.gh-mine__pledges').click();
    await page.waitForURL(/\/pages\/donor\/pledges\/index/);
    // this winter's demo campaign is running too: take the pack made for this test
    const card = page.locator('.gh-pledge-offer', { hasText: '温情年货礼包（米油年货）' });
    await card.waitFor();
    await card.locator('.gh-pledge-offer__open').click();
    await page.locator('.gh-pledge-form__packs input').fill('0');
    await page.locator('.gh-pledge-form__submit').click();
    await page.getByText('至少认捐1份').waitFor(); // nothing sent
    await page.locator('.gh-pledge-form__packs input').fill('20');
    await page.getByText('合计 ¥6000').waitFor();
    await page.locator('.gh-pledge-form__note textarea').fill('春节前可对公转账，请开捐赠票据');
    await e.shot('e2e-pledges-form');
    await expectAccessible(page);
    await page.locator('.gh-pledge-form__submit').click();
    await page.locator('.gh-pledge__status--pledged').waitFor();
    await card.getByText('已认捐 20 份').waitFor();
    await e.shot('e2e-pledges-pledged');
    await expectAccessible(page);
  });

  it('lets 吴兴区 staff see the donor’s contact and confirm receipt, and B4 moves by the pledge', async () => {
    const before = await b4();
    const page = e.page;
    await signIn(WUXING_ADMIN);
    await page.goto(`/pages/union/campaigns/detail/index?id=${campaignId}`);
    await settle(page);
    await page.locator('.gh-staff-pledge').first().waitFor();
    await expect(page.locator('.gh-staff-pledge').first().textContent()).resolves.toContain('李经理 13600000612');
    await page.locator('.gh-staff-pledge__receive').click();
    await e.shot('e2e-pledges-staff-receive');
    await expectAccessible(page);
    await page.locator('.gh-staff-pledge__confirm').click();
    await page.locator('.gh-staff-pledge__status--received').waitFor();
    await page.locator('.gh-campaign__sponsors').getByText('湖州同德机械有限公司').first().waitFor();
    await e.shot('e2e-pledges-staff-received');
    expect((await b4()) - before).toBe(600_000);
    // the recorded sponsorship can be corrected from its row
    const row = page.locator('.gh-campaign__sponsors .gh-table__row', { hasText: '湖州同德机械有限公司' }).first();
    await row.locator('.gh-campaign__edit-sponsor').click();
    await page.locator('.gh-sponsor-form--edit .gh-sponsor-form__goods input').fill('对公转账，已开捐赠票据');
    await e.shot('e2e-pledges-staff-sponsor-edit');
    await expectAccessible(page);
    await page.locator('.gh-sponsor-form--edit .gh-sponsor-form__submit').click();
    await page.locator('.gh-campaign__sponsors').getByText('对公转账，已开捐赠票据').first().waitFor();
    expect((await b4()) - before).toBe(600_000);
    await setCareMode(page, true);
    await checkCarePages(e, [['e2e-pledges-staff-campaign-care', `/pages/union/campaigns/detail/index?id=${campaignId}`]]);
    await setCareMode(page, false);
  });

  it('shows the donor the union’s confirmation, in care mode too', async () => {
    await signIn(DONOR);
    await setCareMode(e.page, true);
    await checkCarePages(e, [['e2e-pledges-donor-care', '/pages/donor/pledges/index']]);
    await e.page.locator('.gh-pledge__status--received').waitFor();
  });
});
