import { describe, expect, it } from 'vitest';
import { computeWarmthForm, fenToWanyuan, formatFormValue, isHandEnterable, rollUpWarmthForms, WARMTH_FORM_CODES, WARMTH_FORM_ITEMS } from './warmth-form';

const item = (items: ReturnType<typeof computeWarmthForm>, code: string) => items.find((i) => i.code === code)!;

describe('Annex 1 (送温暖统计表)', () => {
  it('lists the official codes in the official order, with K1/K2 from seed 004 last', () => {
    expect(WARMTH_FORM_CODES.slice(0, 9)).toEqual(['A', 'B', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'C']);
    expect(WARMTH_FORM_CODES.slice(9, 13)).toEqual(['D', 'C1', 'D1', 'C2']);
    expect(WARMTH_FORM_CODES.slice(-13)).toEqual(['F', 'F1', 'F2', 'F3', 'G', 'H', 'I', 'J1', 'J2', 'J3', 'J4', 'K1', 'K2']);
    expect(new Set(WARMTH_FORM_CODES).size).toBe(WARMTH_FORM_ITEMS.length);
    expect(WARMTH_FORM_ITEMS.find((i) => i.code === 'A')!.unit).toBe('jia');
    expect(WARMTH_FORM_ITEMS.find((i) => i.code === 'D7')!.unit).toBe('wanyuan');
    expect(WARMTH_FORM_ITEMS.find((i) => i.code === 'C7')!.unit).toBe('renci');
  });

  it('adds each total from its parts (B = B1+…+B6, C = C1+…+C11, D, E, F)', () => {
    const records = { B1: 100, B3: 2_000_000, B4: 50, C1: 2, C11: 5, D1: 1000, D11: 3000, E2: 4, F2: 7, F3: 1 };
    const items = computeWarmthForm(records, { E1: 1 });
    expect(item(items, 'B')).toMatchObject({ value: 2_000_150, origin: 'sum', mismatch: null });
    expect(item(items, 'C')).toMatchObject({ value: 7, origin: 'sum' });
    expect(item(items, 'D')).toMatchObject({ value: 4000, origin: 'sum' });
    expect(item(items, 'E')).toMatchObject({ value: 5, origin: 'sum' });
    expect(item(items, 'F')).toMatchObject({ value: 8, origin: 'sum' });
    expect(item(items, 'E1')).toMatchObject({ value: 1, origin: 'manual' });
    expect(item(items, 'E2')).toMatchObject({ value: 4, origin: 'records' });
  });

  it('flags a hand-entered total that differs from its parts and keeps it as entered', () => {
    const items = computeWarmthForm({ E2: 4 }, { E1: 3, E: 9 });
    expect(item(items, 'E')).toMatchObject({ value: 9, origin: 'manual', mismatch: { expected: 7 } });
  });

  it('does not flag a hand-entered total that matches', () => {
    expect(item(computeWarmthForm({ E2: 4 }, { E1: 3, E: 7 }), 'E').mismatch).toBeNull();
  });

  it('ignores a hand-entered figure for an item the records supply', () => {
    expect(item(computeWarmthForm({ A: 3 }, { A: 99 }), 'A')).toMatchObject({ value: 3, origin: 'records' });
    expect(isHandEnterable('A')).toBe(false);
    expect(isHandEnterable('G')).toBe(true);
    expect(isHandEnterable('B')).toBe(true);
  });

  it('prints money in 万元 with four decimals', () => {
    expect(fenToWanyuan(1_000_000)).toBe('1.0000');
    expect(fenToWanyuan(12_345_678)).toBe('12.3457');
    expect(fenToWanyuan(0)).toBe('0.0000');
    expect(formatFormValue('C1', 12)).toBe('12');
    expect(formatFormValue('D1', 50_000)).toBe('0.0500');
  });
});

describe('rolling Annex 1 up the hierarchy', () => {
  it('makes each figure of a district the sum of its unions’ figures', () => {
    const a = computeWarmthForm({ A: 2, C11: 3, D11: 60_000, B3: 60_000 }, { G: 4 });
    const b = computeWarmthForm({ A: 1, C7: 5, D7: 100_000, B4: 100_000, E2: 2 }, { G: 1 });
    const up = rollUpWarmthForms([a, b]);
    for (const code of WARMTH_FORM_CODES) expect(item(up, code).value).toBe(item(a, code).value + item(b, code).value);
    expect(item(up, 'C').value).toBe(8);
    expect(up.every((i) => i.mismatch === null)).toBe(true);
  });

  it('keeps a union’s mismatched hand-entered total flagged in the roll-up', () => {
    const a = computeWarmthForm({}, { E1: 1, E: 5 });
    const b = computeWarmthForm({ E2: 2 }, {});
    expect(item(rollUpWarmthForms([a, b]), 'E')).toMatchObject({ value: 7, mismatch: { expected: 3 } });
  });
});
