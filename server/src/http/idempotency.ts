import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { sha256 } from '../crypto';
import { isDatabaseUnavailable, pgErrorCode, schema, type Db } from '../db/index';
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

/** One request of a group written in one transaction (`idempotentGroup`). */
export interface GroupRequest<I, R> {
  userId: string;
  key: string;
  fingerprint: string;
  now: Date;
  input: I;
  /** The answer to a yes; throws when the result breaks the contract (the group is then retried one by one). */
  answer(result: R): StoredAnswer;
  refusal(err: AppError): StoredAnswer;
}

/** A request's end in a group: its answer (fresh or replayed), or the failure to answer it with. */
export type GroupOutcome = { answer: StoredAnswer & { replayed: boolean } } | { error: unknown };

const keyOf = (r: { userId: string; key: string }) => `${r.userId}\u0000${r.key}`;

/**
 * `idempotent` for many requests at once: one transaction inserts every key, runs `work` over the
 * requests whose key was new, and stores every answer, in a fixed number of statements. A key
 * already stored (or repeated inside the group) replays its answer after the commit. When the
 * group fails for any reason but the database being down, each request is run again on its own,
 * so one bad request never fails the others.
 */
export async function idempotentGroup<I, R>(pool: Db, requests: GroupRequest<I, R>[], work: (tx: Db, inputs: I[]) => Promise<(R | AppError)[]>): Promise<GroupOutcome[]> {
  const leaders = new Map<string, GroupRequest<I, R>>();
  for (const r of requests) if (!leaders.has(keyOf(r))) leaders.set(keyOf(r), r);
  // Keys in one order everywhere, so two groups never wait on each other's keys.
  const ordered = [...leaders.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  let answers: Map<string, StoredAnswer>;
  try {
    answers = await retryOnConflict(() =>
      pool.transaction((tx) =>
        insideTransaction(async () => {
          const db = tx as unknown as Db;
          const fresh = await db
            .insert(idempotencyKeys)
            .values(ordered.map((r) => ({ userId: r.userId, key: r.key, fingerprint: r.fingerprint, statusCode: 0, responseBody: '', createdAt: r.now })))
            .onConflictDoNothing()
            .returning({ userId: idempotencyKeys.userId, key: idempotencyKeys.key });
          const freshKeys = new Set(fresh.map(keyOf));
          const mine = ordered.filter((r) => freshKeys.has(keyOf(r)));
          const results = await work(db, mine.map((r) => r.input));
          const out = new Map(mine.map((r, i) => [keyOf(r), results[i] instanceof AppError ? r.refusal(results[i]) : r.answer(results[i] as R)]));
          if (mine.length) {
            const rows = mine.map((r) => sql`(${r.userId}::uuid, ${r.key}, ${out.get(keyOf(r))!.status}::int, ${out.get(keyOf(r))!.bodyText})`);
            await db.execute(sql`update idempotency_keys k set status_code = v.s, response_body = v.b
                                 from (values ${sql.join(rows, sql`, `)}) as v(u, k, s, b)
                                 where k.user_id = v.u and k.key = v.k`);
          }
          return out;
        }),
      ),
    );
  } catch (err) {
    if (requests.length === 1 || isDatabaseUnavailable(err)) return requests.map(() => ({ error: err }));
    return Promise.all(requests.map(async (r) => (await idempotentGroup(pool, [r], work))[0]!));
  }
  return Promise.all(
    requests.map(async (r): Promise<GroupOutcome> => {
      const fresh = answers.get(keyOf(r));
      if (fresh && leaders.get(keyOf(r)) === r) return { answer: { ...fresh, replayed: false } };
      try {
        const replay = await storedAnswer(pool, r.userId, r.key, r.fingerprint);
        if (!replay) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
        return { answer: { ...replay, replayed: true } };
      } catch (error) {
        return { error };
      }
    }),
  );
}
