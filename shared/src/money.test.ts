import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan } from './money';

describe('money in fen', () => {
  it('formats whole yuan without decimals and the rest with two', () => {
    expect(formatFen(10000)).toBe('¥100');
    expect(formatFen(1250)).toBe('¥12.50');
    expect(formatFen(5)).toBe('¥0.05');
  });
  it('parses yuan text into fen and refuses three decimals', () => {
    expect(parseYuan('2000')).toBe(200000);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('1.234')).toBeNull();
  });
});
