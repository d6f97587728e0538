/*
 * The member's own pages in a real browser: the agreement at sign-in, 首页 showing what is
 * claimable now on an ordinary day, the electronic member card (会员码) that staff can look up,
 * 我的 with the privacy policy, user agreement, 联系工会 and 注销账号, in normal and care mode,
 * with axe on each page. Real server with a fixed clock, fresh database, H5 build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, TERMS_VERSION } from '@gonghui/shared';
import { publishedBatch } from '@gonghui/server/testing/factories';
import { expectAccessible } from './axe';
import { settle, startE2E, type E2E } from './harness';

const MEMBER_PHONE = '13800000007';
const LEAVER_PHONE = '13800000008';
const CITY_STAFF_PHONE = '13900000001';
const GRASSROOTS_STAFF_PHONE = '13900000003';
/** An ordinary Friday morning, 2026-12-04 10:00 in Shanghai: not a Benefit Day. */
const ORDINARY_DAY = '2026-12-04T02:00:00Z';
const WINTER = '冬季暖心';

async function signedOut(page: Page): Promise<void> {
  await page.goto('/api/e2e-sign-out');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/pages/login/index');
  await settle(page);
}

/** Signs in by SMS code through the login page, ticking the agreement first. */
async function signIn(e: E2E, phone: string): Promise<void> {
  const page = e.page;
  await signedOut(page);
  await page.locator('.gh-login__consent').click();
  await expect.poll(() => page.locator('.gh-login__consent input').isChecked()).toBe(true);
  const sent = () => e.app.sms.sent.filter((s) => s.phone === phone);
  const before = sent().length;
  await page.locator('.gh-login__phone input').fill(phone);
  await page.locator('.gh-login__send').click();
  await expect.poll(() => sent().length).toBeGreaterThan(before);
  await page.locator('.gh-login__code input').fill(sent().at(-1)!.code);
  await page.locator('.gh-login__submit').click();
  await page.waitForURL(/\/pages\/home\/index/);
  await settle(page);
}

async function open(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(path);
  await settle(page);
  await page.locator(ready).first().waitFor();
}

