import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { claim, codeFor, publishedBatch, redeem, WUXING } from '../../testing/factories';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { activePhones, suspendMember } from '../../testing/people';

const OPEN_NOW = { type: 'window' as const, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' };

describe.each(storageKinds)('who may redeem what at the counter on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-02T02:00:00Z' });

  it('keeps a merchant signed by a lower union away from a higher union’s vouchers, while the paying union’s own and higher unions’ merchants serve them', async () => {
    const city = await app().login('13900000001');
    const grassroots = await app().login('13900000003'); // admin of 湖州吴兴智能装备有限公司工会
    const signed = await app().call(api.createMerchant, {
      body: { name: '姚记职工小卖部', category: '商超', address: '厂区内', unionId: await unionIdByName(app(), '湖州吴兴智能装备有限公司工会'), staffPhones: ['13600000201'] },
      token: grassroots,
    });
    expect(signed.status).toBe(201);
    const shop = await app().login('13600000201');
    const appliance = await app().login('13900000011'); // signed by the city
    const market = await app().login('13900000014'); // signed by 吴兴区
    const cityBatch = await publishedBatch(app(), city, { kind: 'direct', thresholdFen: null, faceValueFen: 1_000, stackable: false, perMemberLimit: 3, schedule: OPEN_NOW });
    const districtBatch = await publishedBatch(app(), city, { unionName: WUXING, kind: 'direct', thresholdFen: null, faceValueFen: 500, stackable: false, perMemberLimit: 3, schedule: OPEN_NOW });
    const member = await app().login('13800000001'); // a member of 湖州吴兴智能装备有限公司工会
    const cityVouchers = [];
    for (let i = 0; i < 2; i++) cityVouchers.push((await claim(app(), member, cityBatch.id)).body.voucher.id);
    const districtVouchers = [];
    for (let i = 0; i < 2; i++) districtVouchers.push((await claim(app(), member, districtBatch.id)).body.voucher.id);

    const byShop = await redeem(app(), shop, { code: await codeFor(app(), member, cityVouchers[0]!), orderAmountFen: 5_000 });
    expect(byShop.status).toBe(403);
    expect(byShop.error?.code).toBe('VOUCHER_NOT_USABLE_HERE');
    expect((await redeem(app(), appliance, { code: await codeFor(app(), member, cityVouchers[0]!), orderAmountFen: 5_000 })).status).toBe(201);
    // 吴兴区's own vouchers: its own merchant and the city's serve them; a grassroots union's shop still does not
    expect((await redeem(app(), market, { code: await codeFor(app(), member, districtVouchers[0]!), orderAmountFen: 5_000 })).status).toBe(201);
    expect((await redeem(app(), shop, { code: await codeFor(app(), member, districtVouchers[1]!), orderAmountFen: 5_000 })).error?.code).toBe('VOUCHER_NOT_USABLE_HERE');
    expect((await redeem(app(), appliance, { code: await codeFor(app(), member, districtVouchers[1]!), orderAmountFen: 5_000 })).status).toBe(201);
    // the member's voucher page lists exactly the merchants that would accept it
    const detail = await app().call(api.myVoucher, { params: { id: cityVouchers[1]! }, token: member });
    const names = detail.body.merchants.map((m) => m.name);
    expect(names).toContain('湖州苏宁易购吴兴店');
    expect(names).not.toContain('姚记职工小卖部');
    expect(names).not.toContain('世纪联华湖州吴兴店');
  });

  it('refuses a cashier their own voucher with 403 VOUCHER_SELF_REDEEM, and leaves it unused', async () => {
    const city = await app().login('13900000001');
    const [phone] = await activePhones(app(), 1, 60);
    // a member who also works a till
    const signed = await app().call(api.createMerchant, {
      body: { name: '职工之家便利店', category: '商超', address: '市总工会一楼', unionId: await unionIdByName(app(), '湖州市总工会'), staffPhones: [phone!] },
      token: city,
    });
    expect(signed.status).toBe(201);
    const b = await publishedBatch(app(), city, { kind: 'direct', thresholdFen: null, faceValueFen: 1_000, stackable: false, schedule: OPEN_NOW });
    const token = await app().login(phone!);
    const v = (await claim(app(), token, b.id)).body.voucher;
    const r = await redeem(app(), token, { code: await codeFor(app(), token, v.id), orderAmountFen: 5_000 });
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe('VOUCHER_SELF_REDEEM');
    const mine = await app().call(api.myVoucher, { params: { id: v.id }, token });
    expect(mine.body.status).toBe('unused');
  });

  it('stops a suspended member’s vouchers: no new code, and a code shown before the suspension is refused at the counter', async () => {
    const city = await app().login('13900000001');
    const appliance = await app().login('13900000011');
    const [phone] = await activePhones(app(), 1, 70);
    const b = await publishedBatch(app(), city, { kind: 'direct', thresholdFen: null, faceValueFen: 1_000, stackable: false, perMemberLimit: 2, schedule: OPEN_NOW });
    const member = await app().login(phone!);
    const v = (await claim(app(), member, b.id)).body.voucher;
    const shown = await codeFor(app(), member, v.id);
    await suspendMember(app(), city, phone!);
    const code = await app().call(api.voucherCode, { params: { id: v.id }, token: member });
    expect(code.status).toBe(403);
    expect(code.error?.code).toBe('MEMBER_NOT_ACTIVE');
    const atCounter = await redeem(app(), appliance, { code: shown, orderAmountFen: 5_000 });
    expect(atCounter.status).toBe(403);
    expect(atCounter.error?.code).toBe('MEMBER_NOT_ACTIVE');
    const again = await claim(app(), member, b.id);
    expect(again.status).toBe(403);
    expect(again.error?.code).toBe('MEMBER_NOT_ACTIVE');
    expect((await app().call(api.listOpenBatches, { token: member })).body.data.map((x) => x.id)).not.toContain(b.id);
  });

  it('spends only the presented voucher when the cashier picks no others, however large the order', async () => {
    const city = await app().login('13900000001');
    const appliance = await app().login('13900000011');
    const [phone] = await activePhones(app(), 1, 80);
    const b = await publishedBatch(app(), city, { stackable: true, perMemberLimit: 3, schedule: OPEN_NOW });
    const member = await app().login(phone!);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await claim(app(), member, b.id)).body.voucher.id);
    const r = await redeem(app(), appliance, { code: await codeFor(app(), member, ids[1]!), orderAmountFen: 900_000 });
    expect(r.status).toBe(201);
    expect(r.body.vouchers.map((v) => v.id)).toEqual([ids[1]]);
    expect(r.body.discountFen).toBe(10_000);
    const unused = await app().call(api.myVouchers, { query: { status: 'unused' }, token: member });
    expect(unused.body.data.map((v) => v.id).sort()).toEqual([ids[0], ids[2]].sort());
  });
});
