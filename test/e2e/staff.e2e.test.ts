/*
 * Union staff in a real browser, each seeing only what they may do (the server's abilities):
 * an operator (经办人) reviews applications (通过 / 驳回 with a reason), suspends and reinstates
 * members, is warned about an ID number another member holds, and finds no 新增合作商户 or
 * join-approval switch; an admin has both. Phone width, normal and care mode, axe-core checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { schema } from '@gonghui/server/db/index';
import { unionIdByName } from '@gonghui/server/testing/harness';
import { makeIdNumber } from '@gonghui/server/seed/names';
import { expectAccessible } from './axe';
import { addStaff, demoSignIn, setCareMode, settle, smsSignIn, startE2E, type E2E } from './harness';

const OPERATOR_PHONE = '13900000092';
const KIDS = '织里童装产业园联合工会';
const KIDS_JOIN_CODE = 'HZWXKIDS2';
const CONFLICT_WARNING = '该身份证号已被其他会员使用，请核实后再审核';
/** Two applications with one ID number: the second is flagged for staff to check. */
const FIRST = { phone: '13600000001', name: '周文静' };
const SECOND = { phone: '13600000002', name: '周文婧' };


/** Taro's H5 modal: press its confirm button. */
async function confirmModal(page: Page, text: string) {
  await page.getByText(text, { exact: true }).click();
}

