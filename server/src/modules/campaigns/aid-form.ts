/*
 * Annex 2 (帮扶中心工作统计表) for a union and a period, from the records: paid relief by kind
 * (F1–F3, F7 / G1–G3, G7) and by source of funds (E1–E5), archive exits by way (H1–H4), donations
 * (J), convenience-service check-ins (K2); the rest (centres, staff, volunteers, stations, training,
 * loans, counselling, health services, spending, pilots, the 是/否 item) entered by hand per union.
 * Each union's own form is computed and the subtree's is their sum. Relief and exits are hardship
 * records: their drill-down rows only reach staff with the hardship duty (the totals stay).
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import {
  AID_FORM_ITEMS,
  AppError,
  aidFormItem,
  aidFormUnitLabels,
  aidFormYear,
  aidLeafCodes,
  computeAidForm,
  formatAidValue,
  isAidHandEnterable,
  isAidMoneyItem,
  rollUpAidForms,
  type AidFormView,
  type ComputedFormItem,
  type ExitWay,
  type FormQuery,
  type FormRecordView,
  type FundSource,
  type ReliefKind,
} from '@gonghui/shared';
import { queryRows, schema } from '../../db/index';
import type { BinaryFile } from '../../http/route';
import { decodeOffsetCursor, encodeCursor } from '../../lib/pagination';
import { XLSX_TYPE } from '../../lib/xlsx';
import { hardshipScopeSql } from '../../policies/hardship';
import { scopedUnion } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { add, computeFormOf, maskLabel, period, type Figures, type Period } from './form';

const { aidCentreFormEntries } = schema;

/** Relief kinds → the help rows (F人次 / G款物). */
const KIND_ROW: Record<ReliefKind, number> = { living: 1, medical: 2, schooling: 3, other: 7 };
/** Sources of funds → E1–E5 (Annex 2 has no 行政拨付: it counts as 其他收入). */
const FUND_ROW: Record<FundSource, string> = { central: 'E1', local: 'E2', union: 'E3', donations: 'E4', administrative: 'E5', other: 'E5' };
const EXIT_ROW: Record<ExitWay, string> = { employment: 'H1', social_insurance: 'H2', medical_insurance: 'H3', social_assistance: 'H4' };
/** Activity categories counted as 其他生活保障服务 (K2), as in Annex 1's F3. */
const LIVING = ['convenience'];

