import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';

describe.each(storageKinds)('staff management on %s', (kind) => {
  const app = useTestApp(kind);

  it('lets an admin add an operator by phone to a union below, who then works in that subtree only; the change is listed', async () => {
    const city = await app().login('13900000001');
    const wuxing = await unionIdByName(app(), '吴兴区总工会');
    const added = await app().call(api.grantStaff, { params: { id: wuxing }, body: { phone: '13600000301', name: '陆文静', role: 'operator' }, token: city });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: '陆文静', role: 'operator', phoneMasked: '136****0301', self: false });
    const operator = await app().login('13600000301');
    const tree = await app().call(api.listUnions, { token: operator });
    expect(tree.body.data[0]!.name).toBe('吴兴区总工会');
    expect(tree.body.data.every((u) => u.name !== '南浔区总工会')).toBe(true);
    const staff = await app().call(api.listStaff, { params: { id: wuxing }, token: city });
    expect(staff.body.data.map((s) => s.name)).toContain('陆文静');
    expect(staff.body.changes[0]).toMatchObject({ action: 'grant', subjectName: '陆文静', role: 'operator', actorName: '沈建华' });
    // an operator sees the list but may not manage it
    const asOperator = await app().call(api.listStaff, { params: { id: wuxing }, token: operator });
    expect(asOperator.body.abilities.manage).toBe(false);
    const refused = await app().call(api.grantStaff, { params: { id: wuxing }, body: { phone: '13600000302', name: '王强', role: 'admin' }, token: operator });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('ADMIN_REQUIRED');
  });

  it('never lets an admin act above or beside their own union (404)', async () => {
    const district = await app().login('13900000002');
    const grassroots = await app().login('13900000003');
    for (const [token, union] of [
      [district, '湖州市总工会'],
      [district, '南浔区总工会'],
      [grassroots, '吴兴区总工会'],
    ] as const) {
      const r = await app().call(api.grantStaff, { params: { id: await unionIdByName(app(), union) }, body: { phone: '13600000303', name: '越权者', role: 'admin' }, token });
      expect(r.status).toBe(404);
      expect(r.error?.code).toBe('UNION_NOT_FOUND');
    }
  });

  it('changes and removes a role, never the caller’s own, and the removed person loses the role at once', async () => {
    const district = await app().login('13900000002');
    const wuxing = await unionIdByName(app(), '吴兴区总工会');
    const added = await app().call(api.grantStaff, { params: { id: wuxing }, body: { phone: '13600000304', name: '张海', role: 'operator' }, token: district });
    const helper = await app().login('13600000304');
    const promoted = await app().call(api.changeStaff, { params: { id: wuxing, userId: added.body.userId }, body: { role: 'admin' }, token: district });
    expect(promoted.body.role).toBe('admin');
    const me = (await app().call(api.listStaff, { params: { id: wuxing }, token: district })).body.data.find((s) => s.self)!;
    for (const r of [
      await app().call(api.changeStaff, { params: { id: wuxing, userId: me.userId }, body: { role: 'operator' }, token: district }),
      await app().call(api.revokeStaff, { params: { id: wuxing, userId: me.userId }, token: district }),
    ]) {
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('STAFF_SELF_CHANGE');
    }
    expect((await app().call(api.listUnions, { token: helper })).status).toBe(200);
    expect((await app().call(api.revokeStaff, { params: { id: wuxing, userId: added.body.userId }, token: district })).status).toBe(200);
    expect((await app().call(api.listUnions, { token: helper })).status).toBe(403);
    const changes = (await app().call(api.listStaff, { params: { id: wuxing }, token: district })).body.changes.map((c) => c.action);
    expect(changes.slice(0, 3)).toEqual(['revoke', 'change', 'grant']);
  });

  it('refuses a merchant’s cashier and a person already on the staff with 409', async () => {
    const city = await app().login('13900000001');
    const cityId = await unionIdByName(app(), '湖州市总工会');
    const cashier = await app().call(api.grantStaff, { params: { id: cityId }, body: { phone: '13900000011', name: '店员', role: 'operator' }, token: city });
    expect(cashier.error?.code).toBe('STAFF_IS_CASHIER');
    await staffToken(app(), '13600000305', '湖州市总工会', 'operator');
    const twice = await app().call(api.grantStaff, { params: { id: cityId }, body: { phone: '13600000305', name: '重复', role: 'admin' }, token: city });
    expect(twice.status).toBe(409);
    expect(twice.error?.code).toBe('STAFF_EXISTS');
  });

  it('never names an existing account: staff and cashier lists show what the admin typed, or a masked phone', async () => {
    const city = await app().login('13900000001');
    const cityId = await unionIdByName(app(), '湖州市总工会');
    // 13800000001 is 张晓明, a member: granting and revoking must not reveal that
    const granted = await app().call(api.grantStaff, { params: { id: cityId }, body: { phone: '13800000001', name: '临时工作人员', role: 'operator' }, token: city });
    expect(granted.body.name).toBe('临时工作人员');
    expect(granted.text).not.toContain('张晓明');
    expect((await app().call(api.listStaff, { params: { id: cityId }, token: city })).text).not.toContain('张晓明');
    await app().call(api.revokeStaff, { params: { id: cityId, userId: granted.body.userId }, token: city });
    const merchants = (await app().call(api.listMerchants, { token: city })).body.data;
    const cashier = await app().call(api.addCashier, { params: { id: merchants[0]!.id }, body: { phone: '13800000001' }, token: city });
    expect(cashier.status).toBe(201);
    expect(cashier.text).not.toContain('张晓明');
  });
});
