/*
 * The hardship archive end to end in a real browser (phone width): a member gives the separate
 * consent, fills the application and sees the group the rules find (大病困难) before sending; staff
 * with the 困难职工帮扶 duty (the demo's 周慧敏 of 吴兴区总工会) open it, read the family's incomes
 * for a stated reason, approve it into 大病困难, record relief, export the bank file and confirm
 * the payment; the member then sees the archive, the relief and who read the record, and why.
 * Screenshots under test/artifacts/e2e-hardship-*.png, care mode included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, HARDSHIP_CONSENT_VERSION, shanghaiDate } from '@gonghui/shared';
import { memberIdByPhone } from '@gonghui/server/testing/harness';
import { cleanPhonesIn, EQUIP, memberNoOf, paperConsentDates } from '@gonghui/server/testing/hardship';
import { expectAccessible } from './axe';
import { checkCarePages, setCareMode, settle, smsSignIn, startE2E, type E2E } from './harness';

const HARDSHIP_STAFF = '13900000041';
/** 孙立新 of 湖州市总工会: the duty at the city, so the thresholds are theirs to set. */
const CITY_HARDSHIP_STAFF = '13900000042';

async function open(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 15_000 });
  await settle(page);
}

/** Taro's H5 modal: press its confirm button. */
async function confirmModal(page: Page, text: string): Promise<void> {
  await page.locator('.taro-modal__foot').getByText(text, { exact: true }).click();
}

