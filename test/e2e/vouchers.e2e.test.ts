/*
 * 工惠券 in a real browser on the Benefit Day: a member claims a voucher and shows its code,
 * a shop assistant (in a second browser, its own storage) redeems it, the member sees it used,
 * the voucher tab in care mode, and union staff watching the live figures on a desktop browser.
 * Real server with a fixed clock, fresh database with demo data, H5 build, headless Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { claim, codeFor, makeBatch, publishedBatch } from '@gonghui/server/testing/factories';
import { expectAccessible } from './axe';
import { addStaff, CHROMIUM, demoSignIn, setCareMode, smsSignIn, startE2E, type E2E, acceptAgreement } from './harness';

const MEMBER_PHONE = '13800000001';
const OTHER_MEMBER_PHONE = '13800000002';
const CITY_STAFF_PHONE = '13900000001';
/** An operator (经办人) of the city federation: prepares drafts, may not publish or change a published batch. */
const CITY_OPERATOR_PHONE = '13900000091';
/** 2026-12-20 10:00 in Shanghai: the December Benefit Day opens. */
const BENEFIT_DAY_OPENING = '2026-12-20T02:00:00Z';
const APPLIANCE = '家电以旧换新';

/** Taro animates page changes: give it a moment after each navigation. */
const settle = (page: Page) => page.waitForTimeout(1000);

const fontSizePx = (l: Locator) => l.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
const heightPx = (l: Locator) => l.first().evaluate((el) => el.getBoundingClientRect().height);


async function demoLogin(page: Page, label: string, lands: RegExp = /\/pages\/home\/index/) {
  await page.goto('/pages/login/index');
  await settle(page);
  await acceptAgreement(page);
  await page.locator('.gh-login__demo-button', { hasText: label }).click();
  await page.waitForURL(lands);
  await settle(page);
}