const list = (xs: string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

async function recordFigures(scope: Scope, path: string, p: Period): Promise<Figures> {
  const out: Figures = new Map();
  const like = `${path}%`;
  const relief = await queryRows<{ union_id: string; kind: ReliefKind; fund_source: FundSource; n: number; amt: string }>(
    scope.db,
    sql`select union_id, kind, fund_source, count(*)::int as n, sum(amount_fen)::bigint as amt from relief_payments
        where union_path like ${like} and status = 'paid' and paid_at >= ${p.fromAt} and paid_at < ${p.toAt} group by union_id, kind, fund_source`,
  );
  for (const r of relief) {
    add(out, r.union_id, `F${KIND_ROW[r.kind]}`, r.n);
    add(out, r.union_id, `G${KIND_ROW[r.kind]}`, Number(r.amt));
    add(out, r.union_id, FUND_ROW[r.fund_source], Number(r.amt));
  }
  const exits = await queryRows<{ union_id: string; exit_way: ExitWay; n: number }>(
    scope.db,
    sql`select union_id, exit_way, count(*)::int as n from hardship_archive
        where union_path like ${like} and status = 'exited' and exit_date between ${p.from} and ${p.to} group by union_id, exit_way`,
  );
  for (const x of exits) add(out, x.union_id, EXIT_ROW[x.exit_way], x.n);
  const sponsors = await queryRows<{ union_id: string; amt: string }>(
    scope.db,
    sql`select union_id, sum(money_fen + goods_fen)::bigint as amt from campaign_sponsors where union_path like ${like} and received_on between ${p.from} and ${p.to} group by union_id`,
  );
  for (const s of sponsors) add(out, s.union_id, 'J', Number(s.amt));
  const services = await queryRows<{ union_id: string; n: number }>(
    scope.db,
    sql`select a.union_id, count(*)::int as n from activity_enrollments e join activities a on a.id = e.activity_id
        where a.union_path like ${like} and a.category in (${list(LIVING)}) and e.checked_in_at >= ${p.fromAt} and e.checked_in_at < ${p.toAt} group by a.union_id`,
  );
  for (const s of services) add(out, s.union_id, 'K2', s.n);
  return out;
}

const computeForm = (scope: Scope, q: FormQuery) => computeFormOf(scope, q, { records: recordFigures, entries: 'aid_centre_form_entries', compute: computeAidForm, rollUp: rollUpAidForms });

function present(q: FormQuery, unionName: string, items: ComputedFormItem[]): AidFormView {
  return {
    unionId: q.unionId,
    unionName,
    from: q.from,
    to: q.to,
    items: items.map((i) => {
      const d = aidFormItem(i.code)!;
      return {
        code: i.code,
        no: d.no,
        name: d.name,
        unit: aidFormUnitLabels[d.unit],
        value: i.value,
        display: formatAidValue(i.code, i.value),
        origin: i.origin,
        source: d.source ?? null,
        enterable: isAidHandEnterable(i.code),
        mismatch: i.mismatch ? { expected: i.mismatch.expected, display: formatAidValue(i.code, i.mismatch.expected) } : null,
      };
    }),
    mismatches: items.filter((i) => i.mismatch).length,
  };
}

export async function aidFormReader(scope: Scope, q: FormQuery): Promise<AidFormView> {
  const { unionName, items } = await computeForm(scope, q);
  return present(q, unionName, items);
}

/** A hand-entered figure for the union's own form: set, or cleared with null. 是/否 takes 1 or 0. */
export async function aidFormEntrySetter(scope: Scope, input: FormQuery & { code: string; value: number | null }): Promise<AidFormView> {
  const u = await scopedUnion(scope, input.unionId);
  if (!isAidHandEnterable(input.code)) throw new AppError('FORM_ITEM_NOT_ENTERABLE');
  if (aidFormItem(input.code)!.unit === 'yesno' && input.value !== null && input.value > 1)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'body.value', message: '是/否项只能填 1（是）或 0（否）' }] });
  period(input);
  const key = sql`union_id = ${u.id} and period_from = ${input.from} and period_to = ${input.to} and code = ${input.code}`;
  if (input.value === null) await scope.db.execute(sql`delete from aid_centre_form_entries where ${key}`);
  else
    await scope.db
      .insert(aidCentreFormEntries)
      .values({ unionId: u.id, unionPath: u.path, periodFrom: input.from, periodTo: input.to, code: input.code, value: input.value, enteredBy: scope.auth.userId, enteredAt: scope.now })
      .onConflictDoUpdate({
        target: [aidCentreFormEntries.unionId, aidCentreFormEntries.periodFrom, aidCentreFormEntries.periodTo, aidCentreFormEntries.code],
        set: { value: input.value, enteredBy: scope.auth.userId, enteredAt: scope.now },
      });
  await audit(scope, 'campaign.aid_form_entry', { type: 'union', id: u.id }, { code: input.code, value: input.value, from: input.from, to: input.to });
  return aidFormReader(scope, { unionId: input.unionId, from: input.from, to: input.to });
}

function conditions(code: string) {
  const leaves = aidLeafCodes(code);
  const none = sql`false`;
  const kinds = (Object.keys(KIND_ROW) as ReliefKind[]).filter((k) => leaves.includes(`F${KIND_ROW[k]}`) || leaves.includes(`G${KIND_ROW[k]}`));
  const funds = (Object.keys(FUND_ROW) as FundSource[]).filter((f) => leaves.includes(FUND_ROW[f]));
  const ways = (Object.keys(EXIT_ROW) as ExitWay[]).filter((w) => leaves.includes(EXIT_ROW[w]));
  return {
    relief: funds.length ? sql`r.fund_source in (${list(funds)})` : kinds.length ? sql`r.kind in (${list(kinds)})` : none,
    exit: ways.length ? sql`ha.exit_way in (${list(ways)})` : none,
    sponsor: leaves.includes('J') ? sql`true` : none,
    checkin: leaves.includes('K2') ? sql`a.category in (${list(LIVING)})` : none,
    money: isAidMoneyItem(code),
  };
}

