/*
 * The client shell in a real browser: demo login, the member's home, 关怀模式 on 我的, sign-out;
 * and a union staff member reaching the member list. Real server, fresh database, H5 build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { startE2E, type E2E, acceptAgreement } from './harness';

const MEMBER_PHONE = '13800000001';

/** Taro animates page changes: give it a moment after each navigation. */
const settle = (page: Page) => page.waitForTimeout(1000);

/** The session token the client persisted (zustand persist over Taro storage → localStorage). */
async function storedToken(page: Page): Promise<string | null> {
  const raw = await page.evaluate(() => localStorage.getItem('gonghui-app'));
  if (!raw) return null;
  let value: unknown = JSON.parse(raw);
  // Taro's H5 storage wraps values as { data }.
  if (value && typeof value === 'object' && 'data' in value) value = (value as { data: unknown }).data;
  if (typeof value === 'string') value = JSON.parse(value);
  return (value as { state?: { token?: string | null } })?.state?.token ?? null;
}

const fontSizePx = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

async function demoLogin(page: Page, label: string) {
  await page.goto('/pages/login/index');
  await settle(page);
  await acceptAgreement(page);
  await page.locator('.gh-login__demo-button', { hasText: label }).click();
  await page.waitForURL(/\/pages\/home\/index/);
  await settle(page);
}

describe('client shell', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
  });

  afterAll(async () => {
    await e?.close();
  });

  it('lets a signed-out visitor stay on 首页, and its 登录 opens the login page with the demo accounts', async () => {
    await e.page.goto('/');
    await e.page.locator('.gh-home--visitor .gh-home__signin-button').click();
    await e.page.waitForURL(/\/pages\/login\/index/);
    await settle(e.page);
    await expect(e.page.locator('.gh-login__demo-button', { hasText: '会员 张*' }).isVisible()).resolves.toBe(true);
    await e.shot('e2e-shell-login');
  });

  it('shows the member card with the union name in Chinese after demo login', async () => {
    const token = await e.app.login(MEMBER_PHONE);
    const me = (await e.app.call(api.me, { token })).body;
    const unionName: string = me.member!.unionName;
    expect(unionName).toMatch(/[\u4e00-\u9fa5]+工会$/);

    await demoLogin(e.page, '会员 张*');
    await expect(e.page.locator('.gh-member-card__union').textContent()).resolves.toBe(unionName);
    await expect(e.page.locator('.gh-member-card__name').textContent()).resolves.toBe(me.member!.nameMasked);
    await expect(e.page.locator('.gh-benefit-day__time').isVisible()).resolves.toBe(true);
    await e.shot('e2e-shell-home');
  });

  it('turns on care mode on 我的: body text grows to at least 18px and the server remembers it', async () => {
    await e.page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await e.page.waitForURL(/\/pages\/mine\/index/);
    await settle(e.page);
    const before = await fontSizePx(e.page, '.gh-setting__title');
    expect(before).toBeLessThan(18);

    await e.page.locator('.gh-mine__care').click();
    await e.page.locator('.gh-page.gh-mine.care-mode').waitFor();
    const after = await fontSizePx(e.page, '.gh-setting__title');
    expect(after).toBeGreaterThanOrEqual(18);
    expect(after).toBeGreaterThan(before);
    await e.shot('e2e-shell-mine-care');

    const token = await storedToken(e.page);
    expect(token).toBeTruthy();
    await expect.poll(async () => (await e.app.call(api.me, { token: token! })).body.user.careMode).toBe(true);
  });

  it('signs out back to the login page and forgets the session', async () => {
    await e.page.locator('.gh-logout').click();
    await e.page.waitForURL(/\/pages\/login\/index/);
    await settle(e.page);
    await expect(e.page.locator('.gh-login__demo-button').first().isVisible()).resolves.toBe(true);
    expect(await storedToken(e.page)).toBeNull();
  });

  it('lets district staff open the union tree and a member list', async () => {
    await demoLogin(e.page, '吴兴区总工会工作人员');
    await e.page.locator('.gh-go-union').click();
    await e.page.waitForURL(/\/pages\/union\/tree\/index/);
    await settle(e.page);
    const rows = e.page.locator('.gh-union-row');
    expect(await rows.count()).toBeGreaterThan(1);
    await expect(rows.first().textContent()).resolves.toContain('吴兴区总工会');

    await e.page.locator('.gh-union-row.gh-union-row--grassroots').first().click();
    await e.page.waitForURL(/\/pages\/union\/members\/index/);
    await settle(e.page);
    await e.page.locator('.gh-mrow:not(.gh-mrow--head)').first().waitFor();
    // Sensitive fields arrive masked.
    await expect(e.page.locator('.gh-mrow__id').first().textContent()).resolves.toMatch(/\*{4,}/);
    await e.shot('e2e-shell-members');
  });
});
