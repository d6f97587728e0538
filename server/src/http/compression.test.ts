import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';

/** A tiny H5 build: a page shell and one hashed script with its precompressed siblings. */
function fakeBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-h5-'));
  mkdirSync(path.join(dir, 'js'));
  writeFileSync(path.join(dir, 'index.html'), `<!DOCTYPE html><html><body><div id="app"></div>${'<!-- shell -->'.repeat(200)}</body></html>`);
  const script = `console.log(${JSON.stringify('工惠'.repeat(2000))});`;
  writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), script);
  writeFileSync(path.join(dir, 'js', 'app.0123abcd.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(dir, 'js', 'app.0123abcd.js.gz'), gzipSync(script));
  return dir;
}

describe.each(storageKinds)('compression and caching on %s', (kind) => {
  const dir = fakeBuild();
  const app = useTestApp(kind, { clientDir: dir });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends hashed assets precompressed and cached for a year, and the page shell never cached', async () => {
    const asset = await fetch(`${app().baseUrl}/js/app.0123abcd.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toContain('工惠工惠');
    const gz = await fetch(`${app().baseUrl}/js/app.0123abcd.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    for (const page of ['/', '/pages/vouchers/index']) {
      const shell = await fetch(`${app().baseUrl}${page}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(shell.headers.get('cache-control')).toBe('no-cache');
      expect(shell.headers.get('content-encoding')).toMatch(/br|gzip/);
    }
  });

  it('compresses API answers over 1 KB', async () => {
    const token = await app().login('13900000001');
    const r = await app().call(api.listUnions, { token, headers: { 'accept-encoding': 'br, gzip' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toMatch(/br|gzip/);
  });
});
