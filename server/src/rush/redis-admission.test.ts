import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { requestFingerprint } from '../http/idempotency';
import { storageKinds } from '../testing/database';
import { claim, publishedBatch } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/harness';
import { activePhones } from '../testing/people';
import { flushPrefix, testRedisPrefix, TEST_REDIS_URL } from '../testing/redis';
import { DEFAULT_RUSH, type RushConfig } from './index';
import type { RedisAdmission } from './redis-admission';

const REDIS_URL = TEST_REDIS_URL;
if (!REDIS_URL) console.warn('redis-admission.test.ts: REDIS_URL is not set, the Redis admission tests are skipped (.ci/run sets it when `redis-cli ping` answers)');

const BENEFIT_MORNING = '2026-12-20T02:00:00Z';
/** A prefix of this run's own: other runs may share the Redis; only these keys are ever deleted. */
const PREFIX = testRedisPrefix('admission');

const rushWith = (url: string, timeoutMs = 2000): RushConfig => ({ ...DEFAULT_RUSH, memberRate: 0, ipRate: 0, redis: { url, prefix: PREFIX, timeoutMs } });

const flush = (redis: RedisAdmission) => flushPrefix(redis.redis, PREFIX);

interface Ledger {
  live: number;
  counter: number;
  perMember: Map<string, number>;
  storedKeys: number;
}

async function ledger(app: TestApp, batchId: string): Promise<Ledger> {
  const [b] = await queryRows<{ counter: number }>(app.deps.db, sql`select stock_claimed as counter from voucher_batches where id = ${batchId}`);
  const rows = await queryRows<{ member_id: string; n: number }>(
    app.deps.db,
    sql`select member_id, count(*)::int as n from vouchers where batch_id = ${batchId} and status <> 'returned' group by member_id`,
  );
  const fingerprint = requestFingerprint(api.claim.method, api.claim.path, { params: { id: batchId }, body: undefined });
  const [k] = await queryRows<{ n: number }>(app.deps.db, sql`select count(*)::int as n from idempotency_keys where fingerprint = ${fingerprint}`);
  return { live: rows.reduce((s, r) => s + r.n, 0), counter: Number(b!.counter), perMember: new Map(rows.map((r) => [r.member_id, r.n])), storedKeys: k!.n };
}

/** What Redis holds for each member holding a voucher (the build's epoch). */
async function redisPerMember(redis: RedisAdmission, batchId: string, epoch: string, members: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const m of members) out.set(m, Number((await redis.redis.hget(`${redis.base(batchId)}${epoch}:m:${m}`, 'n')) ?? 0));
  return out;
}

