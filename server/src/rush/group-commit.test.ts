import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/index';
import { freshDatabase, storageKinds } from '../testing/database';
import { claim, publishedBatch } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/harness';
import { activePhones } from '../testing/people';
import { GroupCommit } from './group-commit';
import { DEFAULT_RUSH } from './index';

describe('group commit', () => {
  it('writes what arrives in one turn as one group, at most `max` at a time, one group at the database', async () => {
    const groups: number[][] = [];
    let atOnce = 0;
    let most = 0;
    const gc = new GroupCommit(
      async (items: number[]) => {
        most = Math.max(most, ++atOnce);
        groups.push(items);
        await new Promise((r) => setTimeout(r, 5));
        atOnce--;
        return items.map((i) => i * 10);
      },
      4,
      1,
    );
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => gc.submit(i)));
    expect(answers).toEqual([10, 20, 30, 40, 50, 60]);
    expect(groups).toEqual([[1, 2, 3, 4], [5, 6]]);
    expect(most).toBe(1);
  });

  it('fails only the group whose write failed', async () => {
    const gc = new GroupCommit(async (items: number[]) => {
      if (items.includes(13)) throw new Error('bad group');
      return items;
    }, 10, 1);
    const first = Promise.allSettled([gc.submit(13), gc.submit(14)]);
    await new Promise((r) => setImmediate(r));
    const second = gc.submit(15);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await second).toBe(15);
  });
});

describe.each(storageKinds)('claims written in groups on %s', (kind) => {
  let keyInserts = 0;
  let app: TestApp;
  let city: string;
  beforeAll(async () => {
    const database = await freshDatabase(kind, { onQuery: (q) => void (/^insert into "idempotency_keys"/.test(q) && keyInserts++) });
    app = await startTestApp(kind, { database, now: '2026-12-20T02:00:00Z', config: { rush: { ...DEFAULT_RUSH, memberRate: 0, ipRate: 0 } } });
    city = await app.login('13900000001');
  }, 120_000);
  afterAll(() => app?.close());

  it('writes 120 claims at once in far fewer transactions, issuing exactly the stock', async () => {
    const b = await publishedBatch(app, city, { stockTotal: 100, perMemberLimit: 1, title: '成组提交 立减' });
    const tokens = await Promise.all((await activePhones(app, 120, 0)).map((p) => app.login(p)));
    keyInserts = 0;
    const answers = await Promise.all(tokens.map((t) => claim(app, t, b.id)));
    const statuses = answers.map((a) => (a.status === 201 ? 201 : a.error?.code));
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s === 'VOUCHER_SOLD_OUT')).toHaveLength(20);
    // claims the memory could not refuse went to the database in groups: far fewer key inserts than claims
    expect(keyInserts).toBeGreaterThan(0);
    expect(keyInserts).toBeLessThan(30);
    const [row] = await queryRows<{ issued: number; counter: number; ids: number }>(
      app.deps.db,
      sql`select (select count(*)::int from vouchers where batch_id = ${b.id} and status <> 'returned') as issued,
                 (select stock_claimed from voucher_batches where id = ${b.id}) as counter,
                 (select count(distinct member_id)::int from vouchers where batch_id = ${b.id}) as ids`,
    );
    expect(row).toEqual({ issued: 100, counter: 100, ids: 100 });
  });

  it('answers one key sent twice in one group with one voucher and identical bytes, and refuses it for another batch', async () => {
    const b1 = await publishedBatch(app, city, { stockTotal: 10, perMemberLimit: 3, title: '同键 立减' });
    const b2 = await publishedBatch(app, city, { stockTotal: 10, perMemberLimit: 3, title: '同键另批 立减' });
    const [phone] = await activePhones(app, 1, 150);
    const token = await app.login(phone!);
    const key = randomUUID();
    const [a, b, c] = await Promise.all([claim(app, token, b1.id, key), claim(app, token, b1.id, key), claim(app, token, b2.id, key)]);
    expect(a.status).toBe(201);
    expect(b.text).toBe(a.text);
    expect(c.status).toBe(422);
    expect(c.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [held] = await queryRows<{ n: number }>(app.deps.db, sql`select count(*)::int as n from vouchers where batch_id in (${b1.id}, ${b2.id})`);
    expect(held!.n).toBe(1);
  });
});
