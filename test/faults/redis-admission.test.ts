/*
 * The Redis admission step (server/src/rush/redis-admission.ts) losing its counts mid-rush: the
 * keys of our prefix deleted on the shared Redis (a FLUSH as far as this deployment can tell), and
 * a private redis-server killed and restarted empty. Over HTTP, against real API processes (two
 * on the PostgreSQL server, sharing the Redis; one on PGlite). Afterwards the offline checker: no
 * oversell, counter = ledger, every 201 has its voucher, nothing issued without a 201; and the
 * counts Redis holds again equal the ledger.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admissionCounts, flushPrefix, testRedisClient, testRedisPrefix, TEST_REDIS_URL } from '@gonghui/server/testing/redis';
import { SERVER_URL, activeMembers, freePort, freshServerDatabase, openBatchAsCity, removeDir, startApiProcess, tempDataDir, type ApiProcess, type Claimant } from '../flows/processes';
import { RushLog, openLedger, verifyRush } from './checker';
import { redisServerMissing, startPrivateRedis } from './private-redis';

const kinds = SERVER_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const STOCK = 100;
if (!TEST_REDIS_URL) console.warn('faults/redis-admission.test.ts: REDIS_URL is not set, the flush scenario is skipped');
if (redisServerMissing) console.warn(`faults/redis-admission.test.ts: ${redisServerMissing}, the restart scenario is skipped`);

async function until(what: string, limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(kinds)('Redis admission losing its counts mid-rush on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  /** A rush over HTTP with `fault` struck once the first vouchers are confirmed; then the checks. */
  async function rushWithFault(redisUrl: string, title: string, fault: (prefix: string) => Promise<void>): Promise<void> {
    const prefix = testRedisPrefix('fault');
    const redis = testRedisClient(redisUrl);
    cleanups.push(async () => {
      await flushPrefix(redis, prefix).catch(() => undefined);
      redis.disconnect();
    });
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    let databaseUrl = '';
    if (kind === 'postgres') {
      const db = await freshServerDatabase();
      databaseUrl = db.url;
      cleanups.push(db.drop);
    }
    const env = {
      GONGHUI_NOW: '2026-12-20T02:00:00Z',
      GONGHUI_SECRET: 'redis-fault-secret-0123456789abcdef0123',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      RUSH_MEMBER_RATE: '0',
      REDIS_URL: redisUrl,
      RUSH_REDIS_PREFIX: prefix,
    };
    const procs: ApiProcess[] = [];
    for (let i = 0; i < (kind === 'postgres' ? 2 : 1); i++) {
      const p = await startApiProcess({ port: await freePort(), env });
      procs.push(p);
      cleanups.push(() => p.stop());
    }
    const bases = procs.map((p) => p.base);
    const { batchId } = await openBatchAsCity(bases[0]!, title, STOCK);
    const members = await activeMembers(bases, 200);
    const log = new RushLog(batchId);

    // the first claim builds the counts; the rush starts on built counts
    await log.claim(bases[0]!, members[0]!);
    await until('counts built', 10_000, async () => (await admissionCounts(redis, prefix, batchId)) !== null);

    // every member claims, every fifth twice at once with two keys (the limit is 1), over both processes
    const inFlight = members.slice(1).flatMap((m: Claimant, i) => {
      const one = log.claim(bases[i % bases.length]!, m);
      return i % 5 === 0 ? [one, log.claim(bases[(i + 1) % bases.length]!, m)] : [one];
    });
    await until('first vouchers', 20_000, async () => log.answers.filter((a) => a.status === 201).length >= 10);
    const before = log.answers.filter((a) => a.status === 201).length;
    await fault(prefix);
    await Promise.all(inFlight);
    // the fault struck mid-rush: the stock was not gone yet
    expect(before).toBeLessThan(STOCK);
    await log.settle(bases);
    expect(log.answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);

    // after a fault the next claim rebuilds the counts from the ledger; they must equal it
    await log.claim(bases[0]!, members[members.length - 1]!);
    let counts = await admissionCounts(redis, prefix, batchId);
    await until('counts rebuilt equal to the ledger', 10_000, async () => {
      counts = await admissionCounts(redis, prefix, batchId);
      if (!counts) await log.claim(bases[0]!, members[members.length - 2]!);
      return counts?.issued === STOCK;
    }).catch(() => undefined);
    for (const p of procs) await p.stop();

    const ledger = await openLedger(kind === 'postgres' ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, 'pglite') });
    cleanups.push(() => ledger.close());
    const verdict = await verifyRush(ledger.exec, log);
    expect(verdict.problems).toEqual([]);
    expect(verdict.live).toBe(STOCK);
    expect(counts).toEqual({ issued: verdict.counter, stock: STOCK });
  }

  it.skipIf(!TEST_REDIS_URL)('a flush of our keys mid-rush: nothing beyond the stock, the counts rebuilt equal to the ledger', async () => {
    const redis = testRedisClient(TEST_REDIS_URL!);
    cleanups.push(async () => redis.disconnect());
    await rushWithFault(TEST_REDIS_URL!, 'Redis 清空演练 立减10', async (prefix) => {
      expect(await flushPrefix(redis, prefix)).toBeGreaterThan(0);
    });
  });

  it.skipIf(!!redisServerMissing)('a private redis-server killed and restarted empty mid-rush: claims go on through the database, the counts are rebuilt', async () => {
    const server = await startPrivateRedis();
    cleanups.push(() => server.stop());
    await rushWithFault(server.url, 'Redis 重启演练 立减10', () => server.restart(500));
  });
});
