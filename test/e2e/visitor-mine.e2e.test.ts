/*
 * 我的 before signing in, in a real browser: the tab shows a visitor's page instead of sending
 * the visitor to the login page (a forced login, which WeChat's review rejects); 关怀模式 works
 * without an account and stays on this device; the legal texts, how to join and whom to contact
 * open and come back; 登录 / 注册 leads to the login page and back, and after signing in the
 * member is on 我的 again. Phone width, normal and care mode, axe-core checked.
 * Real server, fresh database with demo data, H5 build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { acceptAgreement, settle, signOut, startE2E, type E2E } from './harness';

const MEMBER_PHONE = '13800000001';

/** Opens 我的 from the tab bar of 首页, as a visitor would. */
async function openMineTab(page: Page): Promise<void> {
  await page.goto('/pages/home/index');
  await settle(page);
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
  await page.waitForURL(/\/pages\/mine\/index/);
  await settle(page);
}

describe('我的 for a visitor who has not signed in', () => {
  let e: E2E;
  /** PATCH /api/me calls the browser made (a visitor's care mode must not try to save it there). */
  const mePatches: string[] = [];

  beforeAll(async () => {
    e = await startE2E();
    e.page.on('request', (r) => {
      if (r.method() === 'PATCH' && new URL(r.url()).pathname === '/api/me') mePatches.push(r.url());
    });
    await signOut(e.page);
  });

  afterAll(async () => {
    await e?.close();
  });

  it('shows the visitor view on the 我的 tab, with no redirect to login', async () => {
    const page = e.page;
    await openMineTab(page);
    const mine = page.locator('.gh-mine--visitor');
    await mine.waitFor();
    // Still here a moment later: nothing sends the visitor on.
    await page.waitForTimeout(1500);
    expect(new URL(page.url()).pathname).toBe('/pages/mine/index');
    await expect(page.locator('.gh-mine__name').textContent()).resolves.toBe('您还没有登录');
    await expect(page.getByRole('button', { name: '登录 / 注册' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.gh-mine__join').textContent()).resolves.toContain('扫描单位工会的入会二维码');
    for (const row of ['.gh-mine__care', '.gh-mine__contact', '.gh-mine__privacy', '.gh-mine__terms']) {
      await expect(page.locator(row).isVisible(), row).resolves.toBe(true);
    }
    // What needs an account is not offered: no sign-out, no account deletion, no member card.
    for (const absent of ['.gh-logout', '.gh-mine__delete', '.gh-mine__card', '.gh-mine__vouchers']) {
      await expect(page.locator(absent).count(), absent).resolves.toBe(0);
    }
    await expectAccessible(page);
    await e.shot('e2e-visitor-mine');
  });

  it('switches 关怀模式 without an account, keeps it on this device, and turns it off again', async () => {
    const page = e.page;
    const care = page.getByRole('switch', { name: '关怀模式' });
    await expect(care.getAttribute('aria-checked')).resolves.toBe('false');
    await care.click();
    await page.locator('.gh-page.gh-mine--visitor.care-mode').waitFor();
    await expect(care.getAttribute('aria-checked')).resolves.toBe('true');
    expect(mePatches).toEqual([]);
    await expectAccessible(page);
    await e.shot('e2e-visitor-mine-care');

    // Kept on the device: a fresh load of the app and another page show it too.
    await page.goto('/pages/home/index');
    await settle(page);
    await page.locator('.gh-page.gh-home.care-mode').waitFor();
    await openMineTab(page);
    await page.locator('.gh-page.gh-mine--visitor.care-mode').waitFor();

    await page.getByRole('switch', { name: '关怀模式' }).click();
    await page.locator('.gh-page.gh-mine--visitor:not(.care-mode)').waitFor();
    await expect(page.getByRole('switch', { name: '关怀模式' }).getAttribute('aria-checked')).resolves.toBe('false');
    expect(mePatches).toEqual([]);
  });

  it('opens 隐私政策, 用户协议 and 联系工会 signed out, each with a way back to 我的', async () => {
    const page = e.page;
    for (const [row, url, text] of [
      ['.gh-mine__privacy', /\/pages\/legal\/privacy\/index/, '隐私政策'],
      ['.gh-mine__terms', /\/pages\/legal\/terms\/index/, '用户协议'],
      ['.gh-mine__contact', /\/pages\/account\/contact\/index/, '您还没有登录'],
    ] as const) {
      await page.locator(row).click();
      await page.waitForURL(url);
      await settle(page);
      await expect(page.locator('.gh-page').last().textContent()).resolves.toContain(text);
      expect(page.url()).not.toMatch(/\/pages\/login\//);
      if (row === '.gh-mine__contact') {
        await expectAccessible(page);
        await e.shot('e2e-visitor-contact');
      }
      await page.goBack();
      await page.waitForURL(/\/pages\/mine\/index/);
      await settle(page);
      await page.locator('.gh-mine--visitor').waitFor();
    }
  });

  it('goes to login from 登录 / 注册, back to 我的 when declining, and to 我的 signed in after signing in', async () => {
    const page = e.page;
    await page.locator('.gh-mine__login').click();
    await page.waitForURL(/\/pages\/login\/index\?redirect=/);
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('redirect=/pages/mine/index');

    // 暂不登录，先看看: back to 我的, not to 首页.
    await page.locator('.gh-login__browse').click();
    await page.waitForURL(/\/pages\/mine\/index/);
    await settle(page);
    await page.locator('.gh-mine--visitor').waitFor();

    await page.locator('.gh-mine__login').click();
    await page.waitForURL(/\/pages\/login\/index\?redirect=/);
    await settle(page);
    const sent = () => e.app.sms.sent.filter((s) => s.phone === MEMBER_PHONE);
    await acceptAgreement(page);
    await page.locator('.gh-login__phone input').fill(MEMBER_PHONE);
    await page.locator('.gh-login__send').click();
    await expect.poll(() => sent().length).toBe(1);
    await page.locator('.gh-login__code input').fill(sent()[0]!.code);
    await page.locator('.gh-login__submit').click();
    await page.waitForURL(/\/pages\/mine\/index/);
    await settle(page);
    await page.locator('.gh-logout').waitFor();
    await expect(page.locator('.gh-mine--visitor').count()).resolves.toBe(0);
    await expect(page.locator('.gh-mine__roles').textContent()).resolves.toContain('工会会员');
  });
});
