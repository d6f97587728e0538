/**
 * pnpm bench:h5 — how fast the H5 portal is on a cheap phone on slow 4G.
 * Starts the real server (demo mode, a fresh PGlite folder, the built client/dist/h5) on a loopback
 * port and drives headless Debian Chromium through CDP: network throttled to Lighthouse's
 * "slow 4G" (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), CPU slowed 4×, a fresh profile for every load
 * (cold cache), signed in as a demo member (13800000001). For 首页 and 工惠券 it takes the median
 * of BENCH_RUNS (3) loads of:
 *   - content: ms from navigation start until the page's real content is in the DOM
 *     (首页: the greeting band; 工惠券: a batch ticket or the empty state), seen by a
 *     MutationObserver in the page, so no polling delay is added;
 *   - JavaScript transferred: bytes on the wire (compressed, headers included) of every script;
 *   - every file's bytes (first run), for the breakdown.
 * Prints one JSON line, then a table. A benchmark prints figures; it asserts nothing about time.
 *   BENCH_RUNS=3 BENCH_PORT=3901 BENCH_RTT_MS=150 BENCH_DOWN_KBPS=1600 BENCH_UP_KBPS=750 BENCH_CPU=4 pnpm bench:h5
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

const env = process.env;
const RUNS = Number(env.BENCH_RUNS ?? 3);
const PORT = Number(env.BENCH_PORT ?? 3901);
const RTT_MS = Number(env.BENCH_RTT_MS ?? 150);
const DOWN_KBPS = Number(env.BENCH_DOWN_KBPS ?? 1600);
const UP_KBPS = Number(env.BENCH_UP_KBPS ?? 750);
const CPU = Number(env.BENCH_CPU ?? 4);
const MEMBER = env.BENCH_PHONE ?? '13800000001';
const CHROMIUM = '/usr/bin/chromium';
const base = `http://127.0.0.1:${PORT}`;
const root = fileURLToPath(new URL('../..', import.meta.url));
// BENCH_H5_DIR: another build to measure (e.g. a copy of the previous one, for a back-to-back comparison).
const h5Dir = env.BENCH_H5_DIR ? path.resolve(env.BENCH_H5_DIR) : path.join(root, 'client/dist/h5');

const PAGES = [
  { name: '首页', path: '/pages/home/index', content: '.gh-home__band' },
  { name: '工惠券', path: '/pages/vouchers/index', content: '.gh-batch, .gh-vouchers .gh-empty' },
] as const;

interface FileBytes {
  url: string;
  type: string;
  encoding: string;
  transferred: number;
}
interface Load {
  contentMs: number;
  jsBytes: number;
  totalBytes: number;
  files: FileBytes[];
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDir = mkdtempSync(path.join(tmpdir(), 'gh-bench-chromium-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/** The member's persisted store, as the app writes it (read back from a signed-in page). */
async function signedInStorage(): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: MEMBER }),
  });
  if (!res.ok) throw new Error(`demo-login ${res.status}: ${await res.text()}`);
  const session = (await res.json()) as { token: string; me: { user: { careMode?: boolean } } };
  // zustand's persist (name 'gonghui-app', version 1) over Taro's H5 storage ({ data } JSON).
  const state = JSON.stringify({ state: { token: session.token, me: session.me, careMode: session.me.user.careMode ?? false }, version: 1 });
  const seed = { 'gonghui-app': JSON.stringify({ data: state }) };
  const b = await launch();
  try {
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    await page.addInitScript((items: Record<string, string>) => {
      if (sessionStorage.getItem('gh-seeded')) return;
      sessionStorage.setItem('gh-seeded', '1');
      for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
    }, seed);
    await page.goto(`${base}${PAGES[0].path}`);
    await page.locator(PAGES[0].content).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    return await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k) ?? ''])));
  } finally {
    await b.close();
  }
}

