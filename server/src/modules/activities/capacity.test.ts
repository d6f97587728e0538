import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, NOTICE_PAGES } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { cancelEnrollment, enroll, publishedActivity } from '../../testing/activities';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { activePhones } from '../../testing/people';

const HOUR = 3600_000;

describe.each(storageKinds)('places and the waitlist on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let staff: string;
  let tokens: string[];
  beforeAll(async () => {
    staff = await app().login('13900000001');
    tokens = await Promise.all((await activePhones(app(), 50, 0)).map((p) => app().login(p)));
  }, 60_000);

  it('enrols exactly 20 of 50 members racing for 20 places and waitlists the other 30 in arrival order', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 20 });
    const answers = await Promise.all(tokens.map((t) => enroll(app(), t, id)));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    expect(answers.filter((r) => r.body.mine?.status === 'enrolled')).toHaveLength(20);
    const waiting = answers.filter((r) => r.body.mine?.status === 'waitlisted');
    expect(waiting).toHaveLength(30);
    expect(waiting.map((r) => r.body.mine!.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const [row] = await queryRows<{ enrolled_count: number; n: number }>(
      app().deps.db,
      sql`select a.enrolled_count, (select count(*)::int from activity_enrollments e where e.activity_id = a.id and e.status = 'enrolled') as n from activities a where a.id = ${id}`,
    );
    expect(Number(row!.enrolled_count)).toBe(20);
    expect(Number(row!.n)).toBe(20);
  });

  it('refuses the 21st with 409 ACTIVITY_FULL when the activity keeps no waitlist', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 20, waitlist: false });
    const answers = await Promise.all(tokens.map((t) => enroll(app(), t, id)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = answers.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(30);
    expect(refused.every((r) => r.status === 409 && r.error?.code === 'ACTIVITY_FULL')).toBe(true);
  });

  it('promotes the first on the waitlist exactly once when a place is given back, and tells them', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 2 });
    for (const t of tokens.slice(0, 4)) expect((await enroll(app(), t, id)).status).toBe(201);
    const key = crypto.randomUUID();
    const cancelled = await cancelEnrollment(app(), tokens[0]!, id, key);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.mine?.status).toBe('cancelled');
    // the same request again (a retry) changes nothing: one promotion only
    expect((await cancelEnrollment(app(), tokens[0]!, id, key)).text).toBe(cancelled.text);
    const third = await app().call(api.getActivity, { params: { id }, token: tokens[2]! });
    expect(third.body.mine).toMatchObject({ status: 'enrolled' });
    expect(third.body.mine?.promotedAt).not.toBeNull();
    const fourth = await app().call(api.getActivity, { params: { id }, token: tokens[3]! });
    expect(fourth.body.mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(third.body.enrolledCount).toBe(2);
    const notices = await app().call(api.notices, { token: tokens[2]!, query: {} });
    const promoted = notices.body.data.filter((n) => n.kind === 'activity.promoted' && n.link?.id === id);
    expect(promoted).toHaveLength(1);
    expect(promoted[0]!.link?.page).toBe(NOTICE_PAGES.activity);
  });

  it('frees one place and promotes one member when the same member cancels twice at once with different keys', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 2 });
    for (const t of tokens.slice(10, 14)) expect((await enroll(app(), t, id)).status).toBe(201);
    const both = await Promise.all([cancelEnrollment(app(), tokens[10]!, id), cancelEnrollment(app(), tokens[10]!, id)]);
    // the second finds no place left to give back (404), whichever came second
    expect(both.map((r) => r.status).sort()).toEqual([200, 404]);
    const [counts] = await queryRows<{ enrolled: number; waitlisted: number; counter: number }>(
      app().deps.db,
      sql`select count(*) filter (where e.status = 'enrolled')::int as enrolled, count(*) filter (where e.status = 'waitlisted')::int as waitlisted,
                 (select enrolled_count from activities where id = ${id}) as counter
            from activity_enrollments e where e.activity_id = ${id}`,
    );
    expect(counts).toEqual({ enrolled: 2, waitlisted: 1, counter: 2 });
  });

  it('pages the sign-up sheet, each waitlisted member with their place in the line', async () => {
    const id = await publishedActivity(app(), staff, { capacity: 2 });
    for (const t of tokens.slice(20, 26)) expect((await enroll(app(), t, id)).status).toBe(201);
    const first = await app().call(api.activityEnrollments, { params: { id }, query: { status: 'waitlisted', limit: 3 }, token: staff });
    expect(first.body.data.map((e) => e.waitlistPosition)).toEqual([1, 2, 3]);
    const next = await app().call(api.activityEnrollments, { params: { id }, query: { status: 'waitlisted', limit: 3, cursor: first.body.pagination.nextCursor! }, token: staff });
    expect(next.body.data.map((e) => e.waitlistPosition)).toEqual([4]);
    expect(next.body.pagination.nextCursor).toBeNull();
    const all = await app().call(api.activityEnrollments, { params: { id }, query: { limit: 10 }, token: staff });
    expect(all.body.data.map((e) => [e.status, e.waitlistPosition])).toEqual([['enrolled', null], ['enrolled', null], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3], ['waitlisted', 4]]);
  });

  it('returns 409 ACTIVITY_ALREADY_ENROLLED for a second sign-up by the same member', async () => {
    const id = await publishedActivity(app(), staff);
    expect((await enroll(app(), tokens[5]!, id)).status).toBe(201);
    const again = await enroll(app(), tokens[5]!, id);
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('ACTIVITY_ALREADY_ENROLLED');
  });

  it('returns 409 ACTIVITY_CANCEL_CLOSED for a cancellation after the deadline and keeps the place', async () => {
    const id = await publishedActivity(app(), staff);
    expect((await enroll(app(), tokens[6]!, id)).status).toBe(201);
    app().clock.advance(25 * HOUR); // the deadline is 24 hours from now
    try {
      const late = await cancelEnrollment(app(), tokens[6]!, id);
      expect(late.status).toBe(409);
      expect(late.error?.code).toBe('ACTIVITY_CANCEL_CLOSED');
      const seen = await app().call(api.getActivity, { params: { id }, token: tokens[6]! });
      expect(seen.body.mine).toMatchObject({ status: 'enrolled', mayCancel: false });
    } finally {
      app().clock.advance(-25 * HOUR);
    }
  });

  it('returns 409 ACTIVITY_SIGNUP_CLOSED before the sign-up window opens', async () => {
    const id = await publishedActivity(app(), staff, { signupStartsAt: new Date(app().clock.now().getTime() + HOUR).toISOString() });
    const r = await enroll(app(), tokens[7]!, id);
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('ACTIVITY_SIGNUP_CLOSED');
  });
});
