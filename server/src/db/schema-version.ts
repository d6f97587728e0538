/*
 * Which schema the code expects (the last migration in the journal) and which one a database has
 * (the last migration drizzle recorded in drizzle.__drizzle_migrations). Readiness, backups and
 * the move to PostgreSQL compare the two.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, queryRows, type Db } from './index';

export interface SchemaVersion {
  /** How many migrations are applied (the journal's entries). */
  count: number;
  /** The last migration's tag, e.g. `0009_wishes`, and its journal time (drizzle's `created_at`). */
  tag: string;
  when: number;
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

let journal: Journal | undefined;
const entries = () => (journal ??= JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal).entries;

/** The schema this code migrates to. */
export function codeSchemaVersion(): SchemaVersion {
  const all = entries();
  const last = all[all.length - 1]!;
  return { count: all.length, tag: last.tag, when: last.when };
}

/** The schema a database is at; null when it has never been migrated. */
export async function databaseSchemaVersion(db: Db): Promise<SchemaVersion | null> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return null;
  const [row] = await queryRows<{ n: number; last: string | null }>(db, sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`);
  if (!row || row.last === null) return null;
  const when = Number(row.last);
  const entry = entries().find((e) => e.when === when);
  return { count: row.n, tag: entry?.tag ?? (when > codeSchemaVersion().when ? 'newer than this code' : 'unknown'), when };
}
