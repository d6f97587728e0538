import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber } from './identity';
import { maskBankCard, maskIdNumber, maskName, maskPhone } from './masking';

describe('resident ID numbers', () => {
  it('accepts the standard example 11010519491231002X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('accepts a number whose check character is a digit: 330502199001012343', () => {
    expect(idNumberCheckChar('33050219900101234')).toBe('3');
    expect(isValidIdNumber('330502199001012343')).toBe(true);
  });

  it('accepts a number pasted with spaces around it', () => {
    expect(isValidIdNumber(' 11010519491231002X\t')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('rejects a number with a digit too many or too few', () => {
    expect(isValidIdNumber('3305021990010123435')).toBe(false);
    expect(isValidIdNumber('9330502199001012343')).toBe(false);
    expect(isValidIdNumber('33050219900101234')).toBe(false);
  });

  it('rejects an impossible birth date', () => {
    const body = '33050219900230123';
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(false);
  });

  it('rejects a 13th month even when the day exists: 1990-13-01', () => {
    const body = '33050219901301001';
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(false);
  });

  it('takes births from 1900 on and rejects 1899', () => {
    expect(isValidIdNumber('330502190001010013')).toBe(true);
    const body = '33050218991231001';
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(false);
  });
});

describe('masking', () => {
  it('masks an ID number to its first and last four', () => {
    expect(maskIdNumber('330102199001011234')).toBe('3301**********1234');
  });
  it('masks a number of eight characters or fewer whole: nothing of it shows', () => {
    expect(maskIdNumber('H1234567')).toBe('********');
    expect(maskIdNumber('1234')).toBe('****');
  });
  it('masks a phone to 138****0001', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
  });
  it('masks a phone number too short to be one whole', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('123456')).toBe('******');
    // seven characters would otherwise come back whole: 3 + 0 stars + 4
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('12345678')).toBe('123*5678');
  });
  it('masks names as 张*明, 张*, 欧**明', () => {
    expect(maskName('张晓明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
  it('leaves a one-character name (a surname alone) as it is', () => {
    expect(maskName('张')).toBe('张');
    expect(maskName('')).toBe('');
  });
  it('masks a bank card to 6222 **** **** 0123', () => {
    expect(maskBankCard('6222021234567890123')).toBe('6222 **** **** 0123');
  });
  it('masks a card number too short to be one whole', () => {
    expect(maskBankCard('1234567')).toBe('*******');
    // eight characters would otherwise show all eight digits
    expect(maskBankCard('12345678')).toBe('********');
    expect(maskBankCard('123456789')).toBe('1234 **** **** 6789');
  });
});
