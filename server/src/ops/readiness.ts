import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/index';
import { codeSchemaVersion } from '../db/schema-version';

/** Set when the process is told to stop: readiness fails from then on, before the listener closes. */
export interface Lifecycle {
  draining: boolean;
}

export interface Readiness {
  ok: boolean;
  db: boolean;
  migrations: boolean;
  draining: boolean;
}

/**
 * Ready: not shutting down, the database answers within `timeoutMs`, and it carries the schema
 * this code expects (the last migration of the journal is recorded). Never throws.
 */
export async function readiness(db: Db, lifecycle: Lifecycle, timeoutMs: number): Promise<Readiness> {
  const expected = codeSchemaVersion().when;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  const check = queryRows<{ last: string | null }>(db, sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`).then(
    ([row]) => (row?.last != null && Number(row.last) >= expected ? 'migrated' : 'behind'),
    () => 'down' as const,
  );
  try {
    const state = await Promise.race([check, late]);
    const dbOk = state === 'migrated' || state === 'behind';
    const migrations = state === 'migrated';
    return { ok: dbOk && migrations && !lifecycle.draining, db: dbOk, migrations, draining: lifecycle.draining };
  } finally {
    clearTimeout(timer);
  }
}
