/**
 * pnpm bench:rush — the Benefit Day rush (issue #15): M members, one batch of 5,000 vouchers.
 *
 * Seeds the database before the server starts (demo data, then M members with a session each by
 * bulk INSERT … SELECT generate_series), starts the real server (demo mode, a pinned Benefit Day
 * clock), and drives it from this process over keep-alive HTTP connections:
 *   1. GET /api/live (no database: the ceiling of this box) and GET /api/health (one `select 1`);
 *   2. the rush: every request a claim by the next member with a fresh Idempotency-Key, until
 *      the batch is sold out and BENCH_SECONDS more have passed (sold-out answers, first visits);
 *   3. the same members again for BENCH_SECONDS (sold-out answers with the session in memory).
 * Then, from the database: vouchers issued, members above the limit, counter versus ledger.
 * Prints one JSON line and a table. It asserts only the rules (no oversell, no member above the
 * limit, counter = ledger, no 500), never a time.
 *
 *   BENCH_MEMBERS (PGlite 20,000; PostgreSQL 300,000)  BENCH_STOCK (5,000)  BENCH_LIMIT (1)
 *   BENCH_CONNECTIONS (50)  BENCH_SECONDS (5)  DATABASE_URL (a PostgreSQL server; a database of
 *   its own is created and dropped)  BENCH_POOL (pool size per server process, 20)  and any RUSH_* setting.
 *   REDIS_URL adds the Redis admission step (server/src/rush/redis-admission.ts) under a key prefix
 *   of the run's own, deleted afterwards; the counts Redis holds are then held against the ledger too.
 *   BENCH_CLUSTER=N starts the server through `pnpm start:cluster` (server/src/cluster.ts) with N
 *   workers instead of one process; it needs DATABASE_URL (the cluster refuses PGlite).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '@gonghui/server/db/index';
import { deriveKeys } from '@gonghui/server/crypto';
import { seedDemoData } from '@gonghui/server/seed/demo';
import { admissionCounts, flushPrefix, testRedisClient, testRedisPrefix } from '@gonghui/server/testing/redis';

const env = process.env;
const SERVER_URL = env.DATABASE_URL || undefined;
const MEMBERS = Number(env.BENCH_MEMBERS ?? (SERVER_URL ? 300_000 : 20_000));
const STOCK = Number(env.BENCH_STOCK ?? 5000);
const LIMIT = Number(env.BENCH_LIMIT ?? 1);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(env.BENCH_SECONDS ?? 5);
const PORT = Number(env.BENCH_PORT ?? 3902);
const CLUSTER = Number(env.BENCH_CLUSTER || 0);
const REDIS_URL = env.REDIS_URL || undefined;
const REDIS_PREFIX = testRedisPrefix('bench');
const NOW = '2026-12-20T02:00:00Z'; // 10:00 Shanghai on the 20th
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const root = fileURLToPath(new URL('../..', import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

const token = (i: number) => `rushbench${String(i).padStart(10, '0')}`;

interface Answer {
  member?: number;
  status: number;
  code: string;
  ms: number;
  at: number;
}

/** One request; a kept-alive socket the server closed meanwhile is retried once (claims carry their Idempotency-Key). */
async function send(method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Answer & { text: string }> {
  const first = await sendOnce(method, urlPath, headers, body);
  return first.status === 0 && first.code.includes('ECONNRESET') ? sendOnce(method, urlPath, headers, body) : first;
}

function sendOnce(method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<Answer & { text: string }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path: urlPath, agent, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const end = performance.now();
        let code = '';
        if ((res.statusCode ?? 0) >= 400) {
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
          } catch {
            /* not json */
          }
        }
        resolve({ status: res.statusCode ?? 0, code, ms: end - start, at: end, text });
      });
    });
    req.on('error', (err) => resolve({ status: 0, code: err.message, ms: performance.now() - start, at: performance.now(), text: '' }));
    if (body) req.write(body);
    req.end();
  });
}

type Next = () => [string, string, Record<string, string>, number?];

/** CONNECTIONS loops sending `next()` until `done()`; every answer goes to `seen`. */
async function drive(next: Next, done: (elapsedMs: number) => boolean, seen: (a: Answer) => void): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (!done(performance.now() - start)) {
        const [method, p, h, member] = next();
        seen({ ...(await send(method, p, h)), member });
      }
    }),
  );
  return performance.now() - start;
}

