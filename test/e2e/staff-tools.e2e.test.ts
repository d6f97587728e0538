/*
 * Staff and counter tools in a real browser: the join QR (PNG download, the printable A4
 * poster, a new join code), a member's card code typed in by staff, an admin adding an
 * operator (and the change log saying so), and a merchant's cashiers edited by its union so
 * the new cashier reaches the counter. Phone width, one page at desktop width, normal and care
 * mode, axe-core checked on every new page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { checkCarePages, setCareMode, settle, startE2E, type E2E } from './harness';
import { unionIdByName } from '@gonghui/server/testing/harness';

const GRASSROOTS_ADMIN = '13900000003'; // 姚志强, admin of 湖州吴兴智能装备有限公司工会
const EQUIP = '湖州吴兴智能装备有限公司工会';
const CITY_ADMIN = '13900000001';
const MEMBER = '13800000001';
const NEW_OPERATOR = { phone: '13900000095', name: '李经办' };
const NEW_CASHIER = '13900000031';
const SHOP = '湖州苏宁易购吴兴店';

/**
 * Signs in by SMS code through the login page, ticking the agreement (asked at every sign-in on
 * this page) when the page shows it.
 */
async function smsSignIn(app: E2E['app'], page: Page, phone: string, lands: RegExp = /\/pages\/home\/index/): Promise<void> {
  // One SMS per phone a minute: the server's clock moves on instead of the test waiting.
  app.clock.advance(2 * 60_000);
  await page.goto('/api/e2e-sign-out');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/pages/login/index');
  await settle(page);
  await page.locator('.gh-login__phone').waitFor();
  const consent = page.locator('.gh-login__consent');
  if ((await consent.count()) > 0) {
    await consent.click();
    await expect.poll(() => page.locator('.gh-login__consent input').isChecked()).toBe(true);
  }
  const sent = () => app.sms.sent.filter((x) => x.phone === phone);
  const before = sent().length;
  await page.locator('.gh-login__phone input').fill(phone);
  await page.locator('.gh-login__send').click();
  await expect.poll(() => sent().length).toBeGreaterThan(before);
  await page.locator('.gh-login__code input').fill(sent().at(-1)!.code);
  await page.locator('.gh-login__submit').click();
  await page.waitForURL(lands);
  await settle(page);
}

async function confirmModal(page: Page, text: string) {
  await page.getByText(text, { exact: true }).click();
}

const button = (page: Page, cls: string) => page.locator(`.${cls}`);

