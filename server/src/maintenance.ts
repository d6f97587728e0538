import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './db/index';

/** Idempotency answers are kept this long: far beyond any client's retry window. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;
/** Expired redemption codes are kept a little while for support questions, then dropped. */
export const CODE_RETENTION_MS = 3600_000;
/** Failure counts and SMS codes (phones, addresses) are needed for an hour's limits; a day is plenty. */
export const RATE_RETENTION_MS = 24 * 3600_000;
/** Revoked or expired sessions are kept a week for support questions. */
export const SESSION_RETENTION_MS = 7 * 24 * 3600_000;
/** How often each API process looks for lotteries whose draw time has come (reads after that time draw at once anyway). */
export const LOTTERY_POLL_MS = 10_000;
export { drawDueLotteries } from './modules/lottery/draw';
/** Rows deleted per statement: the pruner never holds locks on a large table for long. */
export const PRUNE_BATCH = 5000;

/** Deletes rows matching `where` from `table`, at most PRUNE_BATCH per statement, until none are left. */
async function pruneInBatches(db: Db, table: string, key: string, where: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with gone as (delete from ${sql.identifier(table)} where ${sql.identifier(key)} in (select ${sql.identifier(key)} from ${sql.identifier(table)} where ${where} limit ${PRUNE_BATCH}) returning 1) select count(*)::int as n from gone`,
    );
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < PRUNE_BATCH) return total;
  }
}

export interface Pruned {
  codes: number;
  memberCodes: number;
  idempotencyKeys: number;
  rateEvents: number;
  smsCodes: number;
  sessions: number;
  usedTickets: number;
}

/** Prunes every table that only ever grows. Runs outside any request, on the pool. */
export async function pruneExpired(db: Db, now: Date): Promise<Pruned> {
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  return {
    codes: await pruneInBatches(db, 'voucher_codes', 'code', sql`expires_at < ${before(CODE_RETENTION_MS)}`),
    memberCodes: await pruneInBatches(db, 'member_codes', 'code', sql`expires_at < ${before(CODE_RETENTION_MS)}`),
    idempotencyKeys: await pruneInBatches(db, 'idempotency_keys', 'ctid', sql`created_at < ${before(IDEMPOTENCY_RETENTION_MS)}`),
    rateEvents: await pruneInBatches(db, 'rate_events', 'id', sql`at < ${before(RATE_RETENTION_MS)}`),
    smsCodes: await pruneInBatches(db, 'sms_codes', 'id', sql`created_at < ${before(RATE_RETENTION_MS)}`),
    sessions: await pruneInBatches(db, 'sessions', 'id', sql`expires_at < ${before(SESSION_RETENTION_MS)} or revoked_at < ${before(SESSION_RETENTION_MS)}`),
    usedTickets: await pruneInBatches(db, 'used_tickets', 'ticket_hash', sql`expires_at < ${now.toISOString()}`),
  };
}
