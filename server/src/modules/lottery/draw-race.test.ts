import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { DEFAULT_POOL_TIMEOUTS, openPostgres, type Database } from '../../db/index';
import { freshDatabase, storageKinds, type TestDatabase } from '../../testing/database';
import { startTestApp, type TestApp } from '../../testing/harness';
import { drawDueLotteries, lotteryDrawer } from './draw';
import { AFTER_DRAW, DURING_REGISTRATION, issued, lotteryBatch, membersWhere, register } from '../../testing/lottery';

/**
 * Several API processes over one database all run the draw when its time comes. On PostgreSQL the
 * second drawer here is another pool (another "process"); on PGlite, one connection, the same one.
 */
describe.each(storageKinds)('the draw under concurrency on %s', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let other: Database | undefined;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    app = await startTestApp(kind, { database, now: '2026-12-01T02:00:00Z' });
    other = database.url ? await openPostgres(database.url, 5, DEFAULT_POOL_TIMEOUTS) : undefined;
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  async function registeredBatch(stockTotal: number, registrants: number) {
    const city = await app.login('13900000001');
    const b = await lotteryBatch(app, city, { stockTotal, title: `并发开奖 ${stockTotal}/${registrants}` });
    app.clock.set(DURING_REGISTRATION);
    for (const m of await membersWhere(app, registrants)) expect((await register(app, m.token, b.id)).status).toBe(201);
    app.clock.set(AFTER_DRAW);
    return b;
  }

  it('issues one set of winners when two drawers race, with the counter equal to the vouchers', async () => {
    const b = await registeredBatch(5, 12);
    const second = other?.db ?? app.deps.db;
    const now = app.clock.now();
    const outcomes = await Promise.all([lotteryDrawer(app.deps.db, b.id, now), lotteryDrawer(second, b.id, now), drawDueLotteries(second, now)]);
    expect([outcomes[0].drawn, outcomes[1].drawn, outcomes[2].includes(b.id)].filter(Boolean)).toHaveLength(1);
    expect(await issued(app, b.id)).toEqual({ vouchers: 5, counter: 5, won: 5 });
    // once drawn, it never draws again
    expect((await lotteryDrawer(app.deps.db, b.id, now)).drawn).toBe(false);
    expect(await issued(app, b.id)).toEqual({ vouchers: 5, counter: 5, won: 5 });
  });

  it('gives every reader racing after the draw time the same result', async () => {
    const b = await registeredBatch(4, 9);
    const reads = await Promise.all(Array.from({ length: 6 }, () => app.call(api.lotteryResult, { params: { id: b.id } })));
    const winners = reads.map((r) => JSON.stringify(r.body.entries.filter((e) => e.won).map((e) => e.ticket)));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(winners).size).toBe(1);
    expect(await issued(app, b.id)).toEqual({ vouchers: 4, counter: 4, won: 4 });
  });

  it('draws when staff open the figures after the draw time', async () => {
    const b = await registeredBatch(2, 3);
    const stats = await app.call(api.batchStats, { params: { id: b.id }, token: await app.login('13900000001') });
    expect(stats.body.lottery).toMatchObject({ registrations: 3, drawn: 3, winners: 2, drawnAt: app.clock.now().toISOString() });
    expect(await issued(app, b.id)).toEqual({ vouchers: 2, counter: 2, won: 2 });
  });

  it('gives everyone a voucher when fewer register than there are prizes', async () => {
    const b = await registeredBatch(10, 3);
    expect(await drawDueLotteries(app.deps.db, app.clock.now())).toContain(b.id);
    expect(await issued(app, b.id)).toEqual({ vouchers: 3, counter: 3, won: 3 });
  });
});
