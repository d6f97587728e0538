/*
 * deploy/nginx as shipped, run by Debian's nginx on loopback (a temporary main config around the
 * repository's own site and proxy snippet, with ports, paths and a throwaway certificate swapped
 * in), in front of two real API processes with TRUST_PROXY=1. The client connects from another
 * loopback address (127.0.0.7), so the address nginx saw differs from nginx's own.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_URL, freePort, removeDir, serverProcessEnv, startApiProcess, tempDataDir, type ApiProcess } from '../flows/processes';

const NGINX = '/usr/sbin/nginx';
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const missing = !existsSync(NGINX) ? `${NGINX} not found (apt-get install nginx libnginx-mod-http-brotli-static)` : !existsSync(BROTLI) ? `${BROTLI} not found (apt-get install libnginx-mod-http-brotli-static)` : '';
if (missing) console.warn(`nginx in front of the API: skipped, ${missing}`);

const deploy = fileURLToPath(new URL('../../deploy/nginx/', import.meta.url));
const CLIENT = '127.0.0.7';
const ASSET = '/js/app.1a2b3c4d.js';
const SECRET = 'nginx-secret-0123456789abcdef0123456789ab';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(port: number, pathname: string, opts: { headers?: Record<string, string>; method?: string; body?: Buffer; tls?: boolean } = {}): Promise<Answer> {
  const lib = opts.tls === false ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      { host: '127.0.0.1', port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers, localAddress: CLIENT, rejectUnauthorized: false, servername: 'gh.example.org.cn', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

describe.skipIf(Boolean(missing))('deploy/nginx in front of two API processes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const logs: string[][] = [[], []];
  let apis: ApiProcess[] = [];
  let tlsPort: number;
  let httpPort: number;
  let nginx: ChildProcess;
  const work = mkdtempSync(path.join(tmpdir(), 'gh-nginx-'));
  const h5 = path.join(work, 'h5');
  const asset = Buffer.from(`/* app */\n${'console.log("工惠");\n'.repeat(200)}`);

  beforeAll(async () => {
    // a build as pnpm build:h5 leaves it: a hashed asset with its .br and .gz beside it
    mkdirSync(path.join(h5, 'js'), { recursive: true });
    writeFileSync(path.join(h5, ASSET), asset);
    writeFileSync(path.join(h5, `${ASSET}.br`), brotliCompressSync(asset));
    writeFileSync(path.join(h5, `${ASSET}.gz`), gzipSync(asset));
    writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>工惠</title>');
    // the API's own copy has only the page shell: an asset answered 200 came from nginx's disk
    const apiH5 = path.join(work, 'api-h5');
    mkdirSync(apiH5);
    writeFileSync(path.join(apiH5, 'index.html'), '<!doctype html><title>工惠</title>');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=gh.example.org.cn', '-days', '1', '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem')], { stdio: 'ignore' });
    chmodSync(work, 0o755);

    // two API processes behind one trusted proxy
    const shared: Record<string, string> = SERVER_URL ? await serverProcessEnv(cleanups, SECRET) : { GONGHUI_SECRET: SECRET, DATABASE_URL: '' };
    for (const i of [0, 1]) {
      const env: Record<string, string> = { ...shared, TRUST_PROXY: '1', LOG_LEVEL: 'info', GONGHUI_CLIENT_DIR: apiH5, METRICS_TOKEN, GONGHUI_SEED_DEMO: '0' };
      if (!SERVER_URL) {
        env.DATA_DIR = tempDataDir();
        cleanups.push(async () => removeDir(env.DATA_DIR!));
      }
      const api = await startApiProcess({ port: await freePort(), env, logs: logs[i] });
      cleanups.push(() => api.stop());
      apis.push(api);
    }

    // the shipped site with this machine's ports and paths
    tlsPort = await freePort();
    httpPort = await freePort();
    const ports = apis.map((a) => new URL(a.base).port);
    let site = readFileSync(path.join(deploy, 'gonghui.conf'), 'utf8');
    const swaps: [RegExp, string][] = [
      [/server 127\.0\.0\.1:3001 /, `server 127.0.0.1:${ports[0]} `],
      [/server 127\.0\.0\.1:3002 /, `server 127.0.0.1:${ports[1]} `],
      [/listen 80;/, `listen 127.0.0.1:${httpPort};`],
      [/listen \[::\]:80;\n/, ''],
      [/listen 443 ssl http2;/, `listen 127.0.0.1:${tlsPort} ssl http2;`],
      [/listen \[::\]:443 ssl http2;\n/, ''],
      [/ssl_certificate +\/etc\/ssl\/gonghui\/fullchain\.pem;/, `ssl_certificate ${work}/cert.pem;`],
      [/ssl_certificate_key +\/etc\/ssl\/gonghui\/privkey\.pem;/, `ssl_certificate_key ${work}/key.pem;`],
      [/root \/srv\/gonghui\/client\/dist\/h5;/, `root ${h5};`],
    ];
    for (const [from, to] of swaps) {
      expect(site, String(from)).toMatch(from);
      site = site.replace(from, to);
    }
    site = site.replaceAll('/etc/nginx/snippets/gonghui-proxy.conf', path.join(deploy, 'gonghui-proxy.conf'));
    writeFileSync(path.join(work, 'gonghui.conf'), site);
    const root = process.getuid?.() === 0;
    writeFileSync(
      path.join(work, 'nginx.conf'),
      `load_module ${BROTLI};
