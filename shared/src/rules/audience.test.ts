import { describe, expect, it } from 'vitest';
import { audienceIncludes, merchantServesBatch } from './vouchers';

const CITY = '/c/';
const WUXING = '/c/w/';
const EQUIP = '/c/w/e/';
const NANXUN = '/c/n/';

describe('who a batch is for', () => {
  it('takes a member who holds any one of the batch’s tags, not all of them', () => {
    expect(audienceIncludes(CITY, ['model_worker', 'frontline'], EQUIP, ['model_worker'])).toBe(true);
    expect(audienceIncludes(CITY, ['model_worker', 'frontline'], EQUIP, ['frontline', 'migrant'])).toBe(true);
    expect(audienceIncludes(CITY, ['model_worker', 'frontline'], EQUIP, ['migrant'])).toBe(false);
    expect(audienceIncludes(CITY, ['model_worker'], EQUIP, [])).toBe(false);
  });

  it('takes every member of the subtree when the batch names no tag, and nobody outside it', () => {
    expect(audienceIncludes(WUXING, [], EQUIP, [])).toBe(true);
    expect(audienceIncludes(WUXING, [], WUXING, [])).toBe(true);
    expect(audienceIncludes(WUXING, [], NANXUN, ['model_worker'])).toBe(false);
    expect(audienceIncludes(EQUIP, [], WUXING, [])).toBe(false);
  });
});

describe('which merchants serve a batch', () => {
  it('with an empty list: merchants signed by the paying union or above it, never below it', () => {
    expect(merchantServesBatch([], 'm', CITY, WUXING)).toBe(true);
    expect(merchantServesBatch([], 'm', WUXING, WUXING)).toBe(true);
    expect(merchantServesBatch([], 'm', EQUIP, WUXING)).toBe(false);
    expect(merchantServesBatch([], 'm', EQUIP, CITY)).toBe(false);
    expect(merchantServesBatch([], 'm', NANXUN, WUXING)).toBe(false);
  });

  it('with a list: exactly the listed merchants, wherever they were signed', () => {
    expect(merchantServesBatch(['a', 'b'], 'b', EQUIP, CITY)).toBe(true);
    expect(merchantServesBatch(['a'], 'b', CITY, CITY)).toBe(false);
  });
});