/** Polls until Redis's counts equal the ledger (the answers' follow-ups are sent after the answers). */
async function countsMatchLedger(app: TestApp, redis: RedisAdmission, batchId: string, limitMs = 5000): Promise<{ redisIssued: number; l: Ledger }> {
  const start = performance.now();
  for (;;) {
    const l = await ledger(app, batchId);
    const c = await redis.counts(batchId);
    if (c) {
      const per = await redisPerMember(redis, batchId, c.epoch, [...l.perMember.keys()]);
      const same = c.issued === l.counter && [...l.perMember].every(([m, n]) => per.get(m) === n);
      if (same || performance.now() - start > limitMs) return { redisIssued: c.issued, l };
    } else {
      // nothing built (flushed after the last claim): a claim builds it again, as in a rush
      await redis.build(batchId, true);
    }
    if (performance.now() - start > limitMs) return { redisIssued: c?.issued ?? -1, l };
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!REDIS_URL).each(storageKinds)('Redis admission before the claim write on %s', (kind) => {
  let app: TestApp;
  let redis: RedisAdmission;
  let city: string;
  let tokens: string[];
  beforeAll(async () => {
    app = await startTestApp(kind, { now: BENEFIT_MORNING, config: { rush: rushWith(REDIS_URL!) } });
    redis = app.deps.rush!.redis!;
    city = await app.login('13900000001');
    tokens = await Promise.all((await activePhones(app, 120, 0)).map((p) => app.login(p)));
  }, 120_000);
  afterAll(async () => {
    if (redis) await flush(redis);
    await app?.close();
  });

  it('issues exactly the stock to claims far beyond it, the per-member limit exact, and refuses the rest in Redis', async () => {
    const b = await publishedBatch(app, city, { stockTotal: 40, perMemberLimit: 2, title: 'Redis 抢券 立减' });
    expect(await redis.build(b.id)).toBe(true);
    // 120 members, the first 30 sending four claims each at once: 210 claims for 40 vouchers
    const answers = await Promise.all(tokens.flatMap((t, i) => Array.from({ length: i < 30 ? 4 : 1 }, () => claim(app, t, b.id))));
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(40);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    for (const a of answers.filter((x) => x.status !== 201)) expect(['VOUCHER_SOLD_OUT', 'VOUCHER_LIMIT_REACHED']).toContain(a.error?.code);
    const { redisIssued, l } = await countsMatchLedger(app, redis, b.id);
    expect(l.live).toBe(40);
    expect(l.counter).toBe(40);
    expect(Math.max(...l.perMember.values())).toBeLessThanOrEqual(2);
    expect(redisIssued).toBe(40);
    const c = (await redis.counts(b.id))!;
    expect(await redisPerMember(redis, b.id, c.epoch, [...l.perMember.keys()])).toEqual(l.perMember);
    // every refusal came from Redis or memory: only the 40 admitted claims reached the database (refusals there are stored under their keys)
    expect(l.storedKeys).toBe(40);
  });

  it('issues nothing beyond the stock when Redis is flushed mid-rush, and rebuilds its counts equal to the ledger', async () => {
    const b = await publishedBatch(app, city, { stockTotal: 50, perMemberLimit: 3, title: 'Redis 清空 立减' });
    await redis.build(b.id);
    const wave = (from: number, to: number) => Promise.all(tokens.slice(from, to).flatMap((t) => [claim(app, t, b.id), claim(app, t, b.id)]));
    const first = wave(0, 30);
    await new Promise((r) => setTimeout(r, 5));
    expect(await flush(redis)).toBeGreaterThan(0);
    const answers = [...(await first), ...(await wave(30, 60)), ...(await wave(60, 120))];
    expect(answers.filter((a) => a.status === 201)).toHaveLength(50);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const { redisIssued, l } = await countsMatchLedger(app, redis, b.id);
    expect(l.live).toBe(50);
    expect(l.counter).toBe(50);
    expect(redisIssued).toBe(50);
    const c = (await redis.counts(b.id))!;
    expect(await redisPerMember(redis, b.id, c.epoch, [...l.perMember.keys()])).toEqual(l.perMember);
  });

  it('gives the place back when a voucher is returned: the next member gets it, and the counts follow the ledger', async () => {
    const b = await publishedBatch(app, city, { stockTotal: 3, perMemberLimit: 1, title: 'Redis 退券 立减' });
    await redis.build(b.id);
    const answers = await Promise.all(tokens.slice(0, 6).map((t) => claim(app, t, b.id)));
    const holder = answers.findIndex((a) => a.status === 201);
    const waiting = tokens[answers.findIndex((a) => a.status !== 201)]!;
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect((await claim(app, waiting, b.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    expect((await countsMatchLedger(app, redis, b.id)).redisIssued).toBe(3);

    const returned = await app.call(api.returnVoucher, { params: { id: answers[holder]!.body!.voucher.id }, token: tokens[holder]! });
    expect(returned.status).toBe(200);
    const start = performance.now();
    let again = await claim(app, waiting, b.id);
    while (again.status !== 201 && performance.now() - start < 3000) {
      await new Promise((r) => setTimeout(r, 50));
      again = await claim(app, waiting, b.id);
    }
    expect(again.status).toBe(201);
    const { redisIssued, l } = await countsMatchLedger(app, redis, b.id);
    expect(l.live).toBe(3);
    expect(redisIssued).toBe(3);
  });
  it('reconciles admissions a killed process never answered: "sold out" from Redis gives way once the database has disagreed long enough', async () => {
    const b = await publishedBatch(app, city, { stockTotal: 2, perMemberLimit: 1, title: 'Redis 泄漏 立减' });
    await redis.build(b.id);
    // two admissions taken by a process that then died: Redis counts the whole stock, the database none of it
    for (let i = 0; i < 2; i++) expect((await redis.admit(b.id, randomUUID(), randomUUID())).kind).toBe('admitted');
    const first = await claim(app, tokens[0]!, b.id);
    expect(first.error?.code).toBe('VOUCHER_SOLD_OUT');
    const start = performance.now();
    let again = first;
    // stragglers further apart than the claim gate's bound (1 s): its facts are stale at each claim
    while (again.status !== 201 && performance.now() - start < 25_000) {
      await new Promise((r) => setTimeout(r, 1500));
      again = await claim(app, tokens[0]!, b.id);
    }
    expect(again.status).toBe(201);
    const { redisIssued, l } = await countsMatchLedger(app, redis, b.id);
    expect(l.live).toBe(1);
    expect(redisIssued).toBe(1);
  }, 60_000);
});

describe.skipIf(!REDIS_URL).each(storageKinds)('Redis gone on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    // nothing listens on port 1: every Redis call fails at once and the claim goes to the database
    app = await startTestApp(kind, { now: BENEFIT_MORNING, config: { rush: rushWith('redis://127.0.0.1:1', 200) } });
  }, 120_000);
  afterAll(() => app?.close());

  it('claims still work through the database, exactly the stock, without a 5xx', async () => {
    const city = await app.login('13900000001');
    const b = await publishedBatch(app, city, { stockTotal: 10, perMemberLimit: 1, title: 'Redis 不在 立减' });
    const tokens = await Promise.all((await activePhones(app, 25, 0)).map((p) => app.login(p)));
    const answers = await Promise.all(tokens.map((t) => claim(app, t, b.id)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status !== 201).map((a) => a.error?.code)).toEqual(Array(15).fill('VOUCHER_SOLD_OUT'));
    expect(await app.deps.rush!.redis!.counts(b.id).catch(() => 'down')).toBe('down');
  });
});
