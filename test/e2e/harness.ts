/* End-to-end harness: the real app over HTTP serving the real H5 build, a fresh database, and headless Debian Chromium. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp, type TestAppOptions } from '@gonghui/server/testing/harness';

export const CHROMIUM = '/usr/bin/chromium';
export const H5_DIR = fileURLToPath(new URL('../../client/dist/h5', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url));

export interface E2E {
  app: TestApp;
  context: BrowserContext;
  page: Page;
  /** Saves test/artifacts/<name>.png and returns its path. */
  shot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

export async function startE2E(opts: TestAppOptions & { viewport?: { width: number; height: number } } = {}): Promise<E2E> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) throw new Error(`H5 build missing at ${H5_DIR}: run pnpm build:h5`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install chromium fonts-noto-cjk`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const app = await startTestApp('pglite', { ...opts, clientDir: H5_DIR });
  const userDir = mkdtempSync(path.join(tmpdir(), 'gh-chromium-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: opts.viewport ?? { width: 375, height: 812 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: app.baseUrl,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    app,
    context,
    page,
    async shot(name, p = page) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDir, { recursive: true, force: true });
      await app.close();
    },
  };
}
