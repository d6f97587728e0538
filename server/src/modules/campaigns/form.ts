/*
 * Annex 1 (送温暖统计表) for a union and a period, from the records: visits (A, B, C/D, J3/J4),
 * hand-overs of gift packs and dinners (B, C/D, J3/J4), sponsorships (B4, K2), activity
 * check-ins (F2, F3); the rest entered by hand per union. Each union's own form is computed and
 * the subtree's is their sum, so a district always equals the sum of its unions.
 */
import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import {
  AppError,
  campaignWindow,
  computeWarmthForm,
  formatFormValue,
  formUnitLabels,
  HARDSHIP_VISIT_CATEGORIES,
  isHandEnterable,
  isMoneyItem,
  maskName,
  fundSourceCodes,
  reliefKindCodes,
  rollUpWarmthForms,
  type FundSource,
  type ReliefKind,
  WARMTH_FORM_ITEMS,
  warmthFormItem,
  warmthFormYear,
  warmthItemLabel,
  type ComputedFormItem,
  type FormQuery,
  type FormRecordView,
  type WarmthFormView,
} from '@gonghui/shared';
import { queryRows, schema } from '../../db/index';
import { hardshipScopeSql } from '../../policies/hardship';
import type { BinaryFile } from '../../http/route';
import { decodeOffsetCursor, encodeCursor } from '../../lib/pagination';
import { XLSX_TYPE } from '../../lib/xlsx';
import { scopedUnion } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';

const { warmthFormEntries } = schema;

/** Activity categories counted as services to workers (F2 文化服务, F3 其他生活保障服务). */
const CULTURE = ['culture_sports', 'public_class'];
const LIVING = ['convenience'];

/** A form's figures by union: code → value, for each union of the subtree that has any. */
export type Figures = Map<string, Record<string, number>>;
export const add = (m: Figures, unionId: string, code: string, n: number) => {
  const r = m.get(unionId) ?? {};
  r[code] = (r[code] ?? 0) + n;
  m.set(unionId, r);
};

export function period(q: { from: string; to: string }) {
  if (q.to < q.from) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'query.to', message: '结束日期不能早于开始日期' }] });
  const w = campaignWindow({ startsOn: q.from, endsOn: q.to });
  return { ...q, fromAt: w.startsAt.toISOString(), toAt: w.endsAt.toISOString() };
}
export type Period = ReturnType<typeof period>;

