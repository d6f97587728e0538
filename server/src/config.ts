import { z } from 'zod';
import type { S3Settings } from './lib/s3-blob-store';
import { DEFAULT_RUSH, type RushConfig } from './rush/index';

/** An empty variable counts as unset (compose files write `S3_ENDPOINT=` for "none"). */
const unsetIfEmpty = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());

/** Uploaded files in an S3-compatible bucket instead of DATA_DIR (lib/s3-blob-store.ts). */
const S3Env = z.object({
  // http(s) only, and no user:password@ (the endpoint is printed in logs and by pnpm doctor)
  S3_ENDPOINT: unsetIfEmpty(z.url({ protocol: /^https?$/ }).refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'no credentials in the URL')),
  S3_REGION: unsetIfEmpty(z.string().regex(/^[a-z0-9-]{2,40}$/)),
  S3_BUCKET: unsetIfEmpty(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)),
  S3_ACCESS_KEY_ID: unsetIfEmpty(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: unsetIfEmpty(z.string().min(1)),
  S3_FORCE_PATH_STYLE: unsetIfEmpty(z.enum(['0', '1'])),
  /** Put before every object key, e.g. `gonghui/` (letters, digits, `.`, `_`, `-`, folders with `/`). */
  S3_PREFIX: unsetIfEmpty(z.string().regex(/^(?!(.*\/)?\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/)),
  S3_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(1000).max(120_000)),
});
type ParsedS3Env = z.infer<typeof S3Env>;
const S3_REQUIRED = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** The S3 settings, none when no S3_ variable is set; half a configuration is a refusal (never files quietly on local disk). */
function s3SettingsOf(e: ParsedS3Env): S3Settings | undefined {
  const given = (Object.keys(S3Env.shape) as (keyof ParsedS3Env)[]).filter((k) => e[k] !== undefined);
  if (given.length === 0) return undefined;
  const missing = S3_REQUIRED.filter((k) => e[k] === undefined);
  if (missing.length) throw new ConfigError(`S3 storage is half configured: ${given.join(', ')} set but ${missing.join(', ')} missing (set ${S3_REQUIRED.join(', ')} for S3, or no S3_ variable to keep uploads under DATA_DIR)`);
  return {
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? 'us-east-1',
    bucket: e.S3_BUCKET!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === '1',
    prefix: e.S3_PREFIX ? e.S3_PREFIX.replace(/\/?$/, '/') : '',
    timeoutMs: e.S3_TIMEOUT_MS ?? 15_000,
  };
}

/** The S3 settings alone, for the operator commands (pnpm backup / restore / sweep). */
export function s3SettingsFromEnv(env: Record<string, string | undefined>): S3Settings | undefined {
  const parsed = S3Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return s3SettingsOf(parsed.data);
}

