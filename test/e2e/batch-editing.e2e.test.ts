/*
 * Union staff editing 工惠券 batches in a real browser on the Benefit Day: an admin creates a
 * batch with a live preview, saves the draft and publishes it, then raises its stock (value and
 * schedule stay read-only); an operator prepares drafts but sees no 发布, and reads who publishes.
 * Normal and care mode, axe-core on the operator's pages.
 * Real server with a fixed clock, fresh database with demo data, H5 build, headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { makeBatch, publishedBatch } from '@gonghui/server/testing/factories';
import { expectAccessible } from './axe';
import { addStaff, demoSignIn, launchBrowser, setCareMode, settle, smsSignIn, startE2E, type Browser, type E2E } from './harness';

const MEMBER_PHONE = '13800000001';
const CITY_STAFF_PHONE = '13900000001';
/** An operator (经办人) of the city federation: prepares drafts, may not publish or change a published batch. */
const CITY_OPERATOR_PHONE = '13900000091';
/** 2026-12-20 10:00 in Shanghai: the December Benefit Day opens. */
const BENEFIT_DAY_OPENING = '2026-12-20T02:00:00Z';
const APPLIANCE = '家电以旧换新';

describe('staff editing 工惠券 batches', () => {
  let e: E2E;
  /** The city federation's admin, at a desktop browser. */
  let desk: Browser;

  beforeAll(async () => {
    e = await startE2E();
    e.app.clock.set(BENEFIT_DAY_OPENING);
    // The demo seed has a December appliance batch open now; if it is missing, publish one as city staff.
    const open = (await e.app.call(api.listOpenBatches, { token: await e.app.login(MEMBER_PHONE) })).body.data;
    if (!open.some((b) => b.title.includes(APPLIANCE) && b.claimState === 'claimable')) await publishedBatch(e.app, await e.app.login(CITY_STAFF_PHONE), { stockTotal: 500 });
    desk = await launchBrowser(e.app.baseUrl, { width: 1280, height: 900 });
    await demoSignIn(desk.page, '市总工会工作人员');
  });

  afterAll(async () => {
    await desk?.close();
    await e?.close();
  });

  it('lets staff create a batch with a live preview, save it as a draft and publish it', async () => {
    const page = desk.page;
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
    const page = desk.page;
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
    const adminPage = desk.page;
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
});
