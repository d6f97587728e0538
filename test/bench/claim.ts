/**
 * pnpm bench:claim — N members claim one batch through HTTP at the same time (autocannon).
 * Starts the real server (demo mode, a pinned Benefit Day clock, a fresh PGlite folder, or the
 * PostgreSQL server in DATABASE_URL), prints claims/s, p50/p99, status counts and an oversell check.
 * A benchmark prints figures; it asserts only the rule (no oversell), never a time.
 *   BENCH_MEMBERS=300 BENCH_STOCK=100 BENCH_CLAIMS_PER_MEMBER=3 BENCH_CONNECTIONS=50 pnpm bench:claim
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const env = process.env;
const MEMBERS = Number(env.BENCH_MEMBERS ?? 300);
const STOCK = Number(env.BENCH_STOCK ?? 100);
const PER_MEMBER = Number(env.BENCH_CLAIMS_PER_MEMBER ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(env.BENCH_PORT ?? 3900);
const base = `http://127.0.0.1:${PORT}`;
const root = fileURLToPath(new URL('../..', import.meta.url));

async function json(method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gh-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'server'),
    env: { ...env, GONGHUI_MODE: 'demo', GONGHUI_NOW: '2026-12-20T02:00:00Z', PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 120) throw new Error('server did not start');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const health = (await json('GET', '/api/health')).body;
    const staff = (await json('POST', '/api/auth/demo-login', { phone: '13900000001' })).body.token as string;
    const unions = (await json('GET', '/api/admin/unions', undefined, staff)).body.data as { id: string; kind: string }[];
    const now = Date.now() + (Date.parse('2026-12-20T02:00:00Z') - Date.now());
    const created = await json(
      'POST',
      '/api/admin/voucher-batches',
      {
        title: '压测 立减10',
        kind: 'direct',
        faceValueFen: 1000,
        stockTotal: STOCK,
        perMemberLimit: 1,
        audience: { unionId: unions.find((u) => u.kind === 'federation')!.id, tags: [] },
        schedule: { type: 'window', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString() },
        validity: { type: 'days', days: 30 },
      },
      staff,
    );
    const batchId = created.body.id as string;
    await json('POST', `/api/admin/voucher-batches/${batchId}/publish`, undefined, staff);

    const tokens: string[] = [];
    for (let i = 1; i <= MEMBERS; i++) {
      const r = await json('POST', '/api/auth/demo-login', { phone: `138${String(i).padStart(8, '0')}` });
      if (r.status === 200 && r.body.me.member?.status === 'active') tokens.push(r.body.token);
    }
    const total = tokens.length * PER_MEMBER;
    let next = 0;
    const statuses = new Map<string, number>();
    console.log(`\n${health.db}: ${tokens.length} members × ${PER_MEMBER} claims on a stock of ${STOCK}, ${CONNECTIONS} connections`);
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      amount: total,
      requests: [
        {
          method: 'POST',
          path: `/api/voucher-batches/${batchId}/claims`,
          setupRequest: (req: any) => {
            const token = tokens[next++ % tokens.length]!;
            return { ...req, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } };
          },
          onResponse: (status: number, body: string) => {
            let code = String(status);
            try {
              code += ' ' + (JSON.parse(body).error?.code ?? 'CLAIMED');
            } catch {
              /* not json */
            }
            statuses.set(code, (statuses.get(code) ?? 0) + 1);
          },
        },
      ],
    });
    const stats = (await json('GET', `/api/admin/voucher-batches/${batchId}/stats`, undefined, staff)).body;
    const issued = stats.byUnion.reduce((s: number, u: { claimed: number }) => s + u.claimed, 0);
    console.log(`claims/s (all answers): ${result.requests.average.toFixed(0)}   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${result.errors}`);
    console.log('status counts:', Object.fromEntries([...statuses.entries()].sort()));
    console.log(`counter ${stats.claimed}, vouchers ${issued}, stock ${STOCK}: ${issued === stats.claimed && issued <= STOCK ? 'no oversell' : 'OVERSELL!'}`);
    if (issued !== stats.claimed || issued > STOCK) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
