import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { pruneExpired } from '../../maintenance';
import { storageKinds } from '../../testing/database';
import { claim, codeFor, makeBatch, publishedBatch, redeem } from '../../testing/factories';
import { unionIdByName, useTestApp, type TestApp } from '../../testing/harness';

async function activePhones(app: TestApp, n: number, offset = 100): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(app.deps.db, sql`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' order by u.phone offset ${offset} limit ${n}`);
  return rows.map((r) => r.phone);
}

describe.each(storageKinds)('hardening on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let city: string;
  beforeAll(async () => {
    city = await app().login('13900000001');
  });

  it('redeems crossed codes of one member’s stacked vouchers at two counters without a 5xx', async () => {
    const b = await publishedBatch(app(), city, { stockTotal: 100, perMemberLimit: 2, stackable: true });
    app().clock.set('2026-12-20T02:00:00Z');
    const merchant = await app().login('13900000011');
    const phones = await activePhones(app(), 6);
    for (const phone of phones) {
      const member = await app().login(phone);
      const v1 = (await claim(app(), member, b.id)).body.voucher.id;
      const v2 = (await claim(app(), member, b.id)).body.voucher.id;
      const c1 = await codeFor(app(), member, v1);
      const c2 = await codeFor(app(), member, v2);
      // each counter picks the member's other voucher too, so the two orders fight over both
      const [a, z] = await Promise.all([
        redeem(app(), merchant, { code: c1, orderAmountFen: 200_000, voucherIds: [v1, v2] }),
        redeem(app(), merchant, { code: c2, orderAmountFen: 200_000, voucherIds: [v2, v1] }),
      ]);
      const statuses = [a.status, z.status].sort();
      expect(statuses[0]).toBe(201);
      expect(statuses[1]).toBe(409);
      expect([a, z].find((r) => r.status === 409)!.error?.code).toBe('VOUCHER_ALREADY_USED');
    }
  });

  it('refuses NUL characters anywhere with 400 and writes nothing', async () => {
    const [before] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from voucher_batches`);
    const staffBody = { title: '坏\u0000标题', kind: 'direct', faceValueFen: 100, stockTotal: 1, audience: { unionId: await unionIdByName(app(), '湖州市总工会'), tags: [] }, schedule: { type: 'benefitDay', month: '2027-01' }, validity: { type: 'days', days: 3 } };
    const r = await app().post('/api/admin/voucher-batches', staffBody, city);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const q = await app().get(`/api/admin/members?q=${encodeURIComponent('138\u0000')}`, city);
    expect(q.status).toBe(400);
    const [after] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from voucher_batches`);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses impossible dates and a forged cursor with 400, not 500', async () => {
    const merchant = await app().login('13900000011');
    expect((await app().get('/api/merchant/redemptions?date=2026-02-31', merchant)).status).toBe(400);
    const member = await app().login((await activePhones(app(), 1, 150))[0]!);
    const cursor = Buffer.from('2026-12-01T00:00:00.000Z|not-a-uuid').toString('base64url');
    expect((await app().get(`/api/my/vouchers?cursor=${cursor}`, member)).status).toBe(400);
    const early = await app().post('/api/admin/voucher-batches', { title: '远古券', kind: 'direct', faceValueFen: 100, stockTotal: 1, audience: { unionId: await unionIdByName(app(), '湖州市总工会'), tags: [] }, schedule: { type: 'window', startsAt: '0000-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' }, validity: { type: 'days', days: 3 } }, city);
    expect(early.status).toBe(400);
  });

  it('lets an operator prepare a batch but only an admin publish it', async () => {
    const [op] = await queryRows<{ id: string }>(app().deps.db, sql`insert into users (phone, display_name) values ('13900000099', '经办人') returning id`);
    await app().deps.db.execute(sql`insert into staff_roles (user_id, union_id, role) values (${op!.id}, ${await unionIdByName(app(), '湖州市总工会')}, 'operator')`);
    const operator = await app().login('13900000099');
    const draft = await makeBatch(app(), operator);
    const r = await app().call(api.publishBatch, { params: { id: draft.id }, token: operator });
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe('ADMIN_REQUIRED');
    expect((await app().call(api.publishBatch, { params: { id: draft.id }, token: city })).status).toBe(200);
  });

  it('refuses binding union staff or another merchant’s cashier as a new merchant’s cashier', async () => {
    const unionId = await unionIdByName(app(), '吴兴区总工会');
    for (const phone of ['13900000002', '13900000011']) {
      const r = await app().call(api.createMerchant, { body: { name: '某五金店', category: '五金', address: '', unionId, staffPhones: [phone] }, token: city });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('MERCHANT_STAFF_TAKEN');
    }
    const me = await app().call(api.me, { token: await app().login('13900000002') });
    expect(me.body.merchant).toBeNull();
    const ok = await app().call(api.createMerchant, { body: { name: '某五金店', category: '五金', address: '', unionId, staffPhones: ['13900000098'] }, token: city });
    expect(ok.status).toBe(201);
  });

  it('refuses a listed merchant from another district for a district batch', async () => {
    const wuxing = await app().login('13900000002');
    const nanxunMerchant = await app().call(api.createMerchant, { body: { name: '南浔水晶晶超市', category: '商超', address: '', unionId: await unionIdByName(app(), '南浔区总工会'), staffPhones: [] }, token: city });
    await expect(makeBatch(app(), wuxing, { unionName: '吴兴区总工会', merchantIds: [nanxunMerchant.body.id] })).rejects.toThrow(/404/);
  });

  it('lets a union switch joining to staff approval (admins only)', async () => {
    const id = await unionIdByName(app(), '湖州吴兴智能装备有限公司工会');
    const r = await app().call(api.updateUnion, { params: { id }, body: { joinApproval: 'manual' }, token: await app().login('13900000003') });
    expect(r.status).toBe(200);
    expect(r.body.joinApproval).toBe('manual');
    expect((await app().call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' } })).body.joinApproval).toBe('manual');
  });

  it('stops a cashier account after 20 unknown codes in ten minutes (429), through redeem and preview alike', async () => {
    await app().call(api.createMerchant, { body: { name: '试码便利店', category: '商超', address: '', unionId: await unionIdByName(app(), '湖州市总工会'), staffPhones: ['13900000097'] }, token: city });
    const cashier = await app().login('13900000097');
    for (let i = 0; i < 20; i++) {
      const r = await redeem(app(), cashier, { code: String(1_000_000_000 + i), orderAmountFen: 100_000 });
      expect(r.error?.code).toBe('VOUCHER_CODE_EXPIRED');
    }
    const blocked = await redeem(app(), cashier, { code: '1999999999', orderAmountFen: 100_000 });
    expect(blocked.status).toBe(429);
    expect((await app().call(api.previewRedemption, { body: { code: '1999999998', orderAmountFen: 100 }, token: cashier })).status).toBe(429);
    app().clock.advance(11 * 60_000);
    expect((await redeem(app(), cashier, { code: '1999999997', orderAmountFen: 100_000 })).error?.code).toBe('VOUCHER_CODE_EXPIRED');
  });

  it('prunes expired codes and old idempotency answers, keeping fresh ones', async () => {
    const b = await publishedBatch(app(), city, { stockTotal: 5, schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    app().clock.set('2026-12-02T02:00:00Z');
    const member = await app().login((await activePhones(app(), 1, 160))[0]!);
    const key = randomUUID();
    const v = (await claim(app(), member, b.id, key)).body.voucher;
    await codeFor(app(), member, v.id);
    app().clock.set('2026-12-10T02:00:00Z');
    const pruned = await pruneExpired(app().deps.db, app().clock.now());
    expect(pruned.codes).toBeGreaterThanOrEqual(1);
    expect(pruned.idempotencyKeys).toBeGreaterThanOrEqual(1);
    const [left] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from idempotency_keys where key = ${key}`);
    expect(left!.n).toBe(0);
  });
});
