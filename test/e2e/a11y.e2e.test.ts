/*
 * Accessibility over every page of the app (client/src/routes.ts), as a member, union staff
 * (an admin), a merchant's cashier, a signed-in non-member (a donor) and a signed-out visitor,
 * each in normal and care mode: axe-core finds nothing serious or critical, nothing is tappable
 * without a role and keyboard focus, and in care mode every visible interactive element is at
 * least 44×44 CSS px and every visible text at least 18 px. A screenshot of each is saved as
 * test/artifacts/a11y-<role>-<mode>-<page>.png.
 * Then a keyboard-only walk on the Benefit Day: 首页 → 工惠券 → 立即领取 → 去使用 → the code.
 * Real server with a pinned clock, demo data plus a few factory-made objects, H5 build.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from '@gonghui/shared';
import { claim, makeBatch, publishedBatch } from '@gonghui/server/testing/factories';
import { unionIdByName } from '@gonghui/server/testing/harness';
import { grantHardshipDuty } from '@gonghui/server/testing/hardship';
import { expectAccessible } from './axe';
import { demoSignIn, setCareMode, settle, signOut, smsSignIn, startE2E, type E2E } from './harness';

/** 2026-12-20 10:00 in Shanghai: the December Benefit Day has just opened. */
const BENEFIT_DAY_OPENING = '2026-12-20T02:00:00Z';
const MEMBER = '13800000001';
/** Walks by keyboard: a member who has claimed nothing this month. */
const KEYBOARD_MEMBER = '13800000009';
const CITY_ADMIN = '13900000001';
/** The demo's 爱心人士 button. */
const DONOR = '13700000001';
const EQUIP = '湖州吴兴智能装备有限公司工会';
const SHOP = '湖州苏宁易购吴兴店';
const APPLIANCE = '家电以旧换新';
/** The demo's concert batch: one per member, so claiming it turns 立即领取 into 去使用. */
const CONCERT = '演唱会门票';

/** Every page path the client declares, read from its one list (a new page joins the sweep by itself). */
function declaredPages(): string[] {
  const source = readFileSync(new URL('../../client/src/routes.ts', import.meta.url), 'utf8');
  const pages = [...source.matchAll(/export const \w+_PAGE = '([^']+)'/g)].map((m) => m[1]!);
  if (pages.length < 20) throw new Error(`routes.ts: only ${pages.length} pages found; did its shape change?`);
  // A11Y_PAGES=wishes,donor: only the pages whose path contains one of these (a quicker run while working on them).
  const only = (process.env.A11Y_PAGES ?? '').split(',').filter(Boolean);
  return only.length ? pages.filter((p) => only.some((o) => p.includes(o))) : pages;
}

type Role = 'member' | 'staff' | 'merchant' | 'donor' | 'visitor';
/** Who looks: the demo button that signs them in (none for a signed-out visitor) and where it lands. */
const ROLES: { role: Role; button: string | null; lands: RegExp }[] = [
  { role: 'member', button: '会员 张*', lands: /\/pages\/home\/index/ },
  { role: 'staff', button: '市总工会工作人员', lands: /\/pages\/home\/index/ },
  { role: 'merchant', button: '商户店员', lands: /\/pages\/merchant\/index/ },
  // Donor pages come later: a signed-in account without membership stands for them.
  { role: 'donor', button: '爱心人士', lands: /\/pages\/home\/index/ },
  // Not signed in: what a visitor may browse, and the login page every other page sends them to.
  { role: 'visitor', button: null, lands: /\/pages\/login\/index/ },
];

/** 关怀模式 for a signed-out visitor: the switch on the login page (kept on this device). */
async function setVisitorCareMode(page: Page, on: boolean): Promise<void> {
  await page.goto('/pages/login/index');
  await page.locator('.gh-login__care-row').waitFor();
  await settle(page);
  const care = page.locator('.gh-page.gh-login.care-mode');
  if ((await care.count()) > 0 !== on) await page.locator('.gh-login__care-row').click();
  await (on ? care.waitFor() : page.locator('.gh-page.gh-login:not(.care-mode)').waitFor());
}

