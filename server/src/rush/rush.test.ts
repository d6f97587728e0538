import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { openPostgres, queryRows, DEFAULT_POOL_TIMEOUTS } from '../db/index';
import { freshDatabase, storageKinds } from '../testing/database';
import { claim, publishedBatch } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/harness';
import { DEFAULT_RUSH, type RushConfig } from './index';
import { DURING_REGISTRATION, lotteryBatch, SET_UP as LOTTERY_SET_UP } from '../testing/lottery';

const BEFORE = '2026-12-01T02:00:00Z';
const BENEFIT_MORNING = '2026-12-20T02:00:00Z'; // 10:00 Shanghai on the 20th
/** The stated bound (RUSH_STALE_MS) and what a loaded two-core test machine adds to it. */
const BOUND_MS = DEFAULT_RUSH.staleMs;
const SLACK_MS = 1000;

async function activeMemberPhones(app: TestApp, count: number, offset = 0): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' and u.phone like '138%' order by u.phone limit ${count} offset ${offset}`,
  );
  return rows.map((r) => r.phone);
}

/** Repeats `attempt` until it says yes; the time it took. Fails past `limitMs`. */
async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await attempt()) return performance.now() - start;
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe.each(storageKinds)('the claim path answers no from memory on %s', (kind) => {
  let queries = 0;
  let app: TestApp;
  let city: string;
  let phones: string[];
  beforeAll(async () => {
    const database = await freshDatabase(kind, { onQuery: () => void queries++ });
    // a long staleness bound here, so no background re-read falls inside a counted stretch
    app = await startTestApp(kind, { database, now: BEFORE, config: { rush: { ...DEFAULT_RUSH, memberRate: 0, ipRate: 0, staleMs: 20_000 } } });
    city = await app.login('13900000001');
    phones = await activeMemberPhones(app, 6);
  }, 120_000);
  afterAll(() => app?.close());

  it('answers sold out, limit reached and not open with zero database queries, and replays a 201 from the database', async () => {
    app.clock.set(BEFORE);
    const b = await publishedBatch(app, city, { stockTotal: 2, perMemberLimit: 1, title: '售罄测试 立减' });
    const tokens = await Promise.all(phones.map((p) => app.login(p)));

    // not open yet: the first claim reads the batch, the rest are answered from memory
    expect((await claim(app, tokens[0]!, b.id)).error?.code).toBe('VOUCHER_NOT_OPEN');
    await settle();
    queries = 0;
    const early = await claim(app, tokens[0]!, b.id);
    expect(early.error?.code).toBe('VOUCHER_NOT_OPEN');
    expect(queries).toBe(0);

    app.clock.set(BENEFIT_MORNING);
    const firstKey = randomUUID();
    const first = await claim(app, tokens[0]!, b.id, firstKey);
    expect(first.status).toBe(201);
    queries = 0;
    expect((await claim(app, tokens[0]!, b.id)).error?.code).toBe('VOUCHER_LIMIT_REACHED');
    expect(queries).toBe(0);

    expect((await claim(app, tokens[1]!, b.id)).status).toBe(201);
    expect((await claim(app, tokens[2]!, b.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    for (const t of tokens.slice(3)) await claim(app, t, b.id); // sessions into memory
    await settle();

    queries = 0;
    const late = await Promise.all(tokens.slice(2).flatMap((t) => [claim(app, t, b.id), claim(app, t, b.id)]));
    expect(late.map((r) => r.error?.code)).toEqual(late.map(() => 'VOUCHER_SOLD_OUT'));
    expect(queries).toBe(0);

    // a holder repeating the key that got the 201 gets the stored 201, not "sold out"
    const replay = await claim(app, tokens[0]!, b.id, firstKey);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
  });

  it('refuses a first-come claim on a lottery batch from memory, as the database does', async () => {
    app.clock.set(LOTTERY_SET_UP);
    const b = await lotteryBatch(app, city, { stockTotal: 2, title: '摇号不可抢 立减' });
    app.clock.set(DURING_REGISTRATION);
    const token = await app.login(phones[2]!);
    const first = await claim(app, token, b.id);
    expect(first.error).toMatchObject({ code: 'VOUCHER_NOT_OPEN', details: { status: 'registering' } });
    await settle();
    queries = 0;
    const again = await claim(app, token, b.id);
    expect(again.error).toMatchObject({ code: 'VOUCHER_NOT_OPEN', details: { status: 'registering' } });
    expect(queries).toBe(0);
  });

  it('lets a claim through within the bound after a voucher is given back', async () => {
    app.clock.set(BEFORE);
    const b = await publishedBatch(app, city, { stockTotal: 1, perMemberLimit: 1, title: '退券测试 立减' });
    app.clock.set(BENEFIT_MORNING);
    const [holder, waiting] = await Promise.all([app.login(phones[4]!), app.login(phones[5]!)]);
    const got = await claim(app, holder, b.id);
    expect(got.status).toBe(201);
    expect((await claim(app, waiting, b.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    await settle();
    expect((await claim(app, waiting, b.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    expect((await app.call(api.returnVoucher, { params: { id: got.body!.voucher.id }, token: holder })).status).toBe(200);
    const took = await within(BOUND_MS + SLACK_MS, async () => (await claim(app, waiting, b.id)).status === 201);
    expect(took).toBeLessThan(BOUND_MS + SLACK_MS);
  });

  it('revokes a signed-out session on the claim path at once', async () => {
    app.clock.set(BENEFIT_MORNING);
    const b = await publishedBatch(app, city, { stockTotal: 5, title: '退出测试 立减' });
    const token = await app.login(phones[3]!);
    await claim(app, token, b.id);
    expect((await app.call(api.logout, { token })).status).toBe(200);
    const took = await within(BOUND_MS + SLACK_MS, async () => (await claim(app, token, b.id)).status === 401);
    expect(took).toBeLessThan(BOUND_MS + SLACK_MS);
  });
});

describe.each(storageKinds)('overload on %s', (kind) => {
  let app: TestApp;
  let city: string;
  const limits: RushConfig = { ...DEFAULT_RUSH, claimConcurrency: 1, claimLine: 0, memberRate: 1, memberBurst: 3, ipRate: 0 };
  beforeAll(async () => {
    app = await startTestApp(kind, { now: BEFORE, config: { rush: limits } });
    city = await app.login('13900000001');
  }, 120_000);
  afterAll(() => app?.close());

  it('answers 503 with Retry-After at once while the claims at the database fill the limit, and never a 500', async () => {
    app.clock.set(BEFORE);
    const b = await publishedBatch(app, city, { stockTotal: 200, title: '限流测试 立减' });
    app.clock.set(BENEFIT_MORNING);
    const phones = await activeMemberPhones(app, 10, 20);
    const tokens = await Promise.all(phones.map((p) => app.login(p)));
    // the one place at the database is taken (a slow claim), and nobody may wait in line
    const slot = await app.deps.rush!.admission.enter();
    expect(slot).not.toBeNull();
    const started = performance.now();
    const shed = await Promise.all(tokens.map((t) => claim(app, t, b.id)));
    slot!();
    expect(performance.now() - started).toBeLessThan(5000);
    for (const r of shed) {
      expect(r.status).toBe(503);
      expect(r.error?.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const after = await Promise.all(tokens.map((t) => claim(app, t, b.id)));
    expect(after.filter((r) => r.status !== 201 && r.status !== 503)).toEqual([]);
    expect(after.some((r) => r.status === 201)).toBe(true);
  });

  it('answers 429 with Retry-After to a member claiming faster than the limit', async () => {
    app.clock.set(BENEFIT_MORNING);
    const b = await publishedBatch(app, city, { stockTotal: 200, perMemberLimit: 5, title: '频率测试 立减' });
    const [phone] = await activeMemberPhones(app, 1, 70);
    const token = await app.login(phone!);
    const results: Awaited<ReturnType<typeof claim>>[] = [];
    for (let i = 0; i < 5; i++) results.push(await claim(app, token, b.id));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.error?.code).toBe('RATE_LIMITED');
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
  });
});

describe.runIf(storageKinds.includes('postgres'))('two API processes over one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  let city: string;
  let phones: string[];
  beforeAll(async () => {
    const database = await freshDatabase('postgres');
    a = await startTestApp('postgres', { database, now: BEFORE });
    b = await startTestApp('postgres', { database: await openPostgres(database.url!, 10, DEFAULT_POOL_TIMEOUTS), now: BEFORE, seed: false });
    city = await a.login('13900000001');
    phones = await activeMemberPhones(a, 4);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  const at = (when: string) => {
    a.clock.set(when);
    b.clock.set(when);
  };

  it('claims on one process within the bound after a voucher is given back on the other', async () => {
    at(BEFORE);
    const batch = await publishedBatch(a, city, { stockTotal: 1, title: '两进程退券 立减' });
    at(BENEFIT_MORNING);
    const holder = await a.login(phones[0]!);
    const waiting = await b.login(phones[1]!);
    const got = await claim(a, holder, batch.id);
    expect(got.status).toBe(201);
    expect((await claim(b, waiting, batch.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    await settle();
    expect((await claim(b, waiting, batch.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    expect((await a.call(api.returnVoucher, { params: { id: got.body!.voucher.id }, token: holder })).status).toBe(200);
    const took = await within(BOUND_MS + SLACK_MS, async () => (await claim(b, waiting, batch.id)).status === 201);
    expect(took).toBeLessThan(BOUND_MS + SLACK_MS);
  });

  it('revokes a session on the other process within the bound after logout', async () => {
    at(BENEFIT_MORNING);
    const batch = await publishedBatch(a, city, { stockTotal: 5, title: '两进程退出 立减' });
    const token = await a.login(phones[2]!);
    await claim(b, token, batch.id); // the session is now in b's memory
    expect((await a.call(api.logout, { token })).status).toBe(200);
    const took = await within(BOUND_MS + SLACK_MS, async () => (await claim(b, token, batch.id)).status === 401);
    expect(took).toBeLessThan(BOUND_MS + SLACK_MS);
  });
});