/** A second browser with its own storage (a persistent context's pages share one session). */
async function secondBrowser(baseURL: string): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-chromium-2-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 375, height: 812 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('工惠券 on the Benefit Day', () => {
  let e: E2E;
  let shop: Awaited<ReturnType<typeof secondBrowser>>;
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
    shop = await secondBrowser(e.app.baseUrl);
  });

  afterAll(async () => {
    await shop?.close();
    await e?.close();
  });

  it('lets a member claim 家电以旧换新 with one tap', async () => {
    const page = e.page;
    await demoLogin(page, '会员 张*');
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
    await demoLogin(page, '商户店员', /\/pages\/merchant\/index/);
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
    expect(await fontSizePx(page.locator('.gh-vouchers .gh-ticket__title'))).toBeGreaterThanOrEqual(18);
    expect(await fontSizePx(page.locator('.gh-vouchers .gh-ticket__meta'))).toBeGreaterThanOrEqual(18);
    expect(await heightPx(page.locator('.gh-vouchers .gh-claim'))).toBeGreaterThanOrEqual(48);
    await e.shot('e2e-vouchers-tab-care');
  });

  it('shows union staff the live figures on a desktop browser', async () => {
    const page = shop.page;
    await page.locator('.gh-logout').click();
    await page.waitForURL(/\/pages\/login\/index/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await demoLogin(page, '市总工会工作人员');
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

  it('lets staff create a batch with a live preview, save it as a draft and publish it', async () => {
    const page = shop.page;
    await page.goto('/pages/union/vouchers/index');
    await settle(page);
    await page.locator('.gh-batches__new').click();
    await page.waitForURL(/\/pages\/union\/vouchers\/edit\/index/);
    await settle(page);

    // Sent with nothing filled in: the contract schema's Chinese messages under their fields.
    await page.locator('.gh-batch-edit__face input').fill('0');
    await page.locator('.gh-batch-edit__save').click();
    await expect
      .poll(() => page.locator('.gh-form__row--error .gh-form__error').allTextContents())
      .toEqual(expect.arrayContaining(['请填写券名称', '面额须为正数']));

    const title = '年货节 满200减30';
    await page.locator('.gh-batch-edit__title input').fill(title);
    await page.locator('.gh-batch-edit__face input').fill('30');
    await page.locator('.gh-batch-edit__threshold input').fill('200');
    await page.locator('.gh-batch-edit__stock input').fill('100');
    const preview = page.locator('.gh-batch-edit__ticket');
    await expect.poll(() => preview.locator('.gh-ticket__amount').textContent()).toBe('¥30');
    await expect(preview.locator('.gh-ticket__cond').textContent()).resolves.toBe('满200可用');
    await expect(preview.locator('.gh-ticket__title').textContent()).resolves.toBe(title);
    await e.shot('e2e-vouchers-new-1280', page);
    // On a phone the preview sits above the form: no wording says it is on the right.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(page.locator('.gh-batch-edit').textContent()).resolves.not.toContain('右侧');
    await e.shot('e2e-vouchers-new-375', page);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.locator('.gh-batch-edit__save').click();
    await page.getByText('草稿已保存').first().waitFor();
    const staff = await e.app.login(CITY_STAFF_PHONE);
    const drafts = (await e.app.call(api.listBatches, { token: staff })).body.data;
    expect(drafts.filter((b) => b.title === title)).toEqual([expect.objectContaining({ status: 'draft', thresholdFen: 20_000, faceValueFen: 3_000 })]);

    await page.locator('.gh-batch-edit__publish').click();
    await page.getByText('确认发布', { exact: true }).click();
    await page.waitForURL(/\/pages\/union\/vouchers\/stats\/index\?id=/);
    await settle(page);
    await expect(page.locator('.gh-batch-stats__head .gh-badge').textContent()).resolves.toBe('发放中');
    const after = (await e.app.call(api.listBatches, { token: staff })).body.data;
    expect(after.filter((b) => b.title === title).map((b) => b.status)).toEqual(['open']);
  });

  it('lets staff raise the stock of a published batch; its value and schedule stay read-only', async () => {
    const page = shop.page;
    // On the stats page of the batch just published.
    const total = page.locator('.gh-progress__text');
    await expect(total.textContent()).resolves.toContain('共 100 张');
    await page.locator('.gh-batch-stats__modify').click();
    await page.waitForURL(/\/pages\/union\/vouchers\/edit\/index\?id=/);
    await settle(page);

    await expect(page.locator('.gh-batch-edit__notice').textContent()).resolves.toContain('已发布的工惠券不能修改面额、类型和领取时间');
    await expect(page.locator('.gh-batch-edit__face').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-edit__face-fixed').textContent()).resolves.toBe('30 元');
    await expect(page.locator('.gh-batch-edit__publish').count()).resolves.toBe(0);
    await page.locator('.gh-batch-edit__stock input').fill('150');
    await expect.poll(() => page.locator('.gh-batch-edit__ticket .gh-ticket__aside').textContent()).toContain('剩余 150 张');
    await e.shot('e2e-vouchers-edit-published-1280', page);

    await page.locator('.gh-batch-edit__save-changes').click();
    await page.waitForURL(/\/pages\/union\/vouchers\/stats\/index\?id=/);
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toContain('共 150 张');
    await expect(page.locator('.gh-figure--remaining .gh-figure__num').textContent()).resolves.toBe('150');
    await e.shot('e2e-vouchers-stats-after-edit-1280', page);
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

  it('shows 发布 on a draft to an admin only; an operator prepares it and sees who publishes', async () => {
    await addStaff(e.app, CITY_OPERATOR_PHONE, '湖州市总工会', 'operator');
    const admin = await e.app.login(CITY_STAFF_PHONE);
    const draft = await makeBatch(e.app, admin, { title: '春节慰问 满300减50', thresholdFen: 30_000, faceValueFen: 5_000, stackable: false });
    const batches = (await e.app.call(api.listBatches, { token: admin })).body.data;
    const open = batches.find((b) => b.title.includes(APPLIANCE) && b.status === 'open')!;

    const page = e.page;
    await smsSignIn(e.app, page, CITY_OPERATOR_PHONE);
    const operatorView = (await e.app.call(api.getBatch, { params: { id: draft.id }, token: await e.app.login(CITY_OPERATOR_PHONE) })).body;
    expect(operatorView.abilities).toEqual({ update: true, publish: false, close: false });

    // The draft's page: 编辑 yes, 发布 no, and a word on who publishes.
    await page.goto(`/pages/union/vouchers/stats/index?id=${draft.id}`);
    await settle(page);
    await page.locator('.gh-batch-stats__edit').waitFor();
    await expect(page.locator('.gh-batch-stats__publish').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-stats__note').textContent()).resolves.toContain('发布需要湖州市总工会管理员');
    await e.shot('e2e-staff-operator-draft-stats');
    await expectAccessible(page);

    // From the list, the draft opens in the editor: 保存草稿 yes, 发布 no.
    await page.goto('/pages/union/vouchers/index');
    await settle(page);
    await page.locator('.gh-table__row--link', { hasText: '春节慰问' }).first().click();
    await page.waitForURL(/\/pages\/union\/vouchers\/edit\/index\?id=/);
    await settle(page);
    await page.locator('.gh-batch-edit__save').waitFor();
    await expect(page.locator('.gh-batch-edit__publish').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-edit__publish-note').textContent()).resolves.toContain('请联系管理员发布');
    await e.shot('e2e-staff-operator-draft-edit');
    await expectAccessible(page);

    // A published batch: no 修改 or 提前停发; its editor shows it read-only, with a way back.
    await page.goto(`/pages/union/vouchers/stats/index?id=${open.id}`);
    await settle(page);
    await page.locator('.gh-batch-stats__export').waitFor();
    await expect(page.locator('.gh-batch-stats__modify').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-stats__close').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-stats__note').textContent()).resolves.toContain('管理员');
    await page.goto(`/pages/union/vouchers/edit/index?id=${open.id}`);
    await settle(page);
    await page.locator('.gh-batch-edit__readonly').waitFor();
    await expect(page.locator('.gh-batch-edit__stock input').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-edit__title input').count()).resolves.toBe(0);
    await expect(page.locator('.gh-batch-edit__save-changes').count()).resolves.toBe(0);
    await e.shot('e2e-staff-operator-published-readonly');
    await expectAccessible(page);
    await page.locator('.gh-batch-edit__back').click();
    await page.waitForURL(/\/pages\/union\/vouchers\/stats\/index\?id=/);

    // The same pages in care mode.
    await setCareMode(page, true);
    for (const [name, url] of [
      ['e2e-staff-operator-draft-stats-care', `/pages/union/vouchers/stats/index?id=${draft.id}`],
      ['e2e-staff-operator-draft-edit-care', `/pages/union/vouchers/edit/index?id=${draft.id}`],
      ['e2e-staff-operator-published-readonly-care', `/pages/union/vouchers/edit/index?id=${open.id}`],
      ['e2e-staff-operator-batches-care', '/pages/union/vouchers/index'],
    ] as const) {
      await page.goto(url);
      await settle(page);
      await page.locator('.gh-page.care-mode .gh-card').first().waitFor();
      await page.waitForTimeout(500);
      await e.shot(name);
      await expectAccessible(page);
    }
    await setCareMode(page, false);

    // An admin of the union sees 发布 on the same draft.
    const adminPage = shop.page;
    await adminPage.setViewportSize({ width: 375, height: 812 });
    await demoSignIn(adminPage, '市总工会工作人员');
    await adminPage.goto(`/pages/union/vouchers/stats/index?id=${draft.id}`);
    await settle(adminPage);
    await adminPage.locator('.gh-batch-stats__publish').waitFor();
    await expect(adminPage.locator('.gh-batch-stats__note').count()).resolves.toBe(0);
    await e.shot('e2e-staff-admin-draft-stats', adminPage);
    await adminPage.goto(`/pages/union/vouchers/edit/index?id=${draft.id}`);
    await settle(adminPage);
    await adminPage.locator('.gh-batch-edit__publish').waitFor();
    await expect(adminPage.locator('.gh-batch-edit__publish-note').count()).resolves.toBe(0);
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
