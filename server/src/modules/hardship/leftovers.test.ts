/* Review leftovers of the hardship module: split payments, money sums as bigint, pushed lists sealed and audited, one audit insert, CSV headers. */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { decrypt } from '../../crypto';
import { queryRows } from '../../db/index';
import { makeIdNumber } from '../../seed/names';
import { storageKinds } from '../../testing/database';
import { memberIdByPhone, useTestApp, type TestApp } from '../../testing/harness';
import { application, applyAs, cleanPhonesIn, EQUIP, hardshipStaff } from '../../testing/hardship';
import { sealLegacyImportAmounts } from './discovery';

async function archived(app: TestApp, phone: string, card: string, staff: string): Promise<string> {
  const token = await app.login(phone);
  const appId = await applyAs(app, token, application(card));
  await app.call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: staff });
  const memberId = await memberIdByPhone(app, phone);
  return (await app.call(api.hardshipArchive, { query: {}, token: staff })).body.data.find((a) => a.memberId === memberId)!.id;
}

const relief = (amountFen: number) => ({ kind: 'living' as const, form: 'cash' as const, amountFen, fundSource: 'union' as const, note: '' });

describe.each(storageKinds)('hardship review leftovers on %s', (kind) => {
  // 2026-12-10 10:00 in Shanghai: sessions made now last past the new year
  const app = useTestApp(kind, { now: '2026-12-10T02:00:00Z' });
  let district: string;
  let second: string;
  let phones: string[];
  beforeAll(async () => {
    district = await hardshipStaff(app(), '13600000431', '吴兴区总工会');
    second = await hardshipStaff(app(), '13600000432', '吴兴区总工会');
    phones = await cleanPhonesIn(app(), EQUIP, 4);
  }, 60_000);

  it('needs the second person once the member’s total this calendar year passes the line, however the payment is split', async () => {
    const archiveId = await archived(app(), phones[0]!, '6222021212343456565', district);
    // the line is 2,000 yuan: 1,500 passes alone, 1,000 more makes 2,500 this year
    const a = await app().call(api.recordRelief, { params: { id: archiveId }, body: relief(150_000), token: district });
    expect(a.body.status).toBe('approved');
    const b = await app().call(api.recordRelief, { params: { id: archiveId }, body: relief(100_000), token: district });
    expect(b.body.status).toBe('awaiting_approval');
    // a refused payment does not count
    await app().call(api.rejectRelief, { params: { id: b.body.id }, body: { reason: '重复申请' }, token: second });
    const c = await app().call(api.recordRelief, { params: { id: archiveId }, body: relief(50_000), token: district });
    expect(c.body.status).toBe('approved');
    // exactly at the line is still under it; one fen more is not
    expect((await app().call(api.recordRelief, { params: { id: archiveId }, body: relief(1), token: district })).body.status).toBe('awaiting_approval');
    // a new year (Asia/Shanghai) starts a new total
    app().clock.set('2026-12-31T16:00:00Z');
    expect((await app().call(api.recordRelief, { params: { id: archiveId }, body: relief(150_000), token: district })).body.status).toBe('approved');
    app().clock.set('2026-12-10T02:00:00Z');
  });

  it('keeps money sums of bank files in bigint columns', async () => {
    const cols = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      app().deps.db,
      sql`select table_name, column_name, data_type from information_schema.columns where (table_name, column_name) in (('relief_payment_files', 'total_fen'), ('hardship_import_rows', 'amount_fen'))`,
    );
    expect(cols.map((c) => `${c.table_name}.${c.column_name}:${c.data_type}`).sort()).toEqual(['hardship_import_rows.amount_fen:bigint', 'relief_payment_files.total_fen:bigint']);
  });

  it('keeps no name of anyone on a pushed list and seals the amounts; reading the discoveries is audited', async () => {
    await app().call(api.saveHardshipSource, { params: { kind: 'medical' }, body: { name: '医保局', mapping: { idNumber: '身份证', name: '姓名', amount: '自付金额', period: '年度' } }, token: district });
    const [target] = await queryRows<{ id: string; name: string; id_number_enc: string }>(app().deps.db, sql`select m.id, m.name, m.id_number_enc from members m join users u on u.id = m.user_id where u.phone = ${phones[1]!}`);
    const stranger = makeIdNumber('330502', { y: 1981, m: 2, d: 3 }, 77);
    // a BOM and headers with spaces around them, as exported by another body's system
    const csv = `\uFEFF 身份证 , 姓名 ,年度 , 自付金额\n${decrypt(app().deps.keys, target!.id_number_enc)},${target!.name},2025,18888.88\n${stranger},局外人甲,2025,23456.78\n`;
    const r = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'spaced.csv', csv }, token: district });
    expect(r.status, r.text).toBe(200);
    expect(r.body.newRows).toBe(2);
    expect(r.body.matches.find((m) => m.memberId === target!.id)!.reason).toBe('2025年度医保自付18888.88元，超过10000元');
    const stored = await queryRows<Record<string, unknown>>(app().deps.db, sql`select * from hardship_import_rows where period = '2025' order by line`);
    const text = JSON.stringify(stored);
    expect(text).not.toContain('局外人甲');
    expect(text).not.toContain(target!.name);
    expect(text).not.toContain('2345678');
    expect(text).not.toContain('1888888');
    expect(stored.every((s) => s.amount_fen === null && typeof s.amount_enc === 'string')).toBe(true);

    const before = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = 'hardship.discoveries'`);
    const list = await app().call(api.hardshipDiscoveries, { token: district });
    expect(list.body.data.map((d) => d.memberId)).toContain(target!.id);
    const [log] = await queryRows<{ actor_user_id: string; detail: { memberIds: string[] } }>(app().deps.db, sql`select actor_user_id, detail from audit_log where action = 'hardship.discoveries' order by id desc limit 1`);
    expect(log!.detail.memberIds).toContain(target!.id);
    const after = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = 'hardship.discoveries'`);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);

    // rows of imports before 0015 (clear amounts) are sealed at start-up, and still found
    await app().deps.db.execute(sql`update hardship_import_rows set amount_fen = 1888888, amount_enc = null where period = '2025' and line = 2`);
    expect(await sealLegacyImportAmounts(app().deps.db, app().deps.keys)).toBeGreaterThanOrEqual(1);
    expect(await queryRows(app().deps.db, sql`select 1 from hardship_import_rows where amount_fen is not null`)).toHaveLength(0);
    const again = await app().call(api.hardshipDiscoveries, { token: district });
    expect(again.body.data.find((d) => d.memberId === target!.id)!.reason).toBe('2025年度医保自付18888.88元，超过10000元');
  });

  it('writes the bank file’s card reads for all its members in one statement', async () => {
    await archived(app(), phones[2]!, '6222027777888899990', district);
    await archived(app(), phones[3]!, '6222027777888899991', district);
    for (const p of [phones[2]!, phones[3]!]) {
      const memberId = await memberIdByPhone(app(), p);
      const entry = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!;
      await app().call(api.recordRelief, { params: { id: entry.id }, body: relief(10_000), token: district });
    }
    const file = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    expect(file.body.paymentCount).toBeGreaterThanOrEqual(2);
    const [{ last }] = (await queryRows<{ last: string }>(app().deps.db, sql`select coalesce(max(id), 0)::text as last from hardship_reads`)) as [{ last: string }];
    const got = await app().request('GET', `/api/admin/hardship/relief-files/${file.body.id}`, { token: district });
    expect(got.status).toBe(200);
    // outside a transaction (a GET), separate inserts would each commit with their own xmin
    const rows = await queryRows<{ n: number; xmins: number }>(app().deps.db, sql`select count(*)::int as n, count(distinct xmin::text)::int as xmins from hardship_reads where id > ${Number(last)} and field = 'bank_card'`);
    const [people] = await queryRows<{ n: number }>(app().deps.db, sql`select count(distinct member_id)::int as n from relief_payments where payment_file_id = ${file.body.id}`);
    expect(Number(people!.n)).toBeGreaterThanOrEqual(2);
    expect(Number(rows[0]!.n)).toBe(Number(people!.n));
    expect(Number(rows[0]!.xmins)).toBe(1);
  });
});
