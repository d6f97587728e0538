import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { NANXUN, WUXING, claim, makeBatch, publishedBatch } from '../../testing/factories';
import { useTestApp, type TestApp } from '../../testing/harness';

const BENEFIT_MORNING = '2026-12-20T02:00:00Z'; // 10:00 Shanghai on the 20th

/** Tokens of `count` active members (a few demo members still wait for approval). */
async function tokens(app: TestApp, count: number): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' order by u.phone limit ${count}`,
  );
  const out: string[] = [];
  for (const r of rows) out.push(await app.login(r.phone));
  return out;
}

describe.each(storageKinds)('claiming vouchers on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z', config: { sessionTtlMs: 90 * 24 * 3600_000 } });
  let city: string;
  let members: string[];
  beforeAll(async () => {
    city = await app().login('13900000001');
    members = await tokens(app(), 200);
  }, 120_000);

  it('issues exactly the stock when 200 members claim 50 at once', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 50, title: '抢券测试 满1000减100' });
    app().clock.set(BENEFIT_MORNING);
    const results = await Promise.all(members.map((t) => claim(app(), t, b.id)));
    const created = results.filter((r) => r.status === 201);
    const soldOut = results.filter((r) => r.status === 409 && r.error?.code === 'VOUCHER_SOLD_OUT');
    expect(results.filter((r) => r.status !== 201 && r.error?.code !== 'VOUCHER_SOLD_OUT').map((r) => r.body)).toEqual([]);
    expect(created).toHaveLength(50);
    expect(soldOut).toHaveLength(150);
    const [row] = await queryRows<{ claimed: number; n: number }>(
      app().deps.db,
      sql`select stock_claimed as claimed, (select count(*)::int from vouchers where batch_id = ${b.id}) as n from voucher_batches where id = ${b.id}`,
    );
    expect(Number(row!.claimed)).toBe(50);
    expect(Number(row!.n)).toBe(50);
  });

  it('gives one member exactly one voucher from 20 parallel claims with different keys', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 100, perMemberLimit: 1 });
    app().clock.set(BENEFIT_MORNING);
    const results = await Promise.all(Array.from({ length: 20 }, () => claim(app(), members[0]!, b.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.error?.code === 'VOUCHER_LIMIT_REACHED')).toHaveLength(19);
    const [row] = await queryRows<{ claimed: number }>(app().deps.db, sql`select stock_claimed as claimed from voucher_batches where id = ${b.id}`);
    expect(Number(row!.claimed)).toBe(1);
  });

  it('fills a limit of 3 exactly from 10 parallel claims', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 2000, perMemberLimit: 3, kind: 'threshold', thresholdFen: 2000, faceValueFen: 500, title: '出行打车 满20减5' });
    app().clock.set(BENEFIT_MORNING);
    const results = await Promise.all(Array.from({ length: 10 }, () => claim(app(), members[1]!, b.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
  });

  it('answers the same key 20 times at once with one voucher and identical bytes', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 100 });
    app().clock.set(BENEFIT_MORNING);
    const key = randomUUID();
    const rawCalls = await Promise.all(Array.from({ length: 20 }, () => claim(app(), members[2]!, b.id, key)));
    expect(new Set(rawCalls.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(rawCalls.map((r) => r.text)).size).toBe(1);
    const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from vouchers where batch_id = ${b.id}`);
    expect(Number(row!.n)).toBe(1);
  });

  it('replays a refusal for the same key, and refuses the key on another batch with 422', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const a = await publishedBatch(app(), city, { stockTotal: 10 });
    const other = await publishedBatch(app(), city, { stockTotal: 10 });
    const key = randomUUID();
    const early = await claim(app(), members[3]!, a.id, key);
    expect(early.error?.code).toBe('VOUCHER_NOT_OPEN');
    app().clock.set(BENEFIT_MORNING);
    const again = await claim(app(), members[3]!, a.id, key);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(early.body);
    const reused = await claim(app(), members[3]!, other.id, key);
    expect(reused.status).toBe(422);
    expect(reused.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('demands an Idempotency-Key on claims', async () => {
    const r = await app().call(api.claim, { params: { id: randomUUID() }, token: members[4], idempotencyKey: false });
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe('IDEMPOTENCY_KEY_MISSING');
  });

  describe('the clock', () => {
    let batchId: string;
    beforeAll(async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      batchId = (await publishedBatch(app(), city, { stockTotal: 100 })).id;
    });
    it('is not open at 09:59:59 on the 20th', async () => {
      app().clock.set('2026-12-20T01:59:59Z');
      const r = await claim(app(), members[5]!, batchId);
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('VOUCHER_NOT_OPEN');
    });
    it('opens at 10:00:00 Shanghai (02:00 UTC)', async () => {
      app().clock.set('2026-12-20T02:00:00Z');
      expect((await claim(app(), members[5]!, batchId)).status).toBe(201);
    });
    it('is still open at 23:59:59 Shanghai, which is 15:59:59 UTC the same day', async () => {
      app().clock.set('2026-12-20T15:59:59Z');
      expect((await claim(app(), members[6]!, batchId)).status).toBe(201);
    });
    it('is closed on the 21st Shanghai although UTC still says the 20th', async () => {
      app().clock.set('2026-12-20T16:00:00Z');
      const r = await claim(app(), members[7]!, batchId);
      expect(r.error?.code).toBe('VOUCHER_NOT_OPEN');
    });
    it('lists the batch as upcoming with a claim state before it opens', async () => {
      app().clock.set('2026-12-19T02:00:00Z');
      const r = await app().call(api.listOpenBatches, { token: members[8] });
      const b = r.body.data.find((x) => x.id === batchId);
      expect(b!.claimState).toBe('not_started');
      expect(b!.opensAt).toBe('2026-12-20T02:00:00.000Z');
    });
    it('opens a January batch on 20 January, across the year boundary', async () => {
      app().clock.set('2026-12-21T02:00:00Z');
      const jan = await publishedBatch(app(), city, { schedule: { type: 'benefitDay', month: '2027-01', startTime: '10:00' } });
      app().clock.set('2027-01-20T01:59:00Z');
      expect((await claim(app(), members[9]!, jan.id)).error?.code).toBe('VOUCHER_NOT_OPEN');
      app().clock.set('2027-01-20T02:00:00Z');
      const ok = await claim(app(), members[9]!, jan.id);
      expect(ok.status).toBe(201);
      expect(ok.body.voucher.period).toBe('2027-01');
    });
  });

  describe('audience', () => {
    it('hides a 吴兴-only batch from a 南浔 member and refuses their claim with 403', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const wuxingStaff = await app().login('13900000002');
      const b = await publishedBatch(app(), wuxingStaff, { unionName: WUXING, title: '吴兴区职工 立减20', kind: 'direct', thresholdFen: null, faceValueFen: 2000, stackable: false });
      app().clock.set(BENEFIT_MORNING);
      const nanxunMember = await memberOf(app(), NANXUN);
      const list = await app().call(api.listOpenBatches, { token: nanxunMember });
      expect(list.body.data.map((x) => x.id)).not.toContain(b.id);
      const r = await claim(app(), nanxunMember, b.id);
      expect(r.status).toBe(403);
      expect(r.error?.code).toBe('VOUCHER_NOT_ELIGIBLE');
      const wuxingMember = await memberOf(app(), WUXING);
      expect((await app().call(api.listOpenBatches, { token: wuxingMember })).body.data.map((x) => x.id)).toContain(b.id);
    });

    it('refuses a district staff member creating a batch for another district', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const wuxingStaff = await app().login('13900000002');
      await expect(makeBatch(app(), wuxingStaff, { unionName: NANXUN })).rejects.toThrow(/404/);
      const cityBatch = await makeBatch(app(), city, { unionName: NANXUN });
      const r = await app().call(api.publishBatch, { params: { id: cityBatch.id }, token: wuxingStaff });
      expect(r.status).toBe(404);
    });

    it('limits a tagged batch to members with the tag', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const b = await publishedBatch(app(), city, { audience: { unionId: (await makeBatch(app(), city)).audience.unionId, tags: ['model_worker'] }, title: '劳模专享 满1000减100' });
      app().clock.set(BENEFIT_MORNING);
      const [plain] = await queryRows<{ phone: string }>(
        app().deps.db,
        sql`select u.phone from members m join users u on u.id = m.user_id where not ('model_worker' = any(m.tags)) and m.status = 'active' limit 1`,
      );
      const r = await claim(app(), await app().login(plain!.phone), b.id);
      expect(r.error?.code).toBe('VOUCHER_NOT_ELIGIBLE');
      const [worker] = await queryRows<{ phone: string }>(
        app().deps.db,
        sql`select u.phone from members m join users u on u.id = m.user_id where 'model_worker' = any(m.tags) and m.status = 'active' limit 1`,
      );
      expect((await claim(app(), await app().login(worker!.phone), b.id)).status).toBe(201);
    });
  });

  describe('returning', () => {
    it('gives stock and quota back, once', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const b = await publishedBatch(app(), city, { stockTotal: 1 });
      app().clock.set(BENEFIT_MORNING);
      const first = await claim(app(), members[10]!, b.id);
      expect(first.status).toBe(201);
      expect((await claim(app(), members[11]!, b.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
      const back = await app().call(api.returnVoucher, { params: { id: first.body.voucher.id }, token: members[10] });
      expect(back.status).toBe(200);
      expect(back.body.voucher.status).toBe('returned');
      const twice = await app().call(api.returnVoucher, { params: { id: first.body.voucher.id }, token: members[10] });
      expect(twice.status).toBe(409);
      expect(twice.error?.code).toBe('VOUCHER_NOT_RETURNABLE');
      const [row] = await queryRows<{ claimed: number }>(app().deps.db, sql`select stock_claimed as claimed from voucher_batches where id = ${b.id}`);
      expect(Number(row!.claimed)).toBe(0);
      // the stock came back: another member can claim it, and the first member's quota too
      expect((await claim(app(), members[11]!, b.id)).status).toBe(201);
      expect((await claim(app(), members[10]!, b.id)).error?.code).toBe('VOUCHER_SOLD_OUT');
    });

    it('returns each voucher once when the same return is sent at once', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const b = await publishedBatch(app(), city, { stockTotal: 5 });
      app().clock.set(BENEFIT_MORNING);
      const v = (await claim(app(), members[12]!, b.id)).body.voucher;
      const rs = await Promise.all(Array.from({ length: 5 }, () => app().call(api.returnVoucher, { params: { id: v.id }, token: members[12] })));
      expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
      const [row] = await queryRows<{ claimed: number }>(app().deps.db, sql`select stock_claimed as claimed from voucher_batches where id = ${b.id}`);
      expect(Number(row!.claimed)).toBe(0);
    });
  });

  describe('my vouchers', () => {
    it('lists unused vouchers and moves expired ones to 已过期 by the clock', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const b = await publishedBatch(app(), city, { validity: { type: 'days', days: 1 } });
      app().clock.set(BENEFIT_MORNING);
      const v = (await claim(app(), members[13]!, b.id)).body.voucher;
      const unused = await app().call(api.myVouchers, { query: { status: 'unused' }, token: members[13] });
      expect(unused.body.data.map((x) => x.id)).toContain(v.id);
      app().clock.set('2026-12-22T00:00:00Z');
      const expired = await app().call(api.myVouchers, { query: { status: 'expired' }, token: members[13] });
      expect(expired.body.data.map((x) => x.id)).toContain(v.id);
      expect((await app().call(api.voucherCode, { params: { id: v.id }, token: members[13] })).error?.code).toBe('VOUCHER_EXPIRED');
    });

    it('answers 404 for another member’s voucher and its code', async () => {
      app().clock.set('2026-12-01T02:00:00Z');
      const b = await publishedBatch(app(), city);
      app().clock.set(BENEFIT_MORNING);
      const v = (await claim(app(), members[14]!, b.id)).body.voucher;
      expect((await app().call(api.voucherCode, { params: { id: v.id }, token: members[15] })).status).toBe(404);
      expect((await app().call(api.myVoucher, { params: { id: v.id }, token: members[15] })).status).toBe(404);
      expect((await app().call(api.returnVoucher, { params: { id: v.id }, token: members[15] })).status).toBe(404);
    });
  });
});

async function memberOf(app: TestApp, districtName: string): Promise<string> {
  const [row] = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id join unions g on g.id = m.union_id
        join unions d on g.path like d.path || '%' where d.name = ${districtName} and m.status = 'active' and u.phone > '13800000200' limit 1`,
  );
  return app.login(row!.phone);
}
