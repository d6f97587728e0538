import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, HARDSHIP_CONSENT_VERSION } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { memberIdByPhone, useTestApp } from '../../testing/harness';
import { application, applyAs, cleanPhonesIn, EQUIP, hardshipStaff } from '../../testing/hardship';

/* Relief (帮扶): the two-person line, bank files, idempotency, and two applications sent at once; split from hardship.test.ts by sub-resource. */
describe.each(storageKinds)('hardship relief on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let district: string;
  let second: string;
  let nanxun: string;
  let phones: string[];
  beforeAll(async () => {
    district = await hardshipStaff(app(), '13600000401', '吴兴区总工会');
    second = await hardshipStaff(app(), '13600000402', '吴兴区总工会');
    nanxun = await hardshipStaff(app(), '13600000403', '南浔区总工会');
    phones = await cleanPhonesIn(app(), EQUIP, 16);
  }, 60_000);

  it('needs a second, different staff member above the line, and confirms a payment once even when two confirm at once', async () => {
    const token = await app().login(phones[4]!);
    const appId = await applyAs(app(), token, application('6222021111222233334'));
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'deep' }, token: district });
    const memberId = await memberIdByPhone(app(), phones[4]!);
    const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!.id;
    const atLine = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'living', form: 'cash', amountFen: 200_000, fundSource: 'local', note: '' }, token: district });
    expect(atLine.body.status).toBe('approved');
    const big = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'medical', form: 'cash', amountFen: 300_000, fundSource: 'union', note: '' }, token: district });
    expect(big.body).toMatchObject({ status: 'awaiting_approval', payeeName: expect.any(String), bankCardMasked: '6222 **** **** 3334' });
    expect((await app().call(api.approveRelief, { params: { id: big.body.id }, token: district })).error?.code).toBe('RELIEF_SAME_PERSON');
    expect((await app().call(api.confirmRelief, { params: { id: big.body.id }, token: district })).error?.code).toBe('RELIEF_NOT_APPROVED');
    const ok = await app().call(api.approveRelief, { params: { id: big.body.id }, token: second });
    expect(ok.body).toMatchObject({ status: 'approved', approvedByName: '测试工作人员' });
    expect((await app().call(api.approveRelief, { params: { id: big.body.id }, token: second })).error?.code).toBe('RELIEF_NOT_AWAITING');
    // paid only after the bank file
    expect((await app().call(api.confirmRelief, { params: { id: big.body.id }, token: district })).error?.code).toBe('RELIEF_NOT_EXPORTED');
    const made = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    expect(made.status).toBe(201);
    expect(made.text).not.toContain('6222021111222233334');
    const file = await app().request('GET', `/api/admin/hardship/relief-files/${made.body.id}`, { token: district });
    expect(file.status).toBe(200);
    expect((await app().request('GET', `/api/admin/hardship/relief-files/${made.body.id}`, { token: nanxun })).status).toBe(404);
    expect(String(file.body)).toContain('6222021111222233334');
    expect(String(file.body)).toContain('3000.00');
    expect(String(file.body)).toContain('B3 工会经费');
    const tries = await Promise.all([0, 1, 2, 3].map((i) => app().call(api.confirmRelief, { params: { id: big.body.id }, token: i % 2 ? second : district })));
    expect(tries.filter((r) => r.status === 200)).toHaveLength(1);
    expect(tries.filter((r) => r.status !== 200).map((r) => r.error?.code)).toEqual(['RELIEF_ALREADY_PAID', 'RELIEF_ALREADY_PAID', 'RELIEF_ALREADY_PAID']);
    const [count] = await queryRows<{ paid: number }>(app().deps.db, sql`select count(*)::int as paid from relief_payments where id = ${big.body.id} and status = 'paid'`);
    expect(Number(count!.paid)).toBe(1);
    // the same Idempotency-Key replays the first answer
    const again = await app().call(api.confirmRelief, { params: { id: atLine.body.id }, token: district, idempotencyKey: 'confirm-once-0001' });
    const replay = await app().call(api.confirmRelief, { params: { id: atLine.body.id }, token: district, idempotencyKey: 'confirm-once-0001' });
    expect([again.status, replay.status]).toEqual([200, 200]);
    expect(replay.text).toBe(again.text);
    // the member sees what was paid, and the export as a read of the card
    const mine = (await app().call(api.myHardship, { token })).body;
    expect(mine.reliefs.map((r) => r.amountFen).sort()).toEqual([200_000, 300_000]);
    expect(mine.reads.some((r) => r.field === 'bank_card' && r.reason === '导出银行代发文件')).toBe(true);
  });

  it('puts a payment in one bank file only: a second export finds nothing new and the first file keeps its rows', async () => {
    const token = await app().login(phones[8]!);
    const appId = await applyAs(app(), token, application('6222025555666677778'));
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: district });
    const memberId = await memberIdByPhone(app(), phones[8]!);
    const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!.id;
    const pay = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'living', form: 'cash', amountFen: 12_300, fundSource: 'union', note: '' }, token: district });
    expect(pay.body.status).toBe('approved');
    const first = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    expect(first.status).toBe(201);
    const firstFile = String((await app().request('GET', `/api/admin/hardship/relief-files/${first.body.id}`, { token: district })).body);
    expect(firstFile).toContain('6222025555666677778');
    const second = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    if (second.status === 201) {
      const secondFile = String((await app().request('GET', `/api/admin/hardship/relief-files/${second.body.id}`, { token: district })).body);
      expect(secondFile).not.toContain('6222025555666677778');
    } else {
      expect(second.error?.code).toBe('RELIEF_NOTHING_TO_EXPORT');
    }
    // the first file still holds the payment
    expect(String((await app().request('GET', `/api/admin/hardship/relief-files/${first.body.id}`, { token: district })).body)).toBe(firstFile);
  });

  it('refuses a bank name that is not Chinese, letters, spaces or brackets, and defuses formulas in the bank CSV', async () => {
    const token = await app().login(phones[9]!);
    const bad = await app().call(api.applyHardship, { body: { ...application('6222026666777788889'), bankName: '=HYPERLINK("http://x.cn","银行")' }, token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('开户银行只能包含汉字、字母、空格和括号');
    const appId = await applyAs(app(), token, { ...application('6222026666777788889'), bankName: '中国银行（湖州分行）' });
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: district });
    const memberId = await memberIdByPhone(app(), phones[9]!);
    const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!.id;
    const pay = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'living', form: 'cash', amountFen: 4_500, fundSource: 'union', note: '' }, token: district });
    // a name stored before the rule existed
    await app().deps.db.execute(sql`update relief_payments set bank_name = '=1+2' where id = ${pay.body.id}`);
    const made = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    const file = String((await app().request('GET', `/api/admin/hardship/relief-files/${made.body.id}`, { token: district })).body);
    expect(file).toContain("'=1+2");
    expect(file).not.toMatch(/(^|,)=1\+2/m);
  });

  it('needs an Idempotency-Key to record, confirm or export relief; without one nothing changes, with one a resend replays', async () => {
    const token = await app().login(phones[10]!);
    const appId = await applyAs(app(), token, application('6222027777888899990'));
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: district });
    const memberId = await memberIdByPhone(app(), phones[10]!);
    const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!.id;
    const body = { kind: 'living' as const, form: 'cash' as const, amountFen: 6_600, fundSource: 'union' as const, note: '' };
    const count = async () => Number((await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from relief_payments where member_id = ${memberId}`))[0]!.n);
    const bare = await app().call(api.recordRelief, { params: { id: archiveId }, body, token: district, idempotencyKey: false });
    expect(bare.error?.code).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(await count()).toBe(0);
    const once = await app().call(api.recordRelief, { params: { id: archiveId }, body, token: district, idempotencyKey: 'relief-record-0001' });
    const twice = await app().call(api.recordRelief, { params: { id: archiveId }, body, token: district, idempotencyKey: 'relief-record-0001' });
    expect(twice.body.id).toBe(once.body.id);
    expect(await count()).toBe(1);
    expect((await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district, idempotencyKey: false })).error?.code).toBe('IDEMPOTENCY_KEY_MISSING');
    const made = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district, idempotencyKey: 'relief-export-0001' });
    const again = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district, idempotencyKey: 'relief-export-0001' });
    expect(made.status).toBe(201);
    expect(again.body.id).toBe(made.body.id);
    expect((await app().call(api.confirmRelief, { params: { id: once.body.id }, token: district, idempotencyKey: false })).error?.code).toBe('IDEMPOTENCY_KEY_MISSING');
    expect((await queryRows<{ status: string }>(app().deps.db, sql`select status from relief_payments where id = ${once.body.id}`))[0]!.status).toBe('approved');
  });

  it('answers HARDSHIP_APPLICATION_OPEN, not a server error, when two applications are sent at once', async () => {
    const token = await app().login(phones[11]!);
    expect((await app().call(api.giveHardshipConsent, { body: { agree: true, version: HARDSHIP_CONSENT_VERSION }, token })).status).toBe(200);
    const send = () => Promise.all([0, 1, 2, 3].map(() => app().call(api.applyHardship, { body: application(), token })));
    // on PostgreSQL, hold the table so every send passes the "no open application" check before any inserts
    let sent: ReturnType<typeof send> | undefined;
    if (kind === 'postgres') {
      await app().deps.db.transaction(async (tx) => {
        await tx.execute(sql`lock table hardship_applications in exclusive mode`);
        sent = send();
        await new Promise((r) => setTimeout(r, 500));
      });
    }
    const tries = await (sent ?? send());
    expect(tries.filter((r) => r.status === 201)).toHaveLength(1);
    expect(tries.filter((r) => r.status !== 201).map((r) => [r.status, r.error?.code])).toEqual(Array(3).fill([409, 'HARDSHIP_APPLICATION_OPEN']));
  });
});
