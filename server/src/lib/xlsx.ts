import type ExcelJS from 'exceljs';
import { formatShanghai, maskName } from '@gonghui/shared';
import type { schema } from '../db/index';

type RedemptionRow = typeof schema.redemptions.$inferSelect;

/** One redemption (an order) as a spreadsheet line; `label` is the batch or the merchant, whichever the sheet is not about. */
export interface RedemptionLine {
  r: RedemptionRow;
  label: string;
  memberName: string;
  memberNo: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const yuan = (fen: number) => Math.round(fen) / 100;

export function styleHeader(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The detail sheet both exports share: one row per order, member names masked, money in yuan. */
export function addRedemptionSheet(wb: ExcelJS.Workbook, labelHeader: string, lines: RedemptionLine[]): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet('核销明细');
  sheet.columns = [
    { header: '核销时间', key: 'at', width: 18 },
    { header: labelHeader, key: 'label', width: 28 },
    { header: '会员', key: 'member', width: 10 },
    { header: '会员号', key: 'memberNo', width: 14 },
    { header: '用券张数', key: 'vouchers', width: 10 },
    { header: '订单金额（元）', key: 'order', width: 16 },
    { header: '优惠金额（元）', key: 'discount', width: 16 },
    { header: '顾客实付（元）', key: 'payable', width: 16 },
  ];
  for (const { r, label, memberName, memberNo } of lines) {
    sheet.addRow({
      at: formatShanghai(r.createdAt, true),
      label,
      member: maskName(memberName),
      memberNo,
      vouchers: r.voucherCount,
      order: yuan(r.orderAmountFen),
      discount: yuan(r.discountFen),
      payable: yuan(r.payableFen),
    });
  }
  styleHeader(sheet);
  return sheet;
}
