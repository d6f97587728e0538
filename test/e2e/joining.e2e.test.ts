/*
 * Joining a union that reviews applications, end to end in a real browser: a worker opens the
 * union's join link, signs in by SMS at that moment, applies (with the separate ID-number
 * consent), and waits 待审核; the union's admin sees the pending count on 首页, approves from the
 * pending list, and the worker is then 正式会员 with a member card. Phone width, axe-core checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '@gonghui/server/seed/names';
import { expectAccessible } from './axe';
import { acceptAgreement, addStaff, settle, smsSignIn, startE2E, type E2E } from './harness';

const KIDS = '织里童装产业园联合工会';
const KIDS_JOIN_CODE = 'HZWXKIDS2';
const ADMIN_PHONE = '13900000093';
const WORKER = { phone: '13600000021', name: '沈晓燕', employer: '湖州织里童装有限公司', idNumber: makeIdNumber('330502', { y: 1990, m: 3, d: 8 }, 217) };

describe('a worker joins through a union that reviews applications', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
    await addStaff(e.app, ADMIN_PHONE, KIDS, 'admin', '童装联合工会管理员');
  });

  afterAll(async () => {
    await e?.close();
  });

  it('opens the join link signed out, signs in there and applies: 待审核', async () => {
    const page = e.page;
    await page.goto(`/pages/join/index?code=${KIDS_JOIN_CODE}`);
    await settle(page);
    await expect(page.locator('.gh-join__union-name').textContent()).resolves.toBe(KIDS);
    await e.shot('e2e-join-signed-out');
    await expectAccessible(page);

    // Sign-in is asked for here, and the worker comes back to the same union's form.
    await page.locator('.gh-join__login-button').click();
    await page.waitForURL(/\/pages\/login\/index/);
    await settle(page);
    const sent = () => e.app.sms.sent.filter((s) => s.phone === WORKER.phone);
    await acceptAgreement(page);
    await page.locator('.gh-login__phone input').fill(WORKER.phone);
    await page.locator('.gh-login__send').click();
    await expect.poll(() => sent().length).toBe(1);
    await page.locator('.gh-login__code input').fill(sent()[0]!.code);
    await page.locator('.gh-login__submit').click();
    await page.waitForURL(/\/pages\/join\/index\?code=/);
    await settle(page);

    // The form refuses to send without the ID-number consent, and says so under it.
    await page.locator('.gh-join__name input').fill(WORKER.name);
    await page.locator('.gh-join__id input').fill(WORKER.idNumber);
    await page.locator('.gh-join__employer input').fill(WORKER.employer);
    await page.locator('.gh-join__submit').click();
    await page.locator('.gh-join__consent-row .gh-form__error').waitFor();
    await e.shot('e2e-join-form-consent-missing');

    await page.locator('.gh-join__consent').click();
    await page.locator('.gh-join__submit').click();
    await page.locator('.gh-join__done').waitFor();
    await expect(page.locator('.gh-join__done .gh-section-title').textContent()).resolves.toBe('入会申请已提交');
    await e.shot('e2e-join-submitted');
    await expectAccessible(page);

    await page.goto('/pages/mine/index');
    await settle(page);
    await expect(page.locator('.gh-mine__roles').textContent()).resolves.toContain('工会会员（待审核）');
    // No member card and no vouchers before the union admits the worker.
    await expect(page.locator('.gh-mine__card').count()).resolves.toBe(0);
    await expect(page.locator('.gh-mine__vouchers').count()).resolves.toBe(0);
  });

  it('shows the union’s admin the pending count on 首页 and lets them approve', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, ADMIN_PHONE);
    const waiting = page.locator('.gh-role-card__pending-n');
    await waiting.waitFor();
    expect(Number(await waiting.textContent())).toBeGreaterThanOrEqual(1);
    await page.locator('.gh-go-review').click();
    await page.waitForURL(/\/pages\/union\/members\/index\?.*status=pending/);
    await settle(page);
    const row = page.locator('.gh-mrow', { hasText: WORKER.name });
    await row.waitFor();
    await expect(row.locator('.gh-status-text').textContent()).resolves.toBe('待审核');
    await e.shot('e2e-join-staff-pending');
    await row.locator('.gh-mrow__approve').click();
    await page.getByText('确认通过', { exact: true }).click();
    await expect.poll(() => row.locator('.gh-status-text').textContent()).toBe('正式会员');
  });

  it('makes the worker a 正式会员 with a member card', async () => {
    const page = e.page;
    e.app.clock.advance(61_000); // one SMS code a minute per phone
    await smsSignIn(e.app, page, WORKER.phone);
    await page.goto('/pages/mine/index');
    await settle(page);
    await expect(page.locator('.gh-mine__roles').textContent()).resolves.toContain('工会会员（正式会员）');
    await page.locator('.gh-mine__card').click();
    await page.waitForURL(/\/pages\/member-card\/index/);
    await settle(page);
    // The member reads their own name unmasked on their own card.
    await expect(page.locator('.gh-mcard__name').textContent()).resolves.toBe(WORKER.name);
    await expect(page.locator('.gh-mcard__union').textContent()).resolves.toBe(KIDS);
    await page.locator('.gh-mcard__digits').waitFor();
    await e.shot('e2e-join-member-card');
  });
});
