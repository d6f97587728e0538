/*
 * Annex 1 of seed 001 (送温暖统计表) with the Changzhou rows K1/K2 of seed 004: the items in the
 * official order, with their codes, names, units and formulas. The computation is pure: the server
 * reads each sourced item from the records, staff enter the rest, and a total that was entered by
 * hand is checked against its parts and flagged when it differs (never corrected).
 */

export type FormUnit = 'jia' | 'wanyuan' | 'renci';
export const formUnitLabels: Record<FormUnit, string> = { jia: '家', wanyuan: '万元', renci: '人次' };

export interface FormItemDef {
  code: string;
  /** The row number printed in the official form's first column (only on a group's first row). */
  no: string;
  name: string;
  unit: FormUnit;
  /** A total's parts (B = B1+…+B6). */
  parts?: string[];
  /** Where the figure comes from when not entered by hand; items without one are entered by hand. */
  source?: string;
  /** Rows that share one item name: what this row counts (the seed's 慰问对象 / 发放款物 column). */
  measure?: '慰问对象' | '发放款物';
  /** Rows of the Changzhou variant (seed 004), not of the standard form (seed 001). */
  extension?: true;
}

const range = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);

/** The eleven groups of people visited (C1–C11; D1–D11 the money and goods given to them). */
export const VISIT_CATEGORIES = range('C', 11) as readonly string[];
export const visitCategoryLabels: Record<string, string> = {
  C1: '因非个人意愿下岗失业、家庭收入水平明显偏低、子女教育费用负担过重等原因造成家庭生活困难的职工',
  C2: '本人或家庭成员因患大病、遭受各类灾害或突发意外等情况造成生活困难的职工',
  C3: '关停并转等困难企业中，因停发、减发工资而导致生活相对困难的职工',
  C4: '工伤与职业病致残的职工和因公牺牲职工的家属；因重大疾病手术、住院的职工',
  C5: '长期在高(低)温、高空、有毒有害等环境中和苦脏累险艰苦行业岗位上工作的一线职工',
  C6: '重大灾害期间坚守抗灾一线的职工',
  C7: '春节期间坚守在生产一线和交通运输、电力、环卫以及直接面向群众服务的基层岗位干部职工',
  C8: '因组织需要长期异地工作或者服从组织需要赴外地、基层工作的派驻挂职干部职工',
  C9: '在重大项目和重大工程中做出突出贡献的职工',
  C10: '生产一线涌现出来的先进模范人物',
  C11: '各级工会建档的困难职工',
};
/** Groups whose visits name people in hardship (C1–C4, C11): their names are masked for staff without the hardship duty. */
export const HARDSHIP_VISIT_CATEGORIES: readonly string[] = ['C1', 'C2', 'C3', 'C4', 'C11'];

/** Short names for pickers (the form prints the long ones). */
export const visitCategoryShort: Record<string, string> = {
  C1: '家庭生活困难职工',
  C2: '因病因灾致困职工',
  C3: '困难企业职工',
  C4: '工伤职业病及重病职工',
  C5: '艰苦岗位一线职工',
  C6: '抗灾一线职工',
  C7: '节日坚守岗位职工',
  C8: '派驻挂职干部职工',
  C9: '重大工程突出贡献职工',
  C10: '先进模范人物',
  C11: '建档困难职工',
};

/** Where the money came from (B1–B6). */
export const FUND_CODES = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6'] as const;
export type FundCode = (typeof FUND_CODES)[number];
export const fundCodeLabels: Record<FundCode, string> = { B1: '中央财政', B2: '地方财政', B3: '工会经费', B4: '社会捐助', B5: '行政拨付', B6: '其他收入' };

const J1_NAME = '两节期间共慰问疫情防控一线职工';
const J3_NAME = '“工会进万家·新就业形态劳动者温暖行动”服务月及两节期间，慰问新就业形态劳动者';

