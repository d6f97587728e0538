/*
 * `pnpm doctor`: reads the environment as production mode would and says, in Chinese and English,
 * everything it would refuse (config.ts's own checks, not a copy of them) and what else would hurt
 * on the day: the mini-program's API base, proxy hops, the database, the upload store, disk space
 * under DATA_DIR.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { productionProblems, s3SettingsFromEnv } from '../config';
import { S3BlobStore } from '../lib/s3-blob-store';
import { codeSchemaVersion } from '../db/schema-version';
import { adminSocketPath, serverListening } from './admin-socket';

export type Level = 'ok' | 'problem' | 'note';
export interface Finding {
  level: Level;
  zh: string;
  en: string;
}

export interface DoctorOptions {
  /** Where relative paths (DATA_DIR) start: where pnpm was run. */
  base: string;
  /** Below this, free space under DATA_DIR is a problem (default 1 GiB). */
  minFreeBytes?: number;
}

const GiB = 1024 ** 3;

async function databaseFinding(url: string): Promise<Finding> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, query_timeout: 5000 });
  const where = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  try {
    await client.connect();
    const [exists] = (await client.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`)).rows;
    const rows = exists?.t ? (await client.query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations')).rows : [];
    const last = Number(rows[0]?.last ?? 0);
    const code = codeSchemaVersion();
    if (last > code.when) return { level: 'problem', zh: `数据库的结构比本版本新：请升级程序`, en: `the database at ${where} has a newer schema than this code (${code.tag}): update the code` };
    const state = last === code.when ? `schema ${code.tag}` : last ? 'an older schema (migrated at start)' : 'empty (migrated at start)';
    return { level: 'ok', zh: `数据库可连接（${where}）`, en: `database reachable at ${where}: ${state}` };
  } catch (err) {
    return { level: 'problem', zh: `无法连接数据库 DATABASE_URL`, en: `database not reachable at ${where}: ${(err as Error).message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where uploaded documents go; with S3, whether the bucket answers our credentials within 5 s. */
async function uploadStoreFinding(env: Record<string, string | undefined>, dataDir: string): Promise<Finding | null> {
  let settings;
  try {
    settings = s3SettingsFromEnv(env);
  } catch {
    return null; // half a configuration: already a refusal above
  }
  if (!settings) return { level: 'ok', zh: `上传材料存放在 ${path.join(dataDir, 'hardship-docs')}（多台服务器时请配置 S3 存储）`, en: `uploaded documents under ${path.join(dataDir, 'hardship-docs')} (several API hosts need S3_BUCKET or a shared folder)` };
  const store = new S3BlobStore({ ...settings, timeoutMs: Math.min(settings.timeoutMs, 5000) });
  try {
    await store.check();
    return { level: 'ok', zh: `S3 存储桶可访问（${settings.bucket}）`, en: `S3 bucket reachable: ${store.where}` };
  } catch (err) {
    return { level: 'problem', zh: `无法访问 S3 存储桶 ${settings.bucket}：材料上传和下载将不可用`, en: (err as Error).message };
  } finally {
    store.close();
  }
}

export async function doctor(env: Record<string, string | undefined>, opts: DoctorOptions): Promise<Finding[]> {
  const out: Finding[] = [];
  if (env.GONGHUI_MODE !== 'production' && env.GONGHUI_MODE !== undefined) {
    out.push({ level: 'problem', zh: `GONGHUI_MODE=${env.GONGHUI_MODE}：不是生产模式`, en: `GONGHUI_MODE=${env.GONGHUI_MODE}: not production mode (unset it or set production)` });
  }
  const refusals = productionProblems({ ...env, GONGHUI_MODE: 'production' });
  for (const r of refusals) out.push({ level: 'problem', zh: r.zh, en: r.en });
  const refused = new Set(refusals.map((r) => r.key));
  if (!refused.has('GONGHUI_SECRET')) out.push({ level: 'ok', zh: '密钥 GONGHUI_SECRET 已设置（请与备份分开保管）', en: 'GONGHUI_SECRET is set (keep it apart from the backups)' });
  if (!refused.has('SMS_WEBHOOK_URL')) out.push({ level: 'ok', zh: '短信服务已配置', en: `SMS provider: ${env.SMS_WEBHOOK_URL}` });
  if (!refused.has('WECHAT_APPID')) out.push({ level: 'ok', zh: '小程序 appid 与 secret 已配置', en: `mini-program ${env.WECHAT_APPID} configured` });

  // the mini-program is built against the API's https origin (client/config refuses anything else)
  const apiBase = env.TARO_APP_API_BASE;
  if (apiBase && !/^https:\/\/[^/]+$/.test(apiBase)) {
    out.push({ level: 'problem', zh: `小程序接口地址 TARO_APP_API_BASE 必须是 https 域名（不带路径）`, en: `TARO_APP_API_BASE=${apiBase}: the mini-program build needs an https origin without a path` });
  } else if (apiBase && env.PUBLIC_URL && new URL(env.PUBLIC_URL).origin !== apiBase) {
    out.push({ level: 'note', zh: `TARO_APP_API_BASE 与 PUBLIC_URL 不同源`, en: `TARO_APP_API_BASE (${apiBase}) is not PUBLIC_URL's origin: fine if the API has an address of its own` });
  } else if (!apiBase) {
    out.push({ level: 'note', zh: '构建小程序时需设置 TARO_APP_API_BASE（https）', en: 'TARO_APP_API_BASE is not set here: the release build of the mini-program needs it (https)' });
  }

  // https is terminated in front of Node (it speaks plain http), so the proxy must be counted
  const hops = Number(env.TRUST_PROXY ?? 0);
  if (env.PUBLIC_URL?.startsWith('https://') && !(hops >= 1)) {
    out.push({ level: 'problem', zh: 'PUBLIC_URL 是 https，但 TRUST_PROXY=0：经 nginx 转发时请设为 1', en: 'PUBLIC_URL is https but TRUST_PROXY is 0: the server speaks plain http, so TLS ends at a reverse proxy; set TRUST_PROXY to the number of proxies (1 for one nginx), or every member shares the proxy\'s address' });
  } else if (hops >= 1) {
    out.push({ level: 'ok', zh: `信任 ${hops} 层反向代理`, en: `TRUST_PROXY=${hops}: the client address is the one the outermost of ${hops} proxies saw` });
  }
  if (!env.METRICS_PORT && !env.METRICS_TOKEN) out.push({ level: 'note', zh: '未开启 /metrics（METRICS_PORT 或 METRICS_TOKEN）', en: '/metrics is off: set METRICS_PORT (a private port) or METRICS_TOKEN' });

  const dataDir = path.resolve(opts.base, env.DATA_DIR || '.data');
  if (env.DATABASE_URL) {
    out.push(await databaseFinding(env.DATABASE_URL));
    try {
      execFileSync('pg_dump', ['--version'], { stdio: 'ignore' });
    } catch {
      out.push({ level: 'note', zh: '未找到 pg_dump：pnpm backup 需要 postgresql-client', en: 'pg_dump not found: pnpm backup needs Debian\'s postgresql-client (a version ≥ the server\'s)' });
    }
  }
  else if (await serverListening(adminSocketPath(dataDir))) out.push({ level: 'ok', zh: `内置数据库正在被服务使用（${dataDir}）`, en: `PGlite in ${dataDir} is open by a running server` });
  else if (existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))) out.push({ level: 'ok', zh: `内置数据库在 ${dataDir}`, en: `PGlite data folder found in ${dataDir}` });
  else out.push({ level: 'note', zh: `内置数据库将在首次启动时创建于 ${dataDir}`, en: `no PGlite data in ${dataDir} yet: it is created at the first start (one process only; use DATABASE_URL for more)` });

  const uploads = await uploadStoreFinding(env, dataDir);
  if (uploads) out.push(uploads);

  // free space where the data (or, with a server database, the backups and logs) are written
  let probe = dataDir;
  while (!existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  const fs = statfsSync(probe);
  const free = fs.bavail * fs.bsize;
  const min = opts.minFreeBytes ?? GiB;
  const gib = (free / GiB).toFixed(1);
  if (free < min) out.push({ level: 'problem', zh: `${dataDir} 所在磁盘仅剩 ${gib} GiB`, en: `only ${gib} GiB free under ${dataDir} (need at least ${(min / GiB).toFixed(1)} GiB for the database, backups and logs)` });
  else out.push({ level: 'ok', zh: `磁盘剩余 ${gib} GiB`, en: `${gib} GiB free under ${dataDir}` });
  return out;
}

const MARK: Record<Level, string> = { ok: '✓', problem: '✗', note: '·' };

export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${MARK[f.level]} ${f.zh}\n  ${f.en}`).join('\n');
}
