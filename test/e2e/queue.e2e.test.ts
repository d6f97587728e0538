/*
 * The Benefit Day line in a real browser: the server is past its capacity (one claim at the
 * database at a time, no waiting line, and that one place taken), so it answers the member's
 * claim 503 with Retry-After. The page shows a calm 排队中 instead of an error and sends the
 * same claim again by itself; once there is room it is served, exactly one voucher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { DEFAULT_RUSH } from '@gonghui/server/rush/index';
import { expectAccessible } from './axe';
import { settle, smsSignIn, startE2E, type E2E } from './harness';

const MEMBER_PHONE = '13800000005';
const BENEFIT_DAY_OPENING = '2026-12-20T02:00:00Z';

describe('排队中 when the server sheds load', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ now: BENEFIT_DAY_OPENING, config: { rush: { ...DEFAULT_RUSH, claimConcurrency: 1, claimLine: 0, memberRate: 0, ipRate: 0 } } });
  }, 180_000);
  afterAll(() => e?.close());

  it('waits in line and claims once there is room, with no error shown', async () => {
    const page: Page = e.page;
    const claims: number[] = [];
    page.on('response', (r) => {
      if (/\/api\/voucher-batches\/[^/]+\/claims$/.test(r.url())) claims.push(r.status());
    });
    await smsSignIn(e.app, page, MEMBER_PHONE);
    await page.goto('/pages/vouchers/index');
    await settle(page);

    const held = async () => (await e.app.call(api.myVouchers, { token: await e.app.login(MEMBER_PHONE), query: {} })).body.data.length;
    const before = await held();

    // Every place at the database is taken: the next claim is shed at once.
    const hold = await e.app.deps.rush!.admission.enter();
    expect(hold).not.toBeNull();
    // The ticket by its title: once claimed it no longer holds a 立即领取 button.
    const title = (await page.locator('.gh-batch', { has: page.locator('.gh-claim--claimable') }).first().locator('.gh-ticket__title').textContent())!;
    const ticket = page.locator('.gh-batch', { has: page.locator('.gh-ticket__title', { hasText: title }) });
    await ticket.locator('.gh-claim--claimable').click();

    await expect.poll(() => claims.filter((s) => s === 503).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => ticket.locator('.gh-claim--claimable').textContent(), { timeout: 5000 }).toContain('排队中');
    await expect.poll(() => ticket.locator('.gh-batch__queue').textContent(), { timeout: 5000 }).toContain('自动重试');
    await e.shot('queue-waiting');
    await expectAccessible(page);

    // Room again: the same claim, sent again by the page, is served.
    hold!();
    await expect.poll(() => claims.filter((s) => s === 201).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => ticket.locator('.gh-claim--use').count(), { timeout: 10_000 }).toBe(1);
    await e.shot('queue-served');
    expect(claims.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    // the busy answers were never shown as an error
    expect(await page.getByText('系统繁忙').count()).toBe(0);

    expect(await held()).toBe(before + 1);
  });
});
