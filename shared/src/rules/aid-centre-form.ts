/*
 * Annex 2 of seed 001 (困难职工帮扶中心工作统计表): the items in the official order with their codes,
 * names, units and formulas. Rows the official form prints without a code (the 编制 breakdown of
 * B1–B3 and 企业工会帮扶站点 under D) get an internal code (B1.1 …) that the sheet does not print.
 * Totals may be nested (B = B1+B2+B3, B1 = B1.1+B1.2+B1.3). Pure: the server supplies the sourced
 * figures, staff enter the rest; a total entered by hand is checked against its parts, never fixed.
 */
import { fenToWanyuan, type ComputedFormItem } from './warmth-form';

export type AidFormUnit = 'ge' | 'ren' | 'renci' | 'hu' | 'wanyuan' | 'yesno';
export const aidFormUnitLabels: Record<AidFormUnit, string> = { ge: '个', ren: '人', renci: '人次', hu: '户', wanyuan: '万元', yesno: '是/否' };

export interface AidFormItemDef {
  code: string;
  /** The row number of the official form's first column (only on a group's first row). */
  no: string;
  name: string;
  unit: AidFormUnit;
  parts?: string[];
  /** Where the figure comes from when not entered by hand. */
  source?: string;
  /** A row the official form prints without a code. */
  uncoded?: true;
}

const RELIEF = '困难职工帮扶救助发放记录';
const FUND = '困难职工帮扶救助发放记录的资金来源';
const staffRows = (code: string, level: string, first: boolean): AidFormItemDef[] => {
  // the seed: 其中省级行政编制 / 省级事业编制 / 省级其他聘用人员, then 其中 on every row of 地市级 and 县级
  const pre = (n: number) => (first && n > 1 ? '' : '其中');
  return [
    { code, no: '', name: `其中：${level}`, unit: 'ren', parts: [`${code}.1`, `${code}.2`, `${code}.3`] },
    { code: `${code}.1`, no: '', name: `${pre(1)}${level}行政编制`, unit: 'ren', uncoded: true },
    { code: `${code}.2`, no: '', name: `${pre(2)}${level}事业编制`, unit: 'ren', uncoded: true },
    { code: `${code}.3`, no: '', name: `${pre(3)}${level}其他聘用人员`, unit: 'ren', uncoded: true },
  ];
};
/** F1–F7 (人次) and G1–G7 (万元): the kinds of help; those with a relief kind come from the records. */
const HELP: { name: string; money: string; relief: boolean }[] = [
  { name: '其中：生活救助', money: '帮扶款物', relief: true },
  { name: '医疗救助', money: '帮扶款物', relief: true },
  { name: '子女上学救助', money: '帮扶款物', relief: true },
  { name: '就业培训', money: '帮扶金额', relief: false },
  { name: '创业贷款', money: '帮扶金额', relief: false },
  { name: '心理帮扶', money: '帮扶款物', relief: false },
  { name: '其他帮扶', money: '帮扶款物', relief: true },
];
const seven = (p: string) => [1, 2, 3, 4, 5, 6, 7].map((n) => `${p}${n}`);

export const AID_FORM_ITEMS: AidFormItemDef[] = [
  { code: 'A', no: '1', name: '县级以上困难职工帮扶中心', unit: 'ge', parts: ['A1', 'A2', 'A3'] },
  { code: 'A1', no: '', name: '其中：省级', unit: 'ge' },
  { code: 'A2', no: '', name: '地市级', unit: 'ge' },
  { code: 'A3', no: '', name: '县级', unit: 'ge' },
  { code: 'B', no: '2', name: '县级以上帮扶中心共有工作人员', unit: 'ren', parts: ['B1', 'B2', 'B3'] },
  ...staffRows('B1', '省级', true),
  ...staffRows('B2', '地市级', false),
  ...staffRows('B3', '县级', false),
  { code: 'C', no: '3', name: '帮扶中心工会志愿者', unit: 'ren' },
  { code: 'D', no: '4', name: '基层工会帮扶站点', unit: 'ge' },
  { code: 'D.1', no: '', name: '其中：企业工会帮扶站点', unit: 'ge', uncoded: true },
  { code: 'E', no: '5', name: '年度县级以上帮扶中心资金来源总额', unit: 'wanyuan', parts: ['E1', 'E2', 'E3', 'E4', 'E5'] },
  { code: 'E1', no: '', name: '其中：中央财政拨款', unit: 'wanyuan', source: FUND },
  { code: 'E2', no: '', name: '地方财政拨款', unit: 'wanyuan', source: FUND },
  { code: 'E3', no: '', name: '工会拨款', unit: 'wanyuan', source: FUND },
  { code: 'E4', no: '', name: '社会捐助', unit: 'wanyuan', source: FUND },
  { code: 'E5', no: '', name: '其他收入', unit: 'wanyuan', source: `${FUND}（行政拨付及其他）` },
  { code: 'F', no: '6', name: '年度帮扶中心帮扶困难职工', unit: 'renci', parts: seven('F') },
  { code: 'G', no: '', name: '年度帮扶款物总额', unit: 'wanyuan', parts: seven('G') },
  ...HELP.flatMap((h, i): AidFormItemDef[] => [
    { code: `F${i + 1}`, no: '', name: h.name, unit: 'renci', ...(h.relief ? { source: RELIEF } : {}) },
    { code: `G${i + 1}`, no: '', name: h.money, unit: 'wanyuan', ...(h.relief ? { source: RELIEF } : {}) },
  ]),
  { code: 'H', no: '7', name: '年度经工会帮扶实现脱困的困难职工家庭', unit: 'hu', parts: ['H1', 'H2', 'H3', 'H4'] },
  { code: 'H1', no: '', name: '其中：针对有劳动能力的困难职工，通过加强技能培训、提供创业援助等方式，以就业创业脱困的', unit: 'hu', source: '困难职工档案脱困记录' },
  { code: 'H2', no: '', name: '针对因企业欠缴社会保险费或没有落实相关社保待遇的困难职工，将其纳入国家社会保障制度的', unit: 'hu', source: '困难职工档案脱困记录' },
  { code: 'H3', no: '', name: '针对因病致困的职工，推动其纳入大病保险和医疗互助保险的', unit: 'hu', source: '困难职工档案脱困记录' },
  { code: 'H4', no: '', name: '针对符合低保条件的困难职工，通过社会救助兜底的有', unit: 'hu', source: '困难职工档案脱困记录' },
  { code: 'I', no: '8', name: '是否通过运用公益性捐赠税前列支资格、引导大中型企业等设立专项公益基金等方式，汇聚爱心企业、公益组织、社会机构等社会资源', unit: 'yesno' },
  { code: 'J', no: '', name: '整合爱心企业、公益组织、社会机构等款物', unit: 'wanyuan', source: '爱心捐赠记录' },
  { code: 'K', no: '9', name: '年度帮扶中心为职工提供各项服务', unit: 'renci', parts: ['K1', 'K2'] },
  { code: 'K1', no: '', name: '其中：提供健康服务', unit: 'renci' },
  { code: 'K2', no: '', name: '提供其他生活保障服务', unit: 'renci', source: '工会活动签到（便民服务）' },
  { code: 'L', no: '10', name: '年度帮扶中心建设费用投入', unit: 'wanyuan' },
  { code: 'M', no: '', name: '工作经费投入', unit: 'wanyuan' },
  { code: 'N1', no: '11', name: '开展工会帮扶中心赋能增效打造服务职工综合体试点', unit: 'ge' },
  { code: 'N2', no: '', name: '开展企业提升职工生活品质塑造幸福生活环境试点', unit: 'ge' },
];