describe('union staff see only what they may do', () => {
  let e: E2E;
  let kidsId = '';
  const row = (name: string) => e.page.locator('.gh-mrow', { hasText: name });

  beforeAll(async () => {
    e = await startE2E();
    await addStaff(e.app, OPERATOR_PHONE, '湖州市总工会', 'operator');
    kidsId = await unionIdByName(e.app, KIDS);
    const idNumber = makeIdNumber('330502', { y: 1985, m: 6, d: 15 }, 901);
    for (const person of [FIRST, SECOND]) {
      await e.app.deps.db.insert(schema.users).values({ phone: person.phone, displayName: person.name }).onConflictDoNothing();
      const token = await e.app.login(person.phone);
      const r = await e.app.post('/api/members/join', { joinCode: KIDS_JOIN_CODE, name: person.name, idNumber, employer: '湖州织里童装有限公司', idNumberConsent: true }, token);
      expect(r.status).toBe(201);
    }
  });

  afterAll(async () => {
    await e?.close();
  });

  it('shows the tree with each grassroots union’s join approval', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, OPERATOR_PHONE);
    // Home: how many applications wait in the unions this operator reviews, one tap from them.
    const waiting = page.locator('.gh-role-card__pending-n');
    await waiting.waitFor();
    expect(Number(await waiting.textContent())).toBeGreaterThanOrEqual(2);
    await e.shot('e2e-staff-home-pending');
    await expectAccessible(page);
    await page.locator('.gh-go-review').click();
    await page.waitForURL(/\/pages\/union\/members\/index\?.*status=pending/);
    await settle(page);
    await row(FIRST.name).waitFor();

    await page.goto('/pages/union/tree/index');
    await settle(page);
    const kids = page.locator('.gh-union-row', { hasText: KIDS });
    await kids.waitFor();
    await expect(kids.locator('.gh-union-row__approval').textContent()).resolves.toBe('入会需审核');
    await e.shot('e2e-staff-tree');
    await expectAccessible(page);
  });

  it('lets an operator review applications, warned about a shared ID number', async () => {
    const page = e.page;
    await page.locator('.gh-union-row', { hasText: KIDS }).click();
    await page.waitForURL(/\/pages\/union\/members\/index\?unionId=/);
    await settle(page);
    // An operator sees how the union admits workers, without the switch (admins only).
    await expect(page.locator('.gh-members__approval-text').textContent()).resolves.toContain('需工会审核');
    await expect(page.locator('.gh-members__approval-setting').count()).resolves.toBe(0);

    await page.locator('.gh-members__filter .gh-chip--pending').click();
    await row(SECOND.name).waitFor();
    await expect(row(SECOND.name).locator('.gh-status-text').textContent()).resolves.toBe('待审核');
    await expect(row(SECOND.name).locator('.gh-mrow__warn').textContent()).resolves.toBe(CONFLICT_WARNING);
    // both holders of the number are flagged, each names the other
    await expect(row(FIRST.name).locator('.gh-mrow__warn').textContent()).resolves.toBe(CONFLICT_WARNING);
    await expect(row(FIRST.name).locator('.gh-mrow__approve').isVisible()).resolves.toBe(true);
    await expect(row(FIRST.name).locator('.gh-mrow__reject-open').isVisible()).resolves.toBe(true);
    await e.shot('e2e-staff-members-pending');
    await expectAccessible(page);

    await row(FIRST.name).locator('.gh-mrow__approve').click();
    await confirmModal(page, '确认通过');
    await expect.poll(() => row(FIRST.name).locator('.gh-status-text').textContent()).toBe('正式会员');
    await expect(row(FIRST.name).locator('.gh-mrow__suspend').isVisible()).resolves.toBe(true);

    // 驳回 asks for the reason the applicant will read.
    await row(SECOND.name).locator('.gh-mrow__reject-open').click();
    await row(SECOND.name).locator('.gh-mrow__reject-confirm').click();
    await expect(row(SECOND.name).locator('.gh-form__error').textContent()).resolves.toContain('请填写驳回原因');
    await row(SECOND.name).locator('.gh-mrow__reason textarea').fill('身份证号与已有会员重复，请本人到工会核实');
    await e.shot('e2e-staff-members-reject');
    await row(SECOND.name).locator('.gh-mrow__reject-confirm').click();
    await expect.poll(() => row(SECOND.name).locator('.gh-status-text').textContent()).toBe('未通过');
    await expect(row(SECOND.name).locator('.nut-button').count()).resolves.toBe(0);
  });

  it('lets an operator suspend and reinstate an admitted member', async () => {
    const page = e.page;
    await row(FIRST.name).locator('.gh-mrow__suspend').click();
    await confirmModal(page, '确认暂停');
    await expect.poll(() => row(FIRST.name).locator('.gh-status-text').textContent()).toBe('已暂停');
    await expect(row(FIRST.name).locator('.gh-mrow__reinstate').isVisible()).resolves.toBe(true);
    await e.shot('e2e-staff-members-suspended');
    const operator = await e.app.login(OPERATOR_PHONE);
    const list = (await e.app.get(`/api/admin/members?unionId=${kidsId}&q=${encodeURIComponent(FIRST.name)}`, operator)).body.data as { status: string }[];
    expect(list.map((m) => m.status)).toEqual(['suspended']);

    await row(FIRST.name).locator('.gh-mrow__reinstate').click();
    await confirmModal(page, '确认恢复');
    await expect.poll(() => row(FIRST.name).locator('.gh-status-text').textContent()).toBe('正式会员');
  });

  it('shows an operator no 新增合作商户 (signing merchants needs an admin)', async () => {
    const page = e.page;
    await page.goto('/pages/union/merchants/index');
    await settle(page);
    await page.locator('.gh-merchants-table').waitFor();
    await expect(page.locator('.gh-merchants-admin__add').count()).resolves.toBe(0);
    await e.shot('e2e-staff-operator-merchants');
    await expectAccessible(page);
  });

  it('gives staff a side navigation on a desktop browser, and none on a phone', async () => {
    const page = e.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/pages/union/vouchers/index');
    await settle(page);
    const nav = page.getByRole('navigation', { name: '工作台导航' }).filter({ visible: true });
    await nav.waitFor();
    // The pages a city operator can use (no 入会二维码: that is a grassroots union's), this one marked.
    // 会员 carries the count of join applications waiting in the city (the demo's own in 织里童装).
    await expect(nav.getByRole('list').getByRole('link').allTextContents()).resolves.toEqual([
      '组织架构',
      expect.stringMatching(/^会员(\d+)（待审核入会申请 \1 份）$/),
      '工惠券批次',
      '商户',
      '微心愿审核',
      '工会活动',
      '聆听',
      '送温暖',
      '工作人员',
      '会员码查询',
    ]);
    await expect(nav.locator('[aria-current="page"]').textContent()).resolves.toBe('工惠券批次');
    await page.locator('.gh-batches__table').waitFor();
    await e.shot('e2e-staff-desktop-nav');
    await expectAccessible(page);

    // A real link, reached and followed from the keyboard.
    await nav.getByRole('link', { name: '商户', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pages\/union\/merchants\/index/);
    await settle(page);
    const here = page.getByRole('navigation', { name: '工作台导航' }).filter({ visible: true });
    await expect(here.locator('[aria-current="page"]').textContent()).resolves.toBe('商户');
    await page.locator('.gh-merchants-table').waitFor();
    await e.shot('e2e-staff-desktop-merchants');
    // A page opened from a section (a merchant's details) keeps that section marked.
    await page.locator('.gh-merchants-table__open').first().click();
    await page.waitForURL(/\/pages\/union\/merchant\/index\?id=/);
    await settle(page);
    const section = page.getByRole('navigation', { name: '工作台导航' }).filter({ visible: true }).locator('[aria-current]');
    await expect(section.textContent()).resolves.toBe('商户');
    await expect(section.getAttribute('aria-current')).resolves.toBe('true');

    // A phone has no room for it: absent, not just hidden.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForTimeout(300);
    await expect(page.getByRole('navigation', { name: '工作台导航' }).count()).resolves.toBe(0);
  });

  it('reads well in care mode', async () => {
    const page = e.page;
    await setCareMode(page, true);
    for (const [name, url] of [
      ['e2e-staff-tree-care', '/pages/union/tree/index'],
      ['e2e-staff-members-care', `/pages/union/members/index?unionId=${kidsId}&unionName=${encodeURIComponent(KIDS)}`],
      ['e2e-staff-operator-merchants-care', '/pages/union/merchants/index'],
    ] as const) {
      await page.goto(url);
      await settle(page);
      await page.locator('.gh-page.care-mode .gh-card').first().waitFor();
      await page.waitForTimeout(500);
      if (name === 'e2e-staff-members-care') {
        await page.locator('.gh-members__q input').fill('周文');
        await page.locator('.gh-members__search-button').click();
        await row(FIRST.name).locator('.gh-mrow__suspend').waitFor();
        const h = await row(FIRST.name).locator('.gh-mrow__suspend').evaluate((el) => el.getBoundingClientRect().height);
        expect(h).toBeGreaterThanOrEqual(48);
      }
      await e.shot(name);
      await expectAccessible(page);
    }
    await setCareMode(page, false);
  });

  it('gives an admin 新增合作商户 and the join approval switch', async () => {
    const page = e.page;
    await demoSignIn(page, '吴兴区总工会工作人员');
    await page.goto('/pages/union/merchants/index');
    await settle(page);
    await page.locator('.gh-merchants-admin__add').waitFor();

    await page.goto(`/pages/union/members/index?unionId=${kidsId}&unionName=${encodeURIComponent(KIDS)}`);
    await settle(page);
    const setting = page.locator('.gh-members__approval-setting');
    await setting.waitFor();
    await page.locator('.gh-members__filter .gh-chip--pending').click();
    await page.locator('.gh-mrow__approve').first().waitFor();
    await e.shot('e2e-staff-admin-members');
    await expectAccessible(page);
    await setting.click();
    await confirmModal(page, '确认修改');
    await expect.poll(() => setting.textContent()).toContain('已关闭');
    const admin = await e.app.login('13900000002');
    const unions = (await e.app.get('/api/admin/unions', admin)).body.data as { id: string; joinApproval: string }[];
    expect(unions.find((u) => u.id === kidsId)?.joinApproval).toBe('auto');
  });

  it('fits every batch action on a phone: 导出核销明细 is not clipped', async () => {
    const page = e.page;
    await page.goto('/pages/union/vouchers/index');
    await settle(page);
    await page.locator('.gh-table__row--link', { hasText: '发放中' }).first().click();
    await page.waitForURL(/\/pages\/union\/vouchers\/stats\/index\?id=/);
    await settle(page);
    const exportButton = page.locator('.gh-batch-stats__export');
    await exportButton.waitFor();
    // An admin has 修改 and 提前停发 beside it; the label must show whole, inside the window.
    await expect(page.locator('.gh-batch-stats__actions .nut-button').count()).resolves.toBeGreaterThanOrEqual(3);
    const fit = await exportButton.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { inside: r.left >= 0 && r.right <= window.innerWidth, wide: el.scrollWidth <= el.clientWidth + 1, tall: el.scrollHeight <= el.clientHeight + 1 };
    });
    expect(fit).toEqual({ inside: true, wide: true, tall: true });
    await e.shot('e2e-staff-batch-stats-375');
  });
});
