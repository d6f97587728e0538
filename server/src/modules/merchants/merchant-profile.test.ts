import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { claim, codeFor, publishedBatch, redeem } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';
import { activePhones, merchantIdByName, staffToken } from '../../testing/people';

describe.each(storageKinds)('keeping a merchant on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-02T02:00:00Z' });

  it('lets the signing union’s admin edit the merchant and change its cashiers; a removed cashier redeems nothing more', async () => {
    const district = await app().login('13900000002');
    const market = await merchantIdByName(app(), '世纪联华湖州吴兴店');
    const detail = await app().call(api.getMerchant, { params: { id: market }, token: district });
    expect(detail.body).toMatchObject({ name: '世纪联华湖州吴兴店', abilities: { manage: true } });
    expect(detail.body.cashiers).toHaveLength(1);
    const renamed = await app().call(api.updateMerchant, { params: { id: market }, body: { name: '世纪联华吴兴旗舰店', address: '湖州市吴兴区凤凰路199号一楼' }, token: district });
    expect(renamed.body.name).toBe('世纪联华吴兴旗舰店');
    const added = await app().call(api.addCashier, { params: { id: market }, body: { phone: '13600000501' }, token: district });
    expect(added.status).toBe(201);
    expect(added.body.cashiers.map((c) => c.phoneMasked)).toContain('136****0501');
    const newCashier = await app().login('13600000501');
    const b = await publishedBatch(app(), district, { unionName: '吴兴区总工会', kind: 'direct', thresholdFen: null, faceValueFen: 500, stackable: false, perMemberLimit: 2, schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    const member = await app().login('13800000001');
    const v1 = (await claim(app(), member, b.id)).body.voucher.id;
    const v2 = (await claim(app(), member, b.id)).body.voucher.id;
    expect((await redeem(app(), newCashier, { code: await codeFor(app(), member, v1), orderAmountFen: 2_000 })).status).toBe(201);
    const removed = await app().call(api.removeCashier, { params: { id: market, userId: added.body.cashiers.find((c) => c.phoneMasked === '136****0501')!.userId }, token: district });
    expect(removed.body.cashiers.map((c) => c.phoneMasked)).not.toContain('136****0501');
    expect((await redeem(app(), newCashier, { code: await codeFor(app(), member, v2), orderAmountFen: 2_000 })).status).toBe(403);
  });

  it('stops a deactivated merchant at the counter, and refuses operators and outsiders', async () => {
    const city = await app().login('13900000001');
    const cinema = await merchantIdByName(app(), '湖州万达影城');
    const operator = await staffToken(app(), '13600000502', '湖州市总工会', 'operator');
    const byOperator = await app().call(api.updateMerchant, { params: { id: cinema }, body: { active: false }, token: operator });
    expect(byOperator.error?.code).toBe('ADMIN_REQUIRED');
    expect((await app().call(api.getMerchant, { params: { id: cinema }, token: operator })).body.abilities.manage).toBe(false);
    const grassroots = await app().login('13900000003');
    expect((await app().call(api.getMerchant, { params: { id: cinema }, token: grassroots })).status).toBe(404);
    const off = await app().call(api.updateMerchant, { params: { id: cinema }, body: { active: false }, token: city });
    expect(off.body.active).toBe(false);
    const b = await publishedBatch(app(), city, { kind: 'direct', thresholdFen: null, faceValueFen: 500, stackable: false, merchantIds: [], schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    const [phone] = await activePhones(app(), 1, 90);
    const member = await app().login(phone!);
    const v = (await claim(app(), member, b.id)).body.voucher.id;
    const r = await redeem(app(), await app().login('13900000012'), { code: await codeFor(app(), member, v), orderAmountFen: 2_000 });
    expect(r.error?.code).toBe('VOUCHER_NOT_USABLE_HERE');
  });

  it('refuses a union staff member or another merchant’s cashier as a cashier (409)', async () => {
    const city = await app().login('13900000001');
    const appliance = await merchantIdByName(app(), '湖州苏宁易购吴兴店');
    for (const phone of ['13900000002', '13900000012']) {
      const r = await app().call(api.addCashier, { params: { id: appliance }, body: { phone }, token: city });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('MERCHANT_STAFF_TAKEN');
    }
  });
});
