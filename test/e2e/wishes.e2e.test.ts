/*
 * Micro-wishes end to end in a real browser (phone width): a member writes and submits a wish,
 * the city federation's staff edit its public text and publish it, a donor adopts it and brings
 * it to the union station, staff confirm the hand-over, the member confirms receipt and thanks,
 * and the donor reads the thanks — never the member's name. The member's notice centre and its
 * unread count follow along. Screenshots under test/artifacts/e2e-wishes-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { expectAccessible } from './axe';
import { settle, smsSignIn, startE2E, type E2E } from './harness';

const MEMBER = '13800000001';
const CITY_ADMIN = '13900000001';
const DONOR = '13700000001';
const TITLE = '给孩子买一个新书包';
const PUBLIC_TITLE = '孩子上学需要新书包';
const THANKS = '书包收到了，孩子特别开心，谢谢您！';
const REPLY = '谢谢您，我周六上午去工会服务站领取。';

/** Taro's H5 modal: press its confirm button (not a page button with the same words). */
async function confirmModal(page: Page, text: string): Promise<void> {
  await page.locator('.taro-modal__foot').getByText(text, { exact: true }).click();
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settle(page);
}

describe('a micro-wish from the member, through the union and a donor, back to the member', () => {
  let e: E2E;
  let wishId = '';
  let memberName = '';

  beforeAll(async () => {
    e = await startE2E();
    const token = await e.app.login(MEMBER);
    memberName = (await e.app.call(api.me, { token })).body.member!.name;
  });

  afterAll(async () => {
    await e?.close();
  });

  /** One SMS code a minute per phone: each sign-in a minute later on the server's clock. */
  const signIn = async (page: Page, phone: string) => {
    e.app.clock.advance(61_000);
    await smsSignIn(e.app, page, phone);
  };

  it('lets the member write a wish and submit it: 待审核', async () => {
    const page = e.page;
    await signIn(page, MEMBER);
    // A staff page (a shared link) says whom it is for and leads home, with no staff controls.
    await open(page, '/pages/union/wishes/index');
    await page.getByText('您不是工会工作人员').waitFor();
    await expect(page.locator('.gh-staff-wishes__table').count()).resolves.toBe(0);
    await page.locator('.gh-go-home').click();
    await page.waitForURL(/\/pages\/home\/index/);
    await open(page, '/pages/wishes/index');
    await page.locator('.gh-my-wishes__new').click();
    await page.waitForURL(/\/pages\/wishes\/edit\/index/);
    await settle(page);
    // Nothing filled: the schema's messages under the fields.
    await page.locator('.gh-wish-edit__submit').click();
    await page.locator('.gh-form__row--error').first().waitFor();
    await e.shot('e2e-wishes-form-errors');

    await page.locator('.gh-wish-form__category .gh-chip--study').click();
    await page.locator('.gh-wish-form__title input').fill(TITLE);
    await page.locator('.gh-wish-form__story textarea').fill('孩子今年升初中，旧书包已经背了四年，拉链坏了，想给他换一个结实的新书包。');
    await page.locator('.gh-wish-form__value input').fill('180');
    await page.locator('.gh-wish-form__date').click();
    await page.locator('.taro-picker__action', { hasText: '确定' }).locator('visible=true').click();
    await expect.poll(() => page.locator('.gh-wish-form__date .gh-picker__value--empty').count()).toBe(0);
    await e.shot('e2e-wishes-form-filled');
    await page.locator('.gh-wish-edit__submit').click();
    await page.waitForURL(/\/pages\/wishes\/mine\/detail\/index\?id=/);
    await settle(page);
    wishId = new URL(page.url()).searchParams.get('id')!;
    await expect(page.locator('.gh-my-wish-detail .gh-wish-badge').first().textContent()).resolves.toBe('待审核');
    await e.shot('e2e-wishes-member-submitted');
    await expectAccessible(page);
  });

  it('lets staff find it among 待审核, edit the public text and publish it', async () => {
    const page = e.page;
    await signIn(page, CITY_ADMIN);
    await open(page, '/pages/union/wishes/index');
    const row = page.locator('.gh-staff-wishes__table').getByText(TITLE).first();
    await row.waitFor();
    await e.shot('e2e-wishes-staff-list');
    await row.click();
    await page.waitForURL(/\/pages\/union\/wishes\/detail\/index\?id=/);
    await settle(page);
    await page.locator('.gh-staff-review__title input').fill(PUBLIC_TITLE);
    await page.locator('.gh-staff-review__approve').click();
    await confirmModal(page, '确认发布');
    await expect.poll(() => page.locator('.gh-staff-wish .gh-wish-badge').first().textContent()).toBe('待认领');
    await e.shot('e2e-wishes-staff-published');
    await expectAccessible(page);
  });

  it('lets a donor adopt it from the square and bring it to the station', async () => {
    const page = e.page;
    await signIn(page, DONOR);
    await open(page, '/pages/wishes/index');
    const card = page.locator('.gh-public-wish', { hasText: PUBLIC_TITLE });
    await card.waitFor();
    // The square shows the masked name only.
    await expect(page.locator('.gh-public-wishes').textContent()).resolves.not.toContain(memberName);
    await e.shot('e2e-wishes-square');
    await card.locator('.gh-wish-card').click();
    await page.waitForURL(/\/pages\/wishes\/public\/index\?id=/);
    await settle(page);
    await expect(page.locator('.gh-public-wish-detail').textContent()).resolves.not.toContain(memberName);
    await page.locator('.gh-public-wish-detail__adopt').click();
    await confirmModal(page, '确认认领');
    await page.waitForURL(/\/pages\/donor\/wish\/index\?id=/);
    await settle(page);
    await expect(page.locator('.gh-donor-wish-detail .gh-wish-badge').first().textContent()).resolves.toBe('已认领');
    // Delivery goes through the station; talking needs both sides' consent. The donor asks.
    await page.locator('.gh-wish-chat__agree').click();
    await confirmModal(page, '同意');
    await page.locator('.gh-wish-chat__stop').waitFor();
    await expect(page.locator('.gh-wish-chat__state').textContent()).resolves.toContain('等待对方同意');
    await expect(page.locator('.gh-wish-chat__input').count()).resolves.toBe(0);
    await e.shot('e2e-wishes-donor-asks-contact');
    await page.locator('.gh-donor-wish-detail__deliver').click();
    await confirmModal(page, '已送达');
    await expect.poll(() => page.locator('.gh-donor-wish-detail .gh-wish-badge').first().textContent()).toBe('已送达工会站点');
    await e.shot('e2e-wishes-donor-delivered');
    await expectAccessible(page);
  });

  it('lets staff confirm the hand-over at the station', async () => {
    const page = e.page;
    await signIn(page, CITY_ADMIN);
    await open(page, `/pages/union/wishes/detail/index?id=${wishId}`);
    await page.locator('.gh-staff-wish__handover').click();
    await confirmModal(page, '确认收到');
    await expect.poll(() => page.locator('.gh-staff-wish .gh-wish-badge').first().textContent()).toBe('待领取');
    await e.shot('e2e-wishes-staff-handover');
  });

  it('tells the member in the notice centre; the member confirms receipt and thanks', async () => {
    const page = e.page;
    await signIn(page, MEMBER);
    // 首页 shows the unread count and leads to 消息.
    const unread = page.locator('.gh-home__unread');
    await unread.waitFor();
    await page.locator('.gh-home__notices').click();
    await page.waitForURL(/\/pages\/notices\/index/);
    await settle(page);
    const notice = page.locator('.gh-notice--unread').first();
    await notice.waitFor();
    await e.shot('e2e-wishes-notices');
    await expectAccessible(page);
    // The newest notice is the hand-over: it opens the wish.
    await notice.click();
    await page.waitForURL(new RegExp(`/pages/wishes/mine/detail/index\\?id=${wishId}`));
    await settle(page);
    // The donor asked to talk: the member agrees, and the app refuses a phone number in a message.
    await expect(page.locator('.gh-wish-chat__state').textContent()).resolves.toContain('希望通过平台留言');
    await page.locator('.gh-wish-chat__agree').click();
    await confirmModal(page, '同意');
    const input = page.locator('.gh-wish-chat__input textarea');
    await input.waitFor();
    await input.fill('我的电话是13812345678');
    await page.locator('.gh-wish-chat__send').click();
    await page.locator('.gh-wish-chat .gh-form__row--error').waitFor();
    await expect(page.locator('.gh-wish-chat__msg').count()).resolves.toBe(0);
    await input.fill(REPLY);
    await page.locator('.gh-wish-chat__send').click();
    await page.locator('.gh-wish-chat__msg--mine', { hasText: REPLY }).waitFor();
    await e.shot('e2e-wishes-member-chat');
    await expectAccessible(page);
    await page.locator('.gh-my-wish-detail__receipt').click();
    await confirmModal(page, '确认收到');
    await page.locator('.gh-wish-thanks-form__message textarea').waitFor();
    await page.locator('.gh-wish-thanks-form__message textarea').fill(THANKS);
    await page.locator('.gh-wish-thanks-form__send').click();
    await expect.poll(() => page.locator('.gh-my-wish-detail .gh-wish-badge').first().textContent()).toBe('已致谢');
    await e.shot('e2e-wishes-member-thanked');
    await expectAccessible(page);
  });

  it('shows the donor the thanks, and the thank-you wall, masked', async () => {
    const page = e.page;
    await signIn(page, DONOR);
    await open(page, '/pages/donor/index');
    await page.locator('.gh-donor-wish', { hasText: THANKS }).waitFor();
    await open(page, `/pages/donor/wish/index?id=${wishId}`);
    await expect(page.locator('.gh-donor-wish-detail__thanks').textContent()).resolves.toContain(THANKS);
    await expect(page.locator('.gh-donor-wish-detail').textContent()).resolves.not.toContain(memberName);
    // The member's message reached the donor, under a masked name; the conversation ended with the thanks.
    await expect(page.locator('.gh-wish-chat__msg').first().textContent()).resolves.toContain(REPLY);
    await expect(page.locator('.gh-wish-chat__who').first().textContent()).resolves.toMatch(/心愿人 \S\*\*/);
    await expect(page.locator('.gh-wish-chat__input').count()).resolves.toBe(0);
    await e.shot('e2e-wishes-donor-thanks');
    await expectAccessible(page);
    await open(page, '/pages/wishes/index');
    await page.locator('.gh-wishes__tab--thanks').click();
    await page.locator('.gh-wish-thanks', { hasText: THANKS }).waitFor();
    await expect(page.locator('.gh-thanks-wall').textContent()).resolves.not.toContain(memberName);
    // The totals above the wall: the city's, then one district's.
    await expect.poll(async () => Number(await page.locator('.gh-wish-totals__num').first().textContent())).toBeGreaterThanOrEqual(1);
    await e.shot('e2e-wishes-thanks-wall');
    await expectAccessible(page);
    await page.locator('.gh-wish-totals__scope .gh-chip', { hasText: '吴兴区总工会' }).click();
    await expect.poll(() => page.locator('.gh-wish-totals .gh-section-title').textContent()).toBe('吴兴区总工会微心愿');
  });

  it('lets the donor change how they appear', async () => {
    const page = e.page;
    await open(page, '/pages/donor/profile/index');
    await page.locator('.gh-donor-profile__edit').click();
    const name = page.locator('.gh-donor-form__displayName input');
    await name.fill('');
    await name.fill('湖州陈女士');
    await e.shot('e2e-wishes-donor-profile-edit');
    await expectAccessible(page);
    await page.locator('.gh-donor-form__submit').click();
    await expect.poll(() => page.locator('.gh-donor-profile__card').textContent()).toContain('湖州陈女士');
  });
});
