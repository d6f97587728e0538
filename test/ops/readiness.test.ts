/*
 * Liveness, readiness and /metrics on real server processes: readiness follows the database
 * (a private PostgreSQL stopped under it) while liveness does not; after SIGTERM readiness fails
 * while the listener still answers, and only then does the listener close; metrics are on their
 * own port and not on the public one.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_URL, freePort, removeDir, serverProcessEnv, startApiProcess, tempDataDir } from '../flows/processes';
import { postgresBinaries, startPrivatePostgres } from '../faults/private-postgres';

const SECRET = 'readiness-secret-0123456789abcdef012345';
const status = (url: string) => fetch(url).then((r) => r.status, () => 0);

describe('a PGlite process with METRICS_PORT and a shutdown grace', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('serves metrics only on their own port, and on SIGTERM reports not ready before the listener closes', async () => {
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    const metricsPort = await freePort();
    const api = await startApiProcess({ port: await freePort(), env: { GONGHUI_SECRET: SECRET, DATABASE_URL: '', DATA_DIR: dataDir, METRICS_PORT: String(metricsPort), SHUTDOWN_GRACE_MS: '1500' } });
    cleanups.push(() => api.stop('SIGKILL'));

    expect(await status(`${api.base}/metrics`)).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    const names = (parsePrometheusTextFormat(await scraped.text()) as { name: string }[]).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['gonghui_http_requests_total', 'gonghui_voucher_claims_total', 'nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']));
    expect(await status(`${api.base}/api/ready`)).toBe(200);

    const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
    api.child.kill('SIGTERM');
    const seen: { at: number; ready: number; live: number }[] = [];
    const start = performance.now();
    while (api.child.exitCode === null && performance.now() - start < 15_000) {
      const [ready, live] = await Promise.all([status(`${api.base}/api/ready`), status(`${api.base}/api/live`)]);
      seen.push({ at: performance.now() - start, ready, live });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await exited).toBe(0);
    const firstNotReady = seen.findIndex((s) => s.ready === 503);
    const firstRefused = seen.findIndex((s) => s.live === 0);
    expect(firstNotReady).toBeGreaterThanOrEqual(0);
    expect(seen[firstNotReady]!.at).toBeLessThan(1000);
    // not ready while the listener still answered, for most of the grace
    const notReadyButServing = seen.filter((s) => s.ready === 503 && s.live === 200);
    expect(notReadyButServing.length).toBeGreaterThan(5);
    if (firstRefused >= 0) expect(firstRefused).toBeGreaterThan(firstNotReady);
    expect(await status(`${api.base}/api/live`)).toBe(0);
  });
});

if ('missing' in postgresBinaries) console.warn(`readiness with PostgreSQL stopped: skipped, ${postgresBinaries.missing}`);

describe.skipIf('missing' in postgresBinaries)('readiness with the database stopped (a private PostgreSQL)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('answers 503 within a few seconds while liveness stays 200, and ready again once it is back', async () => {
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.destroy());
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    const api = await startApiProcess({ port: await freePort(), env: { GONGHUI_SECRET: SECRET, DATA_DIR: dataDir, DATABASE_URL: postgres.url, GONGHUI_SEED_DEMO: '0' } });
    cleanups.push(() => api.stop());
    expect(await status(`${api.base}/api/ready`)).toBe(200);

    await postgres.stop();
    const down = performance.now();
    let notReadyAfter = -1;
    while (performance.now() - down < 10_000) {
      const t = performance.now();
      const ready = await status(`${api.base}/api/ready`);
      expect(performance.now() - t).toBeLessThan(4000); // never hangs
      if (ready === 503) {
        notReadyAfter = performance.now() - down;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(notReadyAfter).toBeGreaterThanOrEqual(0);
    expect(notReadyAfter).toBeLessThan(5000);
    expect(await status(`${api.base}/api/live`)).toBe(200);

    await postgres.start();
    let back = false;
    for (let i = 0; i < 60 && !back; i++) {
      back = (await status(`${api.base}/api/ready`)) === 200;
      if (!back) await new Promise((r) => setTimeout(r, 250));
    }
    expect(back).toBe(true);
  });
});

describe.skipIf(!SERVER_URL)('metrics of pnpm start:cluster (PostgreSQL server)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('serves every worker\'s metrics, summed, on the primary\'s METRICS_PORT', async () => {
    const env = await serverProcessEnv(cleanups, SECRET);
    const metricsPort = await freePort();
    const api = await startApiProcess({ port: await freePort(), entry: 'src/cluster.ts', env: { ...env, CLUSTER_WORKERS: '2', METRICS_PORT: String(metricsPort) } });
    cleanups.push(() => api.stop());
    const scrape = async () => {
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(res.status).toBe(200);
      const families = parsePrometheusTextFormat(await res.text()) as { name: string; metrics: { value?: string; labels?: Record<string, string> }[] }[];
      const live = families.find((f) => f.name === 'gonghui_http_requests_total')?.metrics.filter((m) => m.labels?.route === '/api/live') ?? [];
      return { families, live: live.reduce((n, m) => n + Number(m.value), 0) };
    };
    const before = await scrape();
    // fresh connections, so the primary hands them to both workers
    for (let i = 0; i < 40; i++) expect((await fetch(`${api.base}/api/live`, { headers: { connection: 'close' } })).status).toBe(200);
    const after = await scrape();
    expect(after.live - before.live).toBe(40);
    expect(after.families.map((f) => f.name)).toEqual(expect.arrayContaining(['nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes', 'gonghui_db_pool_max']));
    const poolMax = after.families.find((f) => f.name === 'gonghui_db_pool_max')!.metrics[0]!.value;
    expect(Number(poolMax)).toBe(20); // two workers × DATABASE_POOL_SIZE 10
  });
});