async function rate(urlPath: string): Promise<{ perSecond: number; errors: number }> {
  let n = 0;
  let errors = 0;
  const ms = await drive(() => ['GET', urlPath, {}], (t) => t > SECONDS * 1000, (a) => (a.status === 200 ? n++ : errors++));
  return { perSecond: n / (ms / 1000), errors };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Demo data, then M members with a live session each, in a handful of statements. */
async function seed(database: Database): Promise<number> {
  const { db } = database;
  await seedDemoData(db, deriveKeys(SECRET), new Date(NOW));
  const t0 = performance.now();
  const chunk = 50_000;
  for (let from = 1; from <= MEMBERS; from += chunk) {
    const to = Math.min(MEMBERS, from + chunk - 1);
    await db.execute(`
      with g as (select i, gen_random_uuid() as uid from generate_series(${from}::int, ${to}::int) as i),
           grassroots as (select array_agg(id order by path) as ids from unions where kind = 'grassroots'),
           u as (insert into users (id, phone, display_name, created_at)
                 select uid, '170' || lpad(i::text, 8, '0'), '压测会员' || i, now() from g returning id),
           s as (insert into sessions (token_hash, user_id, channel, created_at, expires_at)
                 select translate(rtrim(encode(sha256(convert_to('rushbench' || lpad(i::text, 10, '0'), 'UTF8')), 'base64'), '='), '+/', '-_'),
                        uid, 'demo', now(), now() + interval '30 days' from g returning id)
      insert into members (user_id, union_id, name, id_number_enc, id_number_hash, id_number_masked, employer, member_no, status, joined_at, created_at)
      select uid, (select ids[1 + (i % array_length(ids, 1))] from grassroots), '压测会员' || i, 'bench', 'bench:' || i, '3305**********' || lpad((i % 10000)::text, 4, '0'),
             '压测单位', 'RB' || i, 'active', now(), now()
        from g`);
  }
  return performance.now() - t0;
}

async function ledger(db: Database['db'], batchId: string) {
  if (!/^[0-9a-f-]{36}$/.test(batchId)) throw new Error(`not a batch id: ${batchId}`);
  const result = (await db.execute(
    `select b.stock_claimed as claimed, b.stock_total as total,
               (select count(*)::int from vouchers v where v.batch_id = b.id and v.status <> 'returned') as issued,
               (select count(*)::int from (select member_id from vouchers v where v.batch_id = b.id and v.status <> 'returned'
                                            group by member_id having count(*) > b.per_member_limit) x) as above
          from voucher_batches b where b.id = '${batchId}'`,
  )) as unknown as { rows: { claimed: number; issued: number; above: number; total: number }[] };
  const r = result.rows[0];
  return { counter: Number(r!.claimed), issued: Number(r!.issued), membersAboveLimit: Number(r!.above), stock: Number(r!.total) };
}

async function main() {
  if (!Number.isInteger(CLUSTER) || CLUSTER < 0) throw new Error(`BENCH_CLUSTER must be a number of workers, not ${env.BENCH_CLUSTER}`);
  if (CLUSTER && !SERVER_URL) throw new Error('BENCH_CLUSTER needs DATABASE_URL: start:cluster refuses PGlite, the embedded database of one process');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gh-rush-'));
  let dbName: string | undefined;
  let url: string | undefined;
  if (SERVER_URL) {
    dbName = `gh_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(SERVER_URL);
    u.pathname = '/' + dbName;
    url = u.toString();
  }
  const open = () => (url ? openPostgres(url, 4) : openPglite(path.join(dataDir, 'pglite')));
  let database = await open();
  const seedMs = await seed(database);
  await database.close();

  const server = spawn(process.execPath, [...(env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE}`] : []), '--import', 'tsx', CLUSTER ? 'src/cluster.ts' : 'src/main.ts'], {
    cwd: path.join(root, 'server'),
    env: {
      ...env,
      GONGHUI_MODE: 'demo',
      GONGHUI_NOW: NOW,
      GONGHUI_SECRET: SECRET,
      GONGHUI_SEED_DEMO: '0',
      GONGHUI_CLIENT_DIR: path.join(dataDir, 'no-h5'),
      DATABASE_URL: url ?? '',
      DATABASE_POOL_SIZE: env.BENCH_POOL ?? '20',
      CLUSTER_WORKERS: String(CLUSTER || 1),
      PORT: String(PORT),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REDIS_URL: REDIS_URL ?? '',
      RUSH_REDIS_PREFIX: REDIS_PREFIX,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // the cluster's primary says when every worker listens (the first one answering is not enough to measure)
  const allListening = new Promise<void>((resolve) => server.on('message', (m: { gonghui?: string }) => void (m.gonghui === 'listening' && resolve())));
  let batchId = '';
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error('server did not start');
      if ((await send('GET', '/api/live')).status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (CLUSTER) await Promise.race([allListening, new Promise((_, reject) => setTimeout(() => reject(new Error('the cluster workers did not all start')), 120_000).unref())]);
    const health = JSON.parse((await send('GET', '/api/health')).text) as { db: string };
    const staff = JSON.parse((await send('POST', '/api/auth/demo-login', {}, JSON.stringify({ phone: '13900000001' }))).text).token as string;
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const unions = JSON.parse((await send('GET', '/api/admin/unions', auth(staff))).text).data as { id: string; kind: string }[];
    const created = await send(
      'POST',
      '/api/admin/voucher-batches',
      auth(staff),
      JSON.stringify({
        title: '工惠日压测 立减10',
        kind: 'direct',
        faceValueFen: 1000,
        stockTotal: STOCK,
        perMemberLimit: LIMIT,
        audience: { unionId: unions.find((u) => u.kind === 'federation')!.id, tags: [] },
        schedule: { type: 'window', startsAt: new Date(Date.parse(NOW) - 60_000).toISOString(), endsAt: new Date(Date.parse(NOW) + 6 * 3600_000).toISOString() },
        validity: { type: 'days', days: 30 },
      }),
    );
    batchId = JSON.parse(created.text).id as string;
    await send('POST', `/api/admin/voucher-batches/${batchId}/publish`, auth(staff));

    const live = await rate('/api/live');
    const healthRate = await rate('/api/health');

    // The rush: members in turn, a fresh key each, until sold out and SECONDS after it.
    const claimPath = `/api/voucher-batches/${batchId}/claims`;
    let member = 0;
    const claimBy = (m: number): ReturnType<Next> => ['POST', claimPath, { ...auth(token(m)), 'idempotency-key': randomUUID() }, m];
    const claimNext = () => claimBy((member++ % MEMBERS) + 1);
    const answers: Answer[] = [];
    let soldOutAt = 0;
    const rushStart = performance.now();
    const rushMs = await drive(
      claimNext,
      (t) => t > 600_000 || (soldOutAt > 0 && performance.now() - soldOutAt > SECONDS * 1000),
      (a) => {
        answers.push(a);
        if (a.code === 'VOUCHER_SOLD_OUT' && !soldOutAt) soldOutAt = a.at;
      },
    );
    // Again, the members told "sold out" (they try again): sessions and the answer both from memory.
    const losers = [...new Set(answers.filter((a) => a.code === 'VOUCHER_SOLD_OUT' && a.member).map((a) => a.member!))];
    let again = 0;
    const repeat: Answer[] = [];
    const repeatMs = losers.length ? await drive(() => claimBy(losers[again++ % losers.length]!), (t) => t > SECONDS * 1000, (a) => repeat.push(a)) : 1;

    const outcome = (a: Answer) => (a.status === 201 ? 'success' : a.code === 'VOUCHER_SOLD_OUT' ? 'soldOut' : a.code === 'VOUCHER_LIMIT_REACHED' ? 'duplicate' : a.status === 429 || a.status === 503 ? 'shed' : `other ${a.status} ${a.code}`);
    const successes = answers.filter((a) => a.status === 201);
    const lastSuccess = successes.length ? Math.max(...successes.map((a) => a.at)) : rushStart;
    const sellOutMs = lastSuccess - rushStart;
    const afterSellOut = answers.filter((a) => a.at > lastSuccess && a.code === 'VOUCHER_SOLD_OUT');
    const tail = answers.length ? Math.max(...answers.map((a) => a.at)) - lastSuccess : 0;
    const soldOutRate = tail > 0 ? afterSellOut.length / (tail / 1000) : 0;
    const repeatSoldOut = repeat.filter((a) => a.code === 'VOUCHER_SOLD_OUT').length / (repeatMs / 1000);
    const latency: Record<string, { n: number; p50: number; p99: number; max: number }> = {};
    const by = new Map<string, number[]>();
    for (const a of [...answers, ...repeat]) {
      const k = outcome(a);
      if (!by.has(k)) by.set(k, []);
      by.get(k)!.push(a.ms);
    }
    for (const [k, ms] of by) {
      ms.sort((x, y) => x - y);
      latency[k] = { n: ms.length, p50: round(pct(ms, 50)), p99: round(pct(ms, 99)), max: round(ms[ms.length - 1]!) };
    }
    const statuses: Record<string, number> = {};
    for (const a of [...answers, ...repeat]) statuses[`${a.status}${a.code ? ' ' + a.code : ''}`] = (statuses[`${a.status}${a.code ? ' ' + a.code : ''}`] ?? 0) + 1;
    const fiveHundreds = [...answers, ...repeat].filter((a) => a.status >= 500 && a.status !== 503).length;

    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    database = await open();
    const db = await ledger(database.db, batchId);
    await database.close();
    const redis = REDIS_URL ? testRedisClient(REDIS_URL) : undefined;
    const redisCounts = redis ? await admissionCounts(redis, REDIS_PREFIX, batchId) : null;
    if (redis) {
      await flushPrefix(redis, REDIS_PREFIX);
      redis.disconnect();
    }

    const result = {
      bench: 'rush',
      db: health.db,
      cpus: cpus().length,
      serverProcesses: CLUSTER ? `cluster of ${CLUSTER}` : 'one process',
      members: MEMBERS,
      seedSeconds: round(seedMs / 1000),
      stock: STOCK,
      perMemberLimit: LIMIT,
      connections: CONNECTIONS,
      liveRps: Math.round(live.perSecond),
      healthRps: Math.round(healthRate.perSecond),
      healthRatio: round(healthRate.perSecond / live.perSecond, 3),
      claimsPerSecond: Math.round(successes.length / (sellOutMs / 1000)),
      claimsRatio: round(successes.length / (sellOutMs / 1000) / live.perSecond, 3),
      soldOutRps: Math.round(soldOutRate),
      soldOutRatio: round(soldOutRate / live.perSecond, 3),
      soldOutRepeatRps: Math.round(repeatSoldOut),
      soldOutRepeatRatio: round(repeatSoldOut / live.perSecond, 3),
      sellOutSeconds: round(sellOutMs / 1000, 2),
      rushSeconds: round(rushMs / 1000, 1),
      latencyMs: latency,
      statuses,
      fiveHundreds,
      issued: db.issued,
      counter: db.counter,
      membersAboveLimit: db.membersAboveLimit,
      counterEqualsLedger: db.counter === db.issued,
      oversold: db.issued > db.stock,
      redisAdmission: REDIS_URL ? 'on' : 'off',
      redisIssued: redisCounts?.issued ?? null,
      redisEqualsLedger: REDIS_URL ? redisCounts?.issued === db.counter : null,
    };
    console.log(JSON.stringify(result));
    const rows: [string, string][] = [
      ['database', `${result.db} (${result.serverProcesses}${REDIS_URL ? ', Redis admission' : ''}), ${MEMBERS} members (seeded in ${result.seedSeconds} s), stock ${STOCK}, limit ${LIMIT}, ${CONNECTIONS} connections, ${result.cpus} cores`],
      ['GET /api/live (no database)', `${result.liveRps} req/s`],
      ['GET /api/health', `${result.healthRps} req/s (${result.healthRatio} × live)`],
      ['successful claims', `${result.claimsPerSecond} /s (${result.claimsRatio} × live); sold out in ${result.sellOutSeconds} s`],
      ['sold out, first visit (session read once)', `${result.soldOutRps} /s (${result.soldOutRatio} × live)`],
      ['sold out, members again (all from memory)', `${result.soldOutRepeatRps} /s (${result.soldOutRepeatRatio} × live)`],
      ...Object.entries(latency).map(([k, v]): [string, string] => [`latency ${k} (n ${v.n})`, `p50 ${v.p50} ms, p99 ${v.p99} ms, max ${v.max} ms`]),
      ['status counts', JSON.stringify(statuses)],
      ['5xx other than 503', String(fiveHundreds)],
      ['after: vouchers issued / counter', `${db.issued} / ${db.counter} (${result.counterEqualsLedger ? 'equal' : 'DIFFERENT'}), ${result.oversold ? 'OVERSOLD' : 'no oversell'}`],
      ['after: members above the limit', String(db.membersAboveLimit)],
      ...(REDIS_URL ? [['after: Redis admission count', `${result.redisIssued} (${result.redisEqualsLedger ? 'equal to the counter' : 'DIFFERENT'})`] as [string, string]] : []),
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
    if (result.oversold || !result.counterEqualsLedger || db.membersAboveLimit > 0 || fiveHundreds > 0 || result.redisEqualsLedger === false) process.exitCode = 1;
  } finally {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName && SERVER_URL) {
      const admin = new pg.Client({ connectionString: SERVER_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
