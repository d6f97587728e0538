/**
 * An optional shared admission step in front of the claim write (`REDIS_URL`): one Lua script per
 * claim admits it only while the batch's issued count is below its stock and the member's count
 * below the per-member limit, counting both atomically, across every API process. Redis can only
 * say no early; the database stays the only judge of a yes (its lock, unique key and check
 * constraint are unchanged), and whenever Redis is absent, slow or not built yet the claim simply
 * goes to the database as it does without Redis (fail open, never a 5xx).
 *
 * The counts are rebuilt from the ledger whenever they are missing (a flush, a restart, an
 * invalidation after a voucher was given back or the batch changed): one process at a time (a
 * `SET NX` lock), under the batch row's lock, so no claim commits between the ledger read and the
 * install. Each build has an epoch of its own, and the build keeps the ids of the vouchers it
 * counted, so a claim admitted before a build and settled after it is counted exactly once: its
 * give-back is ignored (the build never counted it) and its new voucher is added unless the build
 * already saw it. A claim that got no admission (Redis missing or being rebuilt) and yet won a
 * voucher reports it the same way.
 *
 * Redis library: ioredis (`Redis`, `defineCommand` for the scripts, `commandTimeout` for the bound).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { queryRows, type Db } from '../db/index';

export interface RedisAdmissionConfig {
  url: string;
  /** Prefix of every key this deployment writes (several deployments or tests may share a Redis). */
  prefix: string;
  /** The bound on each Redis call: past it the claim goes to the database without admission. */
  timeoutMs: number;
}

/** What Redis said about one claim. */
export type Admit =
  | { kind: 'admitted'; ticket: Ticket }
  /** No admission taken: the database decides (Redis missing, being built, or the claim may repeat a 201). */
  | { kind: 'pass'; ticket: Ticket }
  | { kind: 'refused'; code: 'VOUCHER_SOLD_OUT' | 'VOUCHER_LIMIT_REACHED' };

export interface Ticket {
  batchId: string;
  memberId: string;
  key: string;
  /** The epoch of the counts that took this claim's admission, '' when none was taken. */
  epoch: string;
}

/** How the database answered a claim: a new voucher, a replayed 201, or anything else (refused, failed). */
export type Outcome = { kind: 'won'; voucherId: string } | { kind: 'replayed' } | { kind: 'lost' };

/** Seconds every key lives after it is written: the counts of a finished rush go away by themselves. */
const TTL_S = 6 * 3600;
/** How long one build may hold the build lock (a process dying mid-build frees it by then). */
const BUILD_LOCK_MS = 10_000;
/** A batch without admission counts (no such batch, a lottery, a couplet offer): asked again after this. */
const NOT_COUNTED_MS = 5000;
/** After a failed call, how soon the counts are dropped and rebuilt (again each time Redis still fails). */
const REPAIR_MS = 1000;
/** How soon a process tries again to build counts another process is building (or that failed). */
const BUILD_RETRY_MS = 250;

// KEYS[1] meta. ARGV: base, member, key, ttl, reset ('1': forget the counts first).
const ADMIT = `
if ARGV[5] == '1' then redis.call('DEL', KEYS[1]) return {'build'} end
local m = redis.call('HMGET', KEYS[1], 'epoch', 'stock', 'limit', 'issued')
if not m[1] then return {'build'} end
local mk = ARGV[1] .. m[1] .. ':m:' .. ARGV[2]
local h = redis.call('HMGET', mk, 'n', 'r', 'k:' .. ARGV[3])
if h[3] then return {'pass', m[1]} end
local n = tonumber(h[1] or '0')
local unsure = h[2] and n > 0
if n >= tonumber(m[3]) then if unsure then return {'pass', m[1]} end return {'limit', m[1]} end
if tonumber(m[4]) >= tonumber(m[2]) then if unsure then return {'pass', m[1]} end return {'soldout', m[1]} end
redis.call('HINCRBY', KEYS[1], 'issued', 1)
redis.call('HINCRBY', mk, 'n', 1)
redis.call('HSET', mk, 'k:' .. ARGV[3], '1')
redis.call('EXPIRE', mk, ARGV[4])
return {'ok', m[1]}
`;

