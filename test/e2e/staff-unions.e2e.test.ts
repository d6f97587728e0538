/*
 * Staff of several unions at a desktop browser: the side navigation shows how many join
 * applications wait (from the union tree the page loads anyway: one request for both) and the
 * count follows an approval; 工作人员 lets them choose the union (one union: straight there). The
 * join page's 小程序码, when WeChat draws it as a JPEG, downloads as a .jpg.
 * Real server (WeChat's wxacode stood in for), fresh database with demo data, H5 build, 1280 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { makeIdNumber } from '@gonghui/server/seed/names';
import { unionIdByName } from '@gonghui/server/testing/harness';
import { expectAccessible } from './axe';
import { addStaff, addUser, demoSignIn, settle, smsSignIn, startE2E, type E2E } from './harness';

const KIDS = '织里童装产业园联合工会'; // reviews applications
const KIDS_JOIN_CODE = 'HZWXKIDS2';
const EQUIP = '湖州吴兴智能装备有限公司工会';
/** Admin of the children's-wear union and operator of the equipment maker's. */
const TWO_UNIONS = '13900000097';
const WORKERS = [
  { phone: '13600000041', name: '陆小红', idNumber: makeIdNumber('330502', { y: 1991, m: 4, d: 9 }, 311) },
  { phone: '13600000042', name: '范志刚', idNumber: makeIdNumber('330502', { y: 1988, m: 11, d: 2 }, 517) },
];

/** The subtitle of the page on screen. */
const subtitle = (page: Page) => page.locator('.gh-band__subtitle').filter({ visible: true }).textContent();
/** The side navigation at desktop width. */
const nav = (page: Page) => page.getByRole('navigation', { name: '工作台导航' }).filter({ visible: true });
/** Its 会员 entry (named 会员, with the pending count read out after it). */
const membersEntry = (page: Page) => nav(page).getByRole('link', { name: /^会员(\s|$)/ });

