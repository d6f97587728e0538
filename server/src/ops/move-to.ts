/*
 * `pnpm db:move-to DATABASE_URL`: a PGlite data folder into an empty PostgreSQL database.
 *
 * The target gets the schema from the same migrations (so it is at the same version, with the
 * same migration records), then, in one transaction, every row of every table (each table's rows
 * travel as JSON made and read by PostgreSQL itself: `row_to_json` out, `json_populate_recordset`
 * in, so every type round-trips exactly), with the foreign keys dropped for the copy and added back
 * (checked) before the commit, and every sequence set to where it stood. Then the counts are
 * compared table by table and the voucher invariants checked on the target.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPglite, openPostgres } from '../db/index';
import { codeSchemaVersion } from '../db/schema-version';
import { BackupError, compareCounts, countTables } from './backup';

type Exec = (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const CHUNK = 500;

/** What must hold of vouchers in any Gonghui database; empty when it does. */
export async function voucherInvariantProblems(exec: Exec): Promise<string[]> {
  const problems: string[] = [];
  for (const r of await exec(`select b.id, b.stock_claimed, b.stock_total, count(v.id) filter (where v.status <> 'returned')::int as live
      from voucher_batches b left join vouchers v on v.batch_id = b.id group by b.id
      having b.stock_claimed <> count(v.id) filter (where v.status <> 'returned') or b.stock_claimed > b.stock_total`)) {
    problems.push(`batch ${String(r.id)}: counter ${String(r.stock_claimed)}, live vouchers ${String(r.live)}, stock ${String(r.stock_total)}`);
  }
  for (const r of await exec(`select v.batch_id, v.member_id, count(*)::int as n, max(b.per_member_limit) as lim from vouchers v join voucher_batches b on b.id = v.batch_id
      where v.status <> 'returned' group by v.batch_id, v.member_id, v.period having count(*) > max(b.per_member_limit)`)) {
    problems.push(`member ${String(r.member_id)} holds ${String(r.n)} of batch ${String(r.batch_id)} (limit ${String(r.lim)})`);
  }
  return problems;
}

export interface MoveReport {
  tables: Record<string, number>;
  sequences: number;
}

async function tablesOf(exec: Exec): Promise<string[]> {
  return (await exec(`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`)).map((r) => String(r.name));
}

const quoted = (name: string) => name.split('.').map((p) => `"${p}"`).join('.');

export async function moveToPostgres(pgliteDir: string, url: string, log: (line: string) => void = () => undefined): Promise<MoveReport> {
  // The target must be empty: nothing is overwritten.
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    const [{ n }] = (await check.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`)).rows as [{ n: number }];
    if (n > 0) throw new BackupError('the target database is not empty: move into an empty database (createdb a new one)');
  } finally {
    await check.end();
  }

  // The source at this code's schema (opening migrates a folder left by an older version).
  const source = await openPglite(pgliteDir);
  const client = source.pglite as PGlite;
  const target = await openPostgres(url, 2);
  const conn = new pg.Client({ connectionString: url });
  await conn.connect();
  try {
    const src: Exec = async (q, p) => (await client.query<Record<string, unknown>>(q, p)).rows;
    const dst: Exec = async (q, p) => (await conn.query(q, p)).rows;
    const code = codeSchemaVersion();
    log(`schema ${code.tag} (${code.count} migrations) on both sides`);
    const tables = await tablesOf(src);
    const targetTables = await tablesOf(dst);
    if (tables.join() !== targetTables.join()) throw new BackupError(`the schemas differ: ${tables.filter((t) => !targetTables.includes(t)).join(', ')} | ${targetTables.filter((t) => !tables.includes(t)).join(', ')}`);

    await dst('begin');
    // foreign keys off for the copy (a table owner may do this; no superuser needed), back on and checked before commit
    const fks = (await dst(`select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'f' and connamespace in ('public'::regnamespace)`)).map((r) => ({
      tbl: String(r.tbl),
      name: String(r.conname),
      def: String(r.def),
    }));
    for (const fk of fks) await dst(`alter table ${fk.tbl} drop constraint "${fk.name}"`);
    // the migration records were written by openPostgres: replaced by the source's own
    await dst('delete from drizzle.__drizzle_migrations');
    const copied: Record<string, number> = {};
    for (const t of tables) {
      const cols = (await src(`select column_name from information_schema.columns where table_schema || '.' || table_name = $1 and is_generated = 'NEVER' order by ordinal_position`, [t])).map((r) => `"${String(r.column_name)}"`);
      const list = cols.join(', ');
      let offset = 0;
      for (;;) {
        const [chunk] = await src(`select coalesce(json_agg(row_to_json(x)), '[]')::text as rows, count(*)::int as n from (select ${list} from ${quoted(t)} order by ctid offset ${offset} limit ${CHUNK}) x`);
        const n = Number(chunk!.n);
        if (n === 0) break;
        await dst(`insert into ${quoted(t)} (${list}) overriding system value select ${list} from json_populate_recordset(null::${quoted(t)}, $1::json)`, [String(chunk!.rows)]);
        offset += n;
        if (n < CHUNK) break;
      }
      copied[t] = offset;
    }
    for (const fk of fks) await dst(`alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
    // every sequence where it stood
    const seqs = await src(`select schemaname || '.' || sequencename as name, last_value::text as last, (last_value is not null) as called from pg_sequences where schemaname in ('public', 'drizzle')`);
    for (const s of seqs) {
      const [{ start }] = (await src(`select start_value::text as start from pg_sequences where schemaname || '.' || sequencename = $1`, [s.name])) as [{ start: string }];
      await dst(`select setval($1, $2::bigint, $3)`, [quoted(String(s.name)), s.last ?? start, Boolean(s.called)]);
    }
    await dst('commit');
    log(`copied ${Object.values(copied).reduce((a, b) => a + b, 0)} rows in ${tables.length} tables, ${seqs.length} sequences`);

    const problems = compareCounts(await countTables(src), await countTables(dst));
    if (problems.length) throw new BackupError(`the copy does not match the source:\n  ${problems.join('\n  ')}`);
    const invariants = await voucherInvariantProblems(dst);
    if (invariants.length) throw new BackupError(`voucher invariants do not hold on the target:\n  ${invariants.join('\n  ')}`);
    return { tables: copied, sequences: seqs.length };
  } catch (err) {
    await conn.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await conn.end().catch(() => undefined);
    await target.close();
    await source.close();
  }
}
