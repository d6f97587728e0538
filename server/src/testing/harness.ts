/* The app in-process over a real HTTP socket, with a fresh database, a fixed clock and recording fakes. */
import { createMetrics } from '../ops/metrics';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalBlobStore, type BlobStore } from '../lib/blob-store';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../app';
import { FixedClock } from '../clock';
import { testConfig, type Config } from '../config';
import { deriveKeys } from '../crypto';
import { schema, type Database, type DbKind } from '../db/index';
import type { Deps } from '../deps';
import { createLogger } from '../logger';
import type { SmsSender } from '../modules/auth/sms';
import { httpWechatClient, type WechatClient } from '../modules/auth/wechat';
import { hearRevocations, rushMemory } from '../rush/index';
import { seedDemoData } from '../seed/demo';
import type { Endpoint } from '@gonghui/shared';
import { callEndpoint, type CallOptions, type CallResult } from './call';
import { freshDatabase } from './database';

/** Keeps every SMS "sent", so tests can read the code a person would have received. */
export class RecordingSms implements SmsSender {
  sent: { phone: string; code: string }[] = [];
  failNext = false;
  async send(phone: string, code: string) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('gateway down');
    }
    this.sent.push({ phone, code });
  }
  lastCodeFor(phone: string): string {
    const hit = [...this.sent].reverse().find((s) => s.phone === phone);
    if (!hit) throw new Error(`no SMS for ${phone}`);
    return hit.code;
  }
}

/** Collects log lines so tests can prove what never reaches the logs. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.lines.push(chunk.toString('utf8'));
    cb();
  }
  get text() {
    return this.lines.join('');
  }
}

export interface Json {
  status: number;
  body: any;
  headers: Headers;
}

export interface TestApp {
  deps: Deps;
  database: Database;
  clock: FixedClock;
  sms: RecordingSms;
  logs: LogCapture;
  baseUrl: string;
  request(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Json>;
  get(path: string, token?: string): Promise<Json>;
  post(path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<Json>;
  patch(path: string, body?: unknown, token?: string): Promise<Json>;
  /** One endpoint of the contract, typed from its entry: `app.call(api.claim, { params: { id }, token })`. */
  call<E extends Endpoint<any, any, any, any, any>>(endpoint: E, opts: CallOptions<E>): Promise<CallResult<E>>;
  /** Demo-login by phone; returns the bearer token. */
  login(phone: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: string;
  config?: Partial<Config>;
  seed?: boolean;
  /** Replaces members of the WeChat client built from the config (code2Session, configured, getUnlimitedQr…). */
  wechat?: Partial<WechatClient>;
  clientDir?: string;
  /** A database opened by the test itself (e.g. through a proxy it can cut); closed with the app. */
  database?: Database;
  /** The upload store (e.g. a bucket of testing/s3.ts); default: a fresh folder, removed with the app. */
  blobs?: () => BlobStore;
}

export async function startTestApp(kind: DbKind, opts: TestAppOptions = {}): Promise<TestApp> {
  const database = opts.database ?? (await freshDatabase(kind));
  const clock = new FixedClock(opts.now ?? '2026-12-01T02:00:00Z');
  const config = testConfig(opts.config);
  const keys = deriveKeys(config.secret);
  const logs = new LogCapture();
  const logger = createLogger('info', logs);
  const sms = new RecordingSms();
  const wechat: WechatClient = { ...httpWechatClient({ apiBase: config.wechat.apiBase, appId: config.wechat.appId, secret: config.wechat.secret }), ...opts.wechat };
  const rush = rushMemory(config.rush, database.db, logger);
  await hearRevocations(rush, database, logger);
  const tempRoot = opts.blobs || config.dataDir ? undefined : mkdtempSync(path.join(tmpdir(), 'gonghui-test-data-'));
  const blobs = opts.blobs?.() ?? new LocalBlobStore(tempRoot ?? config.dataDir);
  const deps: Deps = { db: database.db, dbKind: database.kind, clock, config, keys, logger, sms, wechat, rush, metrics: createMetrics({ pool: database.poolStats }), lifecycle: { draining: false }, blobs };
  if (opts.seed !== false) await seedDemoData(database.db, keys, clock.now());
  const app = createApp(deps, { clientDir: opts.clientDir });
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestApp['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const t: TestApp = {
    deps,
    database,
    clock,
    sms,
    logs,
    baseUrl,
    request,
    get: (path, token) => request('GET', path, { token }),
    post: (path, body, token, headers) => request('POST', path, { body, token, headers }),
    patch: (path, body, token) => request('PATCH', path, { body, token }),
    call: (endpoint, opts) => callEndpoint(baseUrl, endpoint, opts),
    async login(phone) {
      const r = await request('POST', '/api/auth/demo-login', { body: { phone } });
      if (r.status !== 200) throw new Error(`demo-login ${phone}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await rush.close();
      await database.close();
      if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
    },
  };
  return t;
}

/** Starts one app per storage kind for the file, closed after it. */
export function useTestApp(kind: DbKind, opts: TestAppOptions = {}): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(kind, opts);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('test app not started');
    return app;
  };
}

export async function unionIdByName(app: TestApp, name: string): Promise<string> {
  const [u] = await app.deps.db.select({ id: schema.unions.id }).from(schema.unions).where(eq(schema.unions.name, name));
  if (!u) throw new Error(`no union ${name}`);
  return u.id;
}

export async function memberIdByPhone(app: TestApp, phone: string): Promise<string> {
  const [m] = await app.deps.db
    .select({ id: schema.members.id })
    .from(schema.members)
    .innerJoin(schema.users, eq(schema.users.id, schema.members.userId))
    .where(eq(schema.users.phone, phone));
  if (!m) throw new Error(`no member ${phone}`);
  return m.id;
}