/** The records behind a figure, newest first; hand-entered figures show as the unions' entries. */
export async function aidFormRecordList(scope: Scope, q: FormQuery & { code: string; cursor?: string; limit: number }) {
  const u = await scopedUnion(scope, q.unionId);
  const p = period(q);
  const like = `${u.path}%`;
  const c = conditions(q.code);
  const offset = decodeOffsetCursor(q.cursor);
  const hardship = hardshipScopeSql(scope.auth, sql`un.path`);
  const rows = await queryRows<{ kind: FormRecordView['kind']; id: string; day: string; union_name: string; label: string; persons: number; amount: string }>(
    scope.db,
    sql`select * from (
      select 'relief' as kind, r.id, to_char(r.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, un.name as union_name, '帮扶救助：' || m.name as label, 1 as persons, r.amount_fen::bigint as amount
        from relief_payments r join members m on m.id = r.member_id join unions un on un.id = r.union_id
        where r.union_path like ${like} and r.status = 'paid' and r.paid_at >= ${p.fromAt} and r.paid_at < ${p.toAt} and ${c.relief} and ${hardship}
      union all
      select 'exit', ha.id, ha.exit_date::text, un.name, '脱困：' || m.name, 1, 0::bigint
        from hardship_archive ha join members m on m.id = ha.member_id join unions un on un.id = ha.union_id
        where ha.union_path like ${like} and ha.status = 'exited' and ha.exit_date between ${p.from} and ${p.to} and ${c.exit} and ${hardship}
      union all
      select 'sponsor', s.id, s.received_on::text, un.name, '爱心捐赠：' || s.donor_name, 0, (s.money_fen + s.goods_fen)::bigint
        from campaign_sponsors s join unions un on un.id = s.union_id
        where s.union_path like ${like} and s.received_on between ${p.from} and ${p.to} and ${c.sponsor}
      union all
      select 'checkin', e.id, to_char(e.checked_in_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), un.name, a.title || '：' || m.name, 1, 0::bigint
        from activity_enrollments e join activities a on a.id = e.activity_id join members m on m.id = e.member_id join unions un on un.id = a.union_id
        where a.union_path like ${like} and e.checked_in_at >= ${p.fromAt} and e.checked_in_at < ${p.toAt} and ${c.checkin}
      union all
      select 'entry', f.id, to_char(f.entered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), un.name, '手工填报', 0, f.value::bigint
        from aid_centre_form_entries f join unions un on un.id = f.union_id
        where f.union_path like ${like} and f.period_from = ${p.from} and f.period_to = ${p.to} and f.code = ${q.code}
    ) r order by r.day desc, r.id limit ${q.limit + 1} offset ${offset}`,
  );
  await audit(scope, 'campaign.read_aid_form_records', { type: 'union', id: u.id }, { code: q.code, from: p.from, to: p.to, offset });
  const data: FormRecordView[] = rows.slice(0, q.limit).map((r) => ({
    kind: r.kind,
    id: r.id,
    on: r.day,
    unionName: r.union_name,
    label: r.kind === 'relief' || r.kind === 'exit' || r.kind === 'checkin' ? maskLabel(r.label) : r.label,
    persons: r.kind === 'entry' && !c.money ? Number(r.amount) : Number(r.persons),
    amountFen: r.kind === 'entry' && !c.money ? 0 : Number(r.amount),
  }));
  return { data, pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

/** The form as the official sheet: 编号, 代码 (blank where the form has none), 项目, 单位, 合计, 说明. */
export async function aidFormXlsx(scope: Scope, q: FormQuery): Promise<BinaryFile> {
  const { unionName, items } = await computeForm(scope, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  const sheet = wb.addWorksheet('帮扶中心工作统计表');
  sheet.columns = [{ width: 6 }, { width: 6 }, { width: 64 }, { width: 8 }, { width: 14 }, { width: 16 }];
  sheet.mergeCells('A1:F1');
  sheet.getCell('A1').value = `${aidFormYear(q.to)}年度困难职工帮扶中心工作统计表`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:F2');
  sheet.getCell('A2').value = `填报单位：${unionName}    统计期间：${q.from} 至 ${q.to}（统计数据截至 ${q.to}）`;
  const header = sheet.addRow(['编号', '代码', '项目', '单位', '合计', '说明']);
  header.font = { bold: true };
  const byCode = new Map(items.map((i) => [i.code, i]));
  for (const d of AID_FORM_ITEMS) {
    const i = byCode.get(d.code)!;
    const formula = d.parts && !d.uncoded && !d.parts.some((x) => x.includes('.')) ? ` ${d.code}=${d.parts.join('+')}` : '';
    const note = i.mismatch ? `与分项合计不符（分项合计 ${formatAidValue(d.code, i.mismatch.expected)}）` : i.origin === 'manual' ? '手工填报' : i.origin === 'records' ? '系统统计' : '';
    const value = isAidMoneyItem(d.code) ? Number(formatAidValue(d.code, i.value)) : d.unit === 'yesno' ? formatAidValue(d.code, i.value) : i.value;
    const row = sheet.addRow([d.no, d.uncoded ? '' : d.code, `${d.name}${formula}`, aidFormUnitLabels[d.unit], value, note]);
    if (isAidMoneyItem(d.code)) row.getCell(5).numFmt = '0.0000';
    if (i.mismatch) row.getCell(6).font = { color: { argb: 'FFD7000F' }, bold: true };
  }
  sheet.eachRow((r) => r.eachCell((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } })));
  await audit(scope, 'campaign.export_aid_form', { type: 'union', id: q.unionId }, { from: q.from, to: q.to });
  return { filename: 'aid-centre-form.xlsx', chineseName: `${unionName}-帮扶中心工作统计表.xlsx`, contentType: XLSX_TYPE, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
