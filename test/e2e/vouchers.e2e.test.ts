/*
 * 工惠券 in a real browser on the Benefit Day: a member claims a voucher and shows its code,
 * a shop assistant (in a second browser, its own storage) redeems it, the member sees it used,
 * the voucher tab in care mode, union staff watching the live figures on a desktop browser, last
 * month's expired voucher, and a cashier stacking a member's second voucher. Staff editing and
 * publishing batches: batch-editing.e2e.test.ts.
 * Real server with a fixed clock, fresh database with demo data, H5 build, headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { claim, codeFor, publishedBatch } from '@gonghui/server/testing/factories';
import { expectAccessible } from './axe';
import { acceptAgreement, demoSignIn, fontSizePx, heightPx, launchBrowser, settle, startE2E, type Browser, type E2E } from './harness';

const MEMBER_PHONE = '13800000001';
const OTHER_MEMBER_PHONE = '13800000002';
const CITY_STAFF_PHONE = '13900000001';
/** 2026-12-20 10:00 in Shanghai: the December Benefit Day opens. */
const BENEFIT_DAY_OPENING = '2026-12-20T02:00:00Z';
const APPLIANCE = '家电以旧换新';

describe('工惠券 on the Benefit Day', () => {
  let e: E2E;
  let shop: Browser;
  let perMemberLimit = 1;
  let shortCode = '';

  beforeAll(async () => {
    e = await startE2E();
    e.app.clock.set(BENEFIT_DAY_OPENING);
    // The demo seed has a December appliance batch; if it is missing, publish one as city staff.
    const member = await e.app.login(MEMBER_PHONE);
    const open = (await e.app.call(api.listOpenBatches, { token: member })).body.data;
    let batch: { perMemberLimit: number } | undefined = open.find((b) => b.title.includes(APPLIANCE) && b.claimState === 'claimable');
    if (!batch) batch = await publishedBatch(e.app, await e.app.login(CITY_STAFF_PHONE), { stockTotal: 500 });
    perMemberLimit = batch!.perMemberLimit;
    shop = await launchBrowser(e.app.baseUrl);
  });

  afterAll(async () => {
    await shop?.close();
    await e?.close();
  });

  it('lets a member claim 家电以旧换新 with one tap', async () => {
    const page = e.page;
    await demoSignIn(page, '会员 张*');
    await page.locator('.weui-tabbar__item', { hasText: '工惠券' }).click();
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);

    const ticket = page.locator('.gh-vouchers__group--open .gh-batch', { hasText: APPLIANCE });
    await ticket.waitFor();
    // The banner follows the server's clock (10:00 on the 20th), not this machine's.
    await expect.poll(() => page.locator('.gh-vouchers .gh-benefit-day__badge').textContent()).toBe('进行中');
    await expect(ticket.locator('.gh-ticket__amount').textContent()).resolves.toBe('¥100');
    await expect(ticket.locator('.gh-ticket__cond').textContent()).resolves.toBe('满1000可用');

    await ticket.locator('.gh-claim--claimable').click();
    await page.getByText('领取成功').first().waitFor();
    await ticket.locator('.gh-batch__mine').waitFor();
    await expect(ticket.locator('.gh-batch__mine').textContent()).resolves.toContain('已领 1 张');
    if (perMemberLimit === 1) await expect(ticket.locator('.gh-claim--claimed').textContent()).resolves.toBe('已领取');
    else await expect(ticket.locator('.gh-claim--claimable').textContent()).resolves.toBe('再领一张');
    await e.shot('e2e-vouchers-tab');

    const mine = (await e.app.call(api.myVouchers, { query: { status: 'unused' }, token: await e.app.login(MEMBER_PHONE) })).body.data;
    expect(mine.filter((v) => v.title.includes(APPLIANCE))).toHaveLength(1);
  });

  it('shows the voucher as a QR code and a 10-digit code that refreshes', async () => {
    const page = e.page;
    await page.locator('.gh-vouchers__mine').click();
    await page.waitForURL(/\/pages\/vouchers\/mine\/index/);
    await settle(page);
    await page.locator('.gh-voucher--unused', { hasText: APPLIANCE }).click();
    await page.waitForURL(/\/pages\/vouchers\/detail\/index\?id=/);
    await settle(page);

    const digits = page.locator('.gh-code__digits');
    await digits.waitFor();
    const text = (await digits.textContent()) ?? '';
    expect(text).toMatch(/^\d{5} \d{5}$/);
    shortCode = text;
    await expect
      .poll(() => page.locator('.gh-code__qr img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(100);
    await expect(page.locator('.gh-code__left').textContent()).resolves.toMatch(/\d+ 秒后自动刷新/);
    await expect(page.locator('.gh-merchants__row', { hasText: '湖州苏宁易购吴兴店' }).count()).resolves.toBe(1);
    await e.shot('e2e-vouchers-code');
  });

  it('lets the shop assistant redeem it for a ¥2000 order: ¥100 off', async () => {
    const page = shop.page;
    // A merchant-only account lands on its own home, without the member tab bar.
    await demoSignIn(page, '商户店员', /\/pages\/merchant\/index/);
    await expect(page.locator('.weui-tabbar__item', { hasText: '工惠券' }).isVisible()).resolves.toBe(false);
    await expect(page.locator('.gh-band__title').textContent()).resolves.toBe('湖州苏宁易购吴兴店');

    await page.locator('.gh-redeem__code input').fill(shortCode); // typed with the space, as read out
    await page.locator('.gh-redeem__amount input').fill('2000');
    await page.locator('.gh-redeem__preview').click();
    await page.locator('.gh-redeem__result').waitFor();
    await expect(page.locator('.gh-redeem__discount').textContent()).resolves.toBe('¥100');
    await expect(page.locator('.gh-redeem__payable').textContent()).resolves.toBe('¥1900');
    await e.shot('e2e-vouchers-merchant-preview', page);

    await page.locator('.gh-redeem__confirm').click();
    await page.locator('.gh-redeem__done').waitFor();
    await page.locator('.gh-today__row:not(.gh-today__row--head)').first().waitFor();
    await expect(page.locator('.gh-today__row:not(.gh-today__row--head)').count()).resolves.toBe(1);
    await expect(page.locator('.gh-today__total').textContent()).resolves.toContain('¥100');
    await e.shot('e2e-vouchers-merchant-done', page);
  });

  it('shows the member the voucher as used, and lists it under 已使用', async () => {
    const page = e.page;
    // The voucher page notices the redemption by itself (it looks every few seconds).
    await page.locator('.gh-done--used').waitFor({ timeout: 15_000 });
    await expect(page.locator('.gh-code__digits').count()).resolves.toBe(0);
    await expect(page.locator('.gh-done--used').textContent()).resolves.toContain('湖州苏宁易购吴兴店');
    await e.shot('e2e-vouchers-used');

    await page.goto('/pages/vouchers/mine/index');
    await settle(page);
    await page.locator('.gh-tabs__item--used').click();
    const used = page.locator('.gh-voucher--used', { hasText: APPLIANCE }).filter({ hasText: '12月20日' }).first();
    await used.waitFor();
    await expect(used.textContent()).resolves.toContain('优惠¥100');
    await e.shot('e2e-vouchers-mine-used');
  });

  it('reads well in care mode: larger text and tap targets on the voucher tab', async () => {
    const page = e.page;
    await page.goto('/pages/mine/index');
    await settle(page);
    await page.locator('.gh-mine__care').click();
    await page.locator('.gh-page.gh-mine.care-mode').waitFor();
    await page.locator('.weui-tabbar__item', { hasText: '工惠券' }).click();
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    await page.locator('.gh-page.gh-vouchers.care-mode').waitFor();
    // Polled: the page may still be taking its care-mode styles (a transition) when it first shows.
    await expect.poll(() => fontSizePx(page.locator('.gh-vouchers .gh-ticket__title').first())).toBeGreaterThanOrEqual(18);
    await expect.poll(() => fontSizePx(page.locator('.gh-vouchers .gh-ticket__meta').first())).toBeGreaterThanOrEqual(18);
    // a button, not a status label (已领取 / 已抢完 are read, never tapped), whichever batch comes first
    await expect.poll(() => heightPx(page.locator('.gh-vouchers .gh-claim:not(.gh-claim--status)').first())).toBeGreaterThanOrEqual(48);
    await e.shot('e2e-vouchers-tab-care');
  });

  it('shows union staff the live figures on a desktop browser', async () => {
    const page = shop.page;
    await page.locator('.gh-logout').click();
    await page.waitForURL(/\/pages\/login\/index/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await demoSignIn(page, '市总工会工作人员');
    await page.locator('.gh-go-batches').click();
    await page.waitForURL(/\/pages\/union\/vouchers\/index/);
    await settle(page);
    await page.locator('.gh-table__row--link', { hasText: APPLIANCE }).filter({ hasText: '发放中' }).first().click();
    await page.waitForURL(/\/pages\/union\/vouchers\/stats\/index\?id=/);
    await settle(page);

    const claimed = page.locator('.gh-figure--claimed .gh-figure__num');
    await claimed.waitFor();
    const before = Number(await claimed.textContent());
    expect(before).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('.gh-figure--redeemed .gh-figure__num').textContent())).toBeGreaterThanOrEqual(1);
    await expect(page.locator('.gh-figure--discount .gh-figure__num').textContent()).resolves.toMatch(/^¥\d+/);
    await expect(page.locator('.gh-batch-stats__unions').textContent()).resolves.toContain('湖州吴兴智能装备有限公司工会');
    expect(await page.locator('.gh-hours__row').count()).toBeGreaterThanOrEqual(1);
    // Desktop: a real table with a header row.
    await expect(page.locator('.gh-batch-stats__unions .gh-table__row--head').isVisible()).resolves.toBe(true);

    // Another member claims meanwhile: the page shows it on its next refresh (about every 10 s).
    const id = new URL(page.url()).searchParams.get('id')!;
    const other = await e.app.login(OTHER_MEMBER_PHONE);
    const r = await e.app.call(api.claim, { params: { id }, token: other, idempotencyKey: `e2e-${Date.now()}` });
    expect(r.status).toBe(201);
    await expect.poll(async () => Number(await claimed.textContent()), { timeout: 20_000, interval: 1000 }).toBe(before + 1);
    await e.shot('e2e-vouchers-stats-1280', page);
  });

  it('shows a member last month\'s expired voucher under 已过期 and on its own page', async () => {
    // Members 13800000014… let last month's appliance voucher expire (13800000002… used theirs).
    let phone = '';
    for (let i = 2; i <= 30 && !phone; i++) {
      const candidate = `138${String(i).padStart(8, '0')}`;
      const r = await e.app.call(api.myVouchers, { query: { status: 'expired' }, token: await e.app.login(candidate) });
      if (r.body.data.length > 0) phone = candidate;
    }
    expect(phone).not.toBe('');

    const page = e.page;
    await page.goto('/pages/mine/index');
    await settle(page);
    await page.locator('.gh-logout').click();
    await page.waitForURL(/\/pages\/login\/index/);
    await settle(page);
    await acceptAgreement(page);
    await page.locator('.gh-login__phone input').fill(phone);
    await page.locator('.gh-login__send').click();
    await expect.poll(() => e.app.sms.lastCodeFor(phone)).toBeTruthy();
    await page.locator('.gh-login__code input').fill(e.app.sms.lastCodeFor(phone)!);
    await page.locator('.gh-login__submit').click();
    await page.waitForURL(/\/pages\/home\/index/);
    await settle(page);

    await page.goto('/pages/vouchers/mine/index?status=expired');
    await settle(page);
    const expired = page.locator('.gh-voucher--expired', { hasText: APPLIANCE }).first();
    await expired.waitFor();
    await expect(expired.locator('.gh-ticket__stamp').textContent()).resolves.toBe('已过期');
    await expect(expired.locator('.gh-ticket__meta').textContent()).resolves.toMatch(/11月\d+日 23:59 已过期/);
    await e.shot('e2e-vouchers-mine-expired');

    await expired.click();
    await page.waitForURL(/\/pages\/vouchers\/detail\/index\?id=/);
    await settle(page);
    await page.locator('.gh-done--expired').waitFor();
    await expect(page.locator('.gh-code__digits').count()).resolves.toBe(0);
    await expect(page.locator('.gh-return').count()).resolves.toBe(0);
    await e.shot('e2e-vouchers-expired');
  });

  it('lets the cashier tick a second stackable voucher of the member: the discount doubles', async () => {
    const admin = await e.app.login(CITY_STAFF_PHONE);
    const batch = await publishedBatch(e.app, admin, { title: '年货家电 满1000减100', stackable: true, perMemberLimit: 3, stockTotal: 50 });
    /** A member claims `n` vouchers of the batch; returns the code of the first and all their ids. */
    const claimSome = async (phone: string, n: number) => {
      const token = await e.app.login(phone);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = await claim(e.app, token, batch.id, `e2e-stack-${phone}-${i}`);
        expect(r.status).toBe(201);
        ids.push(r.body.voucher.id);
      }
      const code = await codeFor(e.app, token, ids[0]!);
      return { token, ids, code };
    };
    const first = await claimSome('13800000003', 2);

    const page = shop.page;
    await page.setViewportSize({ width: 375, height: 812 });
    await demoSignIn(page, '商户店员', /\/pages\/merchant\/index/);
    await page.locator('.gh-redeem__code input').fill(first.code);
    await page.locator('.gh-redeem__amount input').fill('2000');
    await page.locator('.gh-redeem__preview').click();
    await page.locator('.gh-redeem__result').waitFor();
    // Only the presented voucher unless the cashier picks more.
    await expect(page.locator('.gh-redeem__discount').textContent()).resolves.toBe('¥100');
    const extra = page.locator('.gh-stack__row');
    await expect(extra.count()).resolves.toBe(1);
    await expect(extra.first().textContent()).resolves.toMatch(/^叠加使用 ¥100 券，有效期至\d+月\d+日 \d\d:\d\d$/);
    await e.shot('e2e-vouchers-merchant-stack', page);
    await expectAccessible(page);

    await extra.first().click();
    await expect.poll(() => page.locator('.gh-redeem__discount').textContent()).toBe('¥200');
    await expect(page.locator('.gh-redeem__payable').textContent()).resolves.toBe('¥1800');
    await expect(page.locator('.gh-stack__row.gh-check--on').count()).resolves.toBe(1);
    await e.shot('e2e-vouchers-merchant-stack-picked', page);

    await page.locator('.gh-redeem__confirm').click();
    await page.locator('.gh-redeem__done').waitFor();
    await expect(page.locator('.gh-redeem__done .gh-redeem__discount').textContent()).resolves.toBe('¥200');
    const used = (await e.app.call(api.myVouchers, { query: { status: 'used' }, token: first.token })).body.data;
    expect(first.ids.every((id) => used.some((v) => v.id === id))).toBe(true);

    // In care mode, with another member's pair.
    const second = await claimSome('13800000004', 2);
    await page.locator('.gh-merchant__care').click();
    await page.locator('.gh-page.gh-merchant.care-mode').waitFor();
    await page.locator('.gh-redeem__next').click();
    await page.locator('.gh-redeem__code input').fill(second.code);
    await page.locator('.gh-redeem__amount input').fill('2500');
    await page.locator('.gh-redeem__preview').click();
    await page.locator('.gh-stack__row').first().click();
    await expect.poll(() => page.locator('.gh-redeem__discount').textContent()).toBe('¥200');
    expect(await heightPx(page.locator('.gh-stack__row'))).toBeGreaterThanOrEqual(52);
    expect(await fontSizePx(page.locator('.gh-stack__label'))).toBeGreaterThanOrEqual(18);
    await e.shot('e2e-vouchers-merchant-stack-care', page);
    await expectAccessible(page);
    await page.locator('.gh-merchant__care').click();
    await page.locator('.gh-page.gh-merchant:not(.care-mode)').waitFor();
  });
});