/** Every sourced figure of every union of the subtree, by union. */
async function recordFigures(scope: Scope, path: string, p: Period): Promise<Figures> {
  const out: Figures = new Map();
  const like = `${path}%`;
  const visits = await queryRows<{ union_id: string; target: string; category: string | null; new_form: boolean; fund: string; n: number; amt: string }>(
    scope.db,
    sql`select union_id, target, category, new_form, fund, count(*)::int as n, sum(money_fen + goods_fen)::bigint as amt
        from warmth_visits where union_path like ${like} and visited_on between ${p.from} and ${p.to}
        group by union_id, target, category, new_form, fund`,
  );
  for (const v of visits) {
    const amt = Number(v.amt);
    add(out, v.union_id, v.fund, amt);
    if (v.target === 'enterprise') add(out, v.union_id, 'A', v.n);
    else {
      add(out, v.union_id, v.category!, v.n);
      add(out, v.union_id, `D${v.category!.slice(1)}`, amt);
      if (v.new_form) {
        add(out, v.union_id, 'J3', v.n);
        add(out, v.union_id, 'J4', amt);
      }
    }
  }
  const handed = await queryRows<{ union_id: string; category: string; fund: string; new_form: boolean; n: number; amt: string }>(
    scope.db,
    // each recipient counts in their own group (stored when they claimed), not the offer's
    sql`select cc.member_union_id as union_id, cc.recipient_category as category, o.fund, cc.new_form, count(*)::int as n, sum(o.value_fen)::bigint as amt
        from campaign_claims cc join campaign_offers o on o.id = cc.offer_id
        where cc.member_union_path like ${like} and cc.handed_over_at >= ${p.fromAt} and cc.handed_over_at < ${p.toAt}
        group by cc.member_union_id, cc.recipient_category, o.fund, cc.new_form`,
  );
  for (const h of handed) {
    const amt = Number(h.amt);
    // a sponsored pack's money is counted once, as the sponsor's donation (B4)
    if (h.fund !== 'sponsored') add(out, h.union_id, h.fund, amt);
    add(out, h.union_id, h.category, h.n);
    add(out, h.union_id, `D${h.category.slice(1)}`, amt);
    if (h.new_form) {
      add(out, h.union_id, 'J3', h.n);
      add(out, h.union_id, 'J4', amt);
    }
  }
  const sponsors = await queryRows<{ union_id: string; amt: string; enterprises: number }>(
    scope.db,
    sql`select union_id, sum(money_fen + goods_fen)::bigint as amt, count(distinct donor_name) filter (where donor_kind = 'enterprise')::int as enterprises
        from campaign_sponsors where union_path like ${like} and received_on between ${p.from} and ${p.to} group by union_id`,
  );
  for (const s of sponsors) {
    add(out, s.union_id, 'B4', Number(s.amt));
    add(out, s.union_id, 'K2', s.enterprises);
  }
  const services = await queryRows<{ union_id: string; category: string; n: number }>(
    scope.db,
    sql`select a.union_id, a.category, count(*)::int as n from activity_enrollments e join activities a on a.id = e.activity_id
        where a.union_path like ${like} and e.checked_in_at >= ${p.fromAt} and e.checked_in_at < ${p.toAt} group by a.union_id, a.category`,
  );
  const relief = await queryRows<{ union_id: string; kind: ReliefKind; fund_source: FundSource; n: number; amt: string }>(
    scope.db,
    sql`select union_id, kind, fund_source, count(*)::int as n, sum(amount_fen)::bigint as amt from relief_payments
        where union_path like ${like} and status = 'paid' and paid_at >= ${p.fromAt} and paid_at < ${p.toAt} group by union_id, kind, fund_source`,
  );
  for (const r of relief) {
    add(out, r.union_id, reliefKindCodes[r.kind], r.n);
    add(out, r.union_id, fundSourceCodes[r.fund_source], Number(r.amt));
  }
  for (const s of services) {
    if (CULTURE.includes(s.category)) add(out, s.union_id, 'F2', s.n);
    if (LIVING.includes(s.category)) add(out, s.union_id, 'F3', s.n);
  }
  return out;
}

/** Where each form keeps its hand-entered items (same columns). */
type EntriesTable = 'warmth_form_entries' | 'aid_centre_form_entries';

async function manualFigures(scope: Scope, table: EntriesTable, path: string, p: Period): Promise<Figures> {
  const out: Figures = new Map();
  const rows = await queryRows<{ union_id: string; code: string; value: string }>(
    scope.db,
    sql`select union_id, code, value from ${sql.raw(table)} where union_path like ${`${path}%`} and period_from = ${p.from} and period_to = ${p.to}`,
  );
  for (const r of rows) add(out, r.union_id, r.code, Number(r.value));
  return out;
}

/**
 * A statistics form for a union and period (Annex 1 or 2): every union of its subtree computed
 * from its own records and hand entries, then rolled up into the union's form.
 */
export async function computeFormOf(
  scope: Scope,
  q: FormQuery,
  form: {
    records: (scope: Scope, path: string, p: Period) => Promise<Figures>;
    entries: EntriesTable;
    compute: (records: Record<string, number>, manual: Record<string, number>) => ComputedFormItem[];
    rollUp: (forms: ComputedFormItem[][]) => ComputedFormItem[];
  },
): Promise<{ unionName: string; items: ComputedFormItem[] }> {
  const u = await scopedUnion(scope, q.unionId);
  const p = period(q);
  const [records, manual] = await Promise.all([form.records(scope, u.path, p), manualFigures(scope, form.entries, u.path, p)]);
  const unionIds = new Set([...records.keys(), ...manual.keys()]);
  const own = [...unionIds].map((id) => form.compute(records.get(id) ?? {}, manual.get(id) ?? {}));
  return { unionName: u.name, items: form.rollUp(own.length ? own : [form.compute({}, {})]) };
}

