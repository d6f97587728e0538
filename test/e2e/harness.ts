/* End-to-end harness: the real app over HTTP serving the real H5 build, a fresh database, and headless Debian Chromium. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { StaffRole } from '@gonghui/shared';
import { schema } from '@gonghui/server/db/index';
import { startTestApp, unionIdByName, type TestApp, type TestAppOptions } from '@gonghui/server/testing/harness';

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
  const browser = await launchBrowser(app.baseUrl, opts.viewport);
  const { context, page } = browser;
  return {
    app,
    context,
    page,
    async shot(name, p = page) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      // Taro's H5 pages scroll inside their own box, so "full page" would stop at the viewport:
      // grow the viewport to the shown page's height for the picture, then put it back.
      const size = p.viewportSize();
      const height = await p.evaluate(() => {
        const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((el) => el.offsetParent !== null || el.getClientRects().length > 0);
        return Math.max(0, ...shown.map((el) => el.scrollHeight));
      });
      const grow = size !== null && height > size.height;
      if (grow) {
        await p.setViewportSize({ width: size.width, height: Math.min(height + 80, 8000) });
        await p.waitForTimeout(300);
      }
      await p.screenshot({ path: file, fullPage: true });
      if (grow) await p.setViewportSize(size);
      return file;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a storage of its own (a persistent context's pages share one session):
 * startE2E's browser, and a second one where a test needs two people at once (a member and a cashier).
 */
export async function launchBrowser(baseURL: string, viewport = { width: 375, height: 812 }): Promise<Browser> {
  const userDir = mkdtempSync(path.join(tmpdir(), 'gh-chromium-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/** The computed font size of the first element matched, in CSS px. */
export const fontSizePx = (l: Locator) => l.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
/** The rendered height of the first element matched, in CSS px. */
export const heightPx = (l: Locator) => l.first().evaluate((el) => el.getBoundingClientRect().height);

/** Taro animates page changes: give it a moment after each navigation. */
export const settle = (page: Page) => page.waitForTimeout(1000);

/**
 * A staff account that the demo data does not have (an operator, say): made in the database, as
 * no endpoint grants staff roles yet. Idempotent.
 */
export async function addStaff(app: TestApp, phone: string, unionName: string, role: StaffRole, displayName = '经办人'): Promise<void> {
  const userId = await addUser(app, phone, displayName);
  await app.deps.db.insert(schema.staffRoles).values({ userId, unionId: await unionIdByName(app, unionName), role }).onConflictDoNothing();
}

/** An account (no member, no role) the demo data does not have, made in the database: its id. Idempotent. */
export async function addUser(app: TestApp, phone: string, displayName = '职工'): Promise<string> {
  const [user] = await app.deps.db
    .insert(schema.users)
    .values({ phone, displayName })
    .onConflictDoUpdate({ target: schema.users.phone, set: { displayName } })
    .returning({ id: schema.users.id });
  return user!.id;
}

/**
 * No session (and nothing else kept on the device). Dropped on a same-origin page where the app
 * does not run (an API answer), so no request of the app can write it back meanwhile.
 */
export async function signOut(page: Page): Promise<void> {
  await page.goto('/api/e2e-sign-out');
  await page.evaluate(() => localStorage.clear());
}

/** On the login page with no session. */
async function signedOut(page: Page): Promise<void> {
  await signOut(page);
  await page.goto('/pages/login/index');
  await settle(page);
  await page.locator('.gh-login__phone').waitFor();
}

/** Ticks the login page's agreement box (it starts unticked, and no sign-in works without it). */
export async function acceptAgreement(page: Page): Promise<void> {
  const box = page.locator('.gh-login__consent input');
  if (!(await box.isChecked())) await page.locator('.gh-login__consent').click();
  await waitUntilAsync(() => box.isChecked());
}

async function waitUntilAsync(ok: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signs a browser in by SMS code as any account (the code is read from the recording SMS sender). */
export async function smsSignIn(app: TestApp, page: Page, phone: string, lands: RegExp = /\/pages\/home\/index/): Promise<void> {
  await signedOut(page);
  const sentTo = () => app.sms.sent.filter((s) => s.phone === phone);
  const before = sentTo().length;
  await acceptAgreement(page);
  await page.locator('.gh-login__phone input').fill(phone);
  await page.locator('.gh-login__send').click();
  await waitUntil(() => sentTo().length > before);
  await page.locator('.gh-login__code input').fill(sentTo().at(-1)!.code);
  await page.locator('.gh-login__submit').click();
  await page.waitForURL(lands);
  await settle(page);
}

/** Signs a browser in with a demo button of the login page (after clearing any session it had). */
export async function demoSignIn(page: Page, label: string, lands: RegExp = /\/pages\/home\/index/): Promise<void> {
  await signedOut(page);
  await acceptAgreement(page);
  await page.locator('.gh-login__demo-button', { hasText: label }).click();
  await page.waitForURL(lands);
  await settle(page);
}

/** Turns 关怀模式 on or off from 我的 (staff and members) and waits until pages show it. */
export async function setCareMode(page: Page, on: boolean): Promise<void> {
  await page.goto('/pages/mine/index');
  await settle(page);
  const care = page.locator('.gh-page.gh-mine.care-mode');
  if ((await care.count()) > 0 !== on) await page.locator('.gh-mine__care').click();
  await (on ? care.waitFor() : page.locator('.gh-page.gh-mine:not(.care-mode)').waitFor());
}

async function waitUntil(ok: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
