/*
 * Union activities and 聆听 end to end in a real browser (phone width): a member signs up for a
 * full activity and is waitlisted (候补第 1 位); another member gives their place back; the first is
 * promoted and sees it; on the day, staff check them in at the door by typing the 会员码 the member
 * shows. Then the member sends a 聆听 request and reads the union's reply. Screenshots under
 * test/artifacts/e2e-activities-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { cancelEnrollment, enroll, memberCode, publishedActivity } from '@gonghui/server/testing/activities';
import { phonesIn } from '@gonghui/server/testing/wishes';
import { expectAccessible } from './axe';
import { settle, smsSignIn, startE2E, type E2E } from './harness';

const MEMBER = '13800000001';
const CITY_ADMIN = '13900000001';
const GRASSROOTS_ADMIN = '13900000003';
const EQUIP = '湖州吴兴智能装备有限公司工会';
const TITLE = '职工阳光课堂：手机摄影入门';
const HOUR = 3600_000;

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settle(page);
}

describe('an activity from the waitlist to the door, and a 聆听 request answered', () => {
  let e: E2E;
  let id = '';
  let other = '';

  beforeAll(async () => {
    e = await startE2E();
    const staff = await e.app.login(CITY_ADMIN);
    id = await publishedActivity(e.app, staff, { title: TITLE, capacity: 1, unionName: '吴兴区总工会' });
    const [phone] = (await phonesIn(e.app, EQUIP, 3, 1)).filter((p) => p !== MEMBER);
    other = await e.app.login(phone!);
    const taken = await enroll(e.app, other, id);
    expect(taken.body.mine?.status, taken.text).toBe('enrolled');
  });

  afterAll(async () => {
    await e?.close();
  });

  /** One SMS code a minute per phone: each sign-in a minute later on the server's clock. */
  const signIn = async (page: Page, phone: string) => {
    e.app.clock.advance(61_000);
    await smsSignIn(e.app, page, phone);
  };

  it('waitlists the member on a full activity: 候补第 1 位', async () => {
    const page = e.page;
    await signIn(page, MEMBER);
    await open(page, '/pages/activities/index');
    await page.locator('.gh-activity-card', { hasText: TITLE }).waitFor();
    await e.shot('e2e-activities-list');
    await page.locator('.gh-activity-card', { hasText: TITLE }).click();
    await page.waitForURL(/\/pages\/activities\/detail\/index\?id=/);
    await settle(page);
    await expect(page.locator('.gh-activity-detail__enroll').textContent()).resolves.toContain('报名候补');
    await page.locator('.gh-activity-detail__enroll').click();
    await page.getByText('您在候补第 1 位').waitFor();
    await e.shot('e2e-activities-waitlisted');
    await expectAccessible(page);
  });

  it('promotes the member when the other gives the place back, and the member sees it', async () => {
    const r = await cancelEnrollment(e.app, other, id);
    expect(r.status, r.text).toBe(200);
    const page = e.page;
    await open(page, `/pages/activities/detail/index?id=${id}`);
    await page.getByText('候补成功，已为您报名').waitFor();
    await expect(page.locator('.gh-activity-detail__cancel').textContent()).resolves.toContain('取消报名');
    await e.shot('e2e-activities-promoted');
    const member = await e.app.login(MEMBER);
    const notices = (await e.app.call(api.notices, { token: member, query: {} })).body.data.filter((n) => n.kind === 'activity.promoted' && n.link?.id === id);
    expect(notices).toHaveLength(1);
  });

  it('lets staff check the member in at the door by the code the member shows, once', async () => {
    e.app.clock.advance(71 * HOUR); // the activity's day
    const page = e.page;
    await signIn(page, CITY_ADMIN);
    await open(page, `/pages/union/activities/detail/index?id=${id}`);
    // the member shows their card's code (valid one minute)
    const member = await e.app.login(MEMBER);
    const code = await memberCode(e.app, member);
    await page.locator('.gh-checkin__code input').fill(code);
    await page.locator('.gh-checkin__submit').click();
    await page.getByText('签到成功').waitFor();
    await expect(page.locator('.gh-staff-activity__counts').textContent()).resolves.toContain('签到 1');
    await e.shot('e2e-activities-checked-in');
    await expectAccessible(page);
    await page.locator('.gh-checkin__code input').fill(code);
    await page.locator('.gh-checkin__submit').click();
    await page.getByText('该会员已签到').waitFor();
    const seen = await e.app.call(api.getActivity, { params: { id }, token: member });
    expect(seen.body.mine?.checkedInAt).not.toBeNull();
  });

  it('lets staff move an activity to another room, then cancel it with a reason the member is told', async () => {
    const staff = await e.app.login(CITY_ADMIN);
    const member = await e.app.login(MEMBER);
    const other = await publishedActivity(e.app, staff, { title: '工"驿"剪发日', category: 'convenience', capacity: 30, unionName: '吴兴区总工会' });
    expect((await enroll(e.app, member, other)).body.mine?.status).toBe('enrolled');
    const page = e.page; // still signed in as the city federation's admin
    await open(page, `/pages/union/activities/detail/index?id=${other}`);
    await page.locator('.gh-activity-manage__edit').click();
    await page.waitForURL(/\/pages\/union\/activities\/edit\/index\?id=/);
    await settle(page);
    await expect(page.locator('.gh-activity-edit__title input').inputValue()).resolves.toBe('工"驿"剪发日');
    await page.locator('.gh-activity-edit__place input').fill('吴兴区职工服务中心一楼大厅');
    await e.shot('e2e-activities-edit');
    await expectAccessible(page);
    await page.locator('.gh-activity-edit__submit').click();
    await page.waitForURL(/\/pages\/union\/activities\/detail\/index\?id=/);
    await page.getByText('吴兴区职工服务中心一楼大厅').first().waitFor();
    const kinds = async () => (await e.app.call(api.notices, { token: member, query: {} })).body.data.filter((n) => n.link?.id === other).map((n) => n.kind);
    expect(await kinds()).toEqual(['activity.changed']);
    e.app.clock.advance(5 * 60_000); // the server's clock is pinned: the cancellation comes later, so the newest notice is unambiguous

    await page.locator('.gh-activity-manage__cancel').click();
    await page.locator('.gh-activity-manage__confirm').click();
    await page.getByText('取消原因至少2个字').waitFor(); // nothing sent without a reason
    await page.locator('.gh-activity-manage__reason textarea').fill('理发师临时有事，活动改期另行通知');
    await e.shot('e2e-activities-cancel');
    await page.locator('.gh-activity-manage__confirm').click();
    await page.locator('.taro-modal__foot').getByText('确认取消', { exact: true }).click();
    await page.locator('.gh-activity-badge--cancelled').waitFor();
    await expect(page.locator('.gh-activity-manage').count()).resolves.toBe(0);
    await expect(page.locator('.gh-checkin').count()).resolves.toBe(0);
    await e.shot('e2e-activities-cancelled');
    await expectAccessible(page);
    expect(await kinds()).toEqual(['activity.cancelled', 'activity.changed']);
  });

  it('lets the member send a 聆听 request and read the union’s reply', async () => {
    const page = e.page;
    await signIn(page, MEMBER);
    await open(page, '/pages/feedback/index');
    await open(page, '/pages/notices/index');
    await e.shot('e2e-activities-cancelled-notice');
    await open(page, '/pages/feedback/index');
    await page.locator('.gh-feedback__category .gh-chip--rights').click();
    await page.locator('.gh-feedback__text textarea').fill('车间夜班没有夜班补贴，好几位同事都有这个情况，希望工会帮忙了解。');
    await e.shot('e2e-activities-feedback-form');
    await page.locator('.gh-feedback__send').click();
    await page.waitForURL(/\/pages\/feedback\/detail\/index\?id=/);
    await settle(page);
    const feedbackId = new URL(page.url()).searchParams.get('id')!;
    await page.getByText('24小时内回复您').waitFor();

    const staff = await e.app.login(GRASSROOTS_ADMIN);
    const inbox = await e.app.call(api.staffFeedbackList, { token: staff, query: { box: 'inbox' } });
    expect(inbox.body.data.find((f) => f.id === feedbackId)?.timeLeftMinutes).toBe(24 * 60);
    const replied = await e.app.call(api.replyFeedback, { token: staff, params: { id: feedbackId }, body: { text: '已收到，我们正在和车间核实夜班补贴发放情况，三天内答复您。' } });
    expect(replied.status, replied.text).toBe(200);

    await open(page, `/pages/feedback/detail/index?id=${feedbackId}`);
    await page.getByText('我们正在和车间核实夜班补贴发放情况').waitFor();
    await page.locator('.gh-feedback-detail__rate').waitFor();
    await e.shot('e2e-activities-feedback-replied');
    await expectAccessible(page);
  });
});