describe('staff tools and the counter', () => {
  let e: E2E;
  let equipId = '';
  let shopId = '';
  const visited: string[] = [];

  beforeAll(async () => {
    e = await startE2E();
    equipId = await unionIdByName(e.app, EQUIP);
    const admin = await e.app.login(CITY_ADMIN);
    const shops = (await e.app.get('/api/admin/merchants', admin)).body.data as { id: string; name: string }[];
    shopId = shops.find((m) => m.name === SHOP)!.id;
  });

  afterAll(async () => {
    await e?.close();
  });

  it('lets staff download the join QR as a PNG, open the poster and change the join code', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, GRASSROOTS_ADMIN);
    // From the union's page (members) to its join QR.
    await page.goto(`/pages/union/members/index?unionId=${equipId}&unionName=${encodeURIComponent(EQUIP)}`);
    await settle(page);
    await button(page, 'gh-go-join-qr').click();
    await page.waitForURL(/\/pages\/union\/join-qr\/index\?unionId=/);
    await settle(page);
    visited.push(page.url());
    const img = page.locator('.gh-joinqr__qr img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const oldLink = await page.locator('.gh-joinqr__link').textContent();
    expect(oldLink).toContain('/pages/join/index?code=');

    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'gh-joinqr__download').click()]);
    expect(download.suggestedFilename()).toBe(`${EQUIP}-入会二维码.png`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const png = Buffer.concat(chunks);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(1000);
    await e.shot('staff-tools-join-qr');
    await expectAccessible(page);

    // 打印海报: the poster appears and the print dialog is asked for; printed, only the poster shows.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await button(page, 'gh-joinqr__print').click();
    const poster = page.locator('.gh-poster');
    await poster.waitFor();
    await expect(poster.textContent()).resolves.toContain('微信扫一扫 · 实名入会');
    await expect(poster.textContent()).resolves.toContain(EQUIP);
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expect.poll(() => page.locator('.gh-poster__qr img').evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    await e.shot('staff-tools-join-qr-poster');
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.gh-joinqr__actions').evaluate((el) => getComputedStyle(el).visibility)).resolves.toBe('hidden');
    await expect(poster.evaluate((el) => getComputedStyle(el).visibility)).resolves.toBe('visible');
    await e.shot('staff-tools-join-qr-print');
    await page.emulateMedia({ media: 'screen' });

    // 更换入会码 (an admin): confirmed first, then a new link and QR.
    await button(page, 'gh-joinqr__regenerate').click();
    await confirmModal(page, '确认更换');
    await expect.poll(() => page.locator('.gh-joinqr__link').textContent()).not.toBe(oldLink);
    const admin = await e.app.login(GRASSROOTS_ADMIN);
    const unions = (await e.app.get('/api/admin/unions', admin)).body.data as { id: string; joinCode: string }[];
    const code = unions.find((u) => u.id === equipId)!.joinCode;
    await expect(page.locator('.gh-joinqr__link').textContent()).resolves.toContain(code);
  });

  it('lets an admin add an operator, and the change log says so', async () => {
    const page = e.page;
    await page.goto(`/pages/union/members/index?unionId=${equipId}&unionName=${encodeURIComponent(EQUIP)}`);
    await settle(page);
    await button(page, 'gh-go-staff').click();
    await page.waitForURL(/\/pages\/union\/staff\/index\?unionId=/);
    await settle(page);
    visited.push(page.url());
    // The admin's own row offers no change (another admin must do it).
    const self = page.locator('.gh-srow', { hasText: '（我）' });
    await self.waitFor();
    await expect(self.locator('.gh-srow__remove').count()).resolves.toBe(0);

    await button(page, 'gh-staff__add').click();
    await button(page, 'gh-staff-form__submit').click();
    // Both empty fields say what is missing (read together: the first one found is no proof of the other).
    const errors = () => page.locator('.gh-staff-form .gh-form__error').allTextContents();
    await expect.poll(async () => (await errors()).join(' / ')).toMatch(/手机号.*姓名/);
    await page.locator('.gh-staff-form__phone input').fill(NEW_OPERATOR.phone);
    await page.locator('.gh-staff-form__name input').fill(NEW_OPERATOR.name);
    await page.locator('.gh-staff-form__role .gh-chip--operator').click();
    await e.shot('staff-tools-staff-add');
    await expectAccessible(page);
    await button(page, 'gh-staff-form__submit').click();

    const row = page.locator('.gh-srow', { hasText: NEW_OPERATOR.name });
    await row.waitFor();
    await expect(row.locator('.gh-srow__role').textContent()).resolves.toBe('经办人');
    await expect.poll(() => page.locator('.gh-staff__change').first().textContent()).toContain(`添加 ${NEW_OPERATOR.name}（经办人）`);
    await e.shot('staff-tools-staff');
    await expectAccessible(page);

    // Desktop width: the same page as a wide staff page.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(400);
    await e.shot('staff-tools-staff-1280');
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForTimeout(300);

    // Change the role, then remove: both confirmed, both logged.
    await row.locator('.gh-srow__change').click();
    await confirmModal(page, '确认调整');
    await expect.poll(() => row.locator('.gh-srow__role').textContent()).toBe('管理员');
    await row.locator('.gh-srow__remove').click();
    await confirmModal(page, '确认移除');
    await expect.poll(() => page.locator('.gh-srow', { hasText: NEW_OPERATOR.name }).count()).toBe(0);
    await expect.poll(() => page.locator('.gh-staff__change').first().textContent()).toContain(`移除 ${NEW_OPERATOR.name}`);
  });

  it('shows the member when staff type the member’s card code', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, CITY_ADMIN);
    // The member's card code, as their own app shows it (valid for a minute).
    const member = await e.app.login(MEMBER);
    const me = (await e.app.get('/api/me', member)).body as { member: { name: string; memberNo: string } };
    const code = (await e.app.get('/api/my/member-code', member)).body as { shortCode: string; qr: string };
    expect(code.shortCode).toMatch(/^\d{12}$/);
    await page.goto('/pages/union/tree/index');
    await settle(page);
    await button(page, 'gh-go-lookup').click();
    await page.waitForURL(/\/pages\/union\/member-lookup\/index/);
    await settle(page);
    visited.push(page.url());
    const field = page.locator('.gh-lookup__code input');
    await expect.poll(() => field.getAttribute('inputmode')).toBe('numeric');
    await field.fill('1234');
    await button(page, 'gh-lookup__submit').click();
    await expect(page.locator('.gh-lookup__error').textContent()).resolves.toContain('12位');
    // Typed as read out, in groups of four.
    await field.fill(code.shortCode.replace(/(\d{4})(?=\d)/g, '$1 '));
    await button(page, 'gh-lookup__submit').click();
    await expect.poll(() => page.locator('.gh-lookup__name').textContent()).toBe(me.member.name);
    await expect(page.locator('.gh-lookup__member').textContent()).resolves.toContain(me.member.memberNo);
    await e.shot('staff-tools-member-lookup');
    await expectAccessible(page);

    // The scan button opens the camera layer; headless Chromium has no camera: it says so and closes.
    await button(page, 'gh-lookup__scan').click();
    await page.locator('.gh-scan').waitFor();
    await expect.poll(() => page.locator('.gh-scan__hint').textContent(), { timeout: 10_000 }).toMatch(/摄像头|二维码/);
    await e.shot('staff-tools-scan-layer');
    await button(page, 'gh-scan__cancel').click();
    await expect.poll(() => page.locator('.gh-scan').count()).toBe(0);
  });

  it('lets the union add and remove a cashier, who then reaches (and loses) the counter', async () => {
    const page = e.page;
    await page.goto('/pages/union/merchants/index');
    await settle(page);
    await page.locator('.gh-table__row', { hasText: SHOP }).locator('.gh-merchants-table__open').click();
    await page.waitForURL(/\/pages\/union\/merchant\/index\?id=/);
    await settle(page);
    visited.push(page.url());
    await page.locator('.gh-cashier').first().waitFor();
    const before = await page.locator('.gh-cashier').count();

    // Edit the address.
    await button(page, 'gh-mdetail__edit-open').click();
    await page.locator('.gh-mdetail__address-input input').fill('湖州市吴兴区红旗路88号一楼');
    await button(page, 'gh-mdetail__save').click();
    await expect.poll(() => page.locator('.gh-mdetail__address').textContent()).toBe('湖州市吴兴区红旗路88号一楼');

    await page.locator('.gh-mdetail__phone input').fill('1390000');
    await button(page, 'gh-mdetail__add-button').click();
    await expect(page.locator('.gh-mdetail__add .gh-form__error').textContent()).resolves.toContain('手机号');
    await page.locator('.gh-mdetail__phone input').fill(NEW_CASHIER);
    await button(page, 'gh-mdetail__add-button').click();
    await expect.poll(() => page.locator('.gh-cashier').count()).toBe(before + 1);
    await e.shot('staff-tools-merchant');
    await expectAccessible(page);

    // The new cashier signs in and lands on the counter, with 扫码 and a number pad for the code.
    await smsSignIn(e.app, page, NEW_CASHIER, /\/pages\/merchant\/index/);
    await expect.poll(() => page.locator('.gh-band__title').first().textContent()).toBe(SHOP);
    await button(page, 'gh-redeem__scan').waitFor();
    await expect.poll(() => page.locator('.gh-redeem__code input').getAttribute('inputmode')).toBe('numeric');
    await e.shot('staff-tools-counter');
    await expectAccessible(page);

    // The union removes them again.
    await smsSignIn(e.app, page, CITY_ADMIN);
    await page.goto(`/pages/union/merchant/index?id=${shopId}`);
    await settle(page);
    const cashier = page.locator('.gh-cashier', { hasText: NEW_CASHIER.slice(-4) });
    await cashier.locator('.gh-cashier__remove').click();
    await confirmModal(page, '确认移除');
    await expect.poll(() => page.locator('.gh-cashier').count()).toBe(before);
    const token = await e.app.login(NEW_CASHIER);
    const me = (await e.app.get('/api/me', token)).body as { merchant: unknown };
    expect(me.merchant).toBeNull();

    // 停用 / 启用, confirmed.
    await button(page, 'gh-mdetail__active').click();
    await confirmModal(page, '确认停用');
    await expect.poll(() => page.locator('.gh-mdetail__state').textContent()).toBe('已停用');
    await button(page, 'gh-mdetail__active').click();
    await confirmModal(page, '确认启用');
    await expect.poll(() => page.locator('.gh-mdetail__state').textContent()).toBe('合作中');
  });

  it('reads well in care mode on every new page', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, GRASSROOTS_ADMIN);
    await setCareMode(page, true);
    await checkCarePages(e, [
      ['staff-tools-join-qr-care', `/pages/union/join-qr/index?unionId=${equipId}`],
      ['staff-tools-staff-care', `/pages/union/staff/index?unionId=${equipId}`],
      ['staff-tools-member-lookup-care', '/pages/union/member-lookup/index'],
    ]);
    // A tap target in care mode.
    await page.goto(`/pages/union/staff/index?unionId=${equipId}`);
    await settle(page);
    const add = page.locator('.gh-staff__add');
    await add.waitFor();
    expect(await add.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(48);
    await setCareMode(page, false);

    // The merchant detail page belongs to the city's admin.
    await smsSignIn(e.app, page, CITY_ADMIN);
    await setCareMode(page, true);
    await page.goto(`/pages/union/merchant/index?id=${shopId}`);
    await settle(page);
    await page.locator('.gh-page.care-mode .gh-cashier').first().waitFor();
    await e.shot('staff-tools-merchant-care');
    await expectAccessible(page);
    await setCareMode(page, false);
    expect(visited.length).toBe(4);
  });
});
