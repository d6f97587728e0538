/* Real API processes (tsx server/src/main.ts), for flows that need more than one of them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { api } from '@gonghui/shared';
import { callEndpoint } from '@gonghui/server/testing/call';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_URL = process.env.DATABASE_URL || undefined;

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `entry` is the server (default) or the node:cluster primary (`src/cluster.ts`, pnpm start:cluster). */
export async function startApiProcess(opts: { port: number; env: Record<string, string>; entry?: 'src/main.ts' | 'src/cluster.ts'; logs?: string[] }): Promise<ApiProcess> {
  // node itself (not the tsx wrapper, which runs the server in a grandchild): kill -9 must hit the server
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry ?? 'src/main.ts'], {
    cwd: path.join(root, 'server'),
    // REDIS_URL (set by .ci/run for the Redis tests) only where a test asks for it: the other fault
    // tests check what they check without the admission step (a worker killed with -9 leaks the
    // admissions it held, so Redis may refuse "sold out" a few claims early until it reconciles)
    env: { ...process.env, REDIS_URL: '', GONGHUI_MODE: 'demo', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '0', PORT: String(opts.port), HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', opts.logs ? 'pipe' : 'ignore', 'inherit'],
  });
  // the server's log lines (pino JSON), when the caller keeps them
  if (opts.logs) {
    let rest = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      opts.logs!.push(...lines);
    });
  }
  const base = `http://127.0.0.1:${opts.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`API process exited with ${child.exitCode}`);
    if (i > 240) throw new Error('API process did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A database of its own on the PostgreSQL server, dropped by the returned function. */
export async function freshServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!SERVER_URL) throw new Error('DATABASE_URL is not set');
  const name = `gh_flow_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(SERVER_URL);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: SERVER_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/**
 * What real API processes over the PostgreSQL server need: a database and a data folder of their
 * own, removed by `cleanups` (run in reverse), and the environment pointing at both.
 */
export async function serverProcessEnv(cleanups: (() => Promise<void>)[], secret: string) {
  const db = await freshServerDatabase();
  cleanups.push(db.drop);
  const dataDir = tempDataDir();
  cleanups.push(async () => removeDir(dataDir));
  // members race their own claims on purpose: the per-member rate limit is off
  return { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: secret, DATA_DIR: dataDir, DATABASE_URL: db.url, RUSH_MEMBER_RATE: '0' };
}

export const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'gh-flow-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** As the city federation's demo admin: a published batch open all Benefit Day (the processes' clock is pinned to 2026-12-20). */
export async function openBatchAsCity(base: string, title: string, stockTotal: number): Promise<{ batchId: string; staff: string }> {
  const staff = (await callEndpoint(base, api.demoLogin, { body: { phone: '13900000001' } })).body.token;
  const unions = (await callEndpoint(base, api.listUnions, { token: staff })).body.data;
  const created = await callEndpoint(base, api.createBatch, {
    token: staff,
    body: {
      title,
      kind: 'direct',
      faceValueFen: 1000,
      stockTotal,
      audience: { unionId: unions[0]!.id, tags: [] },
      schedule: { type: 'window', startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T15:00:00Z' },
      validity: { type: 'days', days: 30 },
    },
  });
  if (created.status !== 201) throw new Error(`create batch: ${created.status}`);
  const published = await callEndpoint(base, api.publishBatch, { params: { id: created.body.id }, token: staff });
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
  return { batchId: created.body.id, staff };
}

export interface Claimant {
  phone: string;
  token: string;
}

/** Demo-login `count` active members (skipping the first `skip`), spreading the logins over the given processes. */
export async function activeMembers(bases: string[], count: number, skip = 0): Promise<Claimant[]> {
  const found: Claimant[] = [];
  let seen = 0;
  for (let i = 1; found.length < count; i++) {
    const phone = `138${String(i).padStart(8, '0')}`;
    const r = await callEndpoint(bases[i % bases.length]!, api.demoLogin, { body: { phone } });
    if (r.body.me.member?.status === 'active' && seen++ >= skip) found.push({ phone, token: r.body.token });
  }
  return found;
}

export const activeMemberTokens = async (bases: string[], count: number): Promise<string[]> => (await activeMembers(bases, count)).map((m) => m.token);