async function measure(pagePath: string, selector: string, storage: Record<string, string>): Promise<Load> {
  const b = await launch();
  try {
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    // A string, not a function: tsx would wrap inner functions in a `__name` helper the page lacks.
    await page.addInitScript(`
      (function () {
        var items = ${JSON.stringify(storage)};
        var sel = ${JSON.stringify(selector)};
        Object.keys(items).forEach(function (k) { localStorage.setItem(k, items[k]); });
        var observer = new MutationObserver(function () {
          if (window.__ghContent === undefined && document.querySelector(sel)) {
            window.__ghContent = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true });
      })();
    `);
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: RTT_MS,
      downloadThroughput: (DOWN_KBPS * 1000) / 8,
      uploadThroughput: (UP_KBPS * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    const byId = new Map<string, FileBytes>();
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      byId.set(e.requestId, { url: e.response.url, type: e.type, encoding: headers['content-encoding'] ?? 'identity', transferred: 0 });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const f = byId.get(e.requestId);
      if (f) f.transferred = e.encodedDataLength;
    });
    await page.goto(`${base}${pagePath}`, { waitUntil: 'commit', timeout: 60_000 });
    try {
      await page.waitForFunction(() => (window as unknown as { __ghContent?: number }).__ghContent !== undefined, undefined, { timeout: 60_000, polling: 200 });
    } catch (err) {
      const shot = path.join(tmpdir(), `gh-bench-timeout-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`${pagePath}: no ${selector} within 60 s (at ${page.url()}; screenshot ${shot})`, { cause: err });
    }
    const contentMs = await page.evaluate(() => (window as unknown as { __ghContent: number }).__ghContent);
    if (env.BENCH_TIMELINE) {
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name.replace(location.origin, ''), Math.round(r.startTime), Math.round(r.responseEnd)]);
        return { html: Math.round(nav.responseEnd), interactive: Math.round(nav.domInteractive), dcl: Math.round(nav.domContentLoadedEventEnd), res };
      });
      console.error(JSON.stringify({ page: pagePath, contentMs: Math.round(contentMs), ...t }));
    }
    // Let lazy chunks and API calls started by the page finish, so they are counted.
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    const files = [...byId.values()].filter((f) => f.url.startsWith(base));
    const isJs = (f: FileBytes) => f.type === 'Script' || /\.js(\?|$)/.test(f.url);
    return {
      contentMs: Math.round(contentMs),
      jsBytes: files.filter(isJs).reduce((s, f) => s + f.transferred, 0),
      totalBytes: files.reduce((s, f) => s + f.transferred, 0),
      files,
    };
  } finally {
    await b.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  if (!existsSync(path.join(h5Dir, 'index.html'))) throw new Error(`H5 build missing at ${h5Dir}: run pnpm build:h5`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install chromium fonts-noto-cjk`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gh-bench-h5-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'server'),
    env: { ...env, GONGHUI_MODE: 'demo', HOST: '127.0.0.1', PORT: String(PORT), DATA_DIR: dataDir, GONGHUI_CLIENT_DIR: h5Dir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error('server did not start');
      if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode})`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const storage = await signedInStorage();

    const results: Record<string, { contentMs: number; jsBytes: number; totalBytes: number; runs: number[]; files: FileBytes[] }> = {};
    for (const p of PAGES) {
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await measure(p.path, p.content, storage));
      results[p.name] = {
        contentMs: median(loads.map((l) => l.contentMs)),
        jsBytes: median(loads.map((l) => l.jsBytes)),
        totalBytes: median(loads.map((l) => l.totalBytes)),
        runs: loads.map((l) => l.contentMs),
        files: loads[0]!.files,
      };
    }

    const home = results['首页']!;
    const vouchers = results['工惠券']!;
    const summary = {
      bench: 'h5',
      profile: { rttMs: RTT_MS, downKbps: DOWN_KBPS, upKbps: UP_KBPS, cpuSlowdown: CPU, runs: RUNS, cache: 'cold' },
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version },
      home: { contentMs: home.contentMs, runsMs: home.runs, jsBytes: home.jsBytes, totalBytes: home.totalBytes },
      vouchers: { contentMs: vouchers.contentMs, runsMs: vouchers.runs, jsBytes: vouchers.jsBytes, totalBytes: vouchers.totalBytes },
      goal: { contentMs: 2000, jsBytes: 250 * 1024, met: home.contentMs <= 2000 && vouchers.contentMs <= 2000 && home.jsBytes <= 250 * 1024 },
    };
    console.log(JSON.stringify(summary));

    console.log(`\n| page | content (median) | runs | JS transferred | all transferred |`);
    console.log(`|---|---|---|---|---|`);
    for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${r.contentMs} ms | ${r.runs.join(' / ')} ms | ${kb(r.jsBytes)} | ${kb(r.totalBytes)} |`);
    console.log(`\n首页, per file (first cold load, bytes on the wire):\n`);
    console.log(`| file | type | encoding | transferred |`);
    console.log(`|---|---|---|---|`);
    for (const f of [...home.files].sort((a, b) => b.transferred - a.transferred)) {
      console.log(`| ${f.url.replace(base, '')} | ${f.type} | ${f.encoding} | ${kb(f.transferred)} |`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
