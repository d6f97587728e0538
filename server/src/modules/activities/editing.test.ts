import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, type ActivityUpdate } from '@gonghui/shared';
import { activityInput, cancelEnrollment, enroll, memberCode, publishedActivity } from '../../testing/activities';
import { storageKinds } from '../../testing/database';
import { useTestApp, type TestApp } from '../../testing/harness';
import { activePhones, staffToken } from '../../testing/people';

const HOUR = 3600_000;

/** The form as staff see it again, changed by `o`. */
async function updateOf(app: TestApp, o: Partial<ActivityUpdate> = {}): Promise<ActivityUpdate> {
  const { audience: _audience, ...form } = await activityInput(app);
  return { ...form, ...o };
}

const kindsFor = async (app: TestApp, token: string, id: string) =>
  (await app.call(api.notices, { token, query: {} })).body.data.filter((n) => n.link?.id === id).map((n) => n.kind);

describe.each(storageKinds)('changing and cancelling a published activity on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let staff: string;
  let nanxun: string;
  let tokens: string[];
  beforeAll(async () => {
    staff = await app().login('13900000001');
    nanxun = await staffToken(app(), '13900000021', '南浔区总工会', 'admin');
    tokens = await Promise.all((await activePhones(app(), 8, 200)).map((p) => app().login(p)));
  }, 60_000);

  it('gives extra places to the waitlist in arrival order, and never takes a place back', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 2 });
    for (const t of tokens.slice(0, 5)) expect((await enroll(app(), t, id)).status).toBe(201);
    const more = await app().call(api.updateActivity, { params: { id }, body: await updateOf(app(), { capacity: 4 }), token: staff });
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({ capacity: 4, enrolledCount: 4, waitlistCount: 1, editable: true });
    for (const t of tokens.slice(2, 4)) {
      expect((await app().call(api.getActivity, { params: { id }, token: t })).body.mine).toMatchObject({ status: 'enrolled' });
      expect(await kindsFor(app(), t, id)).toEqual(['activity.promoted']);
    }
    expect((await app().call(api.getActivity, { params: { id }, token: tokens[4]! })).body.mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const fewer = await app().call(api.updateActivity, { params: { id }, body: await updateOf(app(), { capacity: 3, waitlist: false }), token: staff });
    expect(fewer.status).toBe(422);
    expect(fewer.error?.code).toBe('ACTIVITY_INVALID');
    expect((fewer.error?.details as { issues: { path: string; message: string }[] }).issues.map((i) => [i.path, i.message])).toEqual([
      ['body.capacity', '已有4人报名，名额不能少于4人'],
      ['body.waitlist', '有1人在候补，不能关闭候补'],
    ]);
    expect((await app().call(api.staffActivity, { params: { id }, token: staff })).body).toMatchObject({ capacity: 4, waitlist: true, enrolledCount: 4 });
  });

  it('tells everyone signed up or waiting of a new time or place, and nobody of a new description', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 1 });
    expect((await enroll(app(), tokens[5]!, id)).body.mine?.status).toBe('enrolled');
    expect((await enroll(app(), tokens[6]!, id)).body.mine?.status).toBe('waitlisted');
    const words = await app().call(api.updateActivity, { params: { id }, body: await updateOf(app(), { capacity: 1, description: '老师现场教学，材料由工会提供，请穿方便活动的衣服。' }), token: staff });
    expect(words.status).toBe(200);
    expect(await kindsFor(app(), tokens[5]!, id)).toEqual([]);
    const later = new Date(app().clock.now().getTime() + 96 * HOUR).toISOString();
    const laterEnd = new Date(app().clock.now().getTime() + 98 * HOUR).toISOString();
    const moved = await app().call(api.updateActivity, { params: { id }, body: await updateOf(app(), { capacity: 1, startsAt: later, endsAt: laterEnd, place: '吴兴区职工服务中心一楼大厅' }), token: staff });
    expect(moved.status).toBe(200);
    for (const t of [tokens[5]!, tokens[6]!]) expect(await kindsFor(app(), t, id)).toEqual(['activity.changed']);
    const notice = (await app().call(api.notices, { token: tokens[5]!, query: {} })).body.data.find((n) => n.kind === 'activity.changed');
    expect(notice?.body).toContain('吴兴区职工服务中心一楼大厅');
  });

  it('cancels with a reason everyone signed up is told; the activity then takes no sign-up, cancellation, check-in or change', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 1, startsAt: new Date(app().clock.now().getTime() + 3 * HOUR).toISOString(), endsAt: new Date(app().clock.now().getTime() + 5 * HOUR).toISOString(), signupEndsAt: new Date(app().clock.now().getTime() + 2 * HOUR).toISOString(), cancelDeadline: new Date(app().clock.now().getTime() + 1 * HOUR).toISOString() });
    const [holder, waiter, stranger] = [tokens[0]!, tokens[1]!, tokens[7]!];
    expect((await enroll(app(), holder, id)).body.mine?.status).toBe('enrolled');
    expect((await enroll(app(), waiter, id)).body.mine?.status).toBe('waitlisted');

    const noReason = await app().call(api.cancelActivity, { params: { id }, body: { reason: ' ' }, token: staff });
    expect(noReason.status).toBe(400);
    expect((await app().call(api.cancelActivity, { params: { id }, body: { reason: '场地临时检修' }, token: nanxun })).status).toBe(404);

    const key = randomUUID();
    const cancelled = await app().call(api.cancelActivity, { params: { id }, body: { reason: '场地临时检修' }, token: staff, idempotencyKey: key });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ phase: 'cancelled', editable: false });
    expect((await app().call(api.cancelActivity, { params: { id }, body: { reason: '场地临时检修' }, token: staff, idempotencyKey: key })).text).toBe(cancelled.text);
    const again = await app().call(api.cancelActivity, { params: { id }, body: { reason: '场地临时检修' }, token: staff });
    expect(again.error?.code).toBe('ACTIVITY_NOT_EDITABLE');

    for (const t of [holder, waiter]) {
      const notices = (await app().call(api.notices, { token: t, query: {} })).body.data.filter((n) => n.link?.id === id);
      expect(notices.map((n) => [n.kind, n.body.includes('原因：场地临时检修')])).toEqual([['activity.cancelled', true]]);
      // they still see it, marked cancelled, where the notice points
      expect((await app().call(api.getActivity, { params: { id }, token: t })).body.phase).toBe('cancelled');
    }
    // a member who never signed up no longer finds it
    expect((await app().call(api.getActivity, { params: { id }, token: stranger })).status).toBe(404);
    expect((await app().call(api.listActivities, { query: {}, token: stranger })).body.data.some((a) => a.id === id)).toBe(false);

    expect((await enroll(app(), stranger, id)).status).toBe(404);
    expect((await cancelEnrollment(app(), holder, id)).error?.code).toBe('ACTIVITY_CANCELLED');
    const door = await app().call(api.checkIn, { params: { id }, body: { code: await memberCode(app(), holder) }, token: staff, idempotencyKey: randomUUID() });
    expect(door.error?.code).toBe('ACTIVITY_CANCELLED');
    const change = await app().call(api.updateActivity, { params: { id }, body: await updateOf(app()), token: staff });
    expect(change.error?.code).toBe('ACTIVITY_NOT_EDITABLE');
  });

  it('refuses changes to an activity that has ended, and to another district’s (404)', async () => {
    const id = await publishedActivity(app(), staff);
    expect((await app().call(api.updateActivity, { params: { id }, body: await updateOf(app()), token: nanxun })).status).toBe(404);
    app().clock.advance(75 * HOUR);
    try {
      const late = await app().call(api.updateActivity, { params: { id }, body: await updateOf(app()), token: staff });
      expect(late.status).toBe(409);
      expect(late.error?.code).toBe('ACTIVITY_NOT_EDITABLE');
      expect((await app().call(api.staffActivity, { params: { id }, token: staff })).body.editable).toBe(false);
    } finally {
      app().clock.set('2026-12-01T02:00:00Z');
    }
  });
});
