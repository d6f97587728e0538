import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, NOTICE_PAGES } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { activityInput, enroll, memberCode, publishedActivity } from '../../testing/activities';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { activePhones } from '../../testing/people';
import { phonesIn } from '../../testing/wishes';

const HOUR = 3600_000;

async function phonesWithTag(app: ReturnType<ReturnType<typeof useTestApp>>, has: boolean, n: number): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' and (${has} = ('model_worker' = any(m.tags))) order by u.phone limit ${n}`,
  );
  return rows.map((r) => r.phone);
}

describe.each(storageKinds)('at the door, for whom, and 你点我送 on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let staff: string;
  let members: string[];
  beforeAll(async () => {
    staff = await app().login('13900000001');
    members = await Promise.all((await activePhones(app(), 6, 200)).map((p) => app().login(p)));
  }, 60_000);

  describe('check-in', () => {
    let id: string;
    beforeAll(async () => {
      id = await publishedActivity(app(), staff, { capacity: 1 });
      expect((await enroll(app(), members[0]!, id)).body.mine?.status).toBe('enrolled');
      expect((await enroll(app(), members[1]!, id)).body.mine?.status).toBe('waitlisted');
    });

    it('returns 409 ACTIVITY_CHECKIN_NOT_TODAY before the activity’s day', async () => {
      const r = await app().call(api.checkIn, { params: { id }, body: { code: await memberCode(app(), members[0]!) }, token: staff });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('ACTIVITY_CHECKIN_NOT_TODAY');
    });

    it('checks an enrolled member in once on the day and returns 409 ACTIVITY_ALREADY_CHECKED_IN the second time', async () => {
      app().clock.advance(71 * HOUR); // the activity starts in 72 hours: the same Shanghai day
      try {
        const code = await memberCode(app(), members[0]!);
        // two doors scanning the member at once (different keys): one check-in
        const pair = await Promise.all([0, 1].map(() => app().call(api.checkIn, { params: { id }, body: { code }, token: staff })));
        expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
        const first = pair.find((r) => r.status === 200)!;
        expect(first.body).toMatchObject({ status: 'enrolled' });
        expect(first.body.checkedInAt).not.toBeNull();
        expect(pair.find((r) => r.status === 409)?.error?.code).toBe('ACTIVITY_ALREADY_CHECKED_IN');
        const second = await app().call(api.checkIn, { params: { id }, body: { code }, token: staff });
        expect(second.status).toBe(409);
        expect(second.error?.code).toBe('ACTIVITY_ALREADY_CHECKED_IN');
      } finally {
        app().clock.advance(-71 * HOUR);
      }
    });

    it('returns 409 ACTIVITY_NOT_ENROLLED for a waitlisted member and for one who never signed up', async () => {
      app().clock.advance(71 * HOUR);
      try {
        for (const t of [members[1]!, members[2]!]) {
          const r = await app().call(api.checkIn, { params: { id }, body: { code: await memberCode(app(), t) }, token: staff });
          expect(r.status).toBe(409);
          expect(r.error?.code).toBe('ACTIVITY_NOT_ENROLLED');
        }
      } finally {
        app().clock.advance(-71 * HOUR);
      }
    });

    it('returns 404 MEMBER_CODE_EXPIRED for an unknown code', async () => {
      const r = await app().call(api.checkIn, { params: { id }, body: { code: '000000000000' }, token: staff });
      expect(r.status).toBe(404);
      expect(r.error?.code).toBe('MEMBER_CODE_EXPIRED');
    });

    it('shows attendance and no-shows once the activity has ended', async () => {
      app().clock.advance(80 * HOUR);
      try {
        const r = await app().call(api.staffActivity, { params: { id }, token: staff });
        expect(r.body).toMatchObject({ phase: 'ended', enrolledCount: 1, checkedInCount: 1, noShowCount: 0, waitlistCount: 1 });
      } finally {
        app().clock.advance(-80 * HOUR);
      }
    });
  });

  describe('publishing', () => {
    it('returns 422 ACTIVITY_INVALID for a sign-up that closes after the start, and publishes nothing', async () => {
      const input = await activityInput(app(), { title: '时间设置有误的活动' });
      const r = await app().call(api.createActivity, { body: { ...input, signupEndsAt: new Date(new Date(input.startsAt).getTime() + HOUR).toISOString() }, token: staff });
      expect(r.status).toBe(422);
      expect(r.error?.code).toBe('ACTIVITY_INVALID');
      const listed = await app().call(api.staffActivities, { query: { limit: 100 }, token: staff });
      expect(listed.body.data.some((a) => a.title === '时间设置有误的活动')).toBe(false);
    });

    it('returns 404 UNION_NOT_FOUND to grassroots staff publishing for the district above them', async () => {
      const r = await app().call(api.createActivity, { body: await activityInput(app(), { unionName: '吴兴区总工会' }), token: await app().login('13900000003') });
      expect(r.status).toBe(404);
      expect(r.error?.code).toBe('UNION_NOT_FOUND');
    });
  });

  describe('audience', () => {
    it('hides a 劳模-only activity from other members (404 to read and to enrol) and opens it to model workers', async () => {
      const id = await publishedActivity(app(), staff, { title: '劳模疗休养：莫干山三日', category: 'rest_trip', audience: { unionId: (await activityInput(app())).audience.unionId, tags: ['model_worker'] } });
      const [other] = await phonesWithTag(app(), false, 1);
      const [model] = await phonesWithTag(app(), true, 1);
      const otherToken = await app().login(other!);
      const modelToken = await app().login(model!);
      expect((await app().call(api.getActivity, { params: { id }, token: otherToken })).status).toBe(404);
      const refused = await enroll(app(), otherToken, id);
      expect(refused.status).toBe(404);
      expect(refused.error?.code).toBe('ACTIVITY_NOT_FOUND');
      const list = await app().call(api.listActivities, { query: { limit: 100 }, token: otherToken });
      expect(list.body.data.some((a) => a.id === id)).toBe(false);
      expect((await app().call(api.listActivities, { query: { limit: 100 }, token: modelToken })).body.data.some((a) => a.id === id)).toBe(true);
      expect((await enroll(app(), modelToken, id)).status).toBe(201);
    });

    it('hides another district’s activity from a member outside it', async () => {
      const wuxingStaff = await app().login('13900000002');
      const id = await publishedActivity(app(), wuxingStaff, { unionName: '吴兴区总工会' });
      const [outside] = await queryRows<{ phone: string }>(
        app().deps.db,
        sql`select u.phone from members m join users u on u.id = m.user_id join unions un on un.id = m.union_id where m.status = 'active' and un.name = '湖州公交集团有限公司工会' limit 1`,
      );
      const token = await app().login(outside!.phone);
      expect((await app().call(api.getActivity, { params: { id }, token })).status).toBe(404);
      expect((await app().call(api.staffActivity, { params: { id }, token: await app().login('13900000003') })).status).toBe(404);
    });
  });

  describe('你点我送', () => {
    let w: string[]; // members of one district (吴兴): topics go to the district union
    beforeAll(async () => {
      w = await Promise.all((await phonesIn(app(), '吴兴区快递物流行业联合工会', 4, 0)).map((p) => app().login(p)));
    });

    it('takes one vote per member per topic (409 TOPIC_ALREADY_VOTED the second time) and ranks by votes', async () => {
      const proposed = await app().call(api.proposeTopic, { body: { title: '中式面点制作', description: '想学做包子馒头' }, token: w[0]! });
      expect(proposed.status).toBe(201);
      expect(proposed.body).toMatchObject({ votes: 1, votedByMe: true });
      const id = proposed.body.id;
      const again = await app().call(api.voteTopic, { params: { id }, token: w[0]! });
      expect(again.status).toBe(409);
      expect(again.error?.code).toBe('TOPIC_ALREADY_VOTED');
      const votes = await Promise.all([w[1]!, w[1]!, w[2]!].map((t) => app().call(api.voteTopic, { params: { id }, token: t })));
      expect(votes.map((v) => v.status).sort()).toEqual([201, 201, 409]);
      const ranking = await app().call(api.staffTopics, { query: {}, token: staff });
      expect(ranking.body.data.find((t) => t.id === id)?.votes).toBe(3);
      // an applicant still waiting for approval neither votes nor proposes (403), and nothing is counted
      const [applicant] = await queryRows<{ phone: string }>(app().deps.db, sql`select u.phone from members m join users u on u.id = m.user_id where m.status = 'pending' limit 1`);
      const pending = await app().login(applicant!.phone);
      expect((await app().call(api.voteTopic, { params: { id }, token: pending })).error?.code).toBe('TOPIC_MEMBER_NOT_ACTIVE');
      expect((await app().call(api.proposeTopic, { body: { title: '茶艺入门' }, token: pending })).error?.code).toBe('TOPIC_MEMBER_NOT_ACTIVE');
      expect((await app().call(api.staffTopics, { query: {}, token: staff })).body.data.find((t) => t.id === id)?.votes).toBe(3);
    });

    it('turns a topic into an activity in one step and tells every voter', async () => {
      const proposed = await app().call(api.proposeTopic, { body: { title: '手机摄影入门' }, token: w[0]! });
      const id = proposed.body.id;
      expect((await app().call(api.voteTopic, { params: { id }, token: w[1]! })).status).toBe(201);
      // a member of another district does not see the 吴兴 topic at all
      const [bus] = await phonesIn(app(), '湖州公交集团有限公司工会', 1, 0);
      expect((await app().call(api.voteTopic, { params: { id }, token: await app().login(bus!) })).status).toBe(404);
      // open to another district only, the voters could not sign up: refused, nothing published
      const elsewhere = await app().call(api.scheduleTopic, { params: { id }, body: await activityInput(app(), { unionName: '南浔区总工会' }), token: staff });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.error?.code).toBe('ACTIVITY_INVALID');
      const scheduled = await app().call(api.scheduleTopic, { params: { id }, body: await activityInput(app(), { title: '职工阳光课堂：手机摄影入门' }), token: staff });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body.topicId).toBe(id);
      for (const t of [w[0]!, w[1]!]) {
        const n = (await app().call(api.notices, { query: {}, token: t })).body.data.filter((x) => x.kind === 'activity.topic_scheduled');
        expect(n).toHaveLength(1);
        expect(n[0]!.link).toEqual({ page: NOTICE_PAGES.activity, id: scheduled.body.id });
      }
      const none = (await app().call(api.notices, { query: {}, token: w[3]! })).body.data.filter((x) => x.kind === 'activity.topic_scheduled');
      expect(none).toHaveLength(0);
      const twice = await app().call(api.scheduleTopic, { params: { id }, body: await activityInput(app()), token: staff });
      expect(twice.status).toBe(409);
      expect(twice.error?.code).toBe('TOPIC_SCHEDULED');
      const closedVote = await app().call(api.voteTopic, { params: { id }, token: w[3]! });
      expect(closedVote.error?.code).toBe('TOPIC_SCHEDULED');
    });
  });
});
