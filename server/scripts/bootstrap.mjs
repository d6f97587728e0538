#!/usr/bin/env node
/**
 * `npm start` / `npm test` on a machine that has only Node.js: finds or fetches pnpm, installs
 * the workspace, builds the H5 portal (and for tests the mini-program) when missing or stale,
 * then starts the product or runs every test. Plain Node on purpose: it runs before any dependency exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const command = process.argv[2];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

/** pnpm 12 from PATH, or fetched through npx where it is missing (corepack's signature check fails on these machines). */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && Number(probe.stdout.trim().split('.')[0]) >= 12) return ['pnpm'];
  console.log('pnpm 12 not found: fetching it with npx (once)…');
  return ['npx', '--yes', 'pnpm@12'];
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** A client build is stale when its marker file is missing or older than any source it is made from. */
function isStale(marker) {
  const file = path.join(root, marker);
  if (!existsSync(file)) return true;
  const built = statSync(file).mtimeMs;
  return [path.join(root, 'client/src'), path.join(root, 'client/config'), path.join(root, 'shared/src'), path.join(root, 'client/project.config.json')].some(
    (d) => (existsSync(d) && statSync(d).isFile() ? statSync(d).mtimeMs : newestMtime(d)) > built,
  );
}
const h5IsStale = () => isStale('client/dist/h5/index.html');
const weappIsStale = () => isStale('client/dist/weapp/app.js');

/**
 * The weapp test build: a production build (what would be uploaded) needs an https API and a real
 * appid (client/config/index.ts refuses it otherwise). Tests never call the API, so when none is
 * given they build against placeholders, the same ones CI uses.
 */
const weappTestEnv = {
  ...process.env,
  TARO_APP_API_BASE: process.env.TARO_APP_API_BASE ?? 'https://gh.example.org.cn',
  TARO_APP_ID: process.env.TARO_APP_ID ?? 'wx0000000000000000',
};

const pnpm = pnpmCommand();
const p = (...args) => [pnpm[0], [...pnpm.slice(1), ...args]];

must(...p('install', '--frozen-lockfile'));

if (command === 'start') {
  if (h5IsStale()) must(...p('--filter', '@gonghui/client', 'build:h5'));
  const env = {
    ...process.env,
    GONGHUI_MODE: process.env.GONGHUI_MODE ?? 'demo',
    DATA_DIR: path.resolve(root, process.env.DATA_DIR ?? '.data'),
  };
  process.exit(run(...p('--filter', '@gonghui/server', 'start'), { env }));
}

if (command === 'test') {
  const artifacts = path.join(root, 'test/artifacts');
  mkdirSync(artifacts, { recursive: true });
  must(...p('-r', 'typecheck'));
  must(...p('lint'));
  const missing = !existsSync('/usr/bin/chromium') || !existsSync('/usr/sbin/nginx') || !existsSync('/usr/lib/nginx/modules/ngx_http_brotli_static_module.so');
  if (missing && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium, CJK fonts (browser tests) and nginx (the deploy/nginx test)…');
    must('sh', ['-c', 'apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx libnginx-mod-http-brotli-static >/dev/null']);
  }
  // One at a time: the two builds together do not fit two cores beside the tests.
  if (weappIsStale()) must(...p('--filter', '@gonghui/client', 'build:weapp'), { env: weappTestEnv });
  if (h5IsStale()) must(...p('--filter', '@gonghui/client', 'build:h5'));
  const report = path.join(artifacts, 'vitest.json');
  const status = run(...p('exec', 'vitest', 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`));
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
  process.exit(status);
}

console.error('usage: bootstrap.mjs start|test');
process.exit(2);
