import { and, eq, gt, sql } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { schema, type Db } from '../db/index';

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
  /** Unknown join codes from one address: join codes cannot be enumerated. */
  joinCodeMiss: { max: 20, windowMs: 10 * 60_000 },
} satisfies Record<string, Limit>;

/** Reads through the request's `db` (its transaction, where there is one). */
export async function assertUnderLimit(db: Db, now: Date, bucket: string, limit: Limit): Promise<void> {
  const since = new Date(now.getTime() - limit.windowMs);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rateEvents)
    .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.at, since)));
  if (Number(row?.n ?? 0) >= limit.max) throw new AppError('RATE_LIMITED');
}

export async function recordFailure(db: Db, now: Date, bucket: string): Promise<void> {
  await db.insert(rateEvents).values({ bucket, at: now });
}
