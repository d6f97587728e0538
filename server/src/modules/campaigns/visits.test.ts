import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, type SponsorInput, type VisitInput, type WarmthFormView } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { makeCampaign } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { hardshipStaff } from '../../testing/hardship';
import { unionIdByName, useTestApp } from '../../testing/harness';

const EQUIP = '湖州吴兴智能装备有限公司工会';
const WUXING = '吴兴区总工会';
const PERIOD = { from: '2028-01-01', to: '2028-01-31' };

describe.each(storageKinds)('Visits and sponsors: names masked without the hardship duty, corrected and deleted with audit, on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let duty: string;
  let equip: string;
  let campaignId: string;
  const visit = (v: Partial<VisitInput> = {}): VisitInput => ({ unionId: equip, visitedOn: '2028-01-08', target: 'person', name: '王建明', category: 'C11', newForm: false, moneyFen: 100_000, goodsFen: 0, fund: 'B3', note: '', ...v });
  const log = async (v: Partial<VisitInput>) => {
    const r = await app().call(api.logVisit, { body: visit(v), token: staff });
    if (r.status !== 201) throw new Error(r.text);
    return r.body.id;
  };
  const listed = async (token: string) => (await app().call(api.listVisits, { query: { unionId: equip, limit: 50 }, token })).body.data;
  const figure = async (code: string) => {
    const f: WarmthFormView = (await app().call(api.warmthForm, { query: { unionId: await unionIdByName(app(), WUXING), ...PERIOD }, token: staff })).body;
    return f.items.find((i) => i.code === code)!.value;
  };
  const audits = async (action: string) => (await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n;

  beforeAll(async () => {
    app().clock.advance(Date.parse('2028-01-10T02:00:00Z') - app().clock.now().getTime());
    staff = await app().login('13900000002');
    duty = await hardshipStaff(app(), '13900000873', WUXING);
    equip = await unionIdByName(app(), EQUIP);
    campaignId = await makeCampaign(app(), staff, { name: '2028年元旦春节送温暖', startsOn: '2028-01-01', endsOn: '2028-02-20' });
  }, 180_000);

  it('masks the names of people in hardship (C1–C4, C11) for staff without the duty, shows them whole to the duty and audits that read', async () => {
    await log({ name: '王建明', category: 'C11' });
    await log({ name: '李春生', category: 'C7' });
    await log({ target: 'enterprise', name: '湖州吴兴智能装备有限公司', category: null });
    const plain = await listed(staff);
    expect(plain.map((v) => v.name).sort()).toEqual(['李春生', '湖州吴兴智能装备有限公司', '王*明'].sort());
    const before = await audits('campaign.read_visit_names');
    const whole = await listed(duty);
    expect(whole.map((v) => v.name)).toContain('王建明');
    expect(await audits('campaign.read_visit_names')).toBe(before + 1);
    await listed(staff);
    expect(await audits('campaign.read_visit_names')).toBe(before + 1);
  });

  it('corrects a visit: the form’s figures move, the audit keeps before and after, a masked name sent back keeps the stored one', async () => {
    const id = await log({ name: '赵德华', category: 'C2', moneyFen: 50_000 });
    const d2 = await figure('D2');
    const r = await app().call(api.updateVisit, { params: { id }, body: visit({ name: '赵*华', category: 'C2', moneyFen: 80_000 }), token: staff });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: '赵*华', moneyFen: 80_000 });
    expect(await figure('D2')).toBe(d2 + 30_000);
    const [row] = await queryRows<{ name: string }>(app().deps.db, sql`select name from warmth_visits where id = ${id}`);
    expect(row!.name).toBe('赵德华');
    const [a] = await queryRows<{ detail: { before: { moneyFen: number }; after: { moneyFen: number } } }>(app().deps.db, sql`select detail from audit_log where action = 'campaign.update_visit' and target_id = ${id}`);
    expect([a!.detail.before.moneyFen, a!.detail.after.moneyFen]).toEqual([50_000, 80_000]);
  });

  it('repeats the first answer for a repeated Idempotency-Key, requires one, and refuses bad input with 400 changing nothing', async () => {
    const id = await log({ name: '钱多多', category: 'C7', moneyFen: 10_000 });
    const key = randomUUID();
    const a = await app().call(api.updateVisit, { params: { id }, body: visit({ name: '钱多多', category: 'C7', moneyFen: 20_000 }), token: staff, idempotencyKey: key });
    const b = await app().call(api.updateVisit, { params: { id }, body: visit({ name: '钱多多', category: 'C7', moneyFen: 20_000 }), token: staff, idempotencyKey: key });
    expect([a.status, b.status, b.body.moneyFen]).toEqual([200, 200, 20_000]);
    expect(await audits('campaign.update_visit')).toBeGreaterThanOrEqual(1);
    const noKey = await app().call(api.deleteVisit, { params: { id }, token: staff, idempotencyKey: false });
    expect([noKey.status, noKey.error?.code]).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    const bad = await app().call(api.updateVisit, { params: { id }, body: { ...visit({ category: 'C7' }), moneyFen: -1 }, token: staff });
    expect(bad.status).toBe(400);
    const [row] = await queryRows<{ money_fen: string }>(app().deps.db, sql`select money_fen from warmth_visits where id = ${id}`);
    expect(Number(row!.money_fen)).toBe(20_000);
  });

  it('deletes a visit (the figure goes down, audited) once; again is 404', async () => {
    const id = await log({ name: '孙立人', category: 'C10', moneyFen: 70_000 });
    const d10 = await figure('D10');
    expect((await app().call(api.deleteVisit, { params: { id }, token: staff })).status).toBe(200);
    expect(await figure('D10')).toBe(d10 - 70_000);
    const again = await app().call(api.deleteVisit, { params: { id }, token: staff });
    expect([again.status, again.error?.code]).toEqual([404, 'VISIT_NOT_FOUND']);
    expect(await audits('campaign.delete_visit')).toBe(1);
  });

  it('keeps visits and sponsors above or beside the caller’s subtree out of reach (404), and a visit cannot move there', async () => {
    const wuxing = await unionIdByName(app(), WUXING);
    const id = await log({ unionId: wuxing, name: '周海', category: 'C7' });
    const equipAdmin = await app().login('13900000003'); // 智能装备 only
    expect((await app().call(api.updateVisit, { params: { id }, body: visit({ category: 'C7' }), token: equipAdmin })).error?.code).toBe('VISIT_NOT_FOUND');
    expect((await app().call(api.deleteVisit, { params: { id }, token: equipAdmin })).status).toBe(404);
    const own = await log({ name: '吴小平', category: 'C7' });
    const moved = await app().call(api.updateVisit, { params: { id: own }, body: visit({ unionId: wuxing, category: 'C7' }), token: equipAdmin });
    expect(moved.status).toBe(404);
    const [row] = await queryRows<{ union_id: string }>(app().deps.db, sql`select union_id from warmth_visits where id = ${own}`);
    expect(row!.union_id).toBe(equip);
    const s = await app().call(api.addCampaignSponsor, { params: { id: campaignId }, body: { donorName: '外区测试', donorKind: 'individual', moneyFen: 100, goodsFen: 0, goods: '', offerId: null, receivedOn: '2028-01-05' }, token: staff });
    expect((await app().call(api.deleteSponsor, { params: { id: s.body.id }, token: equipAdmin })).error?.code).toBe('SPONSOR_NOT_FOUND');
    await app().call(api.deleteSponsor, { params: { id: s.body.id }, token: staff });
  });

  it('corrects and deletes a sponsorship: B4 and K2 move, audited, idempotent', async () => {
    const body: SponsorInput = { donorName: '湖州同心建设有限公司', donorKind: 'enterprise', moneyFen: 100_000, goodsFen: 0, goods: '', offerId: null, receivedOn: '2028-01-05' };
    const [b4, k2] = [await figure('B4'), await figure('K2')];
    const s = await app().call(api.addCampaignSponsor, { params: { id: campaignId }, body, token: staff });
    expect(s.status).toBe(201);
    expect([await figure('B4'), await figure('K2')]).toEqual([b4 + 100_000, k2 + 1]);
    const key = randomUUID();
    const u1 = await app().call(api.updateSponsor, { params: { id: s.body.id }, body: { ...body, donorKind: 'individual', moneyFen: 60_000 }, token: staff, idempotencyKey: key });
    const u2 = await app().call(api.updateSponsor, { params: { id: s.body.id }, body: { ...body, donorKind: 'individual', moneyFen: 60_000 }, token: staff, idempotencyKey: key });
    expect([u1.status, u2.status, u2.body.moneyFen]).toEqual([200, 200, 60_000]);
    expect([await figure('B4'), await figure('K2')]).toEqual([b4 + 60_000, k2]);
    const bad = await app().call(api.updateSponsor, { params: { id: s.body.id }, body: { ...body, moneyFen: 0, goodsFen: 0 }, token: staff });
    expect(bad.status).toBe(400);
    expect((await app().call(api.deleteSponsor, { params: { id: s.body.id }, token: staff })).status).toBe(200);
    expect(await figure('B4')).toBe(b4);
    expect((await app().call(api.deleteSponsor, { params: { id: s.body.id }, token: staff })).error?.code).toBe('SPONSOR_NOT_FOUND');
    expect([await audits('campaign.update_sponsor'), await audits('campaign.delete_sponsor')]).toEqual([1, 2]);
  });
});
