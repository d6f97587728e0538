import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { makeIdNumber } from '../../seed/names';
import { memberIdByPhone, unionIdByName, useTestApp } from '../../testing/harness';
import { application, applyAs, cleanPhonesIn, EQUIP, hardshipStaff } from '../../testing/hardship';

describe.each(storageKinds)('hardship archive on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let district: string; // 吴兴区 staff with the duty
  let second: string; // another 吴兴区 staff with the duty
  let noDuty: string; // 吴兴区's admin, without the duty
  let nanxun: string; // 南浔区 staff with the duty
  let phones: string[];
  let member: string;
  let other: string;
  beforeAll(async () => {
    district = await hardshipStaff(app(), '13600000401', '吴兴区总工会');
    second = await hardshipStaff(app(), '13600000402', '吴兴区总工会');
    nanxun = await hardshipStaff(app(), '13600000403', '南浔区总工会');
    noDuty = await app().login('13900000002');
    phones = await cleanPhonesIn(app(), EQUIP, 16);
    member = await app().login(phones[0]!);
    other = await app().login(phones[1]!);
  }, 60_000);

  it('grants the duty through staff management, audited and listed; only admins over the union may', async () => {
    const city = await app().login('13900000001');
    const wuxing = await unionIdByName(app(), '吴兴区总工会');
    const list = await app().call(api.listStaff, { params: { id: wuxing }, token: city });
    const person = list.body.data.find((s) => s.phoneMasked === '136****0401')!;
    expect(person.duties).toEqual(['hardship']);
    expect(list.body.changes.find((c) => c.action === 'duty_grant')).toMatchObject({ duty: 'hardship', actorName: '沈建华' });
    const refused = await app().call(api.grantStaffDuty, { params: { id: wuxing, userId: person.userId, duty: 'hardship' }, token: district });
    expect(refused.status).toBe(403);
    const self = await app().call(api.grantStaffDuty, { params: { id: wuxing, userId: (await queryRows<{ id: string }>(app().deps.db, sql`select id from users where phone = '13900000002'`))[0]!.id, duty: 'hardship' }, token: noDuty });
    expect(self.error?.code).toBe('STAFF_SELF_CHANGE');
  });

  it('needs the separate consent before the first application, shows the groups, and stops processing when it is withdrawn', async () => {
    const token = await app().login(phones[2]!);
    const before = await app().call(api.applyHardship, { body: application(), token });
    expect(before.status).toBe(409);
    expect(before.error?.code).toBe('HARDSHIP_CONSENT_REQUIRED');
    const id = await applyAs(app(), token);
    const mine = (await app().call(api.myHardship, { token })).body;
    expect(mine.applications[0]).toMatchObject({ id, status: 'submitted', computedGroups: ['serious_illness', 'living'], bankCardMasked: '6222 **** **** 0123' });
    const withdrawn = await app().call(api.withdrawHardshipConsent, { token });
    expect(withdrawn.body.consent).toBeNull();
    expect(withdrawn.body.applications[0]!.status).toBe('withdrawn');
    const decide = await app().call(api.decideHardshipApplication, { params: { id }, body: { action: 'approve', category: 'living' }, token: district });
    expect(decide.error?.code).toBe('HARDSHIP_NOT_DECIDABLE');
    const reveal = await app().call(api.revealHardship, { params: { id: await memberIdByPhone(app(), phones[2]!) }, body: { field: 'bank_card', reason: '核对' }, token: district });
    expect(reveal.error?.code).toBe('HARDSHIP_CONSENT_WITHDRAWN');
  });

  it('answers 404 on every hardship resource to staff without the duty, staff of another district and other members', async () => {
    const appId = await applyAs(app(), member);
    const memberId = await memberIdByPhone(app(), phones[0]!);
    const approved = await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'serious_illness' }, token: district });
    expect(approved.status).toBe(200);
    const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!.id;
    const relief = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'living', form: 'cash', amountFen: 50_000, fundSource: 'union', note: '' }, token: district });
    expect(relief.status).toBe(201);
    const reliefId = relief.body.id;
    // a pending one to reject, and a bank file to download
    const pending = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'medical', form: 'cash', amountFen: 250_000, fundSource: 'union', note: '' }, token: district });
    expect(pending.body.status).toBe('awaiting_approval');
    const made = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    expect(made.status).toBe(201);

    const probes = (token: string) => [
      app().call(api.staffHardshipApplications, { query: {}, token }),
      app().call(api.staffHardshipApplication, { params: { id: appId }, token }),
      app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'reject', note: '不符合' }, token }),
      app().call(api.revealHardship, { params: { id: memberId }, body: { field: 'id_number', reason: '核对身份' }, token }),
      app().call(api.applyHardshipForMember, { params: { id: memberId }, body: { ...application(), paperConsent: true }, token }),
      app().call(api.hardshipArchive, { query: {}, token }),
      app().call(api.hardshipArchiveEntry, { params: { id: archiveId }, token }),
      app().call(api.recheckHardship, { params: { id: archiveId }, body: { outcome: 'continue' }, token }),
      app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'living', form: 'cash', amountFen: 100, fundSource: 'union', note: '' }, token }),
      app().call(api.reliefs, { query: {}, token }),
      app().call(api.approveRelief, { params: { id: reliefId }, token }),
      app().call(api.confirmRelief, { params: { id: reliefId }, token }),
      app().call(api.exportReliefs, { body: { format: 'csv' }, token }),
      app().call(api.hardshipSources, { token }),
      app().call(api.hardshipDiscoveries, { token }),
      app().call(api.rejectRelief, { params: { id: pending.body.id }, body: { reason: '核实不符' }, token }),
      app().call(api.saveHardshipSource, { params: { kind: 'dibao' }, body: { name: '民政局', mapping: { idNumber: '身份证', name: '姓名', amount: '金额', period: '月份' } }, token }),
      app().call(api.importHardshipSource, { params: { kind: 'dibao' }, body: { fileName: 'x.csv', csv: '身份证,姓名,金额,月份\n' }, token }),
    ];
    const download = (token: string) => app().request('GET', `/api/admin/hardship/relief-files/${made.body.id}`, { token });
    for (const token of [noDuty, other]) {
      for (const r of await Promise.all(probes(token))) expect([r.status, r.error?.code]).toEqual([404, expect.stringMatching(/^(HARDSHIP|RELIEF)_NOT_FOUND$/)]);
      expect((await download(token)).status).toBe(404);
    }
    expect((await download(nanxun)).status).toBe(404);
    // another district's duty: lists are empty, records are 404
    const outside = await Promise.all(probes(nanxun));
    for (const [i, r] of outside.entries() as IterableIterator<[number, { status: number; body: any; error?: { code: string } }]>) {
      if (i === 0 || i === 5 || i === 9) expect(r.body.data.every((x: { memberId?: string; archiveId?: string }) => x.memberId !== memberId && x.archiveId !== archiveId)).toBe(true);
      else if (i === 13) expect(r.status).toBe(200);
      else if (i === 14) expect(r.body.data.some((d: { memberId: string }) => d.memberId === memberId)).toBe(false);
      else if (i === 12) expect(r.error?.code).toBe('RELIEF_NOTHING_TO_EXPORT');
      // their own union's sources are theirs to keep
      else if (i === 16 || i === 17) expect(r.status).not.toBe(404);
      else expect([i, r.status]).toEqual([i, 404]);
    }
    // the other member's own page knows nothing of it
    const theirs = (await app().call(api.myHardship, { token: other })).body;
    expect(theirs.applications).toEqual([]);
    expect(theirs.archive).toBeNull();
  });

  it('never answers a full ID or card number outside the reveal endpoint, which needs a reason and is audited where the member sees it', async () => {
    const token = await app().login(phones[3]!);
    const appId = await applyAs(app(), token, application('6222029988776655443'));
    const memberId = await memberIdByPhone(app(), phones[3]!);
    const m = { id: memberId };
    const fullId = (await app().call(api.revealHardship, { params: { id: memberId }, body: { field: 'id_number', reason: '核对身份信息' }, token: district })).body.value!;
    expect(fullId).toMatch(/^\d{17}[\dX]$/);
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: district });
    const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === m.id)!.id;
    await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'medical', form: 'cash', amountFen: 80_000, fundSource: 'donations', note: '' }, token: district });
    const answers = await Promise.all([
      app().call(api.myHardship, { token }),
      app().call(api.staffHardshipApplications, { query: {}, token: district }),
      app().call(api.staffHardshipApplication, { params: { id: appId }, token: district }),
      app().call(api.hardshipArchive, { query: {}, token: district }),
      app().call(api.hardshipArchiveEntry, { params: { id: archiveId }, token: district }),
      app().call(api.reliefs, { query: {}, token: district }),
      app().call(api.hardshipDiscoveries, { token: district }),
    ]);
    for (const r of answers) {
      expect(r.status).toBe(200);
      expect(r.text).not.toContain('6222029988776655443');
      expect(r.text).not.toContain(fullId);
      // illness and incomes are sensitive too: only the reveal answers them
      expect(r.text).not.toContain('尿毒症');
      expect(r.text).not.toContain('monthlyIncomeFen');
      expect(r.text).not.toContain('240000');
    }
    const missing = await app().call(api.revealHardship, { params: { id: memberId }, body: { field: 'bank_card', reason: '' }, token: district });
    expect(missing.status).toBe(400);
    const card = await app().call(api.revealHardship, { params: { id: memberId }, body: { field: 'bank_card', reason: '核对代发账户' }, token: second });
    expect(card.body.value).toBe('6222029988776655443');
    const incomes = await app().call(api.revealHardship, { params: { id: memberId }, body: { field: 'incomes', reason: '审核收入' }, token: district });
    expect(incomes.body.incomePerHeadFen).toBe(80_000);
    const reads = (await app().call(api.myHardship, { token })).body.reads;
    expect(reads.filter((r) => r.field !== 'record').map((r) => [r.field, r.reason, r.readerName, r.unionName])).toEqual([
      ['incomes', '审核收入', '测试工作人员', '吴兴区总工会'],
      ['bank_card', '核对代发账户', '测试工作人员', '吴兴区总工会'],
      ['id_number', '核对身份信息', '测试工作人员', '吴兴区总工会'],
    ]);
    expect(reads.some((r) => r.field === 'record')).toBe(true);
  });

  it('keeps the read audit append-only at the database: UPDATE and DELETE are refused', async () => {
    const db = app().deps.db;
    const [row] = await queryRows<{ id: number }>(db, sql`select id from hardship_reads order by id limit 1`);
    expect(row).toBeDefined();
    const refusal = async (statement: Promise<unknown>) => {
      const e = (await statement.then(() => null, (err: unknown) => err)) as { message?: string; cause?: { message?: string } } | null;
      return `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
    };
    await expect(refusal(db.execute(sql`update hardship_reads set reason = 'changed' where id = ${row!.id}`))).resolves.toMatch(/append-only \(UPDATE refused\)/);
    await expect(refusal(db.execute(sql`delete from hardship_reads where id = ${row!.id}`))).resolves.toMatch(/append-only \(DELETE refused\)/);
    await expect(refusal(db.execute(sql`truncate hardship_reads`))).resolves.toMatch(/append-only \(TRUNCATE refused\)/);
    const [still] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from hardship_reads where id = ${row!.id}`);
    expect(Number(still!.n)).toBe(1);
  });

  it('refuses staff filing for a member who withdrew consent unless a paper consent signed after the withdrawal is recorded, kept as its own consent row', async () => {
    const token = await app().login(phones[12]!);
    const memberId = await memberIdByPhone(app(), phones[12]!);
    await applyAs(app(), token);
    await app().call(api.withdrawHardshipConsent, { token });
    // the withdrawal was on 2026-11-29 (Shanghai)
    await app().deps.db.execute(sql`update hardship_consents set withdrawn_at = withdrawn_at - interval '2 days' where member_id = ${memberId}`);
    const file = (paperConsentSignedOn?: string) =>
      app().call(api.applyHardshipForMember, { params: { id: memberId }, body: { ...application(), paperConsent: true, ...(paperConsentSignedOn ? { paperConsentSignedOn } : {}) }, token: district });
    expect((await file()).error?.code).toBe('HARDSHIP_PAPER_CONSENT_STALE');
    expect((await file('2026-11-29')).error?.code).toBe('HARDSHIP_PAPER_CONSENT_STALE');
    expect((await file('2026-12-02')).error?.code).toBe('HARDSHIP_PAPER_CONSENT_DATE');
    const live = async () => queryRows<{ given_by: string; paper_signed_on: string | null }>(app().deps.db, sql`select given_by::text, paper_signed_on::text from hardship_consents where member_id = ${memberId} and withdrawn_at is null`);
    expect(await live()).toHaveLength(0);
    const ok = await file('2026-11-30');
    expect(ok.status).toBe(201);
    const [staffUser] = await queryRows<{ id: string }>(app().deps.db, sql`select id::text from users where phone = '13600000401'`);
    expect(await live()).toEqual([{ given_by: staffUser!.id, paper_signed_on: '2026-11-30' }]);
    const [counts] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from hardship_consents where member_id = ${memberId}`);
    expect(Number(counts!.n)).toBe(2);
  });

  it('leaves members who withdrew consent or deleted their account out of new bank files, clears the card on deletion and takes the tag away on withdrawal', async () => {
    const archived = async (i: number, card: string) => {
      const token = await app().login(phones[i]!);
      const appId = await applyAs(app(), token, application(card));
      await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: district });
      const memberId = await memberIdByPhone(app(), phones[i]!);
      const archiveId = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!.id;
      const pay = await app().call(api.recordRelief, { params: { id: archiveId }, body: { kind: 'living', form: 'cash', amountFen: 7_700, fundSource: 'union', note: '' }, token: district });
      expect(pay.body.status).toBe('approved');
      return { token, memberId, archiveId, reliefId: pay.body.id };
    };
    const withdrew = await archived(13, '6222028888999900001');
    const deleted = await archived(14, '6222028888999900002');
    const tags = async (id: string) => (await queryRows<{ tags: string[] }>(app().deps.db, sql`select tags from members where id = ${id}`))[0]!.tags;
    expect(await tags(withdrew.memberId)).toContain('hardship');
    await app().call(api.withdrawHardshipConsent, { token: withdrew.token });
    expect(await tags(withdrew.memberId)).not.toContain('hardship');
    const entry = await app().call(api.hardshipArchiveEntry, { params: { id: withdrew.archiveId }, token: district });
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({ consentWithdrawn: true });
    expect((await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: deleted.token })).status).toBe(200);
    const [card] = await queryRows<{ enc: string | null }>(app().deps.db, sql`select bank_card_enc as enc from relief_payments where id = ${deleted.reliefId}`);
    expect(card!.enc).toBe('');
    const made = await app().call(api.exportReliefs, { body: { format: 'csv' }, token: district });
    if (made.status === 201) {
      const file = String((await app().request('GET', `/api/admin/hardship/relief-files/${made.body.id}`, { token: district })).body);
      expect(file).not.toContain('6222028888999900001');
      expect(file).not.toContain(withdrew.reliefId);
      expect(file).not.toContain(deleted.reliefId);
    } else {
      expect(made.error?.code).toBe('RELIEF_NOTHING_TO_EXPORT');
    }
    const left = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from relief_payments where id in (${withdrew.reliefId}, ${deleted.reliefId}) and payment_file_id is not null`);
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('hides the 困难职工 tag from staff without the duty and lets no member edit set or remove it', async () => {
    const token = await app().login(phones[15]!);
    const appId = await applyAs(app(), token);
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'living' }, token: district });
    const memberId = await memberIdByPhone(app(), phones[15]!);
    const tags = async () => (await queryRows<{ tags: string[] }>(app().deps.db, sql`select tags from members where id = ${memberId}`))[0]!.tags;
    expect(await tags()).toContain('hardship');
    const seenByAdmin = await app().call(api.getMember, { params: { id: memberId }, token: noDuty });
    expect(seenByAdmin.status).toBe(200);
    expect(seenByAdmin.body.tags).not.toContain('hardship');
    expect((await app().call(api.getMember, { params: { id: memberId }, token: district })).body.tags).toContain('hardship');
    // an edit by staff who cannot see it keeps it; an edit by staff who can cannot remove it
    expect((await app().call(api.updateMember, { params: { id: memberId }, body: { tags: ['frontline'] }, token: noDuty })).status).toBe(200);
    expect((await tags()).sort()).toEqual(['frontline', 'hardship']);
    expect((await app().call(api.updateMember, { params: { id: memberId }, body: { tags: [] }, token: noDuty })).status).toBe(200);
    expect(await tags()).toEqual(['hardship']);
    // nobody sets it through the member edit
    const otherId = await memberIdByPhone(app(), phones[1]!);
    const set = await app().call(api.updateMember, { params: { id: otherId }, body: { tags: ['hardship'] }, token: noDuty });
    expect(set.error?.code).toBe('MEMBER_TAG_RESERVED');
    expect(await queryRows<{ tags: string[] }>(app().deps.db, sql`select tags from members where id = ${otherId}`).then((r) => r[0]!.tags)).not.toContain('hardship');
  });

  it('records the yearly re-check and 脱困 with how, and takes the 困难职工 tag away', async () => {
    const token = await app().login(phones[5]!);
    const appId = await applyAs(app(), token);
    await app().call(api.decideHardshipApplication, { params: { id: appId }, body: { action: 'approve', category: 'relative' }, token: district });
    const memberId = await memberIdByPhone(app(), phones[5]!);
    const tags = async () => (await queryRows<{ tags: string[] | string }>(app().deps.db, sql`select tags from members where id = ${memberId}`))[0]!.tags;
    expect(String(await tags())).toContain('hardship');
    const entry = (await app().call(api.hardshipArchive, { query: {}, token: district })).body.data.find((a) => a.memberId === memberId)!;
    expect(entry).toMatchObject({ recheckDue: '2027-12-01', due: false, status: 'active' });
    const bad = await app().call(api.recheckHardship, { params: { id: entry.id }, body: { outcome: 'exit' }, token: district });
    expect(bad.status).toBe(400);
    const out = await app().call(api.recheckHardship, { params: { id: entry.id }, body: { outcome: 'exit', exitWay: 'employment', exitDate: '2026-11-30', note: '参加技能培训后再就业' }, token: district });
    expect(out.body).toMatchObject({ status: 'exited', exitWay: 'employment', exitDate: '2026-11-30' });
    expect(String(await tags())).not.toContain('hardship');
    const due = (await app().call(api.hardshipArchive, { query: { due: '1' }, token: district })).body.data;
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((a) => a.due && a.status === 'active')).toBe(true);
  });

  it('imports a pushed CSV: bad rows by line and nothing imported, the same file twice adds nothing, members who appear to qualify are listed', async () => {
    const count = async () => Number((await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from hardship_import_rows`))[0]!.n);
    const start = await count();
    const saved = await app().call(api.saveHardshipSource, {
      params: { kind: 'medical' },
      body: { name: '医保局', mapping: { idNumber: '身份证', name: '姓名', amount: '自付金额', period: '年度' } },
      token: second,
    });
    expect(saved.status).toBe(200);
    const [target] = await queryRows<{ id: string; name: string }>(app().deps.db, sql`select m.id, m.name from members m join users u on u.id = m.user_id where u.phone = ${phones[6]!}`);
    const fullId = (await app().call(api.revealHardship, { params: { id: target!.id }, body: { field: 'id_number', reason: '测试' }, token: second })).status;
    expect(fullId).toBe(404); // no record yet: nothing to reveal
    const [enc] = await queryRows<{ id_number_enc: string }>(app().deps.db, sql`select id_number_enc from members where id = ${target!.id}`);
    const { decrypt } = await import('../../crypto');
    const id = decrypt(app().deps.keys, enc!.id_number_enc);
    const stranger = makeIdNumber('330502', { y: 1980, m: 1, d: 1 }, 123);
    const good = `身份证,姓名,年度,自付金额\n${id},${target!.name},2025,15000.50\n${stranger},外部人员,2025,20000\n`;
    const broken = `身份证,姓名,年度,自付金额\n${id},${target!.name},2025,15000.50\n12345,某某,2025,abc\n${stranger},,2025,20000\n`;
    const refused = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'bad.csv', csv: broken }, token: second });
    expect(refused.status).toBe(422);
    expect((refused.error?.details as { issues: { line: number; message: string }[] }).issues).toEqual([
      { path: 'line.3', line: 3, message: '身份证号码不正确；金额不是有效数字' },
      { path: 'line.4', line: 4, message: '姓名为空或过长' },
    ]);
    expect(await count()).toBe(start);
    const first = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'ok.csv', csv: good }, token: second });
    expect(first.body).toMatchObject({ rows: 2, newRows: 2, alreadyImported: false });
    expect(first.body.matches.map((m) => m.memberId)).toContain(target!.id);
    expect(first.body.matches.find((m) => m.memberId === target!.id)!.reason).toBe('2025年度医保自付15000.50元，超过10000元');
    const twice = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'ok.csv', csv: good }, token: second });
    expect(twice.body).toMatchObject({ rows: 2, newRows: 0, alreadyImported: true });
    const renamed = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'again.csv', csv: good + '\n' }, token: second });
    expect(renamed.body).toMatchObject({ newRows: 0, alreadyImported: false });
    expect(await count()).toBe(start + 2);
    const afterSmall = start + 2;
    expect(JSON.stringify(first.body)).not.toContain(id);
    // a real list is larger than the 64 KB other requests may send: 3,000 people, about 170 KB
    const many = ['身份证,姓名,年度,自付金额', ...Array.from({ length: 3000 }, (_, i) => `${makeIdNumber('330503', { y: 1960 + (i % 40), m: 1 + (i % 12), d: 1 + (i % 28) }, i)},职工${i},2025,${i}.50`)].join('\n');
    expect(many.length).toBeGreaterThan(100_000);
    const big = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'big.csv', csv: many }, token: second });
    expect([big.status, big.body.rows, big.body.newRows]).toEqual([200, 3000, 3000]);
    expect(await count()).toBe(afterSmall + 3000);
    const missingColumn = await app().call(api.importHardshipSource, { params: { kind: 'medical' }, body: { fileName: 'x.csv', csv: '证件,姓名\n1,2\n' }, token: second });
    expect((missingColumn.error?.details as { issues: { line: number }[] }).issues[0]!.line).toBe(1);
  });

  it('lets staff apply on a member’s behalf with a paper consent, and the staff list shows who filed it', async () => {
    const memberId = await memberIdByPhone(app(), phones[7]!);
    const [{ member_no: memberNo }] = (await queryRows<{ member_no: string }>(app().deps.db, sql`select member_no from members where id = ${memberId}`)) as [{ member_no: string }];
    const found = await app().call(api.findHardshipMember, { query: { memberNo }, token: district });
    expect(found.body).toMatchObject({ memberId, archived: false, openApplication: false, thresholds: { dibaoFen: 90_000, secondApprovalAboveFen: 200_000 } });
    expect((await app().call(api.findHardshipMember, { query: { memberNo }, token: nanxun })).status).toBe(404);
    expect((await app().call(api.findHardshipMember, { query: { memberNo }, token: noDuty })).status).toBe(404);
    const r = await app().call(api.applyHardshipForMember, { params: { id: memberId }, body: { ...application(), paperConsent: true }, token: district });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ filedByStaff: true, status: 'submitted', computedGroups: ['serious_illness', 'living'] });
    const more = await app().call(api.decideHardshipApplication, { params: { id: r.body.id }, body: { action: 'more_info', note: '请补充收入证明' }, token: district });
    expect(more.body.status).toBe('more_info');
    // the member re-sends after 需补充材料: the same application goes back to review
    const token = await app().login(phones[7]!);
    const again = await app().call(api.applyHardship, { body: application(), token });
    expect(again.body.applications[0]).toMatchObject({ id: r.body.id, status: 'submitted' });
  });

  it('lets an account with a hardship record be deleted; the read audit stays', async () => {
    const token = await app().login(phones[3]!);
    const before = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from hardship_reads where member_id = ${await memberIdByPhone(app(), phones[3]!)}`);
    expect(Number(before[0]!.n)).toBeGreaterThan(0);
    const del = await app().call(api.deleteAccount, { body: { confirm: '注销' }, token });
    expect(del.status).toBe(200);
    const memberId = (await queryRows<{ id: string }>(app().deps.db, sql`select a.member_id as id from hardship_applications a where a.bank_card_masked = '6222 **** **** 5443'`))[0]!.id;
    const [after] = await queryRows<{ n: number; facts: string }>(
      app().deps.db,
      sql`select (select count(*)::int from hardship_reads r where r.member_id = a.member_id) as n, a.facts_enc as facts from hardship_applications a where a.member_id = ${memberId}`,
    );
    expect(Number(after!.n)).toBe(Number(before[0]!.n));
    expect(after!.facts).toBe('');
  });
});
