import type { Logger } from 'pino';
import { AppError } from '@gonghui/shared';
import type { Database, Db } from '../db/index';
import { Admission, RateLimiter } from './admission';
import { ClaimGate } from './claim-gate';
import { sessionsByTokenHashes, type Auth } from '../scope/auth';
import { GroupCommit } from './group-commit';
import { RedisAdmission, type Outcome, type RedisAdmissionConfig, type Ticket } from './redis-admission';
import { SessionCache } from './sessions';
import { parseSignal, RUSH_CHANNEL } from './signals';

/** Limits and bounds of the Benefit Day path (environment: see config.ts). */
export interface RushConfig {
  /** Claims at the database at once; past it a bounded line, then 503 with Retry-After. */
  claimConcurrency: number;
  claimLine: number;
  claimLineWaitMs: number;
  /** Claims per member per second (and burst); 429 with Retry-After past it. 0: no limit. */
  memberRate: number;
  memberBurst: number;
  /** Claims per client address per second (and burst), only behind TRUST_PROXY. 0: no limit. */
  ipRate: number;
  ipBurst: number;
  /** How long a claim's session stays in memory (revocation is announced and drops it at once). 0: off. */
  sessionCacheMs: number;
  /** The oldest a refusal from memory may be: a voucher given back is claimable again within this. */
  staleMs: number;
  /** Group commit (group-commit.ts): claims per transaction at most, and transactions at the database at once. */
  groupMax: number;
  groupParallel: number;
  /** Optional shared admission in Redis before the claim write (redis-admission.ts); absent: none. */
  redis?: RedisAdmissionConfig;
}

export const DEFAULT_RUSH: RushConfig = {
  claimConcurrency: 64,
  claimLine: 2048,
  claimLineWaitMs: 2000,
  memberRate: 5,
  memberBurst: 10,
  ipRate: 200,
  ipBurst: 400,
  sessionCacheMs: 60_000,
  staleMs: 1000,
  groupMax: 100,
  groupParallel: 1,
};

/** The in-process memory and limits of the claim path; one per API process. */
export interface Rush {
  config: RushConfig;
  sessions: SessionCache;
  /** Sessions not in memory, read many per round trip: a rush's first visits arrive together. */
  sessionReads: GroupCommit<string, Auth | null>;
  gate: ClaimGate;
  admission: Admission;
  members: RateLimiter;
  addresses: RateLimiter;
  /** The Redis admission step, when `REDIS_URL` is set. */
  redis?: RedisAdmission;
  close(): Promise<void>;
}

/**
 * The claim path's memory over `db`. Until `hearRevocations` runs (a bare app in a tool), sessions
 * are never cached and refusals from memory live only `staleMs`.
 */
export function rushMemory(config: RushConfig, db: Db, logger: Logger): Rush {
  let lastWarned = -Infinity;
  const redis = config.redis
    ? new RedisAdmission(db, config.redis, (err, what) => {
        // Redis down means every claim fails over to the database: say so, at most every 10 s.
        if (performance.now() - lastWarned < 10_000) return;
        lastWarned = performance.now();
        logger.warn({ err, what }, 'Redis admission unavailable: claims go to the database without it');
      })
    : undefined;
  return {
    redis,
    config,
    sessions: new SessionCache(config.sessionCacheMs),
    sessionReads: new GroupCommit((hashes) => sessionsByTokenHashes(db, hashes), 200, 1),
    gate: new ClaimGate(db, config.staleMs, (err) => logger.warn({ err }, 'claim gate could not read a batch'), config.sessionCacheMs),
    admission: new Admission(config.claimConcurrency, config.claimLine, config.claimLineWaitMs),
    members: new RateLimiter(config.memberRate, config.memberBurst),
    addresses: new RateLimiter(config.ipRate, config.ipBurst),
    close: async () => redis?.close(),
  };
}

/** LISTENs for revocations (logout, account deletion, vouchers given back) announced by any process. */
export async function hearRevocations(rush: Rush, database: Pick<Database, 'listen'>, logger: Logger): Promise<void> {
  let stopping = false;
  const stop = await database.listen(
    RUSH_CHANNEL,
    (payload) => {
      const s = parseSignal(payload);
      if (s?.kind === 'session') rush.sessions.revokeSession(s.id);
      else if (s?.kind === 'user') rush.sessions.revokeUser(s.id);
      else if (s?.kind === 'batch') {
        rush.gate.forget(s.id);
        void rush.redis?.invalidate(s.id);
      }
    },
    (live) => {
      rush.sessions.setLive(live);
      // Back to hearing: a return announced while deaf may have been missed, so Redis's counts
      // (trusted again from now on) are dropped and rebuilt from the ledger first.
      if (live && !rush.gate.hears) rush.redis?.invalidateAll();
      rush.gate.setHearing(live);
      if (!live && !stopping) logger.warn('not hearing revocations: claim sessions are read from the database until it is back');
    },
  );
  rush.close = async () => {
    stopping = true;
    await stop();
    await rush.redis?.close();
  };
}

/**
 * The Redis admission of one claim (after the refusals from memory): undefined when there is no
 * Redis step; a ticket to settle with the database's answer otherwise. Throws the refusal Redis is
 * sure of, trusted only while this process hears revocations (a voucher given back on any process
 * drops the counts at once; without hearing, the database answers instead).
 */
export async function admitClaim(rush: Rush, batchId: string, memberId: string, key: string): Promise<Ticket | undefined> {
  if (!rush.redis) return undefined;
  const a = await rush.redis.admit(batchId, memberId, key);
  if (a.kind !== 'refused') return a.ticket;
  if (!rush.gate.hears) return { batchId, memberId, key, epoch: '' };
  if (a.code === 'VOUCHER_SOLD_OUT') rush.redis.doubt(batchId, rush.gate.lastStockLeft(batchId));
  throw new AppError(a.code);
}

/** The database's answer to an admitted (or passed) claim: `answer` undefined when it failed without one. */
export function settleClaim(rush: Rush, ticket: Ticket | undefined, answer: { status: number; replayed: boolean; bodyText: string } | undefined): void {
  if (!ticket || !rush.redis) return;
  let outcome: Outcome = { kind: 'lost' };
  if (answer?.status === 201) {
    const voucherId = answer.replayed ? undefined : (JSON.parse(answer.bodyText) as { voucher?: { id?: string } }).voucher?.id;
    outcome = voucherId ? { kind: 'won', voucherId } : { kind: 'replayed' };
  }
  rush.redis.settle(ticket, outcome);
}