/** The one place that reads the environment (lint forbids `process.env` elsewhere). */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().optional(),
  GONGHUI_MODE: z.enum(['demo', 'production']).default('production'),
  GONGHUI_NOW: z.string().optional(),
  GONGHUI_SECRET: z.string().optional(),
  GONGHUI_DEMO_LOGIN: z.enum(['0', '1']).optional(),
  GONGHUI_SEED_DEMO: z.enum(['0', '1']).optional(),
  GONGHUI_CLIENT_DIR: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** Keys of the Redis admission step start with this (several deployments may share one Redis). */
  RUSH_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).default('gh:adm:'),
  /** Bound on each Redis call of a claim: past it the claim goes to the database without admission. */
  RUSH_REDIS_TIMEOUT_MS: z.coerce.number().int().min(1).max(10_000).default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** Subscribe-message template ids from the mini-program console (订阅消息); a template without one is not sent. */
  WECHAT_TMPL_WISH_PROGRESS: z.string().optional(),
  WECHAT_TMPL_VOUCHER_EXPIRING: z.string().optional(),
  SMS_WEBHOOK_URL: z.url().optional(),
  SMS_WEBHOOK_TOKEN: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 30),
  /** How many reverse proxies stand in front (0: none; 1: nginx). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  /** Where members reach the H5 portal: join QR codes point here. */
  PUBLIC_URL: z.url().optional(),
  /** The Benefit Day claim path (server/src/rush): see RushConfig. */
  RUSH_CLAIM_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_RUSH.claimConcurrency),
  RUSH_CLAIM_LINE: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_RUSH.claimLine),
  RUSH_CLAIM_LINE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_RUSH.claimLineWaitMs),
  RUSH_MEMBER_RATE: z.coerce.number().min(0).max(10_000).default(DEFAULT_RUSH.memberRate),
  RUSH_MEMBER_BURST: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RUSH.memberBurst),
  RUSH_IP_RATE: z.coerce.number().min(0).max(1_000_000).default(DEFAULT_RUSH.ipRate),
  RUSH_IP_BURST: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RUSH.ipBurst),
  RUSH_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(3600_000).default(DEFAULT_RUSH.sessionCacheMs),
  RUSH_STALE_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_RUSH.staleMs),
  RUSH_GROUP_MAX: z.coerce.number().int().min(1).max(1000).default(DEFAULT_RUSH.groupMax),
  RUSH_GROUP_PARALLEL: z.coerce.number().int().min(1).max(64).default(DEFAULT_RUSH.groupParallel),
  /** /metrics on a listener of its own (no token there); never the public port unless METRICS_TOKEN is set. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().optional(),
  /** Bearer token for /metrics on the public port (at least 16 characters). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** After SIGTERM: how long readiness fails while requests are still served, before the listener closes. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(30_000).default(3000),
  /** PostgreSQL pool size per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
}).extend(S3Env.shape);

export type Mode = 'demo' | 'production';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Pinned clock (demo only). */
  now?: Date;
  /** Raw secret material; keys are derived from it (see crypto.ts). */
  secret: string;
  demoLogin: boolean;
  seedDemo: boolean;
  clientDir?: string;
  redisUrl?: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  wechat: { appId: string; secret: string; apiBase: string };
  sms: { webhookUrl?: string; webhookToken?: string };
  sessionTtlMs: number;
  /** Trusted proxy hops: the client address is the one the outermost trusted proxy saw. */
  trustProxy: number;
  /** The H5 portal's public address, without a trailing slash. */
  publicUrl: string;
  /** Limits and bounds of the claim path. */
  rush: RushConfig;
  databasePoolSize: number;
  /** Where /metrics is served: its own listener (port, host) and/or the public port behind the token. */
  metrics: { port?: number; host: string; token?: string };
  /** SIGTERM: readiness fails this long before the listener closes (SIGINT stops at once). */
  shutdownGraceMs: number;
  /** WeChat subscribe-message template ids (server/src/modules/notices/subscribe.ts). */
  subscribeTemplates?: { wish_progress?: string; voucher_expiring?: string };
  /** Uploaded files in an S3-compatible bucket; absent: under DATA_DIR. */
  s3?: S3Settings;
}

export class ConfigError extends Error {}

const DEMO_SECRET_MIN = 32;

/** One reason production mode refuses to start, in English (the log) and Chinese (pnpm doctor). */
export interface Refusal {
  key: string;
  en: string;
  zh: string;
}

type ParsedEnv = z.infer<typeof Env>;