export const WARMTH_FORM_ITEMS: FormItemDef[] = [
  { code: 'A', no: '1', name: '走访企业', unit: 'jia', source: '走访慰问记录（企业）' },
  { code: 'B', no: '2', name: '筹集慰问款物总额', unit: 'wanyuan', parts: [...FUND_CODES] },
  ...FUND_CODES.map((b, i) => ({ code: b, no: '', name: `${i === 0 ? '其中：' : ''}${fundCodeLabels[b]}`, unit: 'wanyuan' as const, source: b === 'B4' ? '走访慰问、礼包发放、帮扶救助的资金来源及爱心捐赠记录' : '走访慰问、礼包发放、帮扶救助的资金来源' })),
  { code: 'C', no: '3', name: '慰问对象总计', unit: 'renci', parts: range('C', 11) },
  { code: 'D', no: '', name: '发放款物总计', unit: 'wanyuan', parts: range('D', 11) },
  ...range('C', 11).flatMap((c, i) => [
    { code: c, no: '', name: visitCategoryLabels[c]!, measure: '慰问对象' as const, unit: 'renci' as const, source: '走访慰问记录及礼包、年夜饭发放' },
    { code: `D${i + 1}`, no: '', name: visitCategoryLabels[c]!, measure: '发放款物' as const, unit: 'wanyuan' as const, source: '走访慰问记录及礼包、年夜饭发放' },
  ]),
  { code: 'E', no: '4', name: '为困难职工提供各项帮扶救助', unit: 'renci', parts: range('E', 5) },
  { code: 'E1', no: '', name: '其中：落实民生政策', unit: 'renci' },
  { code: 'E2', no: '', name: '提供生活救助', unit: 'renci', source: '困难职工帮扶救助发放记录' },
  { code: 'E3', no: '', name: '提供医疗救助', unit: 'renci', source: '困难职工帮扶救助发放记录' },
  { code: 'E4', no: '', name: '提供子女助学救助', unit: 'renci', source: '困难职工帮扶救助发放记录' },
  { code: 'E5', no: '', name: '提供其他帮扶救助', unit: 'renci', source: '困难职工帮扶救助发放记录' },
  { code: 'F', no: '5', name: '为职工提供各项服务', unit: 'renci', parts: range('F', 3) },
  { code: 'F1', no: '', name: '其中：提供心理健康服务', unit: 'renci' },
  { code: 'F2', no: '', name: '提供文化服务', unit: 'renci', source: '工会活动签到（文体、公益课堂）' },
  { code: 'F3', no: '', name: '提供其他生活保障服务', unit: 'renci', source: '工会活动签到（便民服务）' },
  { code: 'G', no: '6', name: '元旦春节期间共帮助农民工平安返乡', unit: 'renci' },
  { code: 'H', no: '', name: '共协助政府有关部门帮助农民工追讨欠薪', unit: 'renci' },
  { code: 'I', no: '', name: '帮助农民工追讨欠薪金额', unit: 'wanyuan' },
  // J1/J2 in the standard wording of seed 001 (seed 004 has 疫情防控一线医务人员)
  { code: 'J1', no: '7', name: J1_NAME, measure: '慰问对象', unit: 'renci' },
  { code: 'J2', no: '', name: J1_NAME, measure: '发放款物', unit: 'wanyuan' },
  { code: 'J3', no: '', name: J3_NAME, measure: '慰问对象', unit: 'renci', source: '走访慰问及发放中的新就业形态劳动者' },
  { code: 'J4', no: '', name: J3_NAME, measure: '发放款物', unit: 'wanyuan', source: '走访慰问及发放中的新就业形态劳动者' },
  // the Changzhou extension (seed 004)
  { code: 'K1', no: '8', name: '为困难职工家庭青年学子提供寒假勤工俭学、社会实践机会', unit: 'renci', extension: true },
  { code: 'K2', no: '', name: '发动爱心企业', unit: 'jia', source: '爱心企业捐赠记录', extension: true },
];

export const WARMTH_FORM_CODES = WARMTH_FORM_ITEMS.map((i) => i.code);
const byCode = new Map(WARMTH_FORM_ITEMS.map((i) => [i.code, i]));
export const warmthFormItem = (code: string): FormItemDef | undefined => byCode.get(code);
/** Items staff may enter: those without a source, and the totals (a reported total is checked, never trusted). */
export const isHandEnterable = (code: string): boolean => {
  const d = byCode.get(code);
  return !!d && (!d.source || !!d.parts);
};