const computeForm = (scope: Scope, q: FormQuery) => computeFormOf(scope, q, { records: recordFigures, entries: 'warmth_form_entries', compute: computeWarmthForm, rollUp: rollUpWarmthForms });

function present(q: FormQuery, unionName: string, items: ComputedFormItem[]): WarmthFormView {
  return {
    unionId: q.unionId,
    unionName,
    from: q.from,
    to: q.to,
    items: items.map((i) => {
      const d = warmthFormItem(i.code)!;
      return {
        code: i.code,
        no: d.no,
        name: warmthItemLabel(d),
        unit: formUnitLabels[d.unit],
        value: i.value,
        display: formatFormValue(i.code, i.value),
        origin: i.origin,
        source: d.source ?? null,
        enterable: isHandEnterable(i.code),
        mismatch: i.mismatch ? { expected: i.mismatch.expected, display: formatFormValue(i.code, i.mismatch.expected) } : null,
      };
    }),
    mismatches: items.filter((i) => i.mismatch).length,
  };
}

export async function warmthFormReader(scope: Scope, q: FormQuery): Promise<WarmthFormView> {
  const { unionName, items } = await computeForm(scope, q);
  return present(q, unionName, items);
}

/** A hand-entered figure for the union's own form (not its subtree's): set, or cleared with null. */
export async function formEntrySetter(scope: Scope, input: FormQuery & { code: string; value: number | null }): Promise<WarmthFormView> {
  const u = await scopedUnion(scope, input.unionId);
  if (!isHandEnterable(input.code)) throw new AppError('FORM_ITEM_NOT_ENTERABLE');
  period(input);
  const key = sql`union_id = ${u.id} and period_from = ${input.from} and period_to = ${input.to} and code = ${input.code}`;
  if (input.value === null) await scope.db.execute(sql`delete from warmth_form_entries where ${key}`);
  else
    await scope.db
      .insert(warmthFormEntries)
      .values({ unionId: u.id, unionPath: u.path, periodFrom: input.from, periodTo: input.to, code: input.code, value: input.value, enteredBy: scope.auth.userId, enteredAt: scope.now })
      .onConflictDoUpdate({ target: [warmthFormEntries.unionId, warmthFormEntries.periodFrom, warmthFormEntries.periodTo, warmthFormEntries.code], set: { value: input.value, enteredBy: scope.auth.userId, enteredAt: scope.now } });
  await audit(scope, 'campaign.form_entry', { type: 'union', id: u.id }, { code: input.code, value: input.value, from: input.from, to: input.to });
  return warmthFormReader(scope, { unionId: input.unionId, from: input.from, to: input.to });
}

/** Which records of each kind stand behind a figure (totals: their parts'). */
function conditions(code: string) {
  const d = warmthFormItem(code)!;
  const codes = d.parts ?? [code];
  const cats = [...new Set(codes.filter((c) => /^[CD]\d+$/.test(c)).map((c) => `C${c.slice(1)}`))];
  const funds = codes.filter((c) => /^B\d$/.test(c));
  const none = sql`false`;
  const list = (xs: string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);
  const visit: SQL = code === 'A' ? sql`v.target = 'enterprise'` : funds.length ? sql`v.fund in (${list(funds)})` : cats.length ? sql`v.category in (${list(cats)})` : code === 'J3' || code === 'J4' ? sql`v.new_form` : none;
  const handover: SQL = funds.length ? sql`o.fund in (${list(funds)})` : cats.length ? sql`cc.recipient_category in (${list(cats)})` : code === 'J3' || code === 'J4' ? sql`cc.new_form` : none;
  const sponsor: SQL = funds.includes('B4') ? sql`true` : code === 'K2' ? sql`s.donor_kind = 'enterprise'` : none;
  const services = [...(codes.includes('F2') ? CULTURE : []), ...(codes.includes('F3') ? LIVING : [])];
  const checkin: SQL = services.length ? sql`a.category in (${list(services)})` : none;
  const reliefFunds = (Object.keys(fundSourceCodes) as FundSource[]).filter((f) => funds.includes(fundSourceCodes[f]));
  const reliefKinds = (Object.keys(reliefKindCodes) as ReliefKind[]).filter((k) => codes.includes(reliefKindCodes[k]));
  const relief: SQL = reliefFunds.length ? sql`r.fund_source in (${list(reliefFunds)})` : reliefKinds.length ? sql`r.kind in (${list(reliefKinds)})` : none;
  return { visit, handover, sponsor, checkin, relief, money: isMoneyItem(code) };
}

