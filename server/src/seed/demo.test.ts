import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';
import { seedDemoData } from './demo';

describe.each(storageKinds)('demo data on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-11-26T02:00:00Z' });

  it('seeds once: a second run finds the data and adds nothing', async () => {
    expect(await seedDemoData(app().deps.db, app().deps.keys, app().clock.now())).toBe(false);
    const [n] = await queryRows<{ members: number; unions: number }>(app().deps.db, sql`select (select count(*)::int from members) as members, (select count(*)::int from unions) as unions`);
    expect(n).toEqual({ members: 300, unions: 11 });
  });

  it('has this and next month’s Benefit Day batches, a district batch open now, and stock counters that match the vouchers', async () => {
    const rows = await queryRows<{ title: string; period: string; stock_claimed: number; held: number }>(
      app().deps.db,
      sql`select b.title, b.period, b.stock_claimed, (select count(*)::int from vouchers v where v.batch_id = b.id and v.status <> 'returned') as held from voucher_batches b order by b.period, b.title`,
    );
    for (const r of rows) expect(Number(r.stock_claimed)).toBe(Number(r.held));
    expect(rows.filter((r) => r.period === '2026-11').map((r) => r.title)).toEqual(expect.arrayContaining(['家电以旧换新 满1000减100', '演唱会门票 立减80', '出行打车 满20减5', '吴兴区职工暖心消费券 满100减20']));
    expect(rows.filter((r) => r.period === '2026-12')).toHaveLength(3);
    const member = await app().login('13800000001');
    const open = await app().call(api.listOpenBatches, { token: member });
    expect(open.body.data.find((b) => b.title.startsWith('吴兴区'))!.claimState).toBe('claimable');
  });

  it('gives some members used and some expired vouchers from last month', async () => {
    const [row] = await queryRows<{ used: number; expired: number }>(
      app().deps.db,
      sql`select count(*) filter (where status = 'used')::int as used, count(*) filter (where status = 'unused' and expires_at < ${'2026-11-26T02:00:00Z'})::int as expired from vouchers`,
    );
    expect(Number(row!.used)).toBe(12);
    expect(Number(row!.expired)).toBe(8);
    const merchant = await app().login('13900000011');
    expect((await app().call(api.me, { token: merchant })).body.merchant!.merchantName).toBe('湖州苏宁易购吴兴店');
  });
});