describe('a member applies, staff approve and pay relief, the member sees who read the record', () => {
  let e: E2E;
  let phone = '';
  let applicationId = '';
  let archiveId = '';

  beforeAll(async () => {
    e = await startE2E();
    phone = (await cleanPhonesIn(e.app, EQUIP, 1, 3))[0]!;
  });

  afterAll(async () => {
    await e?.close();
  });

  const signIn = async (page: Page, who: string) => {
    e.app.clock.advance(61_000);
    await smsSignIn(e.app, page, who);
  };

  it('asks the member for the separate consent, shows the group live and sends the application', async () => {
    const page = e.page;
    await signIn(page, phone);
    await open(page, '/pages/mine/index', '.gh-mine__hardship');
    await page.locator('.gh-mine__hardship').click();
    await page.waitForURL(/\/pages\/hardship\/index/);
    await page.locator('.gh-hs-consent').waitFor();
    await settle(page);
    await e.shot('e2e-hardship-consent');
    await expectAccessible(page);
    await page.locator('.gh-hs-consent__agree').click();
    await page.getByText('请先勾选同意').waitFor();
    await page.locator('.gh-hs-consent__check .gh-consent__row').click();
    await page.locator('.gh-hs-consent__agree').click();
    await page.locator('.gh-hs-apply').waitFor();

    await page.locator('.gh-hs-member__income input').first().fill('2400');
    await page.locator('.gh-hs-member__add').click();
    await page.locator('.gh-hs-member__add').click();
    await page.locator('.gh-hs-member__income input').nth(1).fill('0');
    await page.locator('.gh-hs-member__income input').nth(2).fill('0');
    await page.locator('.gh-hs-causes .gh-chip--illness').click();
    await page.locator('.gh-hs-medical input').fill('15000');
    await page.locator('.gh-hs-health textarea').fill('配偶患尿毒症，每周透析三次');
    await page.locator('.gh-hs-documents .gh-chip--medical_bills').click();
    await page.locator('.gh-hs-bank input').fill('湖州银行');
    await page.locator('.gh-hs-card input').fill('6222021234567890123');
    // the rules, before sending: 800 yuan a head, 15,000 yuan of medical costs
    await expect.poll(() => page.locator('.gh-hs-assess').textContent()).toContain('大病困难');
    await expect(page.locator('.gh-hs-assess').textContent()).resolves.toContain('家庭人均月收入 800元');
    await e.shot('e2e-hardship-apply');
    await expectAccessible(page);
    await page.locator('.gh-hs-send').click();
    await page.locator('.gh-hs-application__status').getByText('待审核').waitFor();
    await e.shot('e2e-hardship-submitted');
    const token = await e.app.login(phone);
    const mine = (await e.app.call(api.myHardship, { token })).body;
    applicationId = mine.applications[0]!.id;
    expect(mine.applications[0]).toMatchObject({ status: 'submitted', computedGroups: ['serious_illness', 'living'], bankCardMasked: '6222 **** **** 0123' });

    // a document for the checklist: the browser's picker, the type told by the bytes on the server
    await page.locator('.gh-hs-uploads .gh-hs-docs__kind .gh-chip--medical_bills').click();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.gh-hs-docs__pick').click();
    await (await chooser).setFiles({ name: '医疗发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') });
    await page.locator('.gh-hs-docs__item').getByText(/医疗发票\.pdf/).waitFor();
    await settle(page);
    await e.shot('e2e-hardship-member-documents');
    await expectAccessible(page);
    const docs = (await e.app.call(api.myHardship, { token })).body.applications[0]!.documents;
    expect(docs.map((d) => [d.kind, d.name, d.contentType])).toEqual([['medical_bills', '医疗发票.pdf', 'application/pdf']]);
  });

  it('lets staff with the duty read the incomes for a reason and approve into 大病困难', async () => {
    const page = e.page;
    await signIn(page, HARDSHIP_STAFF);
    await open(page, '/pages/mine/index', '.gh-mine__staff-hardship');
    await page.locator('.gh-mine__staff-hardship').click();
    await page.waitForURL(/\/pages\/union\/hardship\/index/);
    const row = page.locator('.gh-hs-app-row', { hasText: '家庭 3 人' }).first();
    await row.waitFor();
    await settle(page);
    await e.shot('e2e-hardship-staff-applications');
    await expectAccessible(page);
    await page.goto(`/pages/union/hardship/application/index?id=${applicationId}`);
    await page.locator('.gh-hs-decision').waitFor();
    await settle(page);
    await page.locator('.gh-hs-reveal__reason input').fill('审核家庭收入');
    await page.locator('.gh-hs-reveal__ask').click();
    await page.locator('.gh-hs-reveal__value').getByText('家庭人均月收入 800元').waitFor();
    // the member's document: opened only with a reason, and the read is kept
    await page.locator('.gh-hs-docs__item').getByText(/医疗发票\.pdf/).waitFor();
    await page.locator('.gh-hs-docs__open').first().click();
    await page.getByText('请填写查看原因').first().waitFor();
    await page.locator('.gh-hs-docs__reason input').fill('核对医疗费用发票');
    await page.locator('.gh-hs-docs__open').first().click();
    const memberToken = await e.app.login(phone);
    await expect.poll(async () => (await e.app.call(api.myHardship, { token: memberToken })).body.reads.some((r) => r.field === 'documents' && r.reason === '核对医疗费用发票')).toBe(true);
    await page.locator('.gh-hs-decision__category .gh-chip--serious_illness').click();
    await e.shot('e2e-hardship-staff-review');
    await expectAccessible(page);
    await page.locator('.gh-hs-decision__send').click();
    await page.getByText('已建档').first().waitFor();
    const staff = await e.app.login(HARDSHIP_STAFF);
    const memberId = await memberIdByPhone(e.app, phone);
    const entry = (await e.app.call(api.hardshipArchive, { query: {}, token: staff })).body.data.find((a) => a.memberId === memberId)!;
    expect(entry).toMatchObject({ category: 'serious_illness', status: 'active' });
    archiveId = entry.id;
  });

  it('records relief to the member’s own card, exports the bank file and confirms the payment once', async () => {
    const page = e.page;
    await open(page, `/pages/union/hardship/archive/index?id=${archiveId}`, '.gh-hs-record-relief');
    await page.locator('.gh-hs-relief__kind .gh-chip--medical').click();
    await page.locator('.gh-hs-relief__amount input').fill('1500');
    await page.locator('.gh-hs-relief__save').click();
    await page.locator('.gh-hs-entry-reliefs .gh-hs-relief-row').getByText('待支付').waitFor();
    await e.shot('e2e-hardship-staff-archive');
    await expectAccessible(page);
    // the bank file (the cards in full: a read the member sees)
    await open(page, '/pages/union/hardship/index?tab=relief', '.gh-hs-relief');
    await page.locator('.gh-hs-export-xlsx').click();
    await page.getByText(/已导出\d+笔/).waitFor();
    const mine = page.locator('.gh-hs-relief-row', { hasText: '1500元' }).first();
    await mine.locator('.gh-hs-confirm').waitFor();
    await e.shot('e2e-hardship-staff-relief');
    await mine.locator('.gh-hs-confirm').click();
    await confirmModal(page, '确认');
    await page.locator('.gh-hs-relief-row', { hasText: '1500元' }).first().getByText('已发放').waitFor();
    const staff = await e.app.login(HARDSHIP_STAFF);
    const paid = (await e.app.call(api.reliefs, { query: { status: 'paid' }, token: staff })).body.data.filter((r) => r.archiveId === archiveId);
    expect(paid.map((r) => [r.kind, r.amountFen, r.fundSource])).toEqual([['medical', 150_000, 'union']]);
  });

  it('shows the member the archive, the relief and who read the record, and why', async () => {
    const page = e.page;
    await signIn(page, phone);
    await open(page, '/pages/hardship/index', '.gh-hs-reads');
    await expect(page.locator('.gh-hs-archive').textContent()).resolves.toContain('大病困难');
    await expect(page.locator('.gh-hs-reliefs').textContent()).resolves.toContain('医疗救助 · 1500元');
    const reads = page.locator('.gh-hs-reads');
    await expect(reads.textContent()).resolves.toContain('吴兴区总工会 周慧敏');
    await expect(reads.textContent()).resolves.toContain('查看了家庭收入 · 原因：审核家庭收入');
    await expect(reads.textContent()).resolves.toContain('查看了银行卡号 · 原因：导出银行代发文件');
    await e.shot('e2e-hardship-member-record');
    await expectAccessible(page);
  });

  it('lets staff file for a member who has no phone, with the member’s paper consent', async () => {
    const page = e.page;
    await signIn(page, HARDSHIP_STAFF);
    const other = (await cleanPhonesIn(e.app, EQUIP, 1, 5))[0]!;
    const memberId = await memberIdByPhone(e.app, other);
    const staff = await e.app.login(HARDSHIP_STAFF);
    const memberNo = await memberNoOf(e.app, memberId);
    // the member once consented in the app and withdrew: only a paper signed after that day counts,
    // so the form must send the date on the paper (today, the default of the date field)
    const theirs = await e.app.login(other);
    await e.app.call(api.giveHardshipConsent, { body: { agree: true, version: HARDSHIP_CONSENT_VERSION }, token: theirs });
    await e.app.call(api.withdrawHardshipConsent, { token: theirs });
    e.app.clock.advance(24 * 3600_000);
    await open(page, '/pages/union/hardship/index', '.gh-hs-file__open');
    await page.locator('.gh-hs-file__open').click();
    await page.locator('.gh-hs-file__no input').fill(memberNo);
    await page.locator('.gh-hs-file__find').click();
    await page.locator('.gh-hs-file__paper').waitFor();
    await expect(page.locator('.gh-hs-file__signed-on').textContent()).resolves.toContain(shanghaiDate(e.app.clock.now()));
    await page.locator('.gh-hs-member__income input').first().fill('1500');
    await page.locator('.gh-hs-causes .gh-chip--schooling').click();
    await page.locator('.gh-hs-medical input').fill('0');
    await page.locator('.gh-hs-bank input').fill('湖州银行');
    await page.locator('.gh-hs-card input').fill('6222020000111122223');
    await expect.poll(() => page.locator('.gh-hs-assess').textContent()).toContain('生活困难');
    await page.locator('.gh-hs-send').click();
    await page.getByText('请先确认已取得职工书面同意').waitFor();
    await page.locator('.gh-hs-file__paper .gh-consent__row').click();
    await e.shot('e2e-hardship-staff-file');
    await expectAccessible(page);
    await page.locator('.gh-hs-send').click();
    await page.locator('.gh-hs-file__open').waitFor();
    const filed = (await e.app.call(api.staffHardshipApplications, { query: { status: 'submitted' }, token: staff })).body.data.find((a) => a.memberId === memberId);
    expect(filed).toMatchObject({ filedByStaff: true, computedGroups: ['living'] });
    expect(await paperConsentDates(e.app, memberId)).toEqual([null, shanghaiDate(e.app.clock.now())]);
  });

  it('lets the city’s staff set a district’s 低保 standard on the thresholds page', async () => {
    const page = e.page;
    await signIn(page, CITY_HARDSHIP_STAFF);
    await open(page, '/pages/union/hardship/index', '.gh-hs-settings__open');
    await page.locator('.gh-hs-settings__open').click();
    await page.waitForURL(/\/pages\/union\/hardship\/settings\/index/);
    await page.locator('.gh-hs-settings__area').getByText('吴兴区总工会').click();
    await page.locator('.gh-hs-settings__source').getByText(/沿用湖州市总工会的标准/).waitFor();
    await page.locator('.gh-hs-settings__dibao input').fill('1000');
    await page.locator('.gh-hs-settings__save').click();
    await page.locator('.gh-hs-settings__source').getByText(/吴兴区总工会自行设置/).waitFor();
    await settle(page);
    await e.shot('e2e-hardship-staff-settings');
    await expectAccessible(page);
    const city = await e.app.login(CITY_HARDSHIP_STAFF);
    const wuxing = (await e.app.call(api.hardshipSettings, { token: city })).body.data.find((s) => s.unionName === '吴兴区总工会')!;
    expect(wuxing).toMatchObject({ own: true, thresholds: { dibaoFen: 100_000, livingMultiple: 2, illnessMultiple: 3, medicalSelfPayFen: 1_000_000, secondApprovalAboveFen: 200_000 } });
  });

  it('passes axe in care mode on the member page and every staff page', async () => {
    await setCareMode(e.page, true);
    await checkCarePages(e, [['e2e-hardship-member-care', '/pages/hardship/index']]);
    await signIn(e.page, HARDSHIP_STAFF);
    await setCareMode(e.page, true);
    await checkCarePages(e, [
      ['e2e-hardship-staff-care', '/pages/union/hardship/index'],
      ['e2e-hardship-staff-discovery-care', '/pages/union/hardship/index?tab=discovery'],
      ['e2e-hardship-staff-application-care', `/pages/union/hardship/application/index?id=${applicationId}`],
      ['e2e-hardship-staff-archive-care', `/pages/union/hardship/archive/index?id=${archiveId}`],
      ['e2e-hardship-staff-settings-care', '/pages/union/hardship/settings/index'],
    ]);
  });
});
