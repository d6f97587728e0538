/*
 * Backups that restore. One file: a tar holding `manifest.json` (time, kind, schema version, the
 * row count of every table, the data file's size and SHA-256) and the data itself:
 *   - PGlite: PGlite's own `dumpDataDir()` (a gzipped tarball of the data folder), taken while
 *     holding PGlite's transaction lock, so no transaction is half in it and the counts are the
 *     dump's; a running server does it in its own process (ops/admin-socket.ts).
 *   - PostgreSQL: Debian's `pg_dump -Fc` (custom format) in an exported snapshot: the counts are
 *     read in the same snapshot the dump is taken from, while the service keeps running.
 * ID numbers and incomes are in the tables only encrypted (keys derived from GONGHUI_SECRET), so
 * a backup holds them only in that form. Uploaded files (hardship documents, sealed the same way)
 * go in as `files.tar.gz` from whichever store holds them, right after the database's snapshot
 * (ops/backup-files.ts).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import * as tar from 'tar';
import { codeSchemaVersion, type SchemaVersion } from '../db/schema-version';

const run = promisify(execFile);
export const BACKUP_FORMAT = 'gonghui-backup/1';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  kind: 'pglite' | 'postgres';
  createdAt: string;
  schema: SchemaVersion;
  /** `schema.table` → rows, every table of the public and drizzle schemas. */
  tables: Record<string, number>;
  data: { file: string; bytes: number; sha256: string };
  /** The uploaded files, from DATA_DIR or the S3 bucket (absent when there were none). */
  files?: { file: string; bytes: number; sha256: string; count: number };
}

export const FILES_TAR = 'files.tar.gz';

export interface Backup {
  manifest: Manifest;
  data: Buffer;
  files?: Buffer;
}

export class BackupError extends Error {}

type Exec = (query: string) => Promise<Record<string, unknown>[]>;

const TABLES_SQL = `select table_schema || '.' || table_name as name from information_schema.tables
  where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`;

/** Every table's row count, read through `exec` (inside the snapshot the data is taken from). */
export async function countTables(exec: Exec): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await exec(TABLES_SQL)) {
    const name = String(row.name);
    const [schema, table] = name.split('.');
    const [c] = await exec(`select count(*)::int as n from "${schema}"."${table}"`);
    out[name] = Number(c!.n);
  }
  return out;
}