/** The query each page needs (ids of demo or factory-made objects), by page path. */
type Queries = Record<string, Record<string, string>>;

/** `/pages/union/vouchers/edit/index` → `union-vouchers-edit`. */
const slug = (path: string) => path.replace(/^\/pages\//, '').replace(/\/index$/, '').replace(/\//g, '-');

/** Opens a page as a member would from a link, waits until it has drawn (no spinner left). */
async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.gh-page').first().waitFor({ timeout: 15_000 });
  await settle(page);
  await page
    .waitForFunction(() => !Array.from(document.querySelectorAll('.gh-status--loading, .nut-loading')).some((el) => el.getClientRects().length > 0), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/**
 * Care mode, as the page shows it: every visible control at least 44×44 CSS px (a checkbox or
 * radio counts with its label row, which is the tap target) and every visible text at least 18 px.
 */
async function careModeSizeProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.opacity !== '0' && !el.closest('[aria-hidden="true"]');
    };
    const name = (el: Element) => {
      const classes = Array.from(el.classList).filter((c) => /^(gh-|nut-|weui-)/.test(c)).slice(0, 3);
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 16);
      return `<${el.tagName.toLowerCase()}${classes.length ? '.' + classes.join('.') : ''}>${text ? ` "${text}"` : ''}`;
    };
    const controls =
      'a[href], button, input:not([type=hidden]), select, textarea, .taro-button-core, [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [tabindex]:not([tabindex="-1"])';
    for (const el of Array.from(document.querySelectorAll(controls))) {
      if (el.classList.contains('taro_page') || !shown(el)) continue;
      const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) problems.push(`target ${name(el)} is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || seen.has(el) || !(node.textContent ?? '').trim()) continue;
      seen.add(el);
      if (el.closest('script, style, noscript') || !shown(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 17.95) problems.push(`text ${name(el)} is ${size.toFixed(1)}px`);
    }
    return problems;
  });
}

/**
 * Elements the app made tappable (an onClick) that a keyboard cannot reach or a screen reader
 * cannot name as a control: no native control, no role with a tabindex. axe cannot see these
 * (to it they are plain text), so they are found by their click handler: Taro's web components
 * keep it in the element's `__events`, plain elements in React's props.
 */
async function tapOnlyElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const native = 'a[href], button, input, select, textarea, label, taro-checkbox-core, taro-textarea-core';
    const clickable = (el: Element) => {
      const node = el as unknown as Record<string, unknown>;
      const events = node.__events as Record<string, unknown> | undefined;
      if (events?.click) return true;
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      return typeof (key ? (node[key] as { onClick?: unknown }).onClick : undefined) === 'function';
    };
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (!clickable(el) || el.getClientRects().length === 0) continue;
      if (el.matches(native) || (el.hasAttribute('role') && el.hasAttribute('tabindex'))) continue;
      // A text field's frame that passes a tap on to its field (NutUI's Input): the field itself takes focus.
      if (el.querySelector('input, textarea')) continue;
      const classes = Array.from(el.classList).filter((c) => /^(gh-|nut-)/.test(c)).slice(0, 3);
      found.push(`<${el.tagName.toLowerCase()}${classes.length ? '.' + classes.join('.') : ''}> "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 16)}"`);
    }
    return found;
  });
}

describe('every page passes axe, as every role, in normal and care mode', () => {
  let e: E2E;
  const queries: Queries = {};

  beforeAll(async () => {
    e = await startE2E();
    e.app.clock.set(BENEFIT_DAY_OPENING);
    const admin = await e.app.login(CITY_ADMIN);
    const member = await e.app.login(MEMBER);
    const equipId = await unionIdByName(e.app, EQUIP);

    // The member holds an unused voucher of the Benefit Day's appliance batch (its code page).
    const open = (await e.app.call(api.listOpenBatches, { token: member })).body.data;
    let appliance = open.find((b) => b.title.includes(APPLIANCE) && b.claimState === 'claimable');
    if (!appliance) {
      const made = await publishedBatch(e.app, admin, { stockTotal: 500 });
      appliance = (await e.app.call(api.listOpenBatches, { token: member })).body.data.find((b) => b.id === made.id);
    }
    const claimed = await claim(e.app, member, appliance!.id);
    expect(claimed.status, claimed.text).toBe(201);

    // Staff: a draft to edit, a published batch's figures, a merchant, a grassroots union.
    const draft = await makeBatch(e.app, admin, { title: '年货节 满200减30', thresholdFen: 20_000, faceValueFen: 3_000 });
    const shops = (await e.app.call(api.listMerchants, { token: admin })).body.data;
    const shop = shops.find((m) => m.name === SHOP)!;

    queries['/pages/vouchers/detail/index'] = { id: claimed.body.voucher.id };
    // The demo's 摇号 batch, drawn at this hour: its member page and its public result.
    const lottery = open.find((b) => b.mode === 'lottery')!;
    queries['/pages/vouchers/lottery/index'] = { id: lottery.id };
    queries['/pages/vouchers/lottery-result/index'] = { id: lottery.id };
    queries['/pages/union/vouchers/edit/index'] = { id: draft.id };
    queries['/pages/union/vouchers/stats/index'] = { id: appliance!.id };
    queries['/pages/union/merchant/index'] = { id: shop.id };
    queries['/pages/union/members/index'] = { unionId: equipId, unionName: EQUIP };
    queries['/pages/union/join-qr/index'] = { unionId: equipId };
    queries['/pages/union/staff/index'] = { unionId: equipId };
    queries['/pages/join/index'] = { code: 'HZWXEQUIP2' };
    queries['/pages/vouchers/mine/index'] = { status: 'unused' };

    // Micro-wishes: the member's own wish, a published one, the demo donor's adoption (made if
    // the demo has none), and the wish's staff page; 消息 needs nothing.
    const donor = await e.app.login(DONOR);
    const myWish = (await e.app.call(api.myWishes, { token: member, query: {} })).body.data[0]!;
    const published = (await e.app.call(api.publicWishes, { query: {} })).body.data.filter((w) => w.status === 'published');
    let adopted = (await e.app.call(api.donorWishes, { token: donor, query: {} })).body.data[0]?.wish.id;
    if (!adopted) {
      const made = await e.app.call(api.adoptWish, { token: donor, params: { id: published.at(-1)!.id } });
      expect(made.status, made.text).toBe(201);
      adopted = made.body.wish.id;
    }
    queries['/pages/wishes/mine/detail/index'] = { id: myWish.id };
    queries['/pages/wishes/public/index'] = { id: published[0]!.id };
    queries['/pages/donor/wish/index'] = { id: adopted };
    queries['/pages/union/wishes/detail/index'] = { id: myWish.id };

    // Activities and 聆听: one of the member's activities (the demo enrols them in the 插花 class)
    // and their own request, seen by the member and by the city federation's staff.
    const activity = (await e.app.call(api.listActivities, { token: member, query: { limit: 50 } })).body.data.find((a) => a.mine) ?? (await e.app.call(api.listActivities, { token: member, query: { limit: 1 } })).body.data[0]!;
    const request = (await e.app.call(api.myFeedbackList, { token: member, query: {} })).body.data[0]!;
    queries['/pages/activities/detail/index'] = { id: activity.id };
    queries['/pages/union/activities/detail/index'] = { id: activity.id };
    queries['/pages/feedback/detail/index'] = { id: request.id };
    queries['/pages/union/feedback/detail/index'] = { id: request.id };

    // 送温暖: this winter's demo campaign.
    const campaign = (await e.app.call(api.staffCampaigns, { token: admin, query: {} })).body.data[0]!;
    queries['/pages/union/campaigns/detail/index'] = { id: campaign.id };
    // 慰问信: the member's letter of this winter (the demo sends one to everyone) and its family copy.
    const letterNotice = (await e.app.call(api.notices, { token: member, query: { limit: 100 } })).body.data.find((n) => n.kind === 'campaign.letter')!;
    const letter = (await e.app.call(api.myLetter, { token: member, params: { id: letterNotice.link!.id } })).body;
    queries['/pages/warmth/letter/index'] = { id: letter.id };
    queries['/pages/warmth/family/index'] = { token: letter.shareToken };
    // The hardship pages: the city's admin gets the 困难职工帮扶 duty (from another admin, as staff
    // management requires), so the staff pages show the demo's applications and archive.
    await grantHardshipDuty(e.app, CITY_ADMIN, '湖州市总工会');
    const hardship = await e.app.login(CITY_ADMIN);
    const waiting = (await e.app.call(api.staffHardshipApplications, { token: hardship, query: { status: 'submitted' } })).body.data[0]!;
    const entry = (await e.app.call(api.hardshipArchive, { token: hardship, query: {} })).body.data[0]!;
    queries['/pages/union/hardship/application/index'] = { id: waiting.id };
    queries['/pages/union/hardship/archive/index'] = { id: entry.id };
  });

  afterAll(async () => {
    await e?.close();
  });

  const url = (path: string) => {
    const q = queries[path];
    return q ? `${path}?${new URLSearchParams(q).toString()}` : path;
  };

  for (const { role, button, lands } of ROLES) {
    for (const care of [false, true]) {
      const mode = care ? 'care' : 'normal';
      it(`as ${role} in ${mode} mode${care ? ', with large targets and text' : ''}`, { timeout: 15 * 60_000 }, async () => {
        const page = e.page;
        if (!care) await (button ? demoSignIn(page, button, lands) : signOut(page));
        await (button ? setCareMode(page, care) : setVisitorCareMode(page, care));
        const failures: string[] = [];
        for (const path of declaredPages()) {
          await openPage(page, url(path));
          await e.shot(`a11y-${role}-${mode}-${slug(path)}`);
          try {
            await expectAccessible(page);
          } catch (error) {
            failures.push(`axe ${path} (shown: ${new URL(page.url()).pathname}): ${(error as Error).message.split('\n').slice(0, 40).join('\n')}`);
          }
          const tapOnly = await tapOnlyElements(page);
          if (tapOnly.length) failures.push(`keyboard ${path} (shown: ${new URL(page.url()).pathname}): tappable without a role or focus:\n  ${[...new Set(tapOnly)].join('\n  ')}`);
          if (care) {
            const problems = await careModeSizeProblems(page);
            if (problems.length) failures.push(`size ${path} (shown: ${new URL(page.url()).pathname}):\n  ${[...new Set(problems)].join('\n  ')}`);
          }
        }
        expect(failures, failures.join('\n\n')).toEqual([]);
      });
    }
  }
});

/** What has keyboard focus now: its tag, classes and text, and whether the focus is drawn. */
async function focused(page: Page): Promise<{ tag: string; classes: string; text: string; role: string | null; outline: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', classes: '', text: '', role: null, outline: 'none' };
    return {
      tag: el.tagName.toLowerCase(),
      classes: el.className && typeof el.className === 'string' ? el.className : '',
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      role: el.getAttribute('role'),
      outline: getComputedStyle(el).outlineStyle,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element has `cls` among its classes and contains
 * `text`; fails after `max` presses. It must have a role (or be a link) and a visible focus ring.
 */
async function tabTo(page: Page, cls: string, text: string, { back = false, max = 60 } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.classes.split(/\s+/).includes(cls) && f.text.includes(text)) {
      expect(f.role ?? f.tag, `${cls} has a role`).toMatch(/^(button|link|a|tab|switch|checkbox|radio)$/);
      expect(f.outline, `${cls} shows where the focus is`).not.toBe('none');
      return;
    }
    seen.push(`${f.tag}.${f.classes.split(/\s+/).filter((c) => c.startsWith('gh-') || c.startsWith('weui-')).join('.')} "${f.text.slice(0, 12)}"`);
  }
  throw new Error(`no focus on .${cls} "${text}" after ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}; went through:\n${seen.join('\n')}`);
}

describe('a keyboard alone claims a voucher and shows its code on the Benefit Day', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
    e.app.clock.set(BENEFIT_DAY_OPENING);
    const member = await e.app.login(KEYBOARD_MEMBER);
    const open = (await e.app.call(api.listOpenBatches, { token: member })).body.data;
    const concert = open.find((b) => b.title.includes(CONCERT) && b.claimState === 'claimable');
    if (!concert || concert.perMemberLimit !== 1) {
      await publishedBatch(e.app, await e.app.login(CITY_ADMIN), { title: `${CONCERT} 立减80`, kind: 'direct', thresholdFen: null, faceValueFen: 8_000, perMemberLimit: 1, stockTotal: 200 });
    }
  });

  afterAll(async () => {
    await e?.close();
  });

  it('首页 → 工惠券 → 立即领取 → 去使用 → the code, with Tab, Shift+Tab, Enter and Space only', async () => {
    const page = e.page;
    await smsSignIn(e.app, page, KEYBOARD_MEMBER);
    await page.goto('/pages/home/index');
    await settle(page);
    await page.locator('.gh-entry--vouchers').waitFor();

    // 首页: the 工惠券 tile.
    await tabTo(page, 'gh-entry', '工惠券');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pages\/vouchers\/index/);
    await settle(page);
    const ticket = page.locator('.gh-vouchers__group--open .gh-batch', { hasText: CONCERT });
    await ticket.locator('.gh-claim--claimable').waitFor();

    // 工惠券: 立即领取 on the concert ticket (Tab passes the appliance ticket's first), pressed with Space.
    const ticketOfFocus = () => page.evaluate(() => document.activeElement?.closest('.gh-batch')?.textContent ?? '');
    await tabTo(page, 'gh-claim--claimable', '立即领取');
    for (let i = 0; i < 5 && !(await ticketOfFocus()).includes(CONCERT); i++) await tabTo(page, 'gh-claim--claimable', '立即领取');
    expect(await ticketOfFocus()).toContain(CONCERT);
    await page.keyboard.press('Space');
    await page.getByText('领取成功').first().waitFor();
    await ticket.locator('.gh-batch__mine').waitFor();

    // The next step is a real button in the same place, and the focus is still on it.
    await ticket.locator('.gh-claim--use').waitFor();
    await expect.poll(async () => (await focused(page)).text).toBe('去使用');
    expect(await ticketOfFocus()).toContain(CONCERT);
    await expect(ticket.locator('.gh-claim--claimed').textContent()).resolves.toBe('已领取');
    // Shift+Tab leaves it and Tab comes back to it.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).text).not.toBe('去使用');
    await tabTo(page, 'gh-claim--use', '去使用', { max: 1 });
    await e.shot('a11y-keyboard-claimed');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pages\/vouchers\/mine\/index/);
    await settle(page);

    // 我的券: the voucher just claimed opens its code.
    await page.locator('.gh-voucher--unused', { hasText: CONCERT }).first().waitFor();
    await tabTo(page, 'gh-voucher--unused', CONCERT);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pages\/vouchers\/detail\/index\?id=/);
    await settle(page);
    const digits = page.locator('.gh-code__digits');
    await digits.waitFor();
    expect(await digits.textContent()).toMatch(/^\d{5} \d{5}$/);
    await expect(page.locator('.gh-code__qr img').getAttribute('alt')).resolves.toContain('券码二维码');

    // 立即刷新 is reachable too, and gives a new code.
    const before = await digits.textContent();
    await tabTo(page, 'gh-code__refresh-now', '立即刷新');
    await page.keyboard.press('Enter');
    await expect.poll(() => digits.textContent()).not.toBe(before);
    await e.shot('a11y-keyboard-code');
    await expectAccessible(page);
  });
});
