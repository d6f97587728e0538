/* Test databases: a fresh one per test file, on PGlite always and on the PostgreSQL server when DATABASE_URL is set. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, DEFAULT_POOL_TIMEOUTS, type Database, type DbKind, type OpenOptions } from '../db/index';

const SERVER_URL = process.env.DATABASE_URL || undefined;

/** Storage kinds every storage-touching suite runs on. */
export const storageKinds: DbKind[] = SERVER_URL ? ['pglite', 'postgres'] : ['pglite'];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** A test database; on the server, `url` lets a second app (another "process") open the same one. */
export type TestDatabase = Database & { url?: string };

export async function freshDatabase(kind: DbKind, opts: OpenOptions = {}): Promise<TestDatabase> {
  if (kind === 'pglite') return openPglite(undefined, opts);
  if (!SERVER_URL) throw new Error('DATABASE_URL is not set');
  const name = `gh_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(SERVER_URL, name);
  const database = await openPostgres(url, 20, DEFAULT_POOL_TIMEOUTS, opts);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: SERVER_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
