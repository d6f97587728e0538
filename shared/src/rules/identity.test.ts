import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber } from './identity';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('resident ID numbers', () => {
  it('accepts the standard example 11010519491231002X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('rejects an impossible birth date', () => {
    const body = '33050219900230123';
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(false);
  });
});

describe('masking', () => {
  it('masks an ID number to its first and last four', () => {
    expect(maskIdNumber('330102199001011234')).toBe('3301**********1234');
  });
  it('masks a phone to 138****0001', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
  });
  it('masks names as 张*明, 张*, 欧**明', () => {
    expect(maskName('张晓明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
});
