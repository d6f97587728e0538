/*
 * 摇号 in a real browser: a member registers for a lottery batch on the Benefit Day morning, the
 * clock moves past the draw, and the member sees 中签 with the voucher in 我的券, then the public
 * result (公示) with the revealed seed, the recipe and the masked list, checked on the phone itself.
 * Real server with a pinned clock, fresh database with demo data, H5 build, headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, sha256Hex } from '@gonghui/shared';
import { publishedBatch } from '@gonghui/server/testing/factories';
import { demoSignIn, settle, startE2E, type E2E } from './harness';

const MEMBER_PHONE = '13800000001';
const CITY_STAFF_PHONE = '13900000001';
/** 09:30 Shanghai on 20 December: registration is open until the 10:00 draw. */
const MORNING = '2026-12-20T01:30:00Z';
const AFTER_DRAW = '2026-12-20T02:00:20Z';
const TITLE = '电影票 摇号券 立减30';

describe('摇号 on the Benefit Day', () => {
  let e: E2E;
  let batchId = '';
  let seedHash = '';

  beforeAll(async () => {
    e = await startE2E();
    // One prize and only this member registers: the member wins, whatever the seed.
    const staff = await e.app.login(CITY_STAFF_PHONE);
    const b = await publishedBatch(e.app, staff, {
      title: TITLE,
      kind: 'direct',
      thresholdFen: null,
      faceValueFen: 3_000,
      stackable: false,
      stockTotal: 1,
      schedule: { type: 'window', startsAt: '2026-12-19T16:00:00Z', endsAt: '2026-12-20T15:59:59Z' },
      mode: 'lottery',
      drawAt: '2026-12-20T02:00:00Z',
    });
    batchId = b.id;
    seedHash = b.seedHash!;
    e.app.clock.set(MORNING);
  });

  afterAll(async () => {
    await e?.close();
  });

  it('lets a member register with one tap: 报名摇号 becomes 已报名 with a ticket number', async () => {
    const page = e.page;
    await demoSignIn(page, '会员 张*');
    await page.locator('.weui-tabbar__item', { hasText: '工惠券' }).click();
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    const ticket = page.locator('.gh-batch--lottery', { hasText: TITLE });
    await ticket.locator('.gh-lottery-register').click();
    await page.getByText('报名成功').first().waitFor();
    await ticket.locator('.gh-lottery-step--registered').waitFor();
    await expect(ticket.textContent()).resolves.toMatch(/我的号码 \d{8}/);
    await e.shot('e2e-lottery-registered');
  });

  it('shows 已报名 on the batch detail, then 中签 after the draw, with the voucher in 我的券', async () => {
    const page = e.page;
    await page.locator('.gh-batch--lottery', { hasText: TITLE }).locator('.gh-lottery-detail').click();
    await page.waitForURL(/\/pages\/vouchers\/lottery\/index\?id=/);
    await settle(page);
    await expect(page.locator('.gh-lottery__result').textContent()).resolves.toBe('已报名');
    await expect(page.locator('.gh-lottery__hash').textContent()).resolves.toContain(seedHash);

    e.app.clock.set(AFTER_DRAW);
    await page.reload();
    await settle(page);
    await page.locator('.gh-lottery__mine--won').waitFor();
    await expect(page.locator('.gh-lottery__result').textContent()).resolves.toBe('中签');
    await e.shot('e2e-lottery-won');

    await page.locator('.gh-lottery__mine-list').click();
    await page.waitForURL(/\/pages\/vouchers\/mine\/index/);
    await settle(page);
    await page.locator('.gh-voucher--unused', { hasText: TITLE }).waitFor();
    const member = await e.app.login(MEMBER_PHONE);
    const mine = (await e.app.call(api.myVouchers, { query: { status: 'unused' }, token: member })).body.data;
    expect(mine.filter((v) => v.batchId === batchId)).toHaveLength(1);
  });

  it('shows the 公示: the seed that matches the hash, the recipe, masked names with the winner marked, and a matching check on the phone', async () => {
    const page = e.page;
    await page.goto(`/pages/vouchers/lottery/index?id=${batchId}`);
    await settle(page);
    await page.locator('.gh-lottery__public').click();
    await page.waitForURL(/\/pages\/vouchers\/lottery-result\/index\?id=/);
    await settle(page);
    const seedText = (await page.locator('.gh-lottery-result__seed').textContent())!.replace('种子：', '');
    expect(sha256Hex(seedText)).toBe(seedHash);
    await expect(page.locator('.gh-lottery-result__recipe').textContent()).resolves.toContain(`/api/public/lotteries/${batchId}`);
    const won = page.locator('.gh-lottery-result__row--won');
    await expect(won.count()).resolves.toBe(1);
    await expect(won.locator('.gh-lottery-result__name').textContent()).resolves.toBe('张*明');
    await expect(page.locator('.gh-lottery-result__check').textContent()).resolves.toBe('本机复算：与公布结果一致');
    await e.shot('e2e-lottery-result');

    // and back in the list, the ticket says 中签 and leads to 我的券
    await page.goto('/pages/vouchers/index');
    await settle(page);
    await page.locator('.gh-batch--lottery', { hasText: TITLE }).locator('.gh-lottery-won').waitFor();
    await e.shot('e2e-lottery-list-after-draw');
  });
});
