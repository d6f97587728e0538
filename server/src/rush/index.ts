import type { Logger } from 'pino';
import type { Database, Db } from '../db/index';
import { Admission, RateLimiter } from './admission';
import { ClaimGate } from './claim-gate';
import { sessionsByTokenHashes, type Auth } from '../scope/auth';
import { GroupCommit } from './group-commit';
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
  close(): Promise<void>;
}

/**
 * The claim path's memory over `db`. Until `hearRevocations` runs (a bare app in a tool), sessions
 * are never cached and refusals from memory live only `staleMs`.
 */
export function rushMemory(config: RushConfig, db: Db, logger: Logger): Rush {
  return {
    config,
    sessions: new SessionCache(config.sessionCacheMs),
    sessionReads: new GroupCommit((hashes) => sessionsByTokenHashes(db, hashes), 200, 1),
    gate: new ClaimGate(db, config.staleMs, (err) => logger.warn({ err }, 'claim gate could not read a batch'), config.sessionCacheMs),
    admission: new Admission(config.claimConcurrency, config.claimLine, config.claimLineWaitMs),
    members: new RateLimiter(config.memberRate, config.memberBurst),
    addresses: new RateLimiter(config.ipRate, config.ipBurst),
    close: async () => undefined,
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
      else if (s?.kind === 'batch') rush.gate.forget(s.id);
    },
    (live) => {
      rush.sessions.setLive(live);
      rush.gate.setHearing(live);
      if (!live && !stopping) logger.warn('not hearing revocations: claim sessions are read from the database until it is back');
    },
  );
  rush.close = async () => {
    stopping = true;
    await stop();
  };
}