/** Everything production mode refuses, in the order it is checked; `loadConfig` stops at the first. */
function productionRefusals(e: ParsedEnv): Refusal[] {
  const out: Refusal[] = [];
  const demoLogin = e.GONGHUI_DEMO_LOGIN === '1';
  if (!e.GONGHUI_SECRET || e.GONGHUI_SECRET.length < DEMO_SECRET_MIN || /^(changeme|secret|demo)/i.test(e.GONGHUI_SECRET)) {
    out.push({ key: 'GONGHUI_SECRET', en: `production mode needs GONGHUI_SECRET: a random value of at least ${DEMO_SECRET_MIN} characters`, zh: `生产模式需要 GONGHUI_SECRET：至少 ${DEMO_SECRET_MIN} 个字符的随机值` });
  }
  if (demoLogin) out.push({ key: 'GONGHUI_DEMO_LOGIN', en: 'production mode refuses GONGHUI_DEMO_LOGIN=1', zh: '生产模式不允许演示登录 GONGHUI_DEMO_LOGIN=1' });
  if (e.GONGHUI_SEED_DEMO === '1') out.push({ key: 'GONGHUI_SEED_DEMO', en: 'production mode refuses GONGHUI_SEED_DEMO=1', zh: '生产模式不允许写入演示数据 GONGHUI_SEED_DEMO=1' });
  if (e.GONGHUI_NOW) out.push({ key: 'GONGHUI_NOW', en: 'production mode refuses GONGHUI_NOW (the clock cannot be pinned)', zh: '生产模式不允许固定时钟 GONGHUI_NOW' });
  if (!e.SMS_WEBHOOK_URL) out.push({ key: 'SMS_WEBHOOK_URL', en: 'production mode needs an SMS provider: set SMS_WEBHOOK_URL', zh: '生产模式需要短信服务：请设置 SMS_WEBHOOK_URL' });
  if (!e.WECHAT_APPID || !e.WECHAT_SECRET) out.push({ key: 'WECHAT_APPID', en: 'production mode needs the mini-program: set WECHAT_APPID and WECHAT_SECRET', zh: '生产模式需要小程序：请设置 WECHAT_APPID 和 WECHAT_SECRET' });
  if (!e.PUBLIC_URL?.startsWith('https://')) {
    out.push({ key: 'PUBLIC_URL', en: 'production mode needs PUBLIC_URL, the https address members open (join QR codes point there)', zh: '生产模式需要 PUBLIC_URL：职工打开的 https 地址（入会二维码指向它）' });
  }
  return out;
}

function s3Refusals(e: ParsedEnv): Refusal[] {
  try {
    s3SettingsOf(e);
    return [];
  } catch (err) {
    return [{ key: 'S3_BUCKET', en: (err as Error).message, zh: `S3 存储配置不完整：请同时设置 ${S3_REQUIRED.join('、')}，或不设置任何 S3_ 变量（上传文件存放在 DATA_DIR）` }];
  }
}

/**
 * What production mode would refuse in this environment (all of it, not only the first), for
 * `pnpm doctor`; an environment that does not parse is one refusal per field.
 */
export function productionProblems(env: Record<string, string | undefined>): Refusal[] {
  const out: Refusal[] = [];
  let rest = { ...env };
  for (;;) {
    const parsed = Env.safeParse(rest);
    if (parsed.success) return [...out, ...s3Refusals(parsed.data), ...productionRefusals(parsed.data)];
    // report each invalid field, then judge the rest as if it were unset
    let removed = false;
    for (const i of parsed.error.issues) {
      const key = i.path.join('.');
      out.push({ key, en: `invalid environment: ${key} (${i.message})`, zh: `环境变量无效：${key}` });
      removed = key in rest ? delete rest[key] : removed;
    }
    if (!removed) return out;
    rest = { ...rest };
  }
}

/**
 * Parses the environment. `demoSecret` is what main.ts keeps in DATA_DIR for demo mode;
 * production must bring its own secret and refuses every demo convenience.
 */
