import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { applyAs, cleanPhonesIn, EQUIP, hardshipStaff } from '../../testing/hardship';

const DEMO = { dibaoFen: 90_000, livingMultiple: 2, illnessMultiple: 3, medicalSelfPayFen: 1_000_000, secondApprovalAboveFen: 200_000 };

describe.each(storageKinds)('hardship thresholds as data on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let city: string;
  let district: string;
  let noDuty: string;
  let phones: string[];
  beforeAll(async () => {
    city = await hardshipStaff(app(), '13600000421', '湖州市总工会');
    district = await hardshipStaff(app(), '13600000422', '吴兴区总工会');
    noDuty = await app().login('13900000002');
    phones = await cleanPhonesIn(app(), EQUIP, 3, 30);
  }, 60_000);

  it('lists the area unions with their own or inherited thresholds; only the city’s staff may edit', async () => {
    const mine = await app().call(api.hardshipSettings, { token: city });
    expect(mine.body.editable).toBe(true);
    expect(mine.body.data[0]).toMatchObject({ unionName: '湖州市总工会', own: true, inheritedFrom: null, thresholds: DEMO });
    const wuxing = mine.body.data.find((s) => s.unionName === '吴兴区总工会')!;
    expect(wuxing).toMatchObject({ own: false, inheritedFrom: '湖州市总工会', thresholds: DEMO });
    expect(mine.body.data.every((s) => !s.unionName.includes('有限公司'))).toBe(true);

    const theirs = await app().call(api.hardshipSettings, { token: district });
    expect(theirs.body.editable).toBe(false);
    expect(theirs.body.data.map((s) => s.unionName)).toEqual(['吴兴区总工会']);
    const refused = await app().call(api.saveHardshipSettings, { params: { id: wuxing.unionId }, body: { ...DEMO, secondApprovalAboveFen: 9_000_000 }, token: district });
    expect([refused.status, refused.error?.code]).toEqual([403, 'HARDSHIP_SETTINGS_CITY_ONLY']);
    expect((await app().call(api.hardshipSettings, { token: noDuty })).status).toBe(404);
    expect((await app().call(api.saveHardshipSettings, { params: { id: wuxing.unionId }, body: DEMO, token: noDuty })).status).toBe(404);
    const grassroots = await app().call(api.saveHardshipSettings, { params: { id: await unionIdByName(app(), EQUIP) }, body: DEMO, token: city });
    expect(grassroots.error?.code).toBe('HARDSHIP_SETTINGS_AREA_ONLY');
    const bad = await app().call(api.saveHardshipSettings, { params: { id: wuxing.unionId }, body: { ...DEMO, livingMultiple: 3, illnessMultiple: 2.005 }, token: city });
    expect(bad.status).toBe(400);
    expect(bad.error?.details).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: 'body.illnessMultiple' })]) });
  });

  it('moves the computed group of a new application when the district’s 低保 standard changes, audited', async () => {
    const first = await app().login(phones[0]!);
    await applyAs(app(), first);
    expect((await app().call(api.myHardship, { token: first })).body.applications[0]!.computedGroups).toEqual(['serious_illness', 'living']);

    // 800 yuan a head: under 2 × 900, but not under 2 × 300
    const wuxing = await unionIdByName(app(), '吴兴区总工会');
    const saved = await app().call(api.saveHardshipSettings, { params: { id: wuxing }, body: { ...DEMO, dibaoFen: 30_000 }, token: city });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ own: true, inheritedFrom: null, thresholds: { ...DEMO, dibaoFen: 30_000 } });
    const second = await app().login(phones[1]!);
    await applyAs(app(), second);
    const after = (await app().call(api.myHardship, { token: second })).body;
    expect(after.thresholds.dibaoFen).toBe(30_000);
    expect(after.applications[0]!.computedGroups).toEqual(['serious_illness']);
    // the first application keeps what was computed when it was sent
    expect((await app().call(api.myHardship, { token: first })).body.applications[0]!.computedGroups).toEqual(['serious_illness', 'living']);

    // a medical line above the family's 15,000 yuan takes 大病困难 away too
    await app().call(api.saveHardshipSettings, { params: { id: wuxing }, body: { ...DEMO, dibaoFen: 30_000, medicalSelfPayFen: 2_000_000 }, token: city });
    const third = await app().login(phones[2]!);
    await applyAs(app(), third);
    expect((await app().call(api.myHardship, { token: third })).body.applications[0]!.computedGroups).toEqual([]);

    const log = await queryRows<{ detail: { before: unknown; after: { dibaoFen: number } } }>(app().deps.db, sql`select detail from audit_log where action = 'hardship.settings' and target_id = ${wuxing} order by id`);
    expect(log.map((l) => l.detail.after.dibaoFen)).toEqual([30_000, 30_000]);
    expect(log[0]!.detail.before).toBeNull();
    expect(log[1]!.detail.before).toMatchObject({ dibaoFen: 30_000, medicalSelfPayFen: 1_000_000 });
  });
});
