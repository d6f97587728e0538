/*
 * 两节送温暖 end to end in a real browser (phone width): 吴兴区's staff create a campaign and add a
 * gift pack for 困难职工 (by archive category); an archived member sees it on 首页 and in 送温暖,
 * claims it for a pickup point and day, and gets a pickup code; staff type the code at the
 * counter and hand the pack over, once; the statistics form's C11/D11 move by one pack, and the
 * figure drills down to the hand-over. Screenshots under test/artifacts/e2e-campaigns-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { archive, phonesOfUnion } from '@gonghui/server/testing/campaigns';
import { grantHardshipDuty } from '@gonghui/server/testing/hardship';
import { unionIdByName } from '@gonghui/server/testing/harness';
import { expectAccessible } from './axe';
import { checkCarePages, setCareMode, settle, smsSignIn, startE2E, type E2E } from './harness';

const WUXING_ADMIN = '13900000002';
const WUXING = '吴兴区总工会';
const SEASON = { from: '2026-11-01', to: '2027-03-31' };

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settle(page);
}

describe('a gift pack for 困难职工 from the campaign to the counter and the form', () => {
  let e: E2E;
  let member = '';
  let wuxingId = '';
  let pickupCode = '';

  beforeAll(async () => {
    // the first day of this winter's campaign (the new campaign's default start)
    e = await startE2E({ now: '2026-12-15T02:00:00Z' });
    member = (await phonesOfUnion(e.app, '吴兴区快递物流行业联合工会', 1, 7))[0]!;
    await archive(e.app, member, 'deep');
    wuxingId = await unionIdByName(e.app, WUXING);
    // aiming at archive categories needs the hardship duty over the union
    await grantHardshipDuty(e.app, WUXING_ADMIN, WUXING);
  });

  afterAll(async () => {
    await e?.close();
  });

  const signIn = async (page: Page, phone: string) => {
    e.app.clock.advance(61_000);
    await smsSignIn(e.app, page, phone);
  };
  const figures = async () => {
    const staff = await e.app.login(WUXING_ADMIN);
    const f = (await e.app.call(api.warmthForm, { token: staff, query: { unionId: wuxingId, ...SEASON } })).body;
    return (code: string) => f.items.find((i) => i.code === code)!.value;
  };

  it('lets 吴兴区 staff create a campaign and add a gift pack for 困难职工', async () => {
    const page = e.page;
    await signIn(page, WUXING_ADMIN);
    await open(page, '/pages/union/campaigns/index');
    await page.locator('.gh-campaigns__new-button').click();
    await page.locator('.gh-campaigns__create').waitFor();
    await e.shot('e2e-campaigns-new');
    await page.locator('.gh-campaigns__create').click();
    await page.waitForURL(/\/pages\/union\/campaigns\/detail\/index\?id=/);
    await settle(page);
    await page.locator('.gh-campaign__add-offer').click();
    await page.locator('.gh-offer-form__points input').fill('吴兴区职工服务中心，织里镇工会服务站');
    await expect(page.locator('.gh-offer-form__archive .gh-chip--on').allTextContents()).resolves.toEqual(['深度困难', '相对困难', '意外致困']);
    await e.shot('e2e-campaigns-offer-form');
    await page.locator('.gh-offer-form__submit').click();
    await page.locator('.gh-campaign__offers', { hasText: '温情年货礼包' }).waitFor();
    await expect(page.locator('.gh-campaign__offers').textContent()).resolves.toContain('在档困难职工（深度困难、相对困难、意外致困）');
    await e.shot('e2e-campaigns-detail');
    await expectAccessible(page);
  });

  it('shows the pack to the archived member on 首页 and lets them claim it for a pickup point and day', async () => {
    const page = e.page;
    await signIn(page, member);
    await page.locator('.gh-home__warmth').waitFor();
    await e.shot('e2e-campaigns-home');
    await open(page, '/pages/warmth/index');
    const card = page.locator('.gh-warmth__offer', { hasText: WUXING });
    await card.waitFor();
    await e.shot('e2e-campaigns-member-offers');
    await card.locator('.gh-warmth__submit').click();
    await card.locator('.gh-warmth__code').waitFor();
    pickupCode = ((await card.locator('.gh-warmth__code').textContent()) ?? '').replace(/\s/g, '');
    expect(pickupCode).toMatch(/^[1-9]\d{7}$/);
    await expect(card.textContent()).resolves.toContain('到 吴兴区职工服务中心 领取');
    await e.shot('e2e-campaigns-member-code');
    await expectAccessible(page);
  });

  it('lets staff hand the pack over by the code, once, and the form’s C11 and D11 move by one pack', async () => {
    const before = await figures();
    const page = e.page;
    await signIn(page, WUXING_ADMIN);
    await open(page, '/pages/union/campaigns/pickup/index');
    await page.locator('.gh-pickup__code input').fill(pickupCode);
    await page.locator('.gh-pickup__submit').click();
    await page.getByText('发放成功').waitFor();
    await e.shot('e2e-campaigns-handed-over');
    await expectAccessible(page);
    await page.locator('.gh-pickup__code input').fill(pickupCode);
    await page.locator('.gh-pickup__submit').click();
    await page.getByText('该领取码已发放过').waitFor();

    const after = await figures();
    expect([after('C11') - before('C11'), after('D11') - before('D11'), after('C') - before('C'), after('D') - before('D')]).toEqual([1, 30_000, 1, 30_000]);

    await open(page, '/pages/union/campaigns/form/index');
    await page.locator('.gh-warmth-form__table').waitFor();
    await page.locator('.gh-warmth-form__table .gh-table__row--link', { hasText: 'C11' }).first().click();
    await page.locator('.gh-warmth-form__detail', { hasText: '发放' }).waitFor();
    await e.shot('e2e-campaigns-form');
    await expectAccessible(page);
    // staff use the form on a desktop browser: a table there, not a phone squeezed in the middle
    const phone = page.viewportSize()!;
    await page.setViewportSize({ width: 1280, height: 900 });
    await settle(page);
    await e.shot('e2e-campaigns-form-desktop');
    await page.setViewportSize(phone);
  });

  it('sends a 慰问信 to the campaign’s 困难职工; the member reads it with their own name and staff see it opened', async () => {
    const page = e.page;
    const staff = await e.app.login(WUXING_ADMIN);
    const campaign = (await e.app.call(api.staffCampaigns, { token: staff, query: {} })).body.data.find((c) => c.unionName === WUXING)!;
    await open(page, `/pages/union/campaigns/detail/index?id=${campaign.id}`);
    await page.locator('.gh-campaign__send-letter').click();
    await page.locator('.gh-letter-form__archive .gh-chip--deep').click();
    await e.shot('e2e-campaigns-letter-form');
    await page.locator('.gh-letter-form__submit').click();
    await page.locator('.gh-campaign__letters', { hasText: '已读 0 人' }).waitFor();

    await signIn(page, member);
    await open(page, '/pages/notices/index');
    await page.locator('.gh-notice', { hasText: '吴兴区总工会给您的新春慰问信' }).click();
    await page.waitForURL(/\/pages\/warmth\/letter\/index\?id=/);
    await settle(page);
    const letterId = new URL(page.url()).searchParams.get('id')!;
    const name = (await e.app.call(api.myLetter, { token: await e.app.login(member), params: { id: letterId } })).body;
    await expect(page.locator('.gh-letter__greeting').textContent()).resolves.toMatch(/^.+同志及家属：$/);
    expect(name.body.split('\n')[0]).toBe(await page.locator('.gh-letter__greeting').textContent());
    await e.shot('e2e-campaigns-letter');
    await expectAccessible(page);

    // the family's copy: no sign-in, the letter only
    await open(page, `/pages/warmth/family/index?token=${name.shareToken}`);
    await page.locator('.gh-letter__greeting').waitFor();
    await e.shot('e2e-campaigns-letter-family');

    const recipients = (await e.app.call(api.campaignLetters, { token: staff, params: { id: campaign.id } })).body.data[0]!;
    expect(recipients.opened).toBeGreaterThanOrEqual(1);
  });

  it('shows Annex 2 (帮扶中心工作统计表) beside Annex 1: a hand-entered figure saved, relief drilled down, normal and care mode', async () => {
    const page = e.page;
    await signIn(page, WUXING_ADMIN);
    await open(page, '/pages/union/campaigns/form/index');
    await page.locator('.gh-warmth-form__tab--aid').click();
    await page.locator('.gh-warmth-form__table', { hasText: '帮扶中心工会志愿者' }).waitFor();
    await page.locator('.gh-warmth-form__table .gh-table__row--link', { hasText: '帮扶中心工会志愿者' }).first().click();
    await page.locator('.gh-form-entry__value input').fill('12');
    await page.locator('.gh-form-entry__save').click();
    await page.getByText('已保存').first().waitFor();
    const staff = await e.app.login(WUXING_ADMIN);
    // Annex 2 is yearly: the page opens on this calendar year
    const aid = (await e.app.call(api.aidCentreForm, { token: staff, query: { unionId: wuxingId, from: '2026-01-01', to: '2026-12-31' } })).body;
    expect(aid.items.find((i) => i.code === 'C')).toMatchObject({ value: 12, origin: 'manual' });
    // the demo's relief this year is on the page, and the drill-down lists it
    expect(aid.items.find((i) => i.code === 'G')!.value).toBeGreaterThan(0);
    await page.locator('.gh-warmth-form__table .gh-table__row--link', { hasText: '年度帮扶款物总额' }).first().click();
    await page.locator('.gh-warmth-form__detail', { hasText: '年度帮扶款物总额' }).waitFor();
    await page.locator('.gh-form-records__row').first().waitFor();
    await settle(page);
    await e.shot('e2e-campaigns-aid-form');
    await expectAccessible(page);
    const phone = page.viewportSize()!;
    await page.setViewportSize({ width: 1280, height: 900 });
    await settle(page);
    await e.shot('e2e-campaigns-aid-form-desktop');
    await page.setViewportSize(phone);
    await setCareMode(page, true);
    await checkCarePages(e, [['e2e-campaigns-aid-form-care', '/pages/union/campaigns/form/index?form=aid']]);
    await setCareMode(page, false);
  });

  it('lets staff pick a visit from the list and correct it', async () => {
    const page = e.page;
    await signIn(page, WUXING_ADMIN);
    await open(page, '/pages/union/campaigns/visits/index');
    await page.locator('.gh-visits__table .gh-table__row--link').first().click();
    await page.locator('.gh-visit-form--edit').waitFor();
    await page.locator('.gh-visit-form--edit .gh-visit-form__note input').fill('金额已核对');
    await page.locator('.gh-visit-form--edit .gh-visit-form__submit').click();
    await page.getByText('已保存修改').first().waitFor();
    await e.shot('e2e-campaigns-visit-edit');
    await expectAccessible(page);
  });

  it('lets staff add 送春联 with a stock of one; a member grabs it, the next one sees it sold out', async () => {
    const page = e.page;
    await signIn(page, WUXING_ADMIN);
    const staff = await e.app.login(WUXING_ADMIN);
    const campaign = (await e.app.call(api.staffCampaigns, { token: staff, query: { limit: 5 } })).body.data.find((c) => c.unionName === WUXING)!;
    await open(page, `/pages/union/campaigns/detail/index?id=${campaign.id}`);
    await page.locator('.gh-campaign__add-offer').click();
    await page.locator('.gh-offer-form__kind').getByText('送春联').click();
    await page.locator('.gh-offer-form__stock input').fill('1');
    await page.locator('.gh-offer-form__value input').fill('15');
    await page.locator('.gh-offer-form__points input').fill('吴兴区职工服务中心');
    await expect(page.locator('.gh-offer-form__archive').count()).resolves.toBe(0);
    await e.shot('e2e-campaigns-couplets-form');
    await page.locator('.gh-offer-form__submit').click();
    await page.locator('.gh-campaign__offers', { hasText: '剩余 1/1 副' }).waitFor();

    await signIn(page, member);
    await open(page, '/pages/warmth/index');
    const card = page.locator('.gh-warmth__offer', { hasText: '新春春联' });
    await card.waitFor();
    await expect(card.locator('.gh-warmth__stock').textContent()).resolves.toContain('剩余 1 副');
    await card.locator('.gh-warmth__submit').click();
    await card.locator('.gh-warmth__code').waitFor();
    expect(((await card.locator('.gh-warmth__code').textContent()) ?? '').replace(/\s/g, '')).toMatch(/^[1-9]\d{7}$/);
    await e.shot('e2e-campaigns-couplets-grabbed');
    await expectAccessible(page);

    const next = (await phonesOfUnion(e.app, '吴兴区快递物流行业联合工会', 1, 8))[0]!;
    await signIn(page, next);
    await open(page, '/pages/warmth/index');
    const gone = page.locator('.gh-warmth__offer', { hasText: '新春春联' });
    await gone.locator('.gh-warmth__soldout').waitFor();
    await expect(gone.locator('.gh-warmth__submit').count()).resolves.toBe(0);
    await e.shot('e2e-campaigns-couplets-sold-out');
    await expectAccessible(page);
  });
});
