import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { claim, codeFor, publishedBatch, redeem } from '../../testing/factories';
import { memberIdByPhone, useTestApp, type TestApp } from '../../testing/harness';
import { activePhones } from '../../testing/people';

const OPEN_NOW = { type: 'window' as const, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' };

async function smsSignIn(app: TestApp, phone: string): Promise<string> {
  app.clock.advance(61_000);
  await app.call(api.smsCode, { body: { phone } });
  return (await app.call(api.smsLogin, { body: { phone, code: app.sms.lastCodeFor(phone) } })).body.token;
}

describe.each(storageKinds)('claim rules on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-02T02:00:00Z' });

  it('gives a batch tagged 劳模 or 一线职工 to a member who is only a 劳模, and refuses a member with neither (403)', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { audience: { unionId: (await app().call(api.listUnions, { token: city })).body.data[0]!.id, tags: ['model_worker', 'frontline'] }, schedule: OPEN_NOW });
    const [modelWorker, plain] = await activePhones(app(), 2, 20);
    const tag = await app().call(api.updateMember, { params: { id: await memberIdByPhone(app(), modelWorker!) }, body: { tags: ['model_worker'] }, token: city });
    expect(tag.status).toBe(200);
    await app().call(api.updateMember, { params: { id: await memberIdByPhone(app(), plain!) }, body: { tags: ['migrant'] }, token: city });
    expect((await claim(app(), await app().login(modelWorker!), b.id)).status).toBe(201);
    const refused = await claim(app(), await app().login(plain!), b.id);
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('VOUCHER_NOT_ELIGIBLE');
  });

  it('keeps idempotency keys per caller: two members with one key get a voucher each', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { schedule: OPEN_NOW });
    const [p1, p2] = await activePhones(app(), 2, 22);
    const key = randomUUID();
    const a = await claim(app(), await app().login(p1!), b.id, key);
    const z = await claim(app(), await app().login(p2!), b.id, key);
    expect([a.status, z.status]).toEqual([201, 201]);
    expect(a.body.voucher.id).not.toBe(z.body.voucher.id);
    const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from vouchers where batch_id = ${b.id}`);
    expect(row!.n).toBe(2);
  });

  it('refuses a key reused for another redemption with 422 IDEMPOTENCY_KEY_REUSED, leaving the second voucher untouched', async () => {
    const city = await app().login('13900000001');
    const cashier = await app().login('13900000011');
    const b = await publishedBatch(app(), city, { kind: 'direct', thresholdFen: null, faceValueFen: 1_000, stackable: false, perMemberLimit: 2, schedule: OPEN_NOW });
    const [phone] = await activePhones(app(), 1, 24);
    const member = await app().login(phone!);
    const v1 = (await claim(app(), member, b.id)).body.voucher.id;
    const v2 = (await claim(app(), member, b.id)).body.voucher.id;
    const key = randomUUID();
    const first = await redeem(app(), cashier, { code: await codeFor(app(), member, v1), orderAmountFen: 5_000 }, key);
    expect(first.status).toBe(201);
    for (const body of [{ code: await codeFor(app(), member, v2), orderAmountFen: 5_000 }, { code: await codeFor(app(), member, v2), orderAmountFen: 9_000 }]) {
      const reused = await redeem(app(), cashier, body, key);
      expect(reused.status).toBe(422);
      expect(reused.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect((await app().call(api.myVoucher, { params: { id: v2 }, token: member })).body.status).toBe('unused');
  });

  it('lets only admitted members claim: a pending applicant and a rejected one in the audience get 403 and do not see the batch', async () => {
    const city = await app().login('13900000001');
    const district = await app().login('13900000002');
    const b = await publishedBatch(app(), city, { schedule: OPEN_NOW });
    const pending = await smsSignIn(app(), '13500000401');
    const applied = await app().call(api.join, { body: { joinCode: 'HZWXKIDS2', name: '周敏', idNumber: '330502199508087774', employer: '织里镇星童服饰有限公司', idNumberConsent: true }, token: pending });
    expect(applied.body.status).toBe('pending');
    const refused = await claim(app(), pending, b.id);
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('MEMBER_NOT_ACTIVE');
    expect((await app().call(api.listOpenBatches, { token: pending })).body.data.map((x) => x.id)).not.toContain(b.id);
    expect((await app().call(api.updateMember, { params: { id: applied.body.id }, body: { status: 'rejected', reason: '非本园区职工' }, token: district })).status).toBe(200);
    const rejected = await claim(app(), pending, b.id);
    expect(rejected.status).toBe(403);
    expect(rejected.error?.code).toBe('NOT_A_MEMBER');
    expect((await app().call(api.listOpenBatches, { token: pending })).status).toBe(403);
  });

  it('answers every claim past the stock 409 VOUCHER_SOLD_OUT under a race, never a 5xx', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { stockTotal: 20, schedule: OPEN_NOW });
    const tokens = await Promise.all((await activePhones(app(), 60, 200)).map((p) => app().login(p)));
    const rs = await Promise.all(tokens.map((t) => claim(app(), t, b.id)));
    const statuses = rs.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    expect(rs.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.error?.code === 'VOUCHER_SOLD_OUT')).toBe(true);
  });

  it('answers 409 VOUCHER_SOLD_OUT, not 500, when the table’s check constraint is what stops a claim', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { title: '约束兜底测试', stockTotal: 5, schedule: OPEN_NOW });
    // Stand in for a broken guard: a trigger pushes the counter past the stock on this batch's update,
    // so only voucher_batches_stock_check can refuse it.
    await app().deps.db.execute(sql`create or replace function gh_test_overclaim() returns trigger language plpgsql as $$
      begin if new.title = '约束兜底测试' then new.stock_claimed := new.stock_total + 1; end if; return new; end $$`);
    await app().deps.db.execute(sql`create trigger gh_test_overclaim before update on voucher_batches for each row execute function gh_test_overclaim()`);
    try {
      const [phone] = await activePhones(app(), 1, 26);
      const r = await claim(app(), await app().login(phone!), b.id);
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('VOUCHER_SOLD_OUT');
      const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from vouchers where batch_id = ${b.id}`);
      expect(row!.n).toBe(0);
    } finally {
      await app().deps.db.execute(sql`drop trigger gh_test_overclaim on voucher_batches`);
    }
  });
});
