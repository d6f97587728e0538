import { describe, expect, it } from 'vitest';
import { firstUnionPath, handoverAllowed, median, replyDueAt, replyTimeLeftMs, shouldEscalate, staffMayAct, staffMayRead } from './feedback';

const CITY = '/c/';
const WUXING = '/c/w/';
const EQUIP = '/c/w/e/';
const NANXUN = '/c/n/';
const sent = new Date('2026-12-01T02:00:00Z');

describe('湖州 "聆听": 24小时在线职情反馈', () => {
  it('gives the union 24 hours for a first reply and escalates at the 24th hour, not before', () => {
    const due = replyDueAt(sent);
    expect(due.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(shouldEscalate('pending', due, true, new Date(due.getTime() - 1))).toBe(false);
    expect(shouldEscalate('pending', due, true, due)).toBe(true);
    expect(shouldEscalate('replied', due, true, due)).toBe(false);
    expect(shouldEscalate('pending', due, false, due)).toBe(false);
    expect(replyTimeLeftMs('pending', due, sent)).toBe(24 * 3600_000);
    expect(replyTimeLeftMs('replied', due, sent)).toBeNull();
  });

  it('sends a 不经本单位工会 request to the union above the member’s grassroots union', () => {
    expect(firstUnionPath(EQUIP, false)).toBe(EQUIP);
    expect(firstUnionPath(EQUIP, true)).toBe(WUXING);
  });

  it('hides a bypassing request from the grassroots union and shows it above', () => {
    const f = { handlingPath: WUXING, memberUnionPath: EQUIP, bypassGrassroots: true };
    expect(staffMayRead([EQUIP], f)).toBe(false);
    expect(staffMayRead([WUXING], f)).toBe(true);
    expect(staffMayRead([CITY], f)).toBe(true);
    expect(staffMayRead([NANXUN], f)).toBe(false);
    expect(staffMayRead([EQUIP], { ...f, bypassGrassroots: false })).toBe(true);
    expect(handoverAllowed(EQUIP, f)).toBe(false);
    expect(handoverAllowed(NANXUN, f)).toBe(true);
  });

  it('lets only staff over the union holding a request act on it', () => {
    expect(staffMayAct([EQUIP], WUXING)).toBe(false);
    expect(staffMayAct([WUXING], EQUIP)).toBe(true);
  });

  it('takes the median of first-reply minutes', () => {
    expect(median([])).toBeNull();
    expect(median([30, 90, 600])).toBe(90);
    expect(median([30, 90, 600, 1800])).toBe(345);
  });
});
