import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { unionIdByName, useTestApp } from '../testing/harness';

describe.each(storageKinds)('demo 送温暖 on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });

  it('has last winter’s closed campaign and this winter’s running one', async () => {
    const staff = await app().login('13900000001');
    const list = (await app().call(api.staffCampaigns, { token: staff, query: {} })).body.data;
    expect(list.map((c) => [c.name, c.phase])).toEqual([
      ['2027年元旦春节送温暖', 'running'],
      ['2026年元旦春节送温暖', 'ended'],
    ]);
    expect(list[1]!.handedOverCount).toBeGreaterThan(list[0]!.handedOverCount);
  });

  it('gives both winters’ forms believable figures, with no formula left unchecked', async () => {
    const staff = await app().login('13900000001');
    const city = await unionIdByName(app(), '湖州市总工会');
    for (const period of [
      { from: '2025-11-01', to: '2026-03-31' },
      { from: '2026-11-01', to: '2027-03-31' },
    ]) {
      const f = (await app().call(api.warmthForm, { token: staff, query: { unionId: city, ...period } })).body;
      const v = (code: string) => f.items.find((i) => i.code === code)!.value;
      expect([v('A'), v('C'), v('D'), v('B'), v('B4'), v('C11'), v('K2')].every((x) => x > 0), JSON.stringify(f.items.map((i) => [i.code, i.value]))).toBe(true);
      expect(f.mismatches).toBe(0);
    }
  });

  it('shows this winter’s offers to a member of their groups on 首页', async () => {
    const rows = (await app().call(api.staffCampaigns, { token: await app().login('13900000001'), query: {} })).body.data;
    const detail = (await app().call(api.staffCampaign, { token: await app().login('13900000001'), params: { id: rows[0]!.id } })).body;
    expect(detail.offers.map((o) => o.title)).toEqual(['温情年货礼包', '暖心年夜饭', '劳模新春慰问礼包', '书法家手写春联']);
    // 送春联: a stock nobody has grabbed yet, open to every member
    expect(detail.offers[3]).toMatchObject({ kind: 'couplets', stock: { total: 300, left: 300 }, claimedCount: 0 });
    expect(detail.sponsors.length).toBeGreaterThan(0);
  });
});
