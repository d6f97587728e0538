/*
 * A visitor before signing in, in a real browser: 首页 and 工惠券 show the city's open batch (no
 * forced login, which WeChat's review rejects), 立即领取 leads to the login page, declining goes back,
 * and after signing in the member lands on 工惠券 again with their own claim button.
 * Real server with the clock on a Benefit Day morning, fresh database with demo data, H5 build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { expectAccessible } from './axe';
import { acceptAgreement, settle, startE2E, type E2E } from './harness';

const MEMBER_PHONE = '13800000001';
/** 2026-12-20 10:30 in Shanghai: the December Benefit Day batches of 湖州市总工会 are open. */
const BENEFIT_DAY_MORNING = '2026-12-20T02:30:00Z';
const APPLIANCE = '家电以旧换新';

describe('a visitor before signing in', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
    e.app.clock.set(BENEFIT_DAY_MORNING);
    const visible = (await e.app.call(api.listVisitorBatches, {})).body.data;
    expect(visible.some((b) => b.title.includes(APPLIANCE) && b.claimState === 'sign_in_required')).toBe(true);
  });

  afterAll(async () => {
    await e?.close();
  });

  it('stays on 首页 and sees what the city offers, with a way to sign in', async () => {
    const page = e.page;
    await page.goto('/');
    await settle(page);
    await page.locator('.gh-home--visitor').waitFor();
    expect(page.url()).not.toMatch(/\/pages\/login\//);
    await expect(page.locator('.gh-home__signin-button').isVisible()).resolves.toBe(true);
    const offers = page.locator('.gh-home__open--visitor');
    await offers.waitFor();
    await expect(offers.textContent()).resolves.toContain(APPLIANCE);
    await expect(offers.textContent()).resolves.toContain('种工惠券正在发放');
    await expectAccessible(page);
    await e.shot('e2e-visitor-home');
  });

  it('sees the open batch on 工惠券 with 立即领取, and nothing of any member', async () => {
    const page = e.page;
    await page.locator('.weui-tabbar__item', { hasText: '工惠券' }).click();
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    expect(page.url()).not.toMatch(/\/pages\/login\//);
    await page.locator('.gh-vouchers__visitor').waitFor();
    const ticket = page.locator('.gh-vouchers__group--open .gh-batch--sign_in_required', { hasText: APPLIANCE });
    await ticket.waitFor();
    await expect(ticket.locator('.gh-claim--claimable').textContent()).resolves.toBe('立即领取');
    await expect(ticket.locator('.gh-batch__mine').count()).resolves.toBe(0);
    await expect(page.locator('.gh-vouchers__mine').count()).resolves.toBe(0);
    await expectAccessible(page);
    await e.shot('e2e-visitor-vouchers');
  });

  it('is asked to sign in by 立即领取, and may go back to browsing instead', async () => {
    const page = e.page;
    const ticket = page.locator('.gh-vouchers__group--open .gh-batch', { hasText: APPLIANCE });
    await ticket.locator('.gh-claim--claimable').click();
    await page.waitForURL(/\/pages\/login\/index\?redirect=/);
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('redirect=/pages/vouchers/index');
    await expectAccessible(page);
    await e.shot('e2e-visitor-login');

    await page.locator('.gh-login__browse').click();
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    await page.locator('.gh-vouchers__visitor').waitFor();
  });

  it('comes back to 工惠券 after signing in, where the member’s own claim button waits', async () => {
    const page = e.page;
    await page.locator('.gh-vouchers__group--open .gh-batch', { hasText: APPLIANCE }).locator('.gh-claim--claimable').click();
    await page.waitForURL(/\/pages\/login\/index\?redirect=/);
    await settle(page);

    const sentBefore = e.app.sms.sent.filter((s) => s.phone === MEMBER_PHONE).length;
    await acceptAgreement(page);
    await page.locator('.gh-login__phone input').fill(MEMBER_PHONE);
    await page.locator('.gh-login__send').click();
    await expect.poll(() => e.app.sms.sent.filter((s) => s.phone === MEMBER_PHONE).length).toBeGreaterThan(sentBefore);
    await page.locator('.gh-login__code input').fill(e.app.sms.lastCodeFor(MEMBER_PHONE));
    await page.locator('.gh-login__submit').click();

    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    await page.locator('.gh-vouchers__mine').waitFor();
    await expect(page.locator('.gh-vouchers__visitor').count()).resolves.toBe(0);
    const ticket = page.locator('.gh-vouchers__group--open .gh-batch--claimable', { hasText: APPLIANCE });
    await ticket.waitFor();
    await ticket.locator('.gh-claim--claimable').click();
    await page.getByText('领取成功').first().waitFor();
    await ticket.locator('.gh-batch__mine').waitFor();
    await expectAccessible(page);
    await e.shot('e2e-visitor-signed-in-vouchers');
  });

  it('is sent to login by a member tile on 首页, which remembers that page to come back to', async () => {
    const page = e.page;
    // Signed out again: 我的 → 退出登录 lands on the login page; 先看看 goes to 首页.
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.waitForURL(/\/pages\/mine\/index/);
    await settle(page);
    await page.locator('.gh-logout').click();
    await page.waitForURL(/\/pages\/login\/index/);
    await settle(page);
    await page.locator('.gh-login__browse').click();
    await page.waitForURL(/\/pages\/home\/index/);
    await settle(page);

    await page.locator('.gh-home--visitor .gh-entry--code').click();
    await page.waitForURL(/\/pages\/login\/index\?redirect=/);
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('redirect=/pages/member-card/index');
  });
});
