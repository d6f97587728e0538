import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { api, WARMTH_FORM_CODES, type VisitInput, type WarmthFormView } from '@gonghui/shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/index';
import { addOffer, archive, makeCampaign, paidRelief, phonesOfUnion, setTags } from '../../testing/campaigns';
import { hardshipStaff } from '../../testing/hardship';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';

const EQUIP = '湖州吴兴智能装备有限公司工会';
const EXPRESS = '吴兴区快递物流行业联合工会';
const WUXING = '吴兴区总工会';
// The fixture lives a year after the demo's records, so nothing else falls in its period.
const PERIOD = { from: '2028-01-01', to: '2028-01-31' };

describe.each(storageKinds)('Annex 1 (送温暖统计表) from a fixture of known records on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  const ids = { equip: '', express: '', wuxing: '' };
  const form = async (unionId: string) => {
    const r = await app().call(api.warmthForm, { query: { unionId, ...PERIOD }, token: staff });
    expect(r.status).toBe(200);
    return r.body;
  };
  const valueOf = (f: WarmthFormView, code: string) => f.items.find((i) => i.code === code)!.value;

  beforeAll(async () => {
    ids.equip = await unionIdByName(app(), EQUIP);
    ids.express = await unionIdByName(app(), EXPRESS);
    ids.wuxing = await unionIdByName(app(), WUXING);
    app().clock.advance(Date.parse('2028-01-10T02:00:00Z') - app().clock.now().getTime());
    staff = await app().login('13900000002');
    const visit = async (v: Partial<VisitInput>) => {
      const r = await app().call(api.logVisit, { body: { unionId: ids.equip, visitedOn: '2028-01-08', target: 'person', name: '测试对象', category: 'C11', newForm: false, moneyFen: 0, goodsFen: 0, fund: 'B3', note: '', ...v } as VisitInput, token: staff });
      if (r.status !== 201) throw new Error(r.text);
    };
    // 智能装备: an enterprise (goods ¥500, union funds), a 建档困难职工 (¥1,000 + ¥200 of goods, union funds)
    await visit({ target: 'enterprise', name: '湖州吴兴智能装备有限公司', category: null, goodsFen: 50_000 });
    await visit({ name: '王师傅', category: 'C11', moneyFen: 100_000, goodsFen: 20_000 });
    // 快递物流: a courier on duty for the holiday (¥500 from local finance), 新就业形态
    await visit({ unionId: ids.express, name: '李快递', category: 'C7', newForm: true, moneyFen: 50_000, fund: 'B2' });
    // outside the period: not counted
    await visit({ name: '去年的走访', visitedOn: '2027-12-31', moneyFen: 999_900 });

    const campaignId = await makeCampaign(app(), staff, { name: '2028年元旦春节送温暖', startsOn: '2028-01-01', endsOn: '2028-02-20' });
    const pack = await addOffer(app(), staff, campaignId, { fund: 'sponsored', category: 'C11', valueFen: 30_000, tags: ['hardship'], pickupFrom: '2028-01-10', pickupTo: '2028-02-10' });
    const dinner = await addOffer(app(), staff, campaignId, { kind: 'dinner', title: '年夜饭', fund: 'B3', category: 'C7', valueFen: 8_000, tags: ['new_form'], pickupFrom: '2028-01-10', pickupTo: '2028-02-10' });
    const [p1] = await phonesOfUnion(app(), EQUIP, 1);
    const [p2, p3] = await phonesOfUnion(app(), EXPRESS, 2);
    await setTags(app(), p1!, ['hardship']);
    await setTags(app(), p2!, ['new_form']);
    await setTags(app(), p3!, ['new_form']);
    const claimAndHand = async (phone: string, offerId: string, hand: boolean) => {
      const t = await app().login(phone);
      const c = await app().call(api.claimCampaignOffer, { params: { id: offerId }, body: { way: 'pickup', pickupPoint: '吴兴区职工服务中心', pickupDate: '2028-01-12' }, token: t });
      if (c.status !== 201) throw new Error(c.text);
      if (hand) expect((await app().call(api.handOverPickup, { body: { code: c.body.mine!.pickupCode }, token: staff })).status).toBe(200);
    };
    await claimAndHand(p1!, pack, true); // 智能装备: C11 +1, D11 +¥300 (sponsored: no B item)
    await claimAndHand(p2!, dinner, true); // 快递物流: C7 +1, D7 +¥80, B3 +¥80, J3/J4
    await claimAndHand(p3!, dinner, false); // claimed, not handed over: not counted
    // sponsors of the district's campaign: an enterprise ¥1,000, a person ¥200 of goods
    for (const s of [
      { donorName: '湖州同心建设有限公司', donorKind: 'enterprise' as const, moneyFen: 100_000, goodsFen: 0 },
      { donorName: '陈女士', donorKind: 'individual' as const, moneyFen: 0, goodsFen: 20_000 },
    ]) {
      const r = await app().call(api.addCampaignSponsor, { params: { id: campaignId }, body: { ...s, goods: '', offerId: pack, receivedOn: '2028-01-05' }, token: staff });
      if (r.status !== 201) throw new Error(r.text);
    }
    // relief paid to a 智能装备 member in the period (E2, ¥400 from local finance) and one paid after it
    const [p4] = await phonesOfUnion(app(), EQUIP, 1, 3);
    await paidRelief(app(), p4!, { kind: 'living', fundSource: 'local', amountFen: 40_000, paidAt: '2028-01-09T02:00:00Z' });
    await paidRelief(app(), p4!, { kind: 'medical', fundSource: 'union', amountFen: 99_900, paidAt: '2028-02-01T02:00:00Z' });
    // hand-entered: 智能装备 helped 3 migrant workers home (G); 2 人次 of 落实民生政策 (E1)
    for (const [code, value] of [['G', 3], ['E1', 2]] as const) {
      const r = await app().call(api.setWarmthFormEntry, { body: { unionId: ids.equip, ...PERIOD, code, value }, token: staff });
      if (r.status !== 200) throw new Error(r.text);
    }
  }, 180_000);

  it('computes every item of 智能装备’s form as computed by hand (relief paid after the period left out)', async () => {
    const f = await form(ids.equip);
    const expected: Record<string, number> = Object.fromEntries(WARMTH_FORM_CODES.map((c) => [c, 0]));
    Object.assign(expected, { A: 1, B2: 40_000, B3: 170_000, B: 210_000, C11: 2, D11: 150_000, C: 2, D: 150_000, E1: 2, E2: 1, E: 3, G: 3 });
    for (const code of WARMTH_FORM_CODES) expect([code, valueOf(f, code)]).toEqual([code, expected[code]]);
    expect(f.items.find((i) => i.code === 'G')).toMatchObject({ origin: 'manual', enterable: true });
    expect(f.items.find((i) => i.code === 'A')).toMatchObject({ origin: 'records', enterable: false });
    expect(f.items.find((i) => i.code === 'B')!.display).toBe('0.2100');
  });

  it('computes 快递物流’s form by hand, with the courier and the dinner as 新就业形态 (J3/J4)', async () => {
    const f = await form(ids.express);
    const expected: Record<string, number> = Object.fromEntries(WARMTH_FORM_CODES.map((c) => [c, 0]));
    Object.assign(expected, { B2: 50_000, B3: 8_000, B: 58_000, C7: 2, D7: 58_000, C: 2, D: 58_000, J3: 2, J4: 58_000 });
    for (const code of WARMTH_FORM_CODES) expect([code, valueOf(f, code)]).toEqual([code, expected[code]]);
  });

  it('rolls the district up as the sum of its unions (its own sponsors added: B4 ¥1,200, K2 one enterprise)', async () => {
    const [district, equip, express] = await Promise.all([form(ids.wuxing), form(ids.equip), form(ids.express)]);
    for (const code of WARMTH_FORM_CODES) {
      const own = code === 'B4' ? 120_000 : code === 'B' ? 120_000 : code === 'K2' ? 1 : 0;
      expect([code, valueOf(district, code)]).toEqual([code, valueOf(equip, code) + valueOf(express, code) + own]);
    }
    expect(district.mismatches).toBe(0);
  });

  it('lists the records behind a figure (D11: the visit and the hand-over, names masked; the 困难职工 hand-over only with the duty)', async () => {
    const duty = await hardshipStaff(app(), '13900000872', WUXING);
    const records = async (token: string) => (await app().call(api.warmthFormRecords, { query: { unionId: ids.wuxing, ...PERIOD, code: 'D11' }, token })).body.data;
    const all = await records(duty);
    expect(all.map((x) => [x.kind, x.amountFen]).sort()).toEqual([['handover', 30_000], ['visit', 120_000]]);
    expect(all.reduce((s, x) => s + x.amountFen, 0)).toBe(valueOf(await form(ids.wuxing), 'D11'));
    expect(all.find((x) => x.kind === 'handover')!.label).toMatch(/\*/);
    // the pack went to a member counted as 建档困难职工: staff without the duty do not learn who
    expect((await records(staff)).map((x) => x.kind)).toEqual(['visit']);
  });

  it('flags a hand-entered total that differs from its parts, and keeps the figure as entered', async () => {
    const r = await app().call(api.setWarmthFormEntry, { body: { unionId: ids.equip, ...PERIOD, code: 'E', value: 5 }, token: staff });
    expect(r.status).toBe(200);
    expect(r.body.items.find((i) => i.code === 'E')).toMatchObject({ value: 5, origin: 'manual', mismatch: { expected: 3 } });
    expect(r.body.mismatches).toBe(1);
    expect((await form(ids.wuxing)).items.find((i) => i.code === 'E')!.mismatch).toEqual({ expected: 3, display: '3' });
    // cleared: the total is its parts again
    const cleared = await app().call(api.setWarmthFormEntry, { body: { unionId: ids.equip, ...PERIOD, code: 'E', value: null }, token: staff });
    expect(cleared.body.items.find((i) => i.code === 'E')).toMatchObject({ value: 3, origin: 'sum', mismatch: null });
  });

  it('returns 422 FORM_ITEM_NOT_ENTERABLE for an item the records supply', async () => {
    const r = await app().call(api.setWarmthFormEntry, { body: { unionId: ids.equip, ...PERIOD, code: 'A', value: 9 }, token: staff });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('FORM_ITEM_NOT_ENTERABLE');
  });

  it('exports the official codes, names and units in the official order (XLSX read back)', async () => {
    const r = await app().call(api.warmthFormXlsx, { query: { unionId: ids.wuxing, ...PERIOD }, token: staff });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('送温暖统计表')!;
    expect(String(ws.getCell('A1').value)).toContain('送温暖统计表');
    expect(String(ws.getCell('A2').value)).toContain(WUXING);
    expect(ws.getRow(3).values).toEqual([undefined, '编号', '代码', '项目', '单位', '合计', '说明']);
    const rows: { code: string; unit: string; value: number }[] = [];
    for (let n = 4; n <= ws.rowCount; n++) rows.push({ code: String(ws.getCell(n, 2).value), unit: String(ws.getCell(n, 4).value), value: Number(ws.getCell(n, 5).value) });
    expect(rows.map((x) => x.code)).toEqual(WARMTH_FORM_CODES);
    const unit = (code: string) => rows.find((x) => x.code === code)!.unit;
    // rows sharing a name carry the seed's 慰问对象（人次） / 发放款物（万元） column
    expect([unit('A'), unit('B'), unit('C'), unit('D3'), unit('C3'), unit('J2'), unit('K2'), unit('I')]).toEqual(['家', '万元', '人次', '发放款物（万元）', '慰问对象（人次）', '发放款物（万元）', '家', '万元']);
    const nameOf = (code: string) => String(ws.getCell(4 + WARMTH_FORM_CODES.indexOf(code), 3).value);
    expect([nameOf('J1'), nameOf('J2')]).toEqual(['两节期间共慰问疫情防控一线职工', '两节期间共慰问疫情防控一线职工']);
    expect(nameOf('C10')).toBe('生产一线涌现出来的先进模范人物');
    const noteOf = (code: string) => String(ws.getCell(4 + WARMTH_FORM_CODES.indexOf(code), 6).value ?? '');
    expect([noteOf('K1'), noteOf('K2'), noteOf('J1')]).toEqual(['手工填报；常州经开区表增列项目', '系统统计；常州经开区表增列项目', '手工填报']);
    expect(String(ws.getCell(5, 3).value)).toContain('B=B1+B2+B3+B4+B5+B6');
    expect(rows.find((x) => x.code === 'B')!.value).toBeCloseTo(0.388, 4); // ¥1,700 + ¥400 relief + ¥580 + ¥1,200 sponsors = ¥3,880
    expect(rows.find((x) => x.code === 'C')!.value).toBe(4);
  });

  it('lists relief payments and hand-overs of archive-category offers only to staff with the hardship duty (figures unchanged), audited', async () => {
    const duty = await hardshipStaff(app(), '13900000871', WUXING);
    const records = async (code: string, token: string) => {
      const r = await app().call(api.warmthFormRecords, { query: { unionId: ids.wuxing, ...PERIOD, code }, token });
      expect(r.status).toBe(200);
      return r.body.data.map((x) => x.kind).sort();
    };
    expect(await records('E2', staff)).toEqual([]);
    expect(await records('E2', duty)).toEqual(['relief']);
    // a 困难职工 pack aimed at the archive, handed over to an archived member
    const campaignId = await makeCampaign(app(), staff, { name: '2028年困难职工慰问', startsOn: '2028-01-01', endsOn: '2028-02-20' });
    const offer = await addOffer(app(), duty, campaignId, { fund: 'B3', category: 'C11', valueFen: 10_000, tags: [], archiveCategories: ['deep'], pickupFrom: '2028-01-10', pickupTo: '2028-02-10' });
    const [p5] = await phonesOfUnion(app(), EQUIP, 1, 5);
    await archive(app(), p5!, 'deep');
    const c = await app().call(api.claimCampaignOffer, { params: { id: offer }, body: { way: 'pickup', pickupPoint: '吴兴区职工服务中心', pickupDate: '2028-01-12' }, token: await app().login(p5!) });
    expect(c.status).toBe(201);
    expect((await app().call(api.handOverPickup, { body: { code: c.body.mine!.pickupCode }, token: duty })).status).toBe(200);
    expect(await records('D11', staff)).toEqual(['visit']);
    expect(await records('D11', duty)).toEqual(['handover', 'handover', 'visit']);
    expect(valueOf(await form(ids.wuxing), 'D11')).toBe(160_000);
    const [n] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = 'campaign.read_form_records'`);
    expect(n!.n).toBeGreaterThanOrEqual(5);
  });

  it('answers 400 VALIDATION_FAILED, never 500, to offset cursors that are not a small non-negative integer (records, visits, campaigns)', async () => {
    const cursor = (v: string) => Buffer.from(JSON.stringify([v])).toString('base64url');
    for (const bad of ['-5', '1.5', '1e308', 'abc', '9999999']) {
      const calls = [
        app().call(api.warmthFormRecords, { query: { unionId: ids.wuxing, ...PERIOD, code: 'D11', cursor: cursor(bad) }, token: staff }),
        app().call(api.listVisits, { query: { cursor: cursor(bad) }, token: staff }),
        app().call(api.staffCampaigns, { query: { cursor: cursor(bad) }, token: staff }),
      ];
      for (const r of await Promise.all(calls)) expect([bad, r.status, r.error?.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
    const ok = await app().call(api.warmthFormRecords, { query: { unionId: ids.wuxing, ...PERIOD, code: 'D11', cursor: cursor('1') }, token: staff });
    expect(ok.status).toBe(200);
  });

  it('requires an Idempotency-Key to add a sponsor or log a visit (400 IDEMPOTENCY_KEY_MISSING), and a repeated key answers the first result once', async () => {
    const [c] = await queryRows<{ id: string }>(app().deps.db, sql`select id from campaigns where name = '2028年元旦春节送温暖'`);
    const sponsor = { donorName: '幂等测试', donorKind: 'individual' as const, moneyFen: 100, goodsFen: 0, goods: '', offerId: null, receivedOn: '2028-01-05' };
    const visit: VisitInput = { unionId: ids.equip, visitedOn: '2028-01-08', target: 'person', name: '幂等测试', category: 'C11', newForm: false, moneyFen: 100, goodsFen: 0, fund: 'B3', note: '' };
    const noKey = [
      await app().call(api.addCampaignSponsor, { params: { id: c!.id }, body: sponsor, token: staff, idempotencyKey: false }),
      await app().call(api.logVisit, { body: visit, token: staff, idempotencyKey: false }),
    ];
    for (const r of noKey) expect([r.status, r.error?.code]).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    const key = randomUUID();
    const a = await app().call(api.logVisit, { body: visit, token: staff, idempotencyKey: key });
    const b = await app().call(api.logVisit, { body: visit, token: staff, idempotencyKey: key });
    expect([a.status, b.status, b.body.id]).toEqual([201, 201, a.body.id]);
    const [n] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from warmth_visits where name = '幂等测试'`);
    expect(n!.n).toBe(1);
    await app().deps.db.execute(sql`delete from warmth_visits where name = '幂等测试'`);
  });

  it('titles the XLSX with the year the period ends in (December to February is the next year’s form)', async () => {
    const r = await app().call(api.warmthFormXlsx, { query: { unionId: ids.wuxing, from: '2027-12-01', to: '2028-01-31' }, token: staff });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet('送温暖统计表')!.getCell('A1').value)).toBe('2028年元旦春节期间各级工会送温暖统计表');
  });

  it('keys hand-entered drill-down rows by the entry (stable across reads) and dates them in Shanghai', async () => {
    // 04:00 on 11 January in Shanghai, 20:00 on the 10th in UTC
    app().clock.advance(Date.parse('2028-01-10T20:00:00Z') - app().clock.now().getTime());
    expect((await app().call(api.setWarmthFormEntry, { body: { unionId: ids.express, ...PERIOD, code: 'H', value: 4 }, token: staff })).status).toBe(200);
    const read = async () => (await app().call(api.warmthFormRecords, { query: { unionId: ids.wuxing, ...PERIOD, code: 'H' }, token: staff })).body.data;
    const [a, b] = [await read(), await read()];
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ kind: 'entry', on: '2028-01-11', persons: 4 });
    expect(b[0]!.id).toBe(a[0]!.id);
    await app().call(api.setWarmthFormEntry, { body: { unionId: ids.express, ...PERIOD, code: 'H', value: null }, token: staff });
  });

  it('returns 404 UNION_NOT_FOUND for a union outside the caller’s subtree', async () => {
    const r = await app().call(api.warmthForm, { query: { unionId: await unionIdByName(app(), '南浔区总工会'), ...PERIOD }, token: staff });
    expect(r.status).toBe(404);
  });

  // last: it moves the clock to March 2028
  it('counts a hand-over in the recipient’s own group (a 劳模 given a C11 pack counts in C10/D10)', async () => {
    app().clock.advance(Date.parse('2028-03-12T02:00:00Z') - app().clock.now().getTime());
    staff = await app().login('13900000002');
    const campaignId = await makeCampaign(app(), staff, { name: '2028年劳模慰问', startsOn: '2028-03-01', endsOn: '2028-03-31' });
    const offer = await addOffer(app(), staff, campaignId, { category: 'C11', valueFen: 30_000, tags: ['model_worker'], pickupFrom: '2028-03-10', pickupTo: '2028-03-20' });
    // a member of 智能装备 with no hardship archive (the tests above archived some)
    const [free] = await queryRows<{ phone: string }>(
      app().deps.db,
      sql`select us.phone from members m join users us on us.id = m.user_id where m.union_id = ${ids.equip} and m.status = 'active'
            and not exists (select 1 from hardship_archive ha where ha.member_id = m.id) order by us.phone desc limit 1`,
    );
    const phone = free?.phone;
    await setTags(app(), phone!, ['model_worker']);
    const t = await app().login(phone!);
    const c = await app().call(api.claimCampaignOffer, { params: { id: offer }, body: { way: 'pickup', pickupPoint: '吴兴区职工服务中心', pickupDate: '2028-03-12' }, token: t });
    expect(c.status).toBe(201);
    expect((await app().call(api.handOverPickup, { body: { code: c.body.mine!.pickupCode }, token: staff })).status).toBe(200);
    const r = await app().call(api.warmthForm, { query: { unionId: ids.equip, from: '2028-03-01', to: '2028-03-31' }, token: staff });
    expect(['C10', 'D10', 'C11', 'D11'].map((code) => valueOf(r.body, code))).toEqual([1, 30_000, 0, 0]);
  });
});