describe('the member’s own pages', () => {
  let e: E2E;
  let memberName = '';
  let unionName = '';

  beforeAll(async () => {
    e = await startE2E({ now: '2026-12-03T02:00:00Z' });
    // A batch open all week (a window, not the 20th), published the day before.
    await publishedBatch(e.app, await e.app.login(CITY_STAFF_PHONE), {
      title: `${WINTER} 满100减20`,
      thresholdFen: 10_000,
      faceValueFen: 2_000,
      stockTotal: 100,
      schedule: { type: 'window', startsAt: '2026-12-04T00:00:00Z', endsAt: '2026-12-10T00:00:00Z' },
    });
    e.app.clock.set(ORDINARY_DAY);
    const me = (await e.app.call(api.me, { token: await e.app.login(MEMBER_PHONE) })).body;
    memberName = me.member!.name;
    unionName = me.member!.unionName;
  });

  afterAll(async () => {
    await e?.close();
  });

  it('asks for the agreement (unticked) before any sign-in works', async () => {
    const page = e.page;
    await signedOut(page);
    const box = page.locator('.gh-login__consent input');
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(page.locator('.gh-login__consent').textContent()).resolves.toContain('我已阅读并同意《用户协议》《隐私政策》');
    await expect(page.locator('.gh-login__care-row').isVisible()).resolves.toBe(true);
    // A demo sign-in without the tick stays here and says why.
    await page.locator('.gh-login__demo-button', { hasText: '会员 张*' }).click();
    await page.getByText('请先阅读并勾选同意《用户协议》《隐私政策》').first().waitFor();
    await settle(page);
    expect(page.url()).toMatch(/\/pages\/login\/index/);
    await expect(page.locator('.gh-login__agree--nudge').count()).resolves.toBe(1);
    await e.shot('member-login');
    await expectAccessible(page);

    // The agreement opens from the login page and leads back to it.
    await page.locator('.gh-login__privacy').click();
    await page.waitForURL(/\/pages\/legal\/privacy\/index/);
    await settle(page);
    await expect(page.locator('.gh-legal__title').textContent()).resolves.toBe('隐私政策');
    await page.locator('.gh-subnav__back').click();
    await page.waitForURL(/\/pages\/login\/index/);
  });

  it('records the accepted agreement version at sign-in', async () => {
    await signIn(e, MEMBER_PHONE);
    const me = (await e.app.call(api.me, { token: await e.app.login(MEMBER_PHONE) })).body;
    expect(me.user.termsAccepted).toBe(TERMS_VERSION);
  });

  it('首页 shows what is claimable now, then the next Benefit Day, and only tiles that work', async () => {
    const page = e.page;
    const open = (await e.app.call(api.listOpenBatches, { token: await e.app.login(MEMBER_PHONE) })).body.data;
    const claimable = open.filter((b) => b.claimState === 'claimable');
    expect(claimable.some((b) => b.title.startsWith(WINTER))).toBe(true);
    const expected = claimable.reduce((n, b) => n + Math.max(1, Math.min(b.myRemaining, b.stockRemaining)), 0);

    await page.locator('.gh-home__open').waitFor();
    await expect(page.locator('.gh-home__open-count').textContent()).resolves.toBe(`${expected} 张可领`);
    await expect(page.locator('.gh-home__open').textContent()).resolves.toContain(WINTER);
    // An ordinary day: the banner counts down to the 20th (by the server's clock), after the open batches.
    await expect.poll(() => page.locator('.gh-home .gh-benefit-day__badge').textContent()).toBe('工惠日');
    await expect(page.locator('.gh-home .gh-benefit-day__title').textContent()).resolves.toContain('12月20日');
    const order = await page.evaluate(() => {
      const a = document.querySelector('.gh-home__open');
      const b = document.querySelector('.gh-home .gh-benefit-day');
      return a && b ? a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    // Tiles lead somewhere; what is coming is text, not buttons.
    await expect(page.locator('.gh-entry').allTextContents()).resolves.toEqual(['券工惠券', '码会员码', '我我的券', '听聆听', '暖送温暖']);
    await expect(page.locator('.gh-home__coming [role=button]').count()).resolves.toBe(0);
    await e.shot('member-home');
    await expectAccessible(page);

    await page.locator('.gh-home__go').click();
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    await page.locator('.gh-vouchers__group--open .gh-batch', { hasText: WINTER }).locator('.gh-claim--claimable').waitFor();
  });

  it('会员码 shows the full name, 12 digits in groups of 4 and a QR that staff can look up', async () => {
    const page = e.page;
    await open(page, '/pages/home/index', '.gh-entry--code');
    await page.locator('.gh-entry--code').click();
    await page.waitForURL(/\/pages\/member-card\/index/);
    await settle(page);
    const digits = page.locator('.gh-mcard__digits');
    await digits.waitFor();
    const text = (await digits.textContent()) ?? '';
    expect(text).toMatch(/^\d{4} \d{4} \d{4}$/);
    await expect(page.locator('.gh-mcard__name').textContent()).resolves.toBe(memberName);
    await expect(page.locator('.gh-mcard__union').textContent()).resolves.toBe(unionName);
    const img = page.locator('.gh-mcard__qr img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    await expect(img.getAttribute('alt')).resolves.toContain('会员码二维码');
    await expect(page.locator('.gh-mcard__left').textContent()).resolves.toMatch(/\d+ 秒后自动刷新/);
    await expect(page.locator('.gh-subnav__title').textContent()).resolves.toBe('会员码');
    await e.shot('member-card');
    await expectAccessible(page);

    const staff = await e.app.login(CITY_STAFF_PHONE);
    const found = await e.app.call(api.lookupMemberCode, { params: { code: text.replace(/ /g, '') }, token: staff });
    expect(found.status, found.text).toBe(200);
    expect(found.body.name).toBe(memberName);

    // 立即刷新 gives a new code.
    await page.locator('.gh-mcard__refresh-now').click();
    await expect.poll(() => digits.textContent()).not.toBe(text);
  });

  it('我的 leads to 会员码, 联系工会, 隐私政策, 用户协议 and 注销账号, each with a title and a way back', async () => {
    const page = e.page;
    await open(page, '/pages/mine/index', '.gh-mine__privacy');
    for (const row of ['.gh-mine__card', '.gh-mine__contact', '.gh-mine__privacy', '.gh-mine__terms', '.gh-mine__delete']) {
      await expect(page.locator(row).getAttribute('role')).resolves.toBe('button');
    }
    await e.shot('member-mine');
    await expectAccessible(page);

    const pages: [string, RegExp, string, string][] = [
      ['.gh-mine__contact', /\/pages\/account\/contact\/index/, '联系工会', 'member-contact'],
      ['.gh-mine__privacy', /\/pages\/legal\/privacy\/index/, '隐私政策', 'member-privacy'],
      ['.gh-mine__terms', /\/pages\/legal\/terms\/index/, '用户协议', 'member-terms'],
      ['.gh-mine__delete', /\/pages\/account\/delete\/index/, '注销账号', 'member-delete'],
    ];
    for (const [row, url, title, shot] of pages) {
      await page.locator(row).click();
      await page.waitForURL(url);
      await settle(page);
      await expect(page.locator('.gh-subnav__title').textContent()).resolves.toBe(title);
      await expect(page.title()).resolves.toBe(title);
      if (shot === 'member-contact') await expect(page.locator('.gh-contact__union').textContent()).resolves.toBe(unionName);
      await e.shot(shot);
      await expectAccessible(page);
      await page.locator('.gh-subnav__back').click();
      await page.waitForURL(/\/pages\/mine\/index/);
      await settle(page);
    }
    // Opened directly (a shared link), 首页 still leads home.
    await open(page, '/pages/legal/terms/index', '.gh-subnav__home');
    await page.locator('.gh-subnav__home').click();
    await page.waitForURL(/\/pages\/home\/index/);
  });

  it('passes axe in care mode on every page, with text of at least 18px', async () => {
    const page = e.page;
    await open(page, '/pages/mine/index', '.gh-mine__care');
    await page.locator('.gh-mine__care').click();
    await page.locator('.gh-page.gh-mine.care-mode').waitFor();
    const pages: [string, string, string][] = [
      ['/pages/home/index', '.gh-home__open', 'member-home-care'],
      ['/pages/member-card/index', '.gh-mcard__digits', 'member-card-care'],
      ['/pages/mine/index', '.gh-mine__privacy', 'member-mine-care'],
      ['/pages/account/contact/index', '.gh-contact__union', 'member-contact-care'],
      ['/pages/legal/privacy/index', '.gh-legal__p', 'member-privacy-care'],
      ['/pages/legal/terms/index', '.gh-legal__p', 'member-terms-care'],
      ['/pages/account/delete/index', '.gh-delete__item', 'member-delete-care'],
    ];
    for (const [path, ready, shot] of pages) {
      await open(page, path, ready);
      await page.locator('.gh-page.care-mode').first().waitFor();
      const size = await page.locator(ready).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size, path).toBeGreaterThanOrEqual(18);
      await e.shot(shot);
      await expectAccessible(page);
    }
    // The login page has the switch too, and honours it.
    await signedOut(page);
    await page.locator('.gh-login__care-row').waitFor();
    if ((await page.locator('.gh-page.gh-login.care-mode').count()) === 0) await page.locator('.gh-login__care-row').click();
    await page.locator('.gh-page.gh-login.care-mode').waitFor();
    await e.shot('member-login-care');
    await expectAccessible(page);
    await page.locator('.gh-login__care-row').click();
    await page.locator('.gh-page.gh-login:not(.care-mode)').waitFor();
  });

  it('refuses to delete a staff account with the server’s reason', async () => {
    const page = e.page;
    await signIn(e, GRASSROOTS_STAFF_PHONE);
    await open(page, '/pages/account/delete/index', '.gh-delete__input');
    await expect(page.locator('.gh-delete__blocked').first().isVisible()).resolves.toBe(true);
    await page.locator('.gh-delete__input input').fill('注销');
    await page.locator('.gh-delete__submit').click();
    await page.getByText('确认注销', { exact: true }).click();
    await page.locator('.gh-delete__error').waitFor();
    await expect(page.locator('.gh-delete__error').textContent()).resolves.toContain('请先由管理员解除后再注销');
    expect(page.url()).toMatch(/\/pages\/account\/delete\/index/);
  });

  it('deletes a member’s account after typing 注销 and signs out', async () => {
    const page = e.page;
    await signIn(e, LEAVER_PHONE);
    const token = await page.evaluate(() => {
      const raw = localStorage.getItem('gonghui-app');
      let v: unknown = raw ? JSON.parse(raw) : null;
      if (v && typeof v === 'object' && 'data' in v) v = (v as { data: unknown }).data;
      if (typeof v === 'string') v = JSON.parse(v);
      return (v as { state?: { token?: string } })?.state?.token ?? null;
    });
    expect(token).toBeTruthy();
    await open(page, '/pages/mine/index', '.gh-mine__delete');
    await page.locator('.gh-mine__delete').click();
    await page.waitForURL(/\/pages\/account\/delete\/index/);
    await settle(page);
    // Not until the word is typed.
    await expect(page.locator('.gh-delete__submit').getAttribute('class')).resolves.toContain('disabled');
    await page.locator('.gh-delete__input input').fill('注销');
    await page.locator('.gh-delete__submit').click();
    await page.getByText('确认注销', { exact: true }).click();
    await page.waitForURL(/\/pages\/login\/index/);
    await settle(page);
    expect((await e.app.call(api.me, { token: token! })).status).toBe(401);
  });
});
