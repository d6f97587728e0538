import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { NANXUN, WUXING, claim, codeFor, publishedBatch, redeem } from '../../testing/factories';
import { unionIdByName, useTestApp, type TestApp } from '../../testing/harness';

const BENEFIT_MORNING = '2026-12-20T02:00:00Z';

async function activeMemberToken(app: TestApp, offset: number): Promise<string> {
  const [row] = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id join unions g on g.id = m.union_id
        where m.status = 'active' and g.path like (select path from unions where name = '吴兴区总工会') || '%'
        order by u.phone offset ${offset} limit 1`,
  );
  return app.login(row!.phone);
}

describe.each(storageKinds)('redeeming vouchers on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let city: string;
  let merchant: string;
  let manjian: { id: string };
  beforeAll(async () => {
    city = await app().login('13900000001');
    merchant = await app().login('13900000011'); // 湖州苏宁易购吴兴店, a city-wide partner
    manjian = await publishedBatch(app(), city, { stockTotal: 100, perMemberLimit: 3, stackable: true });
    app().clock.set(BENEFIT_MORNING);
  });

  it('stacks two of three 满1000减100 vouchers on a ¥2,000 order: ¥200 off', async () => {
    const member = await activeMemberToken(app(), 0);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await claim(app(), member, manjian.id)).body.voucher.id);
    const code = await codeFor(app(), member, ids[0]!);
    // the code alone spends the presented voucher only; the preview offers the other two
    const alone = await app().call(api.previewRedemption, { body: { code, orderAmountFen: 200_000 }, token: merchant });
    expect(alone.status).toBe(200);
    expect(alone.body).toMatchObject({ discountFen: 10_000, payableFen: 190_000, redemptionId: null });
    expect(alone.body.vouchers.map((v) => v.id)).toEqual([ids[0]]);
    expect(alone.body.stackable.map((v) => v.id).sort()).toEqual([ids[1], ids[2]].sort());
    // the cashier picks all three; a ¥2,000 order can carry only two
    const picked = [ids[0]!, ids[1]!, ids[2]!];
    const preview = await app().call(api.previewRedemption, { body: { code, orderAmountFen: 200_000, voucherIds: picked }, token: merchant });
    expect(preview.body).toMatchObject({ discountFen: 20_000, payableFen: 180_000, redemptionId: null });
    const r = await redeem(app(), merchant, { code, orderAmountFen: 200_000, voucherIds: picked });
    expect(r.status).toBe(201);
    expect(r.body.discountFen).toBe(20_000);
    expect(r.body.payableFen).toBe(180_000);
    expect(r.body.vouchers).toHaveLength(2);
    expect(r.body.vouchers[0]!.id).toBe(ids[0]);
    const mine = await app().call(api.myVouchers, { query: { status: 'used' }, token: member });
    expect(mine.body.data).toHaveLength(2);
    expect(mine.body.data[0]!.merchantName).toBe('湖州苏宁易购吴兴店');
    const left = await app().call(api.myVouchers, { query: { status: 'unused' }, token: member });
    expect(left.body.data).toHaveLength(1);
  });

  it('lets exactly one of two counters redeem one code at the same moment', async () => {
    const member = await activeMemberToken(app(), 1);
    const v = (await claim(app(), member, manjian.id)).body.voucher;
    const code = await codeFor(app(), member, v.id);
    const [a, b] = await Promise.all([redeem(app(), merchant, { code, orderAmountFen: 150_000 }), redeem(app(), merchant, { code, orderAmountFen: 150_000 })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from redemptions r join vouchers v on v.redemption_id = r.id where v.id = ${v.id}`);
    expect(Number(row!.n)).toBe(1);
  });

  it('repeats the first answer for a repeated Idempotency-Key at the counter', async () => {
    const member = await activeMemberToken(app(), 2);
    const v = (await claim(app(), member, manjian.id)).body.voucher;
    const code = await codeFor(app(), member, v.id);
    const first = await redeem(app(), merchant, { code, orderAmountFen: 120_000 }, 'counter-key-0001');
    const again = await redeem(app(), merchant, { code, orderAmountFen: 120_000 }, 'counter-key-0001');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('refuses a code older than 30 seconds with VOUCHER_CODE_EXPIRED', async () => {
    const member = await activeMemberToken(app(), 3);
    const v = (await claim(app(), member, manjian.id)).body.voucher;
    const code = await codeFor(app(), member, v.id);
    app().clock.advance(31_000);
    const r = await redeem(app(), merchant, { code, orderAmountFen: 150_000 });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('VOUCHER_CODE_EXPIRED');
    const fresh = await codeFor(app(), member, v.id);
    expect(fresh).not.toBe(code);
  });

  it('refuses an order under the threshold with 422 and uses nothing', async () => {
    const member = await activeMemberToken(app(), 4);
    const v = (await claim(app(), member, manjian.id)).body.voucher;
    const code = await codeFor(app(), member, v.id);
    const r = await redeem(app(), merchant, { code, orderAmountFen: 99_999 });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('VOUCHER_THRESHOLD_NOT_MET');
    expect((await app().call(api.myVouchers, { query: { status: 'unused' }, token: member })).body.data.map((x) => x.id)).toContain(v.id);
  });

  it('refuses a merchant outside the batch’s area with 403 VOUCHER_NOT_USABLE_HERE', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const wuxingStaff = await app().login('13900000002');
    const wuxingBatch = await publishedBatch(app(), wuxingStaff, { unionName: WUXING, stockTotal: 10 });
    const created = await app().call(api.createMerchant, {
      body: { name: '南浔古镇特产店', category: '特产', address: '南浔区南浔镇', unionId: await unionIdByName(app(), NANXUN), staffPhones: ['13900000021'] },
      token: city,
    });
    expect(created.status).toBe(201);
    app().clock.set(BENEFIT_MORNING);
    const nanxunMerchant = await app().login('13900000021');
    const member = await activeMemberToken(app(), 5);
    const v = (await claim(app(), member, wuxingBatch.id)).body.voucher;
    const code = await codeFor(app(), member, v.id);
    const r = await redeem(app(), nanxunMerchant, { code, orderAmountFen: 200_000 });
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe('VOUCHER_NOT_USABLE_HERE');
    // the city-wide partner may take it
    expect((await redeem(app(), merchant, { code, orderAmountFen: 200_000 })).status).toBe(201);
  });

  it('refuses a used voucher’s code and shows the day’s redemptions to the merchant', async () => {
    const member = await activeMemberToken(app(), 6);
    const v = (await claim(app(), member, manjian.id)).body.voucher;
    const code = await codeFor(app(), member, v.id);
    expect((await redeem(app(), merchant, { code, orderAmountFen: 100_000 })).status).toBe(201);
    const codeAgain = await app().call(api.voucherCode, { params: { id: v.id }, token: member });
    expect(codeAgain.error?.code).toBe('VOUCHER_ALREADY_USED');
    const day = await app().call(api.merchantRedemptions, { query: { date: '2026-12-20' }, token: merchant });
    expect(day.status).toBe(200);
    expect(day.body.data.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(day.body)).not.toMatch(/(?<![\w-])1[3-9]\d{9}(?![\w-])/);
  });

  it('forbids members from the merchant counter', async () => {
    const member = await activeMemberToken(app(), 7);
    const r = await redeem(app(), member, { code: '0000000000', orderAmountFen: 100 });
    expect(r.status).toBe(403);
  });

  it('exports a month’s settlement for a merchant as xlsx', async () => {
    const [m] = await queryRows<{ id: string }>(app().deps.db, sql`select id from merchants where name = '湖州苏宁易购吴兴店'`);
    const res = await app().call(api.merchantSettlementXlsx, { params: { id: m!.id }, query: { month: '2026-12' }, token: city });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('商户结算-湖州苏宁易购吴兴店-2026-12.xlsx');
    const buf = res.bytes;
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const summary = wb.getWorksheet('结算汇总')!;
    const totalRow = summary.getRow(summary.rowCount);
    expect(String(totalRow.getCell(1).value)).toContain('合计');
    const [sum] = await queryRows<{ d: number }>(app().deps.db, sql`select coalesce(sum(discount_fen),0)::int as d from redemptions where merchant_id = ${m!.id} and created_at >= '2026-11-30T16:00:00Z' and created_at < '2026-12-31T16:00:00Z'`);
    expect(Number(totalRow.getCell(5).value)).toBeCloseTo(Number(sum!.d) / 100, 2);
  });
});