/** The records behind a figure, newest first; hand-entered figures show as the unions' entries. */
export async function formRecordList(scope: Scope, q: FormQuery & { code: string; cursor?: string; limit: number }) {
  const u = await scopedUnion(scope, q.unionId);
  const p = period(q);
  const like = `${u.path}%`;
  const c = conditions(q.code);
  const offset = decodeOffsetCursor(q.cursor);
  // relief payments and hand-overs of offers aimed at archive categories name the hardship archive:
  // only staff with the hardship duty over the union see them (the figures stay, they are totals);
  // so are hand-overs whose recipient counts in a hardship group (archived → C11, 困难职工 tag → C1)
  const hardship = hardshipScopeSql(scope.auth, sql`un.path`);
  const rows = await queryRows<{ kind: FormRecordView['kind']; id: string; day: string; union_name: string; label: string; persons: number; amount: string }>(
    scope.db,
    sql`select * from (
      select 'visit' as kind, v.id, v.visited_on::text as day, un.name as union_name,
             case when v.target = 'enterprise' then '走访企业：' || v.name else '走访慰问：' || v.name end as label,
             case when v.target = 'person' then 1 else 0 end as persons, (v.money_fen + v.goods_fen)::bigint as amount
        from warmth_visits v join unions un on un.id = v.union_id
        where v.union_path like ${like} and v.visited_on between ${p.from} and ${p.to} and ${c.visit}
      union all
      select 'handover', cc.id, to_char(cc.handed_over_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), un.name, o.title || '：' || m.name, 1, o.value_fen::bigint
        from campaign_claims cc join campaign_offers o on o.id = cc.offer_id join members m on m.id = cc.member_id join unions un on un.id = cc.member_union_id
        where cc.member_union_path like ${like} and cc.handed_over_at >= ${p.fromAt} and cc.handed_over_at < ${p.toAt} and ${c.handover}
          and ((cardinality(o.archive_categories) = 0 and cc.recipient_category not in (${sql.join(HARDSHIP_VISIT_CATEGORIES.map((c) => sql`${c}`), sql`, `)})) or ${hardship})
      union all
      select 'sponsor', s.id, s.received_on::text, un.name, '爱心捐赠：' || s.donor_name, 0, (s.money_fen + s.goods_fen)::bigint
        from campaign_sponsors s join unions un on un.id = s.union_id
        where s.union_path like ${like} and s.received_on between ${p.from} and ${p.to} and ${c.sponsor}
      union all
      select 'checkin', e.id, to_char(e.checked_in_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), un.name, a.title || '：' || m.name, 1, 0::bigint
        from activity_enrollments e join activities a on a.id = e.activity_id join members m on m.id = e.member_id join unions un on un.id = a.union_id
        where a.union_path like ${like} and e.checked_in_at >= ${p.fromAt} and e.checked_in_at < ${p.toAt} and ${c.checkin}
      union all
      select 'relief', r.id, to_char(r.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), un.name, '帮扶救助：' || m.name, 1, r.amount_fen::bigint
        from relief_payments r join members m on m.id = r.member_id join unions un on un.id = r.union_id
        where r.union_path like ${like} and r.status = 'paid' and r.paid_at >= ${p.fromAt} and r.paid_at < ${p.toAt} and ${c.relief} and ${hardship}
      union all
      select 'entry', f.id, to_char(f.entered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), un.name, '手工填报', 0, f.value::bigint
        from warmth_form_entries f join unions un on un.id = f.union_id
        where f.union_path like ${like} and f.period_from = ${p.from} and f.period_to = ${p.to} and f.code = ${q.code}
    ) r order by r.day desc, r.id limit ${q.limit + 1} offset ${offset}`,
  );
  await audit(scope, 'campaign.read_form_records', { type: 'union', id: u.id }, { code: q.code, from: p.from, to: p.to, offset });
  const data: FormRecordView[] = rows.slice(0, q.limit).map((r) => ({
    kind: r.kind,
    id: r.id,
    on: r.day,
    unionName: r.union_name,
    // the person's name is masked, as in every staff list that does not need it whole
    label: r.kind === 'handover' || r.kind === 'checkin' || r.kind === 'relief' || (r.kind === 'visit' && r.persons > 0) ? maskLabel(r.label) : r.label,
    persons: r.kind === 'entry' && !c.money ? Number(r.amount) : Number(r.persons),
    amountFen: r.kind === 'entry' && !c.money ? 0 : Number(r.amount),
  }));
  return { data, pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

export const maskLabel = (label: string) => {
  const i = label.lastIndexOf('：');
  return i < 0 ? label : `${label.slice(0, i + 1)}${maskName(label.slice(i + 1))}`;
};

/** The form as the official sheet: 编号, code, item, unit, 合计; money in 万元; the hand-entered marked. */
export async function warmthFormXlsx(scope: Scope, q: FormQuery): Promise<BinaryFile> {
  const { unionName, items } = await computeForm(scope, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  const sheet = wb.addWorksheet('送温暖统计表');
  sheet.columns = [{ width: 6 }, { width: 6 }, { width: 60 }, { width: 8 }, { width: 14 }, { width: 16 }];
  sheet.mergeCells('A1:F1');
  sheet.getCell('A1').value = `${warmthFormYear(q.to)}年元旦春节期间各级工会送温暖统计表`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:F2');
  sheet.getCell('A2').value = `填报单位：${unionName}    统计期间：${q.from} 至 ${q.to}`;
  const header = sheet.addRow(['编号', '代码', '项目', '单位', '合计', '说明']);
  header.font = { bold: true };
  const byCode = new Map(items.map((i) => [i.code, i]));
  for (const d of WARMTH_FORM_ITEMS) {
    const i = byCode.get(d.code)!;
    const formula = d.parts ? ` ${d.code}=${d.parts.join('+')}` : '';
    const origin = i.mismatch ? `与分项合计不符（分项合计 ${formatFormValue(d.code, i.mismatch.expected)}）` : i.origin === 'manual' ? '手工填报' : i.origin === 'records' ? '系统统计' : '';
    const note = d.extension ? [origin, '常州经开区表增列项目'].filter(Boolean).join('；') : origin;
    const value = isMoneyItem(d.code) ? Number(formatFormValue(d.code, i.value)) : i.value;
    const unit = d.measure ? `${d.measure}（${formUnitLabels[d.unit]}）` : formUnitLabels[d.unit];
    const row = sheet.addRow([d.no, d.code, `${d.name}${formula}`, unit, value, note]);
    if (isMoneyItem(d.code)) row.getCell(5).numFmt = '0.0000';
    if (i.mismatch) row.getCell(6).font = { color: { argb: 'FFD7000F' }, bold: true };
  }
  sheet.eachRow((r) => r.eachCell((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } })));
  await audit(scope, 'campaign.export_form', { type: 'union', id: q.unionId }, { from: q.from, to: q.to });
  return { filename: 'warmth-form.xlsx', chineseName: `${unionName}-送温暖统计表.xlsx`, contentType: XLSX_TYPE, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
