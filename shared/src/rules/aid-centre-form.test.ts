import { describe, expect, it } from 'vitest';
import { AID_FORM_CODES, AID_FORM_ITEMS, aidFormYear, aidLeafCodes, computeAidForm, formatAidValue, isAidHandEnterable, rollUpAidForms } from './aid-centre-form';
import { warmthFormItem, warmthFormYear, warmthItemLabel } from './warmth-form';

const item = (items: ReturnType<typeof computeAidForm>, code: string) => items.find((i) => i.code === code)!;

describe('Annex 2 (帮扶中心工作统计表)', () => {
  it('lists the seed’s items in the seed’s order, the uncoded 编制 and 企业站点 rows in place', () => {
    const coded = AID_FORM_ITEMS.filter((i) => !i.uncoded).map((i) => i.code);
    expect(coded).toEqual(['A', 'A1', 'A2', 'A3', 'B', 'B1', 'B2', 'B3', 'C', 'D', 'E', 'E1', 'E2', 'E3', 'E4', 'E5', 'F', 'G', 'F1', 'G1', 'F2', 'G2', 'F3', 'G3', 'F4', 'G4', 'F5', 'G5', 'F6', 'G6', 'F7', 'G7', 'H', 'H1', 'H2', 'H3', 'H4', 'I', 'J', 'K', 'K1', 'K2', 'L', 'M', 'N1', 'N2']);
    expect(AID_FORM_CODES.slice(5, 9)).toEqual(['B1', 'B1.1', 'B1.2', 'B1.3']);
    expect(AID_FORM_ITEMS.filter((i) => i.uncoded).map((i) => i.name)).toEqual([
      '其中省级行政编制', '省级事业编制', '省级其他聘用人员',
      '其中地市级行政编制', '其中地市级事业编制', '其中地市级其他聘用人员',
      '其中县级行政编制', '其中县级事业编制', '其中县级其他聘用人员',
      '其中：企业工会帮扶站点',
    ]);
    const unit = (c: string) => AID_FORM_ITEMS.find((i) => i.code === c)!.unit;
    expect([unit('A'), unit('B'), unit('E'), unit('F'), unit('G4'), unit('H'), unit('I'), unit('K'), unit('N1')]).toEqual(['ge', 'ren', 'wanyuan', 'renci', 'wanyuan', 'hu', 'yesno', 'renci', 'ge']);
    expect(new Set(AID_FORM_CODES).size).toBe(AID_FORM_ITEMS.length);
  });

  it('sources relief, exits, donations and services from the records; the rest is entered by hand', () => {
    const sourced = AID_FORM_ITEMS.filter((i) => i.source).map((i) => i.code);
    expect(sourced).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'F1', 'G1', 'F2', 'G2', 'F3', 'G3', 'F7', 'G7', 'H1', 'H2', 'H3', 'H4', 'J', 'K2']);
    for (const c of ['A1', 'B1.2', 'C', 'D', 'D.1', 'F4', 'G5', 'I', 'K1', 'L', 'M', 'N2', 'A', 'B', 'E']) expect([c, isAidHandEnterable(c)]).toEqual([c, true]);
    for (const c of ['E1', 'F1', 'H3', 'J', 'K2']) expect([c, isAidHandEnterable(c)]).toEqual([c, false]);
    expect(aidLeafCodes('B')).toEqual(['B1.1', 'B1.2', 'B1.3', 'B2.1', 'B2.2', 'B2.3', 'B3.1', 'B3.2', 'B3.3']);
  });

  it('adds nested totals (B = B1+B2+B3, B1 = its 编制 rows) and the formulas E, F, G, H, K', () => {
    const items = computeAidForm({ E2: 40_000, E3: 10_000, F1: 2, G1: 30_000, F2: 1, G2: 20_000, H1: 1, H4: 2, K2: 5 }, { 'B1.1': 3, 'B1.3': 2, 'B3.2': 4, A3: 1, F4: 6, K1: 1 });
    expect(item(items, 'B1')).toMatchObject({ value: 5, origin: 'sum' });
    expect(item(items, 'B')).toMatchObject({ value: 9, origin: 'sum', mismatch: null });
    expect(item(items, 'A')).toMatchObject({ value: 1, origin: 'sum' });
    expect(item(items, 'E')).toMatchObject({ value: 50_000, origin: 'sum' });
    expect(item(items, 'F')).toMatchObject({ value: 9, origin: 'sum' });
    expect(item(items, 'G')).toMatchObject({ value: 50_000 });
    expect(item(items, 'H')).toMatchObject({ value: 3 });
    expect(item(items, 'K')).toMatchObject({ value: 6 });
    expect(item(items, 'F4')).toMatchObject({ value: 6, origin: 'manual' });
  });

  it('flags a hand-entered total that differs from its parts, at any level, and keeps it as entered', () => {
    const items = computeAidForm({}, { 'B2.1': 2, B2: 3, B: 3 });
    expect(item(items, 'B2')).toMatchObject({ value: 3, origin: 'manual', mismatch: { expected: 2 } });
    expect(item(items, 'B')).toMatchObject({ value: 3, origin: 'manual', mismatch: null }); // B1+B2+B3 = 0+3+0 as entered
    const rolled = rollUpAidForms([items, computeAidForm({}, {})]);
    expect(item(rolled, 'B2').mismatch).toEqual({ expected: 2 });
  });

  it('ignores a hand-entered value for a sourced item', () => {
    expect(item(computeAidForm({ J: 100 }, { J: 999 }), 'J')).toMatchObject({ value: 100, origin: 'records' });
  });

  it('rolls up as the sum of the unions’ forms; 是/否 counts the unions answering 是', () => {
    const a = computeAidForm({ G1: 100, F1: 1 }, { I: 1, C: 4 });
    const b = computeAidForm({ G1: 50, F1: 1 }, { I: 0, C: 1 });
    const r = rollUpAidForms([a, b]);
    for (const code of AID_FORM_CODES) expect([code, item(r, code).value]).toEqual([code, item(a, code).value + item(b, code).value]);
    expect(formatAidValue('I', item(r, 'I').value)).toBe('是');
    expect(formatAidValue('I', 0)).toBe('否');
    expect(formatAidValue('G', 150)).toBe('0.0002');
  });

  it('names a form after the year its period ends in', () => {
    expect(aidFormYear('2027-12-31')).toBe('2027');
    expect(warmthFormYear('2027-02-26')).toBe('2027');
  });
});

describe('Annex 1 labels', () => {
  it('uses seed 001’s J1 wording and marks K1/K2 as the Changzhou extension (seed 004)', () => {
    expect(warmthFormItem('J1')).toMatchObject({ name: '两节期间共慰问疫情防控一线职工', measure: '慰问对象' });
    expect(warmthFormItem('J2')).toMatchObject({ name: '两节期间共慰问疫情防控一线职工', measure: '发放款物' });
    expect(warmthItemLabel(warmthFormItem('J2')!)).toBe('两节期间共慰问疫情防控一线职工（发放款物）');
    expect(warmthFormItem('C10')).toMatchObject({ name: '生产一线涌现出来的先进模范人物', measure: '慰问对象' });
    expect(warmthFormItem('K1')).toMatchObject({ name: '为困难职工家庭青年学子提供寒假勤工俭学、社会实践机会', extension: true });
    expect(warmthFormItem('K2')).toMatchObject({ name: '发动爱心企业', extension: true });
    expect(warmthFormItem('J1')!.extension).toBeUndefined();
  });
});
