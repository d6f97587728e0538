import { and, eq } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { sha256 } from '../crypto';
import { pgErrorCode, schema, type Db } from '../db/index';
import { insideTransaction } from '../scope/scope';

const { idempotencyKeys } = schema;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export interface StoredAnswer {
  status: number;
  bodyText: string;
}

/** Canonical JSON (sorted keys) so the same request always has the same fingerprint. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return sha256(`${method} ${path}\n${canonical(body ?? null)}`);
}

async function storedAnswer(db: Db, userId: string, key: string, fingerprint: string): Promise<StoredAnswer | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  if (!row) return null;
  if (row.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { status: row.statusCode, bodyText: row.responseBody };
}

/**
 * Runs `work` once per (user, key). The key row is inserted in the same transaction as the
 * work, so a parallel request with the same key waits on it and then replays the stored answer.
 * A refusal the caller should see (an AppError) is stored too, with the work rolled back to a
 * savepoint; an unexpected failure stores nothing, so the client may retry.
 */
export async function idempotent(
  pool: Db,
  now: Date,
  userId: string,
  key: string,
  fingerprint: string,
  work: (tx: Db) => Promise<StoredAnswer>,
  renderError: (err: AppError) => StoredAnswer,
  /** Runs in the outer transaction after a refusal rolled the work back (e.g. to count failures). */
  onRefusal?: (tx: Db, err: AppError) => Promise<void>,
): Promise<StoredAnswer & { replayed: boolean }> {
  // No lookup first: the key's insert below finds a repeat too, and a fresh request (nearly all) saves a round trip.
  const fresh = await retryOnConflict(() => pool.transaction((tx) => insideTransaction(async () => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, fingerprint, statusCode: 0, responseBody: '', createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) return null;
    let answer: StoredAnswer;
    try {
      answer = await tx.transaction((sp) => work(sp as unknown as Db));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      answer = renderError(err);
      await onRefusal?.(tx as unknown as Db, err);
    }
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: answer.status, responseBody: answer.bodyText })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return answer;
  })));
  if (fresh) return { ...fresh, replayed: false };
  const replay = await storedAnswer(pool, userId, key, fingerprint);
  if (!replay) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  return { ...replay, replayed: true };
}

/** Deadlocks (40P01) and serialization failures (40001) are safe to retry: the transaction was rolled back whole. */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = pgErrorCode(err);
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}
