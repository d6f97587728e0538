/* Redis for tests: only when REDIS_URL is set (.ci/run sets it when `redis-cli ping` answers); a run touches only keys of its own prefix. */
import { randomUUID } from 'node:crypto';
import { Redis as IORedis, type Redis } from 'ioredis';
import { admissionBase } from '../rush/redis-admission';

export const TEST_REDIS_URL = process.env.REDIS_URL || undefined;

/** A key prefix of this run's own: other runs (helpers, CI) may share the Redis. */
export const testRedisPrefix = (what: string) => `gh:test:${what}:${randomUUID().slice(0, 8)}:`;

/** Deletes every key under `prefix` (the only "flush" a test may do on a shared Redis: never FLUSHALL). */
export async function flushPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** A client for tests (the fault tests read the counts the API processes keep). */
export function testRedisClient(url: string): Redis {
  const client = new IORedis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
  client.on('error', () => undefined);
  return client;
}

/** The counts an API process keeps for a batch (server/src/rush/redis-admission.ts). */
export async function admissionCounts(redis: Redis, prefix: string, batchId: string): Promise<{ issued: number; stock: number } | null> {
  const m = await redis.hgetall(`${admissionBase(prefix, batchId)}meta`);
  return m.epoch ? { issued: Number(m.issued), stock: Number(m.stock) } : null;
}
