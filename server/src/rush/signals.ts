import { sql } from 'drizzle-orm';
import type { Db } from '../db/index';

/** The one channel every API process LISTENs on for what its memory must forget. */
export const RUSH_CHANNEL = 'gh_rush';

/**
 * What changed: a session revoked (logout), every session of a user revoked (account deleted),
 * a batch whose stock or window changed (a voucher given back, the batch closed or edited).
 */
export type RushSignal = { kind: 'session' | 'user' | 'batch'; id: string };

/**
 * NOTIFY inside the caller's transaction: PostgreSQL (and PGlite) deliver it to every listener
 * only when that transaction commits, so a rolled-back change is never announced.
 */
export async function announce(db: Db, signal: RushSignal): Promise<void> {
  await db.execute(sql`select pg_notify(${RUSH_CHANNEL}, ${`${signal.kind}:${signal.id}`})`);
}

export function parseSignal(payload: string): RushSignal | null {
  const m = /^(session|user|batch):([0-9a-f-]{36})$/.exec(payload);
  return m ? { kind: m[1] as RushSignal['kind'], id: m[2]! } : null;
}