/** The schema version a set of counts belongs to, read the same way. */
async function schemaAt(exec: Exec): Promise<SchemaVersion> {
  const [row] = await exec(`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`);
  const when = Number(row?.last);
  if (!row || !when) throw new BackupError('the database has no migrations recorded: not a Gonghui database');
  const code = codeSchemaVersion();
  return { count: Number(row.n), when, tag: when === code.when ? code.tag : when > code.when ? 'newer than this code' : `migration ${row.n}` };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function manifestOf(kind: Manifest['kind'], schema: SchemaVersion, tables: Record<string, number>, file: string, data: Buffer, now: Date): Manifest {
  return { format: BACKUP_FORMAT, kind, createdAt: now.toISOString(), schema, tables, data: { file, bytes: data.length, sha256: sha256(data) } };
}

/** A PGlite database, from inside the process that has it open (or a tool that opened the folder). */
export async function backupPglite(client: PGlite, now = new Date()): Promise<Backup> {
  // The transaction lock keeps every other transaction and statement out until the dump is taken.
  return client.transaction(async (tx) => {
    const exec: Exec = async (q) => (await tx.query<Record<string, unknown>>(q)).rows;
    const tables = await countTables(exec);
    const schema = await schemaAt(exec);
    const dump = await client.dumpDataDir('gzip');
    const data = Buffer.from(await dump.arrayBuffer());
    return { manifest: manifestOf('pglite', schema, tables, 'pgdata.tar.gz', data, now), data };
  });
}

/** A PostgreSQL database with Debian's pg_dump, custom format, in one exported snapshot. */
export async function backupPostgres(url: string, now = new Date()): Promise<Backup> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-backup-'));
  try {
    await client.query('begin isolation level repeatable read read only');
    const [{ snapshot }] = (await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot')).rows as [{ snapshot: string }];
    const exec: Exec = async (q) => (await client.query(q)).rows;
    const tables = await countTables(exec);
    const schema = await schemaAt(exec);
    const file = path.join(dir, 'data.pgdump');
    await pgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${url}`]);
    await client.query('commit');
    const data = readFileSync(file);
    return { manifest: manifestOf('postgres', schema, tables, 'data.pgdump', data, now), data };
  } finally {
    await client.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]) {
  try {
    await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new BackupError(`${tool} not found: install Debian's postgresql-client (apt-get install postgresql-client)`);
    throw new BackupError(`${tool} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** The one backup file: a tar of manifest.json and the data file. */
export async function writeBackupFile(file: string, backup: Backup): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-backup-'));
  try {
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(backup.manifest, null, 2) + '\n');
    writeFileSync(path.join(dir, backup.manifest.data.file), backup.data);
    const parts = ['manifest.json', backup.manifest.data.file];
    if (backup.manifest.files && backup.files) {
      writeFileSync(path.join(dir, FILES_TAR), backup.files);
      parts.push(FILES_TAR);
    }
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await tar.create({ file, cwd: dir, portable: true }, parts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a backup file and checks it: its format, its schema against this code's, the data's size and checksum. */
export async function readBackupFile(file: string): Promise<Backup> {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-restore-'));
  try {
    await tar.extract({ file, cwd: dir, strict: true }).catch((err: Error) => {
      throw new BackupError(`not a Gonghui backup (${err.message})`);
    });
    const manifestFile = path.join(dir, 'manifest.json');
    if (!existsSync(manifestFile)) throw new BackupError('not a Gonghui backup: manifest.json is missing');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`unknown backup format ${String(manifest.format)}`);
    const code = codeSchemaVersion();
    if (manifest.schema.when > code.when) {
      throw new BackupError(`the backup is from a newer schema (${manifest.schema.count} migrations) than this code knows (${code.count}, ${code.tag}): restore it with the version that made it, or update first`);
    }
    const dataFile = path.join(dir, path.basename(manifest.data.file));
    if (!existsSync(dataFile)) throw new BackupError(`the backup's data file ${manifest.data.file} is missing`);
    const data = readFileSync(dataFile);
    if (data.length !== manifest.data.bytes || sha256(data) !== manifest.data.sha256) throw new BackupError('the backup is damaged: its data does not match the checksum in its manifest');
    if (!manifest.files) return { manifest, data };
    const filesFile = path.join(dir, FILES_TAR);
    if (!existsSync(filesFile)) throw new BackupError(`the backup's uploaded files (${FILES_TAR}) are missing`);
    const files = readFileSync(filesFile);
    if (files.length !== manifest.files.bytes || sha256(files) !== manifest.files.sha256) throw new BackupError('the backup is damaged: its uploaded files do not match the checksum in its manifest');
    return { manifest, data, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Differences between the manifest's counts and what a restored database holds. */
export function compareCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [t, n] of Object.entries(expected)) if (actual[t] !== n) problems.push(`${t}: manifest ${n}, restored ${actual[t] ?? 'missing'}`);
  for (const t of Object.keys(actual)) if (!(t in expected)) problems.push(`${t}: not in the manifest`);
  return problems;
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/** Into an empty (or absent) PGlite folder; checked against the manifest before it is left there. */
export async function restorePglite(backup: Backup, dir: string): Promise<Record<string, number>> {
  if (backup.manifest.kind !== 'pglite') throw new BackupError('this is a PostgreSQL backup: restore it with DATABASE_URL set (pg_restore)');
  if (!isEmptyDir(dir)) throw new BackupError(`${dir} is not empty: restore only into an empty data folder (move the old one aside first)`);
  mkdirSync(dir, { recursive: true });
  try {
    const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([new Uint8Array(backup.data)]) });
    try {
      const counts = await countTables(async (q) => (await client.query<Record<string, unknown>>(q)).rows);
      const problems = compareCounts(backup.manifest.tables, counts);
      if (problems.length) throw new BackupError(`the restored data does not match the manifest:\n  ${problems.join('\n  ')}`);
      return counts;
    } finally {
      await client.close();
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Into an empty PostgreSQL database with pg_restore; checked against the manifest. */
export async function restorePostgres(backup: Backup, url: string): Promise<Record<string, number>> {
  if (backup.manifest.kind !== 'postgres') throw new BackupError('this is a PGlite backup: restore it into an empty DATA_DIR without DATABASE_URL (then `pnpm db:move-to` for PostgreSQL)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-restore-'));
  try {
    const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`)).rows as [{ n: number }];
    if (n > 0) throw new BackupError('the database is not empty: restore only into an empty database (createdb a new one)');
    const file = path.join(dir, 'data.pgdump');
    writeFileSync(file, backup.data);
    await pgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file]);
    const counts = await countTables(async (q) => (await client.query(q)).rows);
    const problems = compareCounts(backup.manifest.tables, counts);
    if (problems.length) throw new BackupError(`the restored data does not match the manifest:\n  ${problems.join('\n  ')}`);
    return counts;
  } finally {
    await client.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Plain SQL on a PGlite folder (nobody else may have it open) or a PostgreSQL database, for checks and tools. */
export async function openExec(target: { pgliteDir?: string; url?: string }): Promise<{ exec: Exec; close(): Promise<void> }> {
  if (target.url) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    return { exec: async (q) => (await client.query(q)).rows, close: () => client.end() };
  }
  const client = await PGlite.create(target.pgliteDir!);
  return { exec: async (q) => (await client.query<Record<string, unknown>>(q)).rows, close: () => client.close() };
}
