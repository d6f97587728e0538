import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { AID_FORM_CODES, AID_FORM_ITEMS, api, type AidFormView } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { enroll, publishedActivity } from '../../testing/activities';
import { archive, makeCampaign, paidRelief, phonesOfUnion } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { hardshipStaff } from '../../testing/hardship';
import { memberIdByPhone, unionIdByName, useTestApp } from '../../testing/harness';

const EQUIP = '湖州吴兴智能装备有限公司工会';
const EXPRESS = '吴兴区快递物流行业联合工会';
const WUXING = '吴兴区总工会';
// A year after the demo's records: nothing else falls in the period.
const PERIOD = { from: '2028-01-01', to: '2028-12-31' };

describe.each(storageKinds)('Annex 2 (帮扶中心工作统计表) from a fixture of known records on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let duty: string;
  const ids = { equip: '', express: '', wuxing: '' };
  const form = async (unionId: string, token = staff) => {
    const r = await app().call(api.aidCentreForm, { query: { unionId, ...PERIOD }, token });
    expect(r.status).toBe(200);
    return r.body;
  };
  const valueOf = (f: AidFormView, code: string) => f.items.find((i) => i.code === code)!.value;
  const enter = async (unionId: string, code: string, value: number | null) => {
    const r = await app().call(api.setAidCentreFormEntry, { body: { unionId, ...PERIOD, code, value }, token: staff });
    if (r.status !== 200) throw new Error(r.text);
    return r.body;
  };
  const exited = async (phone: string, way: string, on: string) => {
    await archive(app(), phone, 'living');
    await app().deps.db.execute(sql`update hardship_archive set status = 'exited', exit_way = ${way}, exit_date = ${on} where member_id = ${await memberIdByPhone(app(), phone)} and status = 'active'`);
  };

  beforeAll(async () => {
    ids.equip = await unionIdByName(app(), EQUIP);
    ids.express = await unionIdByName(app(), EXPRESS);
    ids.wuxing = await unionIdByName(app(), WUXING);
    // 04:00 on 2 March in Shanghai, still 1 March in UTC: hand entries are dated in Shanghai
    app().clock.advance(Date.parse('2028-03-01T20:00:00Z') - app().clock.now().getTime());
    staff = await app().login('13900000002');
    duty = await hardshipStaff(app(), '13900000872', WUXING);
    const equip = await phonesOfUnion(app(), EQUIP, 6, 3);
    const express = await phonesOfUnion(app(), EXPRESS, 3, 3);
    // relief paid in the year, by kind and source of funds (F/G rows, E rows), and one paid after it
    await paidRelief(app(), equip[0]!, { kind: 'living', fundSource: 'local', amountFen: 40_000, paidAt: '2028-03-09T02:00:00Z' });
    await paidRelief(app(), equip[1]!, { kind: 'medical', fundSource: 'union', amountFen: 150_000, paidAt: '2028-05-09T02:00:00Z' });
    await paidRelief(app(), equip[2]!, { kind: 'schooling', fundSource: 'central', amountFen: 20_000, paidAt: '2028-09-01T02:00:00Z' });
    await paidRelief(app(), express[0]!, { kind: 'other', fundSource: 'administrative', amountFen: 5_000, paidAt: '2028-12-31T16:30:00Z' }); // 2029-01-01 in Shanghai: not counted
    await paidRelief(app(), express[1]!, { kind: 'living', fundSource: 'donations', amountFen: 30_000, paidAt: '2028-12-31T10:00:00Z' });
    // families out of hardship in the year (H1, H4) and one the year before
    await exited(equip[3]!, 'employment', '2028-06-01');
    await exited(express[2]!, 'social_assistance', '2028-11-30');
    await exited(equip[4]!, 'medical_insurance', '2027-12-31');
    // donations to the district's campaign (J)
    const campaignId = await makeCampaign(app(), staff, { name: '2028年元旦春节送温暖', startsOn: '2028-01-01', endsOn: '2028-02-20' });
    for (const s of [
      { donorName: '湖州同心建设有限公司', donorKind: 'enterprise' as const, moneyFen: 100_000, goodsFen: 0 },
      { donorName: '陈女士', donorKind: 'individual' as const, moneyFen: 0, goodsFen: 20_000 },
    ]) {
      const r = await app().call(api.addCampaignSponsor, { params: { id: campaignId }, body: { ...s, goods: '', offerId: null, receivedOn: '2028-01-05' }, token: staff });
      if (r.status !== 201) throw new Error(r.text);
    }
    // a convenience service of 智能装备 (K2): two check-ins, and a sign-up without one
    const activity = await publishedActivity(app(), staff, { title: '便民服务：家电义修', category: 'convenience', unionName: EQUIP });
    for (const p of [equip[0]!, equip[5]!, equip[1]!]) expect((await enroll(app(), await app().login(p), activity)).status).toBe(201);
    await app().deps.db.execute(sql`update activity_enrollments set checked_in_at = '2028-03-04T02:00:00Z' where activity_id = ${activity} and member_id in (${await memberIdByPhone(app(), equip[0]!)}, ${await memberIdByPhone(app(), equip[5]!)})`);
    // hand-entered: 智能装备 has a county centre with 2 staff and 3 volunteers, trained 4 people (F4, ¥600), answers 是 to I
    for (const [code, value] of [['A3', 1], ['B3.1', 1], ['B3.3', 1], ['C', 3], ['F4', 4], ['G4', 60_000], ['I', 1], ['L', 500_000]] as const) await enter(ids.equip, code, value);
    await enter(ids.express, 'D', 2);
    await enter(ids.express, 'D.1', 1);
  }, 240_000);

  it('computes every item of 智能装备’s form as computed by hand', async () => {
    const f = await form(ids.equip);
    const expected: Record<string, number> = Object.fromEntries(AID_FORM_CODES.map((c) => [c, 0]));
    Object.assign(expected, {
      A: 1, A3: 1, B: 2, B3: 2, 'B3.1': 1, 'B3.3': 1, C: 3,
      E: 210_000, E1: 20_000, E2: 40_000, E3: 150_000,
      F: 7, F1: 1, F2: 1, F3: 1, F4: 4, G: 270_000, G1: 40_000, G2: 150_000, G3: 20_000, G4: 60_000,
      H: 1, H1: 1, I: 1, K: 2, K2: 2, L: 500_000,
    });
    for (const code of AID_FORM_CODES) expect([code, valueOf(f, code)]).toEqual([code, expected[code]]);
    expect(f.items.find((i) => i.code === 'F4')).toMatchObject({ origin: 'manual', enterable: true });
    expect(f.items.find((i) => i.code === 'F1')).toMatchObject({ origin: 'records', enterable: false });
    expect(f.items.find((i) => i.code === 'I')!.display).toBe('是');
    expect(f.items.find((i) => i.code === 'G')!.display).toBe('0.2700');
    expect(f.mismatches).toBe(0);
  });

  it('computes 快递物流’s form by hand (the relief paid on 1 January in Shanghai left out)', async () => {
    const f = await form(ids.express);
    const expected: Record<string, number> = Object.fromEntries(AID_FORM_CODES.map((c) => [c, 0]));
    Object.assign(expected, { D: 2, 'D.1': 1, E: 30_000, E4: 30_000, F: 1, F1: 1, G: 30_000, G1: 30_000, H: 1, H4: 1 });
    for (const code of AID_FORM_CODES) expect([code, valueOf(f, code)]).toEqual([code, expected[code]]);
    expect(f.items.find((i) => i.code === 'I')!.display).toBe('否');
  });

  it('rolls the district up as the sum of its unions (its own donations added: J ¥1,200)', async () => {
    const [district, equip, express] = await Promise.all([form(ids.wuxing), form(ids.equip), form(ids.express)]);
    for (const code of AID_FORM_CODES) expect([code, valueOf(district, code)]).toEqual([code, valueOf(equip, code) + valueOf(express, code) + (code === 'J' ? 120_000 : 0)]);
    expect(district.mismatches).toBe(0);
  });

  it('flags a mismatch from hand-entered items (B3 entered as 5 against 1+0+1), keeps it, and clears', async () => {
    const r = await enter(ids.equip, 'B3', 5);
    expect(r.items.find((i) => i.code === 'B3')).toMatchObject({ value: 5, origin: 'manual', mismatch: { expected: 2 } });
    expect(r.items.find((i) => i.code === 'B')).toMatchObject({ value: 5, origin: 'sum', mismatch: null });
    expect(r.mismatches).toBe(1);
    expect((await form(ids.wuxing)).items.find((i) => i.code === 'B3')!.mismatch).toEqual({ expected: 2, display: '2' });
    const cleared = await enter(ids.equip, 'B3', null);
    expect(cleared.items.find((i) => i.code === 'B3')).toMatchObject({ value: 2, origin: 'sum', mismatch: null });
  });

  it('refuses sourced items (422 FORM_ITEM_NOT_ENTERABLE) and 是/否 other than 0 or 1 (400), changing nothing', async () => {
    const a = await app().call(api.setAidCentreFormEntry, { body: { unionId: ids.equip, ...PERIOD, code: 'F1', value: 9 }, token: staff });
    expect([a.status, a.error?.code]).toEqual([422, 'FORM_ITEM_NOT_ENTERABLE']);
    const b = await app().call(api.setAidCentreFormEntry, { body: { unionId: ids.equip, ...PERIOD, code: 'I', value: 2 }, token: staff });
    expect([b.status, b.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const c = await app().call(api.setAidCentreFormEntry, { body: { unionId: ids.equip, ...PERIOD, code: 'Z9', value: 1 }, token: staff });
    expect(c.status).toBe(400);
    const f = await form(ids.equip);
    expect([valueOf(f, 'F1'), valueOf(f, 'I')]).toEqual([1, 1]);
  });

  it('drills a figure down to its records: relief and exits only for the hardship duty (figures unchanged), masked, audited', async () => {
    const records = async (code: string, token: string) => {
      const r = await app().call(api.aidCentreFormRecords, { query: { unionId: ids.wuxing, ...PERIOD, code, limit: 50 }, token });
      expect(r.status).toBe(200);
      return r.body.data;
    };
    expect(await records('G', staff)).toEqual([]);
    const g = await records('G', duty);
    expect(g.map((x) => x.kind)).toEqual(['relief', 'relief', 'relief', 'relief']);
    expect(g.reduce((s, x) => s + x.amountFen, 0)).toBe(valueOf(await form(ids.wuxing), 'G') - 60_000); // G4 entered by hand
    expect(g.every((x) => /\*/.test(x.label))).toBe(true);
    expect((await records('H', staff)).length).toBe(0);
    expect((await records('H', duty)).map((x) => [x.kind, x.on]).sort()).toEqual([['exit', '2028-06-01'], ['exit', '2028-11-30']]);
    const j = await records('J', staff);
    expect(j.map((x) => x.kind)).toEqual(['sponsor', 'sponsor']);
    expect(j.reduce((s, x) => s + x.amountFen, 0)).toBe(valueOf(await form(ids.wuxing), 'J'));
    expect((await records('K2', staff)).map((x) => x.kind)).toEqual(['checkin', 'checkin']);
    // hand entries: keyed by the entry, dated in Shanghai, stable across reads
    const c1 = await records('C', staff);
    const c2 = await records('C', staff);
    expect(c1).toHaveLength(1);
    expect(c1[0]).toMatchObject({ kind: 'entry', persons: 3, on: '2028-03-02' });
    expect(c2[0]!.id).toBe(c1[0]!.id);
    const [n] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = 'campaign.read_aid_form_records'`);
    expect(n!.n).toBeGreaterThanOrEqual(8);
  });

  it('exports the official codes, names and units in the official order (XLSX read back)', async () => {
    const r = await app().call(api.aidCentreFormXlsx, { query: { unionId: ids.wuxing, ...PERIOD }, token: staff });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('帮扶中心工作统计表')!;
    expect(String(ws.getCell('A1').value)).toBe('2028年度困难职工帮扶中心工作统计表');
    expect(String(ws.getCell('A2').value)).toContain(WUXING);
    expect(ws.getRow(3).values).toEqual([undefined, '编号', '代码', '项目', '单位', '合计', '说明']);
    const rows: { code: string; name: string; unit: string; value: unknown; note: string }[] = [];
    for (let n = 4; n <= ws.rowCount; n++)
      rows.push({ code: String(ws.getCell(n, 2).value ?? ''), name: String(ws.getCell(n, 3).value), unit: String(ws.getCell(n, 4).value), value: ws.getCell(n, 5).value, note: String(ws.getCell(n, 6).value ?? '') });
    expect(rows.map((x) => x.code)).toEqual(AID_FORM_ITEMS.map((i) => (i.uncoded ? '' : i.code)));
    const row = (code: string) => rows.find((x) => x.code === code)!;
    expect([row('A').unit, row('B').unit, row('E').unit, row('F').unit, row('H').unit, row('I').unit, row('N1').unit]).toEqual(['个', '人', '万元', '人次', '户', '是/否', '个']);
    expect(row('A').name).toBe('县级以上困难职工帮扶中心 A=A1+A2+A3');
    expect(row('F').name).toContain('F=F1+F2+F3+F4+F5+F6+F7');
    expect(row('G').value).toBeCloseTo(0.3, 4); // ¥2,700 + ¥300
    expect(row('J').value).toBeCloseTo(0.12, 4);
    expect(row('I').value).toBe('是');
    expect(row('C')).toMatchObject({ value: 3, note: '手工填报' });
    expect(row('E1').note).toBe('系统统计');
    expect(rows[6]).toMatchObject({ code: '', name: '其中省级行政编制', unit: '人' });
  });

  it('returns 404 UNION_NOT_FOUND for a union outside the caller’s subtree', async () => {
    const r = await app().call(api.aidCentreForm, { query: { unionId: await unionIdByName(app(), '南浔区总工会'), ...PERIOD }, token: staff });
    expect(r.status).toBe(404);
  });
});