describe('staff of several unions at a desktop browser', () => {
  /** The 小程序码 WeChat "draws": a JPEG made by the browser (set before any page asks for it). */
  let jpeg: Buffer = Buffer.alloc(0);
  let e: E2E;
  /** GET /api/admin/unions requests the browser made. */
  let treeRequests = 0;
  /** Applications waiting in the two unions (the demo's own and the two made here). */
  let waiting = 0;

  beforeAll(async () => {
    e = await startE2E({
      viewport: { width: 1280, height: 800 },
      wechat: { configured: true, getUnlimitedQr: async () => ({ contentType: 'image/jpeg', buffer: jpeg }) },
    });
    jpeg = Buffer.from(
      (
        await e.page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 240;
          const g = canvas.getContext('2d')!;
          g.fillStyle = '#fff';
          g.fillRect(0, 0, 240, 240);
          g.fillStyle = '#000';
          g.fillRect(40, 40, 160, 160);
          return canvas.toDataURL('image/jpeg', 0.9);
        })
      ).split(',')[1]!,
      'base64',
    );
    await addStaff(e.app, TWO_UNIONS, KIDS, 'admin', '两会干事');
    await addStaff(e.app, TWO_UNIONS, EQUIP, 'operator', '两会干事');
    for (const w of WORKERS) {
      await addUser(e.app, w.phone, w.name);
      const r = await e.app.call(api.join, {
        token: await e.app.login(w.phone),
        body: { joinCode: KIDS_JOIN_CODE, name: w.name, idNumber: w.idNumber, employer: '湖州织里童装有限公司', idNumberConsent: true },
      });
      expect(r.status, r.text).toBe(201);
      expect(r.body.status).toBe('pending');
    }
    const unions = (await e.app.call(api.listUnions, { token: await e.app.login(TWO_UNIONS) })).body.data;
    waiting = unions.reduce((n, u) => n + u.pendingCount, 0);
    expect(waiting).toBeGreaterThanOrEqual(WORKERS.length);
    e.page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/admin/unions') treeRequests += 1;
    });
  });

  afterAll(async () => {
    await e?.close();
  });

  it('shows the pending applications beside 会员, from the one request the page makes for the tree', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, TWO_UNIONS);
    const before = treeRequests;
    await page.goto('/pages/union/tree/index');
    await settle(page);
    await page.locator('.gh-union-tree__list').waitFor();
    const members = membersEntry(page);
    await expect.poll(() => members.locator('.gh-staff-nav__badge').textContent()).toBe(String(waiting));
    await expect(members.textContent()).resolves.toContain(`待审核入会申请 ${waiting} 份`);
    // The page's tree and the navigation's count: one request.
    expect(treeRequests - before).toBe(1);
    // The entry leads to the applications: the member list of that union, filtered to 待审核.
    const kidsId = await unionIdByName(e.app, KIDS);
    const href = new URL((await members.getAttribute('href'))!, e.app.baseUrl);
    expect(href.pathname).toBe('/pages/union/members/index');
    expect(href.searchParams.get('status')).toBe('pending');
    expect(href.searchParams.get('unionId')).toBe(kidsId);
    await expectAccessible(page);
    await e.shot('e2e-staff-nav-pending');
  });

  it('leads to the applications, and the count follows an approval', async () => {
    const page = e.page;
    await membersEntry(page).click();
    await page.waitForURL(/\/pages\/union\/members\/index\?.*status=pending/);
    await settle(page);
    const row = page.locator('.gh-mrow', { hasText: WORKERS[0]!.name });
    await row.waitFor();
    await row.locator('.gh-mrow__approve').click();
    await page.getByText('确认通过', { exact: true }).click();
    await expect.poll(() => row.locator('.gh-status-text').textContent()).toBe('正式会员');
    await expect.poll(() => nav(page).locator('.gh-staff-nav__badge').textContent()).toBe(String(waiting - 1));
    await expect(membersEntry(page).getAttribute('aria-current')).resolves.toBe('page');
    await e.shot('e2e-staff-nav-pending-after-approval');
  });

  it('lets them choose whose staff to see from 工作人员, and switch to the other union', async () => {
    const page = e.page;
    const entry = nav(page).getByRole('link', { name: '工作人员', exact: true });
    await expect(entry.getAttribute('href')).resolves.toBe('/pages/union/staff/index');
    await entry.click();
    await page.waitForURL(/\/pages\/union\/staff\/index$/);
    await settle(page);
    // Visible only: H5 keeps a page opened from another alive (hidden) under it.
    const choices = page.locator('.gh-staff-pick__row').filter({ visible: true });
    await expect.poll(() => choices.count()).toBe(2);
    await expect(choices.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining(KIDS), expect.stringContaining(EQUIP)]));
    await expect(page.getByRole('link', { name: new RegExp(EQUIP) }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await e.shot('e2e-staff-pick-union');

    await choices.filter({ hasText: EQUIP }).click();
    await page.waitForURL(/\/pages\/union\/staff\/index\?unionId=/);
    await settle(page);
    expect(new URL(page.url()).searchParams.get('unionId')).toBe(await unionIdByName(e.app, EQUIP));
    await expect.poll(() => subtitle(page)).toContain(EQUIP);
    // An operator there: the list, no 添加工作人员.
    await page.locator('.gh-srow').first().waitFor();
    await expect(page.locator('.gh-staff__add').count()).resolves.toBe(0);
    await e.shot('e2e-staff-picked-equip');

    await page.locator('.gh-staff__switch').click();
    await page.waitForURL(/\/pages\/union\/staff\/index$/);
    await settle(page);
    await choices.filter({ hasText: KIDS }).click();
    await page.waitForURL(/\/pages\/union\/staff\/index\?unionId=/);
    await settle(page);
    await expect.poll(() => subtitle(page)).toContain(KIDS);
    // Its admin: may add staff.
    await page.locator('.gh-staff__add').waitFor();
  });

  it('downloads the 小程序码 under the type WeChat drew it in: a JPEG is a .jpg', async () => {
    const page = e.page;
    await page.goto(`/pages/union/join-qr/index?unionId=${await unionIdByName(e.app, KIDS)}`);
    await settle(page);
    await page.locator('.gh-joinqr__form--wxacode').click();
    const img = page.locator('.gh-joinqr__qr img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(240);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.gh-joinqr__download').click()]);
    expect(download.suggestedFilename()).toBe(`${KIDS}-入会小程序码.jpg`);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 3).toString('hex')).toBe('ffd8ff');
    await e.shot('e2e-staff-join-wxacode');
  });

  it('takes someone working for one union straight to its staff page', async () => {
    const page = e.page;
    await demoSignIn(page, '基层工会工作人员');
    await page.goto('/pages/union/tree/index');
    await settle(page);
    const entry = nav(page).getByRole('link', { name: '工作人员', exact: true });
    const href = new URL((await entry.getAttribute('href'))!, e.app.baseUrl);
    expect(href.searchParams.get('unionId')).toBe(await unionIdByName(e.app, EQUIP));
    await entry.click();
    await page.waitForURL(/\/pages\/union\/staff\/index\?unionId=/);
    await settle(page);
    await expect.poll(() => subtitle(page)).toContain(EQUIP);
    await expect(page.locator('.gh-staff-pick__row').count()).resolves.toBe(0);
  });
});