export function loadConfig(env: Record<string, string | undefined>, demoSecret?: () => string): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new ConfigError(`invalid environment: ${fields}`);
  }
  const e = parsed.data;
  const mode = e.GONGHUI_MODE;
  const demoLogin = e.GONGHUI_DEMO_LOGIN ? e.GONGHUI_DEMO_LOGIN === '1' : mode === 'demo';
  let now: Date | undefined;
  if (e.GONGHUI_NOW) {
    now = new Date(e.GONGHUI_NOW);
    if (Number.isNaN(now.getTime())) throw new ConfigError('GONGHUI_NOW is not a date-time');
  }

  if (mode === 'production') {
    const [first] = productionRefusals(e);
    if (first) throw new ConfigError(first.en);
  }

  if (e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) throw new ConfigError('METRICS_PORT must differ from PORT: metrics are never served on the public port without METRICS_TOKEN');

  const s3 = s3SettingsOf(e);

  const secret = e.GONGHUI_SECRET ?? demoSecret?.();
  if (!secret) throw new ConfigError('GONGHUI_SECRET is missing');

  return {
    mode,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL || undefined,
    now,
    secret,
    demoLogin,
    seedDemo: e.GONGHUI_SEED_DEMO ? e.GONGHUI_SEED_DEMO === '1' : mode === 'demo',
    clientDir: e.GONGHUI_CLIENT_DIR,
    redisUrl: e.REDIS_URL || undefined,
    logLevel: e.LOG_LEVEL,
    wechat: { appId: e.WECHAT_APPID ?? '', secret: e.WECHAT_SECRET ?? '', apiBase: e.WECHAT_API_BASE },
    sms: { webhookUrl: e.SMS_WEBHOOK_URL, webhookToken: e.SMS_WEBHOOK_TOKEN },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    trustProxy: e.TRUST_PROXY,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    rush: {
      claimConcurrency: e.RUSH_CLAIM_CONCURRENCY,
      claimLine: e.RUSH_CLAIM_LINE,
      claimLineWaitMs: e.RUSH_CLAIM_LINE_WAIT_MS,
      memberRate: e.RUSH_MEMBER_RATE,
      memberBurst: e.RUSH_MEMBER_BURST,
      ipRate: e.RUSH_IP_RATE,
      ipBurst: e.RUSH_IP_BURST,
      sessionCacheMs: e.RUSH_SESSION_CACHE_MS,
      staleMs: e.RUSH_STALE_MS,
      groupMax: e.RUSH_GROUP_MAX,
      groupParallel: e.RUSH_GROUP_PARALLEL,
      redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.RUSH_REDIS_PREFIX, timeoutMs: e.RUSH_REDIS_TIMEOUT_MS } : undefined,
    },
    databasePoolSize: e.DATABASE_POOL_SIZE,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST ?? e.HOST, token: e.METRICS_TOKEN || undefined },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    subscribeTemplates: { wish_progress: e.WECHAT_TMPL_WISH_PROGRESS || undefined, voucher_expiring: e.WECHAT_TMPL_VOUCHER_EXPIRING || undefined },
    s3,
  };
}

const ClusterEnv = z.object({
  CLUSTER_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
});

/** How many API workers `pnpm start:cluster` forks: CLUSTER_WORKERS, else WEB_CONCURRENCY (Heroku's name), else one per CPU. */
export function clusterWorkers(env: Record<string, string | undefined>, cpus: number): number {
  const parsed = ClusterEnv.safeParse({ CLUSTER_WORKERS: env.CLUSTER_WORKERS || undefined, WEB_CONCURRENCY: env.WEB_CONCURRENCY || undefined });
  if (!parsed.success) throw new ConfigError(`invalid environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')} (a whole number of workers, 1 to 256)`);
  return parsed.data.CLUSTER_WORKERS ?? parsed.data.WEB_CONCURRENCY ?? Math.max(1, cpus);
}

/** A config for tests and tools: demo mode, a fixed secret, nothing read from the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    mode: 'demo',
    port: 0,
    host: '127.0.0.1',
    dataDir: '',
    secret: 'test-secret-0123456789abcdef0123456789abcdef',
    demoLogin: true,
    seedDemo: false,
    logLevel: 'silent',
    wechat: { appId: 'wx-test-app', secret: 'wx-test-secret', apiBase: 'http://127.0.0.1:9' },
    sms: {},
    sessionTtlMs: 30 * 24 * 3600_000,
    trustProxy: 0,
    publicUrl: 'http://localhost:3000',
    // tests race one member's claims on purpose: the per-member and per-address limits are off unless a test sets them
    rush: { ...DEFAULT_RUSH, memberRate: 0, ipRate: 0 },
    databasePoolSize: 10,
    metrics: { host: '127.0.0.1' },
    shutdownGraceMs: 0,
    ...overrides,
  };
}
