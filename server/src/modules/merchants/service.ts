import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { AppError, fromShanghai, parsePeriod, addMonths } from '@gonghui/shared';
import { schema } from '../../db/index';
import type { BinaryFile } from '../../http/route';
import { addRedemptionSheet, styleHeader, XLSX_TYPE, yuan } from '../../lib/xlsx';
import { inScopeSql, pathInScope } from '../../policies/staff';
import { scopedUnion, unionPolicy } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { bindCashier } from './profile';

const { merchants, merchantStaff, unions, redemptions, voucherBatches, members } = schema;

export async function merchantCreator(scope: Scope, input: { name: string; category: string; address: string; unionId: string; staffPhones: string[] }) {
  const union = await scopedUnion(scope, input.unionId);
  unionPolicy.authorize(scope, 'signMerchants', union);
  const [m] = await scope.db
    .insert(merchants)
    .values({ name: input.name, category: input.category, address: input.address, unionId: union.id, createdAt: scope.now })
    .returning({ id: merchants.id });
  const bound: string[] = [];
  for (const phone of new Set(input.staffPhones)) bound.push(await bindCashier(scope, m!.id, phone));
  await audit(scope, 'merchant.create', { type: 'merchant', id: m!.id }, { unionId: union.id, staffUserIds: bound });
  const [view] = (await merchantList(scope)).data.filter((x) => x.id === m!.id);
  return view!;
}

export async function merchantList(scope: Scope) {
  const rows = await scope.db
    .select({
      m: merchants,
      unionName: unions.name,
      staffCount: sql<number>`(select count(*)::int from ${merchantStaff} s where s.merchant_id = ${merchants.id})`,
    })
    .from(merchants)
    .innerJoin(unions, eq(unions.id, merchants.unionId))
    .where(inScopeSql(scope.auth, unions.path))
    .orderBy(asc(merchants.name));
  return {
    data: rows.map((r) => ({
      id: r.m.id,
      name: r.m.name,
      category: r.m.category,
      address: r.m.address,
      unionId: r.m.unionId,
      unionName: r.unionName,
      active: r.m.active,
      staffCount: Number(r.staffCount),
    })),
  };
}

/**
 * One merchant's settlement for a Shanghai month: every redemption of vouchers issued by unions
 * in the caller's subtree, and a summary per batch — what the union owes the merchant.
 */
export async function merchantSettlement(scope: Scope, { merchantId, month }: { merchantId: string; month: string }): Promise<BinaryFile> {
  const { db, auth } = scope;
  const [merchant] = await db.select().from(merchants).where(eq(merchants.id, merchantId)).limit(1);
  if (!merchant) throw new AppError('MERCHANT_NOT_FOUND');
  const { year, month: m } = parsePeriod(month);
  const from = fromShanghai(year, m, 1);
  const next = parsePeriod(addMonths(month, 1));
  const to = fromShanghai(next.year, next.month, 1);
  const rows = await db
    .select({ r: redemptions, batchTitle: voucherBatches.title, batchUnionPath: voucherBatches.unionPath, memberName: members.name, memberNo: members.memberNo })
    .from(redemptions)
    .innerJoin(voucherBatches, eq(voucherBatches.id, redemptions.batchId))
    .innerJoin(members, eq(members.id, redemptions.memberId))
    .where(and(eq(redemptions.merchantId, merchantId), gte(redemptions.createdAt, from), lt(redemptions.createdAt, to), inScopeSql(auth, voucherBatches.unionPath)))
    .orderBy(asc(redemptions.createdAt));
  // A merchant nobody in scope ever issued vouchers for, and that is not in scope itself, stays unknown.
  const [owner] = await db.select({ path: unions.path }).from(unions).where(eq(unions.id, merchant.unionId));
  if (rows.length === 0 && !(owner && pathInScope(auth, owner.path))) throw new AppError('MERCHANT_NOT_FOUND');

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  const summary = wb.addWorksheet('结算汇总');
  summary.columns = [
    { header: '券批次', key: 'batch', width: 28 },
    { header: '核销笔数', key: 'orders', width: 10 },
    { header: '用券张数', key: 'vouchers', width: 10 },
    { header: '订单金额（元）', key: 'order', width: 16 },
    { header: '优惠金额（元）', key: 'discount', width: 16 },
    { header: '顾客实付（元）', key: 'payable', width: 16 },
  ];
  const byBatch = new Map<string, { orders: number; vouchers: number; order: number; discount: number; payable: number }>();
  for (const r of rows) {
    const t = byBatch.get(r.batchTitle) ?? { orders: 0, vouchers: 0, order: 0, discount: 0, payable: 0 };
    t.orders++;
    t.vouchers += r.r.voucherCount;
    t.order += r.r.orderAmountFen;
    t.discount += r.r.discountFen;
    t.payable += r.r.payableFen;
    byBatch.set(r.batchTitle, t);
  }
  for (const [batch, t] of byBatch) summary.addRow({ batch, orders: t.orders, vouchers: t.vouchers, order: yuan(t.order), discount: yuan(t.discount), payable: yuan(t.payable) });
  const total = [...byBatch.values()].reduce((s, t) => ({ orders: s.orders + t.orders, vouchers: s.vouchers + t.vouchers, order: s.order + t.order, discount: s.discount + t.discount, payable: s.payable + t.payable }), { orders: 0, vouchers: 0, order: 0, discount: 0, payable: 0 });
  summary.addRow({ batch: `合计（${merchant.name} ${month}）`, orders: total.orders, vouchers: total.vouchers, order: yuan(total.order), discount: yuan(total.discount), payable: yuan(total.payable) }).font = { bold: true };
  styleHeader(summary);

  addRedemptionSheet(wb, '券批次', rows.map((x) => ({ r: x.r, label: x.batchTitle, memberName: x.memberName, memberNo: x.memberNo })));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await audit(scope, 'merchant.export_settlement', { type: 'merchant', id: merchantId }, { month, rows: rows.length });
  return { filename: `settlement-${month}.xlsx`, chineseName: `商户结算-${merchant.name}-${month}.xlsx`, contentType: XLSX_TYPE, buffer };
}
