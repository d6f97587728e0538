/*
 * Operator commands (run from the repository root through pnpm):
 *   pnpm backup [FILE]          a consistent backup while the service runs
 *   pnpm restore FILE           into an empty DATA_DIR (PGlite) or an empty DATABASE_URL database
 *   pnpm db:move-to URL         a PGlite folder into an empty PostgreSQL database
 *   pnpm doctor                 what production mode would refuse, and why
 *   pnpm files:sweep            remove uploaded files no document names (older than an hour)
 * Paths are taken from where pnpm was run (INIT_CWD), like DATA_DIR for `npm start`.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { adminSocketPath, backupFromRunningServer, serverListening } from '../src/ops/admin-socket';
import { moveToPostgres } from '../src/ops/move-to';
import { doctor, formatFindings } from '../src/ops/doctor';
import { BackupError, backupPglite, backupPostgres, readBackupFile, restorePglite, restorePostgres, writeBackupFile, type Backup } from '../src/ops/backup';
import { assertFilesRestorable, restoreFiles, withFiles } from '../src/ops/backup-files';
import { ConfigError, s3SettingsFromEnv } from '../src/config';
import { BlobStoreUnavailable, type BlobStore } from '../src/lib/blob-store';
import { openBlobStore } from '../src/lib/open-blob-store';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { schema, type Db } from '../src/db/index';
import { sweepOrphanBlobs } from '../src/ops/orphan-blobs';

const env = process.env;
const base = env.INIT_CWD || process.cwd();
const dataDir = path.resolve(base, env.DATA_DIR || '.data');
const databaseUrl = env.DATABASE_URL || undefined;
/** Where uploaded files are: the S3 bucket of S3_* when set, else DATA_DIR (as the server decides). */
const openStore = (): BlobStore => openBlobStore({ s3: s3SettingsFromEnv(env), dataDir });

function stamp(d: Date) {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function describe(b: Backup) {
  const rows = Object.values(b.manifest.tables).reduce((a, n) => a + n, 0);
  const files = b.manifest.files ? `, ${b.manifest.files.count} uploaded files (${b.manifest.files.bytes} bytes)` : '';
  return `${b.manifest.kind}, schema ${b.manifest.schema.tag} (${b.manifest.schema.count} migrations), ${Object.keys(b.manifest.tables).length} tables, ${rows} rows, ${b.manifest.data.bytes} bytes, sha256 ${b.manifest.data.sha256.slice(0, 16)}…${files}`;
}

async function backup(fileArg: string | undefined) {
  const store = openStore();
  let b: Backup;
  if (databaseUrl) b = await backupPostgres(databaseUrl);
  else {
    // a running server takes it itself; otherwise nobody has the folder open and we may
    b = (await backupFromRunningServer(dataDir)) ?? (await backupOffline());
  }
  b = await withFiles(b, store);
  const file = path.resolve(base, fileArg ?? `gonghui-backup-${b.manifest.kind}-${stamp(new Date(b.manifest.createdAt))}.tar`);
  await writeBackupFile(file, b);
  console.log(`备份完成 backup written: ${file}\n  ${describe(b)}`);
  console.log('  注意：GONGHUI_SECRET 不在备份中，请另行保管。 The secret is not in the backup: keep GONGHUI_SECRET apart from it.');
}

async function backupOffline(): Promise<Backup> {
  const folder = path.join(dataDir, 'pglite');
  const client = await PGlite.create(folder);
  try {
    return await backupPglite(client);
  } finally {
    await client.close();
  }
}

async function restore(fileArg: string | undefined) {
  if (!fileArg) throw new BackupError('usage: pnpm restore FILE');
  const b = await readBackupFile(path.resolve(base, fileArg));
  console.log(`manifest ok: ${describe(b)}, taken ${b.manifest.createdAt}`);
  const store = openStore();
  await assertFilesRestorable(b, store); // before the database: never half a restore
  if (databaseUrl) await restorePostgres(b, databaseUrl);
  else await restorePglite(b, path.join(dataDir, 'pglite'));
  const files = await restoreFiles(b, store);
  if (files) console.log(`  ${files} uploaded files restored into ${store.where}`);
  console.log(`恢复完成 restored into ${databaseUrl ? 'the database at DATABASE_URL' : path.join(dataDir, 'pglite')}: every table's rows match the manifest.`);
  console.log('  用备份时的 GONGHUI_SECRET 启动，否则身份证号等加密数据无法解密。 Start with the GONGHUI_SECRET in use when it was taken, or encrypted ID numbers cannot be read.');
}

async function moveTo(url: string | undefined) {
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new BackupError('usage: pnpm db:move-to postgres://user@host:5432/gonghui (an empty database)');
  if (await serverListening(adminSocketPath(dataDir))) throw new BackupError(`a server is running on ${dataDir}: stop it first (the folder must not change while it is copied)`);
  const folder = path.join(dataDir, 'pglite');
  console.log(`moving ${folder} → ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
  const report = await moveToPostgres(folder, url, (line) => console.log(`  ${line}`));
  console.log(`迁移完成 moved: every table's rows match (${Object.keys(report.tables).length} tables), sequences set (${report.sequences}), voucher counters equal the vouchers.`);
  console.log('\n现在只需改一个设置 The one setting to change, then start the server as before:');
  console.log(`  DATABASE_URL=${url}`);
  console.log(`Keep GONGHUI_SECRET as it is. ${folder} is left untouched: keep it until the server runs well on PostgreSQL.`);
}

async function checkup() {
  const findings = await doctor(env, { base, minFreeBytes: env.DOCTOR_MIN_FREE_GB ? Number(env.DOCTOR_MIN_FREE_GB) * 1024 ** 3 : undefined });
  console.log(formatFindings(findings));
  const problems = findings.filter((f) => f.level === 'problem').length;
  console.log(problems ? `\n✗ ${problems} 个问题，生产模式无法正常运行 / ${problems} problem(s): fix them before starting in production` : '\n✓ 可以启动 / ready for production');
  if (problems) process.exit(1);
}

async function sweepFiles() {
  const store = openStore();
  // the database as it is (no migration): only the documents' storage keys are read
  let db: Db;
  let close: () => Promise<void>;
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    db = drizzlePg(pool, { schema }) as unknown as Db;
    close = () => pool.end();
  } else {
    if (await serverListening(adminSocketPath(dataDir))) throw new BackupError(`a server is running on ${dataDir}: it sweeps every hour by itself (stop it to sweep now)`);
    const client = await PGlite.create(path.join(dataDir, 'pglite'));
    db = drizzlePglite({ client, schema }) as unknown as Db;
    close = () => client.close();
  }
  try {
    const report = await sweepOrphanBlobs(db, store, new Date());
    console.log(`清理完成 swept ${store.where}: ${report.stored} stored files, ${report.removed.length} without a document removed${report.removed.length ? `:\n  ${report.removed.join('\n  ')}` : ''}`);
  } finally {
    await close();
  }
}

const [command, arg] = process.argv.slice(2);
const commands: Record<string, (a: string | undefined) => Promise<void>> = { backup, restore, 'move-to': moveTo, doctor: checkup, 'sweep-files': sweepFiles };
const fn = command ? commands[command] : undefined;
if (!fn) {
  console.error(`usage: ops.ts ${Object.keys(commands).join('|')} [ARG]`);
  process.exit(2);
}
fn(arg).then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err instanceof BackupError || err instanceof ConfigError || err instanceof BlobStoreUnavailable ? `✗ ${err.message}` : err);
    process.exit(1);
  },
);