/** Money items are held in fen; the others are counts. */
export const isMoneyItem = (code: string): boolean => byCode.get(code)?.unit === 'wanyuan';

export interface ComputedFormItem {
  code: string;
  value: number;
  /** 'records': from the app's records; 'manual': entered by hand; 'sum': a total of its parts. */
  origin: 'records' | 'manual' | 'sum';
  /** For a hand-entered total: the sum of its parts, when it differs. */
  mismatch: { expected: number } | null;
}

/**
 * The whole form from what the records say (sourced items) and what staff entered (the rest, and
 * totals they chose to report). A hand-entered value for a sourced part is ignored; a total left
 * empty is the sum of its parts; a total entered by hand is kept as entered and flagged when its
 * parts add up to something else.
 */
export function computeWarmthForm(records: Record<string, number>, manual: Record<string, number>): ComputedFormItem[] {
  const values = new Map<string, ComputedFormItem>();
  for (const d of WARMTH_FORM_ITEMS) {
    if (d.parts) continue;
    if (d.source) values.set(d.code, { code: d.code, value: records[d.code] ?? 0, origin: 'records', mismatch: null });
    else values.set(d.code, { code: d.code, value: manual[d.code] ?? 0, origin: 'manual', mismatch: null });
  }
  for (const d of WARMTH_FORM_ITEMS) {
    if (!d.parts) continue;
    const sum = d.parts.reduce((s, p) => s + (values.get(p)?.value ?? 0), 0);
    const entered = manual[d.code];
    if (entered === undefined) values.set(d.code, { code: d.code, value: sum, origin: 'sum', mismatch: null });
    else values.set(d.code, { code: d.code, value: entered, origin: 'manual', mismatch: entered === sum ? null : { expected: sum } });
  }
  return WARMTH_FORM_ITEMS.map((d) => values.get(d.code)!);
}

/** The item's name as a row of a list prints it: shared names carry what the row counts. */
export const warmthItemLabel = (d: FormItemDef): string => (d.measure ? `${d.name}（${d.measure}）` : d.name);

/** The form's year: a season's form is named after the year its period ends in (Dec 2026–Feb 2027 is the 2027 form). */
export const warmthFormYear = (to: string): string => to.slice(0, 4);

/** Fen → 万元 with four decimals (¥100 = 0.0100 万元), as the form prints it. */
export function fenToWanyuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  // 1 万元 = 1,000,000 fen; four decimals = 100 fen (one yuan) steps, rounded half up
  const hundredths = Math.round(abs / 100);
  const whole = Math.floor(hundredths / 10_000);
  const frac = String(hundredths % 10_000).padStart(4, '0');
  return `${sign}${whole}.${frac}`;
}

/** How a figure prints: counts as they are, money in 万元. */
export function formatFormValue(code: string, value: number): string {
  return isMoneyItem(code) ? fenToWanyuan(value) : String(value);
}

/**
 * A union's form over its subtree: every figure is the sum of the same figure in each union's own
 * form (so a district equals the sum of its unions). A total is checked again on the sums: a
 * hand-entered total anywhere below that differs from its parts stays flagged up the hierarchy.
 */
export function rollUpWarmthForms(forms: ComputedFormItem[][]): ComputedFormItem[] {
  const sums = new Map<string, number>();
  const manual = new Set<string>();
  for (const f of forms)
    for (const i of f) {
      sums.set(i.code, (sums.get(i.code) ?? 0) + i.value);
      if (i.origin === 'manual') manual.add(i.code);
    }
  return WARMTH_FORM_ITEMS.map((d) => {
    const value = sums.get(d.code) ?? 0;
    if (!d.parts) return { code: d.code, value, origin: d.source ? 'records' : 'manual', mismatch: null };
    const expected = d.parts.reduce((s, p) => s + (sums.get(p) ?? 0), 0);
    return { code: d.code, value, origin: manual.has(d.code) ? 'manual' : 'sum', mismatch: expected === value ? null : { expected } };
  });
}
