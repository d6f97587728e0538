import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';

export { schema };
/** One type for both drivers: PGlite (embedded) and node-postgres (a server). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

/** A PostgreSQL pool's figures (PGlite is one connection and has none). */
export interface PoolStats {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
  /** PostgreSQL only: the pool's connections and the requests waiting for one. */
  poolStats?(): PoolStats;
  /** PGlite only: the embedded database itself (backups dump it from inside the running process). */
  pglite?: PGlite;
  /**
   * LISTEN on a channel: `onMessage` gets each payload NOTIFY sent after its transaction
   * committed; `onLive(false)` says notifications may be missed (the listening connection is
   * down) until `onLive(true)`. Returns the function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLive: (live: boolean) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** Sees every statement the application sends (tests count round trips with it). */
  onQuery?: (query: string) => void;
}

const queryLogger = (opts: OpenOptions) => (opts.onQuery ? { logQuery: (q: string) => opts.onQuery!(q) } : undefined);

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Serialises migrations when several API processes start over one PostgreSQL. */
const MIGRATION_LOCK = 727_001;

export async function openPglite(dataDir?: string, opts: OpenOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  await migratePglite(drizzlePglite({ client, schema }) as never, { migrationsFolder });
  const db = drizzlePglite({ client, schema, logger: queryLogger(opts) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    close: () => client.close(),
    // One process, one connection: a notification is delivered on commit and cannot be missed.
    async listen(channel, onMessage, onLive) {
      const stop = await client.listen(channel, onMessage);
      onLive(true);
      return async () => {
        onLive(false);
        if (!client.closed) await stop();
      };
    },
  };
}

/**
 * A dedicated connection LISTENing on `channel`, reconnected after a drop. While it is down the
 * caller is told (`onLive(false)`) so it stops trusting anything the notifications would revoke.
 */
function listenPostgres(url: string, connectMs: number) {
  return async (channel: string, onMessage: (payload: string) => void, onLive: (live: boolean) => void) => {
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectMs, keepAlive: true });
      const lost = () => {
        if (client !== c) return;
        client = undefined;
        onLive(false);
        c.end().catch(() => undefined);
        if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 500);
      };
      c.on('error', lost);
      c.on('end', lost);
      c.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
      });
      client = c;
      try {
        await c.connect();
        await c.query(`listen ${channel}`);
        if (client === c && !stopped) onLive(true);
      } catch (err) {
        lost();
        throw err;
      }
    };
    await connect().catch(() => undefined);
    return async () => {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      onLive(false);
      await c?.end().catch(() => undefined);
    };
  };
}

/**
 * Bounds on every wait, so a database outage answers 503 within seconds instead of hanging:
 * connecting, one statement, and a transaction left idle by a stuck request.
 */
export interface PoolTimeouts {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
}
export const DEFAULT_POOL_TIMEOUTS: PoolTimeouts = { connectMs: 3000, statementMs: 15_000, idleInTransactionMs: 15_000 };

export async function openPostgres(url: string, poolSize = 10, timeouts: PoolTimeouts = DEFAULT_POOL_TIMEOUTS, opts: OpenOptions = {}): Promise<Database> {
  const lockClient = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeouts.connectMs });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client: lockClient }), { migrationsFolder });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockClient.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    // the server cancels a statement past this; the client gives up a little later if the server is gone
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + 1000,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
  });
  pool.on('error', () => undefined); // an idle client dropped by the server must not crash the process
  // Nor a checked-out one: the pool listens only to idle clients, and a backend terminated between
  // two statements of a transaction (PostgreSQL restarting) emits 'error' with no query to fail.
  // The next statement fails instead, and the broken client is dropped when released.
  pool.on('connect', (client) => void client.on('error', () => undefined));
  const db = drizzlePg({ client: pool, schema, logger: queryLogger(opts) }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    close: () => pool.end(),
    listen: listenPostgres(url, timeouts.connectMs),
    poolStats: () => ({ max: poolSize, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize) : openPglite(opts.dataDir);
}

/** Whether the database answers `select 1` within `timeoutMs`; never throws. */
export async function ping(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * A failure of the database itself (down, restarting, unreachable, a statement cancelled by its
 * timeout) rather than of the request: answered 503 with Retry-After, not a 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_ERRNO.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '57014' || code === '53300') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** SQLSTATE of a driver error (drizzle wraps it in `cause`). */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; cause?: { constraint?: unknown } } | undefined;
  const c = e?.constraint ?? e?.cause?.constraint;
  return typeof c === 'string' ? c : undefined;
}

export const isUniqueViolation = (err: unknown, constraint?: string) =>
  pgErrorCode(err) === '23505' && (!constraint || pgConstraint(err) === constraint);

/** Raw SQL rows; both drivers answer `{ rows }`. Numbers from count() need `::int` to stay numbers on node-postgres. */
export async function queryRows<T>(db: Db, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
