import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, WISH_STATUSES } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';

describe.each(storageKinds)('demo wishes on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-11-26T02:00:00Z' });

  it('has thirty wishes in every state, timelines that end where the wish is, and donor counters that match', async () => {
    const rows = await queryRows<{ status: string; last: string }>(
      app().deps.db,
      sql`select w.status, (select e.to_status from wish_events e where e.wish_id = w.id order by e.id desc limit 1) as last from wishes w`,
    );
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(WISH_STATUSES));
    for (const r of rows) expect(r.last).toBe(r.status);
    const [mismatch] = await queryRows<{ n: number }>(
      app().deps.db,
      sql`select count(*)::int as n from donor_profiles p where p.active_adoptions <> (select count(*) from wish_adoptions a where a.donor_user_id = p.user_id and a.status = 'active')`,
    );
    expect(Number(mismatch!.n)).toBe(0);
  });

  it('has two enterprise donors and several individual ones, and a thank-you wall', async () => {
    const [d] = await queryRows<{ enterprise: number; individual: number }>(
      app().deps.db,
      sql`select count(*) filter (where kind = 'enterprise')::int as enterprise, count(*) filter (where kind = 'individual')::int as individual from donors`,
    );
    expect(Number(d!.enterprise)).toBe(2);
    expect(Number(d!.individual)).toBeGreaterThanOrEqual(3);
    const wall = await app().call(api.thanksWall, { query: {} });
    expect(wall.body.data.length).toBeGreaterThanOrEqual(3);
    expect(wall.body.data.map((e) => e.donorName)).toContain('湖州同心建设有限公司');
    const enterprise = await app().login('13700000002');
    expect((await app().call(api.donorProfile, { token: enterprise })).body).toMatchObject({ kind: 'enterprise', licenceStatus: 'verified', appearsAs: '湖州同心建设有限公司' });
    const member = await app().login('13800000001');
    const mine = await app().call(api.myWishes, { token: member });
    expect(mine.body.data.find((w) => w.status === 'handed_over')?.abilities.confirmReceipt).toBe(true);
    expect((await app().call(api.unreadNotices, { token: member })).body.unread).toBeGreaterThanOrEqual(1);
  });
});