// KEYS[1] meta. ARGV: base, ttl, then per claim: member, key, epoch admitted ('' none), outcome, voucher id.
const SETTLE = `
local e = redis.call('HGET', KEYS[1], 'epoch')
if not e then return 0 end
local changed = 0
for i = 3, #ARGV, 5 do
  local member, key, admitted, outcome, voucher = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local mk = ARGV[1] .. e .. ':m:' .. member
  if outcome ~= 'won' then
    if admitted == e then
      redis.call('HINCRBY', KEYS[1], 'issued', -1)
      redis.call('HINCRBY', mk, 'n', -1)
      if outcome == 'lost' then redis.call('HDEL', mk, 'k:' .. key) end
      changed = changed + 1
    end
  elseif admitted ~= e then
    local vk = ARGV[1] .. e .. ':v'
    if redis.call('SADD', vk, voucher) == 1 then
      redis.call('EXPIRE', vk, ARGV[2])
      redis.call('HINCRBY', KEYS[1], 'issued', 1)
      redis.call('HINCRBY', mk, 'n', 1)
      redis.call('HSET', mk, 'k:' .. key, '1')
      redis.call('EXPIRE', mk, ARGV[2])
      changed = changed + 1
    end
  end
end
return changed
`;

// KEYS[1] meta. ARGV: epoch, stock, limit, issued, ttl. Installs a build only where none is.
const INSTALL = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'stock', ARGV[2], 'limit', ARGV[3], 'issued', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
`;

// KEYS[1] lock. ARGV[1] token: frees the lock only if it is still ours.
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** The key base of a batch's counts; the braces keep a batch's keys in one Redis Cluster slot. */
export const admissionBase = (prefix: string, batchId: string) => `${prefix}{${batchId}}:`;

type Scripted = Redis & {
  ghAdmit(meta: string, base: string, member: string, key: string, ttl: number, reset: string): Promise<[string, string?]>;
  ghSettle(meta: string, base: string, ttl: number, ...claims: string[]): Promise<number>;
  ghInstall(meta: string, epoch: string, stock: number, limit: number, issued: number, ttl: number): Promise<number>;
  ghUnlock(lock: string, token: string): Promise<number>;
};

export class RedisAdmission {
  readonly redis: Scripted;
  /** Batches whose counts may be wrong (a call timed out after it may have run): forgotten at the next call. */
  private dirty = new Set<string>();
  private building = new Set<string>();
  private buildTried = new Map<string, number>();
  private notCounted = new Map<string, number>();
  /** Since when Redis has said "sold out" while the database had stock left (see `soldOut`). */
  private doubtSince = new Map<string, number>();

  constructor(
    private readonly db: Db,
    readonly config: RedisAdmissionConfig,
    private readonly onError: (err: unknown, what: string) => void = () => undefined,
    /** How long Redis may say "sold out" against the database's own fresh count before the counts are rebuilt. */
    private readonly doubtMs = 5000,
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    const redis = new Redis(config.url, {
      commandTimeout: config.timeoutMs,
      connectTimeout: Math.max(1000, config.timeoutMs),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(times * 100, 1000),
      lazyConnect: false,
    });
    redis.on('error', () => undefined); // each failed call is handled (and logged) where it fails
    redis.defineCommand('ghAdmit', { numberOfKeys: 1, lua: ADMIT });
    redis.defineCommand('ghSettle', { numberOfKeys: 1, lua: SETTLE });
    redis.defineCommand('ghInstall', { numberOfKeys: 1, lua: INSTALL });
    redis.defineCommand('ghUnlock', { numberOfKeys: 1, lua: UNLOCK });
    this.redis = redis as Scripted;
  }

  base(batchId: string): string {
    return admissionBase(this.config.prefix, batchId);
  }

  /** One round trip: admitted (counted), refused (sure), or passed to the database. Never throws. */
  async admit(batchId: string, memberId: string, key: string): Promise<Admit> {
    const none: Admit = { kind: 'pass', ticket: { batchId, memberId, key, epoch: '' } };
    const until = this.notCounted.get(batchId);
    if (until !== undefined && this.monotonic() < until) return none;
    const base = this.base(batchId);
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.add(batchId);
    const reset = this.dirty.has(batchId);
    let answer: [string, string?];
    try {
      answer = await this.redis.ghAdmit(`${base}meta`, base, memberId, key, TTL_S, reset ? '1' : '0');
    } catch (err) {
      this.failed(batchId, err, 'admit');
      return none;
    }
    if (reset) this.dirty.delete(batchId);
    const [verdict, epoch = ''] = answer;
    if (verdict === 'build') {
      void this.build(batchId);
      return none;
    }
    if (verdict === 'ok') {
      this.doubtSince.delete(batchId);
      return { kind: 'admitted', ticket: { batchId, memberId, key, epoch } };
    }
    if (verdict === 'limit') return { kind: 'refused', code: 'VOUCHER_LIMIT_REACHED' };
    if (verdict === 'soldout') return { kind: 'refused', code: 'VOUCHER_SOLD_OUT' };
    return none;
  }

  /**
   * Called with the database's answer (fire and forget): an admission the database did not turn
   * into a new voucher is given back; a new voucher the counts did not take (admitted before a
   * rebuild, or never admitted) is added. Answers of one turn of the event loop go together, one
   * call per batch: a group commit's claims cost one round trip between them. A new voucher whose
   * admission still holds costs Redis nothing but that shared call, which must be made because only
   * Redis knows whether a rebuild happened since the admission.
   */
  settle(ticket: Ticket, outcome: Outcome): void {
    if (outcome.kind !== 'won' && !ticket.epoch) return; // nothing was taken, nothing was won
    const list = this.settling.get(ticket.batchId) ?? [];
    list.push(ticket.memberId, ticket.key, ticket.epoch, outcome.kind, outcome.kind === 'won' ? outcome.voucherId : '');
    this.settling.set(ticket.batchId, list);
    if (this.settling.size === 1 && list.length === 5) setImmediate(() => void this.flushSettles());
  }

  private settling = new Map<string, string[]>();

  private async flushSettles(): Promise<void> {
    const all = [...this.settling];
    this.settling.clear();
    await Promise.all(
      all.map(async ([batchId, claims]) => {
        const base = this.base(batchId);
        try {
          await this.redis.ghSettle(`${base}meta`, base, TTL_S, ...claims);
        } catch (err) {
          this.failed(batchId, err, 'settle');
        }
      }),
    );
  }

  /**
   * Redis refused "sold out" while the database's own count (read by the claim gate, never older
   * than its bound) still had stock: normal for claims in flight, but if it lasts `doubtMs` an
   * admission was lost (a process killed between admission and answer) and the counts are rebuilt.
   */
  doubt(batchId: string, databaseHasStock: boolean | undefined): void {
    // Not known: the doubt stands as it was. A doubt on facts read before the sell-out costs at
    // most one needless rebuild, which is exact anyway.
    if (databaseHasStock === undefined) return;
    if (!databaseHasStock) {
      this.doubtSince.delete(batchId);
      return;
    }
    const since = this.doubtSince.get(batchId);
    if (since === undefined) this.doubtSince.set(batchId, this.monotonic());
    else if (this.monotonic() - since >= this.doubtMs) {
      this.doubtSince.delete(batchId);
      this.dirty.add(batchId);
    }
  }

  /** Batches this process has asked Redis about (for `invalidateAll`). */
  private seen = new Set<string>();

  /** Announcements may have been missed (the LISTEN connection was down): every batch's counts are rebuilt at its next claim. */
  invalidateAll(): void {
    for (const batchId of this.seen) this.dirty.add(batchId);
  }

  /** A voucher given back, the batch closed or edited: the counts are dropped and rebuilt from the ledger. */
  async invalidate(batchId: string): Promise<void> {
    try {
      await this.redis.del(`${this.base(batchId)}meta`);
    } catch (err) {
      this.failed(batchId, err, 'invalidate');
    }
  }

  /**
   * Reads the ledger and installs the counts, one process at a time. Under the batch row's lock
   * (`for update`, the lock every claim and return takes), so nothing commits between the read and
   * the install; claims keep flowing to the database without admission meanwhile.
   */
  async build(batchId: string, force = false): Promise<boolean> {
    // one attempt per process at a time and at most every BUILD_RETRY_MS: the claims meanwhile cost no extra round trip
    const tried = this.buildTried.get(batchId);
    if (this.building.has(batchId) || (!force && tried !== undefined && this.monotonic() - tried < BUILD_RETRY_MS)) return false;
    this.buildTried.set(batchId, this.monotonic());
    if (this.buildTried.size > 10_000) this.buildTried.clear();
    this.building.add(batchId);
    const base = this.base(batchId);
    const lock = `${base}build`;
    const token = randomUUID();
    try {
      if ((await this.redis.set(lock, token, 'PX', BUILD_LOCK_MS, 'NX')) !== 'OK') return false;
      try {
        return await this.db.transaction(async (txRaw) => {
          const tx = txRaw as unknown as Db;
          const [b] = await queryRows<{ stock_total: number; stock_claimed: number; per_member_limit: number; period: string; purpose: string; draw_at: unknown }>(
            tx,
            sql`select stock_total, stock_claimed, per_member_limit, period, purpose, draw_at from voucher_batches where id = ${batchId} for update`,
          );
          if (!b || b.purpose !== 'voucher' || b.draw_at !== null) {
            this.notCounted.set(batchId, this.monotonic() + NOT_COUNTED_MS);
            return false;
          }
          const held = await queryRows<{ id: string; member_id: string }>(
            tx,
            sql`select id, member_id from vouchers where batch_id = ${batchId} and period = ${b.period} and status <> 'returned'`,
          );
          const epoch = randomUUID().slice(0, 8);
          const perMember = new Map<string, number>();
          for (const v of held) perMember.set(v.member_id, (perMember.get(v.member_id) ?? 0) + 1);
          // The new epoch's keys are unreachable until the meta names it: written first, in one pipeline.
          const p = this.redis.pipeline();
          for (const [member, n] of perMember) p.hset(`${base}${epoch}:m:${member}`, 'n', n, 'r', 1).expire(`${base}${epoch}:m:${member}`, TTL_S);
          const ids = held.map((v) => v.id);
          for (let i = 0; i < ids.length; i += 1000) p.sadd(`${base}${epoch}:v`, ...ids.slice(i, i + 1000));
          if (ids.length) p.expire(`${base}${epoch}:v`, TTL_S);
          const results = await p.exec();
          const failure = results?.find(([err]) => err)?.[0];
          if (failure) throw failure;
          return (await this.redis.ghInstall(`${base}meta`, epoch, Number(b.stock_total), Number(b.per_member_limit), Number(b.stock_claimed), TTL_S)) === 1;
        });
      } finally {
        await this.redis.ghUnlock(lock, token).catch(() => undefined);
      }
    } catch (err) {
      this.onError(err, 'build');
      return false;
    } finally {
      this.building.delete(batchId);
    }
  }

  /** The counts as Redis holds them (tests, the benchmark's afterwards check). */
  async counts(batchId: string): Promise<{ epoch: string; issued: number; stock: number } | null> {
    const m = await this.redis.hgetall(`${this.base(batchId)}meta`);
    return m.epoch ? { epoch: m.epoch, issued: Number(m.issued), stock: Number(m.stock) } : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.repairs.values()) clearTimeout(t);
    // Answers already given are settled first, or their admissions would stay counted.
    await this.flushSettles();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private failed(batchId: string, err: unknown, what: string): void {
    // A call that timed out may still have run: the counts are rebuilt once Redis answers again
    // (by the next claim, or by the repair below when no claim reaches Redis: a sold-out batch).
    this.dirty.add(batchId);
    this.onError(err, what);
    this.scheduleRepair(batchId);
  }

  private repairs = new Map<string, NodeJS.Timeout>();
  private closed = false;

  /** Drops and rebuilds a batch's counts once Redis answers again, trying every second. */
  private scheduleRepair(batchId: string): void {
    if (this.repairs.has(batchId) || this.closed) return;
    const timer = setTimeout(() => {
      this.repairs.delete(batchId);
      if (!this.dirty.has(batchId)) return;
      this.redis
        .del(`${this.base(batchId)}meta`)
        .then(() => {
          this.dirty.delete(batchId);
          return this.build(batchId, true);
        })
        .catch(() => this.scheduleRepair(batchId));
    }, REPAIR_MS);
    timer.unref();
    this.repairs.set(batchId, timer);
  }
}
