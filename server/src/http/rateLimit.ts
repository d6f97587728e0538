import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import type { Clock } from '../clock';
import { schema, type Db } from '../db/index';
import type { Deps } from '../deps';

const { rateEvents } = schema;

export interface Limit {
  max: number;
  windowMs: number;
}

/** Limits on failures, counted in the database (shared by every API process). */
export const LIMITS = {
  /** Unknown or expired codes typed at one merchant account: guessing live codes stays hopeless. */
  redeemMiss: { max: 20, windowMs: 10 * 60_000 },
  /** Wrong SMS codes from one address across phones. */
  smsLoginFail: { max: 30, windowMs: 3600_000 },
} satisfies Record<string, Limit>;

/** Reads through `db`: inside a transaction pass the transaction (PGlite has one connection). */
export async function assertUnderLimit(db: Db, clock: Clock, bucket: string, limit: Limit): Promise<void> {
  const since = new Date(clock.now().getTime() - limit.windowMs);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rateEvents)
    .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.at, since)));
  if (Number(row?.n ?? 0) >= limit.max) throw new AppError('RATE_LIMITED');
}

export async function recordFailure(db: Db, clock: Clock, bucket: string): Promise<void> {
  await db.insert(rateEvents).values({ bucket, at: clock.now() });
}

export async function pruneRateEvents(deps: Pick<Deps, 'db' | 'clock'>, olderThanMs = 24 * 3600_000): Promise<number> {
  const gone = await deps.db.delete(rateEvents).where(lt(rateEvents.at, new Date(deps.clock.now().getTime() - olderThanMs))).returning({ id: rateEvents.id });
  return gone.length;
}
