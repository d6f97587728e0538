import { lt } from 'drizzle-orm';
import { schema } from './db/index';
import type { Deps } from './deps';
import { pruneRateEvents } from './http/rateLimit';

/** Idempotency answers are kept this long: far beyond any client's retry window. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;
/** Expired redemption codes are kept a little while for support questions, then dropped. */
export const CODE_RETENTION_MS = 3600_000;

/** Prunes tables that only ever grow: expired voucher codes and old idempotency answers. */
export async function pruneExpired(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ codes: number; idempotencyKeys: number; rateEvents: number }> {
  const now = deps.clock.now().getTime();
  const codes = await deps.db.delete(schema.voucherCodes).where(lt(schema.voucherCodes.expiresAt, new Date(now - CODE_RETENTION_MS))).returning({ code: schema.voucherCodes.code });
  const keys = await deps.db
    .delete(schema.idempotencyKeys)
    .where(lt(schema.idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_RETENTION_MS)))
    .returning({ key: schema.idempotencyKeys.key });
  return { codes: codes.length, idempotencyKeys: keys.length, rateEvents: await pruneRateEvents(deps) };
}
