import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, buildPath } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { claim, codeFor, publishedBatch, redeem } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';
import { activePhones, merchantIdByName } from '../../testing/people';

interface SumRow {
  title: string;
  orders: number;
  vouchers: number;
  order_fen: number;
  discount_fen: number;
  payable_fen: number;
}

const yuan = (fen: number) => Math.round(fen) / 100;

/** The Shanghai month's redemptions at one merchant, summed by SQL: what the sheet must say. */
async function sums(db: Parameters<typeof queryRows>[0], merchantId: string, from: string, to: string): Promise<SumRow[]> {
  return queryRows<SumRow>(
    db,
    sql`select b.title, count(*)::int as orders, sum(r.voucher_count)::int as vouchers, sum(r.order_amount_fen)::int as order_fen,
               sum(r.discount_fen)::int as discount_fen, sum(r.payable_fen)::int as payable_fen
          from redemptions r join voucher_batches b on b.id = r.batch_id
         where r.merchant_id = ${merchantId} and r.created_at >= ${from} and r.created_at < ${to}
         group by b.title order by b.title`,
  );
}

async function sheetRows(buffer: ArrayBuffer | Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  const summary = wb.getWorksheet('结算汇总')!;
  const rows: (string | number)[][] = [];
  summary.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as (string | number)[]).slice(1));
  });
  const detail = wb.getWorksheet('核销明细')!;
  return { summary: rows, detailCount: detail.rowCount - 1 };
}

describe.each(storageKinds)('merchant settlement on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-02T02:00:00Z' });

  it('matches SQL sums in every column and every batch, with a stacked order, and puts 00:30 on the 1st into the new month', async () => {
    const city = await app().login('13900000001');
    const cashier = await app().login('13900000011');
    const appliance = await merchantIdByName(app(), '湖州苏宁易购吴兴店');
    const window = { type: 'window' as const, startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-20T00:00:00Z' };
    const stacked = await publishedBatch(app(), city, { title: '结算测试 满1000减100', stackable: true, perMemberLimit: 2, schedule: window, validity: { type: 'days', days: 60 } });
    const direct = await publishedBatch(app(), city, { title: '结算测试 立减10', kind: 'direct', thresholdFen: null, faceValueFen: 1_000, stackable: false, perMemberLimit: 3, schedule: window, validity: { type: 'days', days: 60 } });
    const [pa, pb] = await activePhones(app(), 2, 30);
    const a = await app().login(pa!);
    const b = await app().login(pb!);
    const s1 = (await claim(app(), a, stacked.id)).body.voucher.id;
    const s2 = (await claim(app(), a, stacked.id)).body.voucher.id;
    const d = [];
    for (let i = 0; i < 3; i++) d.push((await claim(app(), b, direct.id)).body.voucher.id);

    const at = async (instant: string, memberToken: string, voucherId: string, orderAmountFen: number, voucherIds?: string[]) => {
      app().clock.set(instant);
      const r = await redeem(app(), cashier, { code: await codeFor(app(), memberToken, voucherId), orderAmountFen, ...(voucherIds ? { voucherIds } : {}) });
      expect(r.status).toBe(201);
      return r.body;
    };
    const stackedOrder = await at('2026-12-10T04:00:00Z', a, s1, 250_000, [s1, s2]);
    expect(stackedOrder.vouchers).toHaveLength(2);
    await at('2026-12-15T04:00:00Z', b, d[0]!, 5_000);
    await at('2026-12-31T15:30:00Z', b, d[1]!, 4_000); // 23:30 on the 31st in Shanghai: December
    await at('2026-12-31T16:30:00Z', b, d[2]!, 3_000); // 00:30 on 1 January in Shanghai: January

    const months = [
      ['2026-12', '2026-11-30T16:00:00Z', '2026-12-31T16:00:00Z'],
      ['2027-01', '2026-12-31T16:00:00Z', '2027-01-31T16:00:00Z'],
    ] as const;
    for (const [month, from, to] of months) {
      const res = await fetch(`${app().baseUrl}${buildPath(api.merchantSettlementXlsx.path, { id: appliance })}?month=${month}`, { headers: { authorization: `Bearer ${city}` } });
      expect(res.status).toBe(200);
      const file = await res.arrayBuffer();
      const { summary, detailCount } = await sheetRows(file);
      const expected = await sums(app().deps.db, appliance, from, to);
      const byTitle = new Map(summary.slice(0, -1).map((r) => [String(r[0]), r]));
      expect(byTitle.size).toBe(expected.length);
      for (const e of expected) {
        expect(byTitle.get(e.title)).toEqual([e.title, e.orders, e.vouchers, yuan(e.order_fen), yuan(e.discount_fen), yuan(e.payable_fen)]);
      }
      const total = summary.at(-1)!;
      const add = (k: keyof SumRow) => expected.reduce((s, e) => s + Number(e[k]), 0);
      expect(total.slice(1)).toEqual([add('orders'), add('vouchers'), yuan(add('order_fen')), yuan(add('discount_fen')), yuan(add('payable_fen'))]);
      expect(detailCount).toBe(add('orders'));
    }
    // the two edge orders landed where Shanghai's calendar puts them
    const jan = await sums(app().deps.db, appliance, '2026-12-31T16:00:00Z', '2027-01-31T16:00:00Z');
    expect(jan).toEqual([expect.objectContaining({ title: '结算测试 立减10', orders: 1, order_fen: 3_000 })]);
    const dec = await sums(app().deps.db, appliance, '2026-11-30T16:00:00Z', '2026-12-31T16:00:00Z');
    expect(dec.find((r) => r.title === '结算测试 立减10')).toMatchObject({ orders: 2, order_fen: 9_000, discount_fen: 2_000 });
    expect(dec.find((r) => r.title === '结算测试 满1000减100')).toMatchObject({ orders: 1, vouchers: 2, order_fen: 250_000, discount_fen: 20_000, payable_fen: 230_000 });
  });
});