export const AID_FORM_CODES = AID_FORM_ITEMS.map((i) => i.code);
const byCode = new Map(AID_FORM_ITEMS.map((i) => [i.code, i]));
export const aidFormItem = (code: string): AidFormItemDef | undefined => byCode.get(code);
export const isAidHandEnterable = (code: string): boolean => {
  const d = byCode.get(code);
  return !!d && (!d.source || !!d.parts);
};
export const isAidMoneyItem = (code: string): boolean => byCode.get(code)?.unit === 'wanyuan';
/** The leaf items a figure stands on (a total's parts, recursively). */
export function aidLeafCodes(code: string): string[] {
  const d = byCode.get(code);
  if (!d) return [];
  return d.parts ? d.parts.flatMap(aidLeafCodes) : [code];
}

/**
 * The whole form: sourced items from the records, the others from what staff entered. A total left
 * empty is the sum of its parts (nested totals first); a total entered by hand is kept as entered
 * and flagged when its parts add up to something else.
 */
export function computeAidForm(records: Record<string, number>, manual: Record<string, number>): ComputedFormItem[] {
  const values = new Map<string, ComputedFormItem>();
  const valueOf = (code: string): number => {
    const done = values.get(code);
    if (done) return done.value;
    const d = byCode.get(code)!;
    let item: ComputedFormItem;
    if (d.parts) {
      const sum = d.parts.reduce((s, p) => s + valueOf(p), 0);
      const entered = manual[code];
      item = entered === undefined ? { code, value: sum, origin: 'sum', mismatch: null } : { code, value: entered, origin: 'manual', mismatch: entered === sum ? null : { expected: sum } };
    } else if (d.source) item = { code, value: records[code] ?? 0, origin: 'records', mismatch: null };
    else item = { code, value: manual[code] ?? 0, origin: 'manual', mismatch: null };
    values.set(code, item);
    return item.value;
  };
  for (const d of AID_FORM_ITEMS) valueOf(d.code);
  return AID_FORM_ITEMS.map((d) => values.get(d.code)!);
}

/**
 * A union's form over its subtree: each figure the sum of the same figure in each union's own form.
 * Totals are checked again on the sums, so a mismatch below stays flagged up the hierarchy.
 * 是/否 (I) sums to the number of unions answering 是.
 */
export function rollUpAidForms(forms: ComputedFormItem[][]): ComputedFormItem[] {
  const sums = new Map<string, number>();
  const manual = new Set<string>();
  for (const f of forms)
    for (const i of f) {
      sums.set(i.code, (sums.get(i.code) ?? 0) + i.value);
      if (i.origin === 'manual') manual.add(i.code);
    }
  return AID_FORM_ITEMS.map((d) => {
    const value = sums.get(d.code) ?? 0;
    if (!d.parts) return { code: d.code, value, origin: d.source ? 'records' : 'manual', mismatch: null };
    const expected = d.parts.reduce((s, p) => s + (sums.get(p) ?? 0), 0);
    return { code: d.code, value, origin: manual.has(d.code) ? 'manual' : 'sum', mismatch: expected === value ? null : { expected } };
  });
}

/** How a figure prints: money in 万元, 是/否 for I (a roll-up: 是 when any union answered 是), counts as they are. */
export function formatAidValue(code: string, value: number): string {
  const d = byCode.get(code);
  if (d?.unit === 'wanyuan') return fenToWanyuan(value);
  if (d?.unit === 'yesno') return value > 0 ? '是' : '否';
  return String(value);
}

/** The form's year: the year its period ends in (统计数据截至 that day). */
export const aidFormYear = (to: string): string => to.slice(0, 4);