${root ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${work}/access.log;
  client_body_temp_path ${work}/client_body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  include ${work}/gonghui.conf;
}
`,
    );
    execFileSync(NGINX, ['-t', '-q', '-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: 'inherit' });
    nginx = spawn(NGINX, ['-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
    cleanups.push(async () => {
      if (nginx.exitCode !== null) return;
      const exited = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    });
    await waitForPort(tlsPort);
  }, 180_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    removeDir(work);
  });

  const requestLines = () =>
    logs
      .flat()
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; route?: string; ip?: string })
      .filter((l) => l.msg === 'request');

  it('terminates TLS and sends plain http to https', async () => {
    const live = await request(tlsPort, '/api/live');
    expect(live.status).toBe(200);
    expect(JSON.parse(live.body.toString())).toEqual({ ok: true });
    const plain = await request(httpPort, '/api/live', { tls: false, headers: { Host: 'gh.example.org.cn' } });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://gh.example.org.cn/api/live');
  });

  it('passes the address nginx saw, and a forged X-Forwarded-For changes nothing', async () => {
    const ready = () => requestLines().filter((l) => l.route === '/api/ready');
    const before = ready().length;
    for (const headers of [{}, { 'X-Forwarded-For': '203.0.113.9' }, { 'X-Forwarded-For': '203.0.113.9, 198.51.100.1', 'X-Real-IP': '203.0.113.10' }] as Record<string, string>[]) {
      expect((await request(tlsPort, '/api/ready', { headers })).status).toBe(200);
    }
    // the log lines reach us through a pipe
    for (let i = 0; i < 50 && ready().length < before + 3; i++) await new Promise((r) => setTimeout(r, 100));
    const seen = ready();
    expect(seen).toHaveLength(before + 3);
    expect(new Set(seen.map((l) => l.ip))).toEqual(new Set([CLIENT]));
  });

  it('sends the H5 assets precompressed from disk, with their cache headers', async () => {
    const br = await request(tlsPort, ASSET, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.equals(readFileSync(path.join(h5, `${ASSET}.br`)))).toBe(true);
    const gz = await request(tlsPort, ASSET, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.equals(readFileSync(path.join(h5, `${ASSET}.gz`)))).toBe(true);
    const raw = await request(tlsPort, ASSET);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body.equals(asset)).toBe(true);
    // the page shell comes from the API, with its Content-Security-Policy, never cached
    const page = await request(tlsPort, '/pages/index/index');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('never exposes /metrics, limits request bodies, and serves the API reference', async () => {
    const metrics = await request(tlsPort, '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(404);
    expect(metrics.body.toString()).not.toContain('gonghui_');
    const big = await request(tlsPort, '/api/auth/sms-code', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: Buffer.alloc(300 * 1024, 0x20) });
    expect(big.status).toBe(413);
    expect((await request(tlsPort, '/api/openapi.json')).status).toBe(200);
  });

  it('keeps answering while one API process stops', async () => {
    const statuses: number[] = [];
    let stopped = false;
    const loop = (async () => {
      while (!stopped || statuses.length < 60) {
        statuses.push((await request(tlsPort, '/api/health').catch(() => ({ status: 0 }) as Answer)).status);
        if (statuses.length > 400) break;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await apis[0]!.stop();
    stopped = true;
    await loop;
    expect(statuses.length).toBeGreaterThanOrEqual(60);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    apis = apis.slice(1);
  });
});
