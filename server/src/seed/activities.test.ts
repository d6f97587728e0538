import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';

describe.each(storageKinds)('demo activities and 聆听 on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });

  it('has a season of activities whose counters match their sign-ups, one full with a waitlist, one running and some past', async () => {
    const rows = await queryRows<{ title: string; capacity: number; enrolled_count: number; enrolled: number; waitlisted: number }>(
      app().deps.db,
      sql`select a.title, a.capacity, a.enrolled_count,
                 (select count(*)::int from activity_enrollments e where e.activity_id = a.id and e.status = 'enrolled') as enrolled,
                 (select count(*)::int from activity_enrollments e where e.activity_id = a.id and e.status = 'waitlisted') as waitlisted
            from activities a`,
    );
    for (const r of rows) expect(Number(r.enrolled_count)).toBe(Number(r.enrolled));
    expect(rows.some((r) => Number(r.enrolled_count) === Number(r.capacity) && Number(r.waitlisted) > 0)).toBe(true);
    const member = await app().login('13800000001');
    const upcoming = await app().call(api.listActivities, { query: { limit: 50 }, token: member });
    expect(upcoming.body.data.map((a) => a.phase)).toEqual(expect.arrayContaining(['running', 'signup', 'not_open']));
    expect(upcoming.body.data.find((a) => a.title === '职工阳光课堂：中式面点')?.mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 5 });
    const past = await app().call(api.listActivities, { query: { when: 'past', limit: 50 }, token: member });
    expect(past.body.data.length).toBeGreaterThanOrEqual(2);
  });

  it('has topics with votes and 聆听 requests in every state, some overdue, and the vote counters match the votes', async () => {
    const [t] = await queryRows<{ bad: number; topics: number }>(
      app().deps.db,
      sql`select count(*)::int as topics, count(*) filter (where votes <> (select count(*) from activity_topic_votes v where v.topic_id = t.id))::int as bad from activity_topics t`,
    );
    expect(Number(t!.bad)).toBe(0);
    expect(Number(t!.topics)).toBeGreaterThanOrEqual(5);
    const [f] = await queryRows<{ n: number; states: number; overdue: number; bypass: number }>(
      app().deps.db,
      sql`select count(*)::int as n, count(distinct status)::int as states, count(*) filter (where status = 'pending' and due_at < ${'2026-12-01T02:00:00Z'})::int as overdue, count(*) filter (where bypass_grassroots)::int as bypass from feedback_requests`,
    );
    expect(Number(f!.n)).toBeGreaterThanOrEqual(24);
    expect(Number(f!.states)).toBe(3);
    expect(Number(f!.overdue)).toBeGreaterThan(0);
    expect(Number(f!.bypass)).toBeGreaterThan(0);
  });
});
