import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { CITY, claim, makeBatch, NANXUN, publishedBatch, WUXING } from '../../testing/factories';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { activePhones, merchantIdByName, staffToken } from '../../testing/people';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe.each(storageKinds)('changing voucher batches on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });

  it('moves a draft to another district without freezing the server, re-checking the merchants it already lists', async () => {
    const city = await app().login('13900000001');
    const market = await merchantIdByName(app(), '世纪联华湖州吴兴店'); // signed by 吴兴区总工会
    const draft = await makeBatch(app(), city, { unionName: WUXING, merchantIds: [market] });
    const nanxun = await unionIdByName(app(), NANXUN);
    // the patch names only the audience: the listed 吴兴 merchant does not serve 南浔
    const moved = await within(10_000, app().call(api.updateBatch, { params: { id: draft.id }, body: { audience: { unionId: nanxun, tags: [] } }, token: city }));
    expect(moved.status).toBe(404);
    expect(moved.error?.code).toBe('MERCHANT_NOT_FOUND');
    const cleared = await within(10_000, app().call(api.updateBatch, { params: { id: draft.id }, body: { audience: { unionId: nanxun, tags: [] }, merchantIds: [] }, token: city }));
    expect(cleared.status).toBe(200);
    expect(cleared.body.audience.unionName).toBe(NANXUN);
    // and the next request is served at once
    expect((await within(5_000, app().call(api.listBatches, { token: city }))).status).toBe(200);
  });

  it('lets an operator prepare a draft, but refuses them every change to a published batch with 403 and changes nothing', async () => {
    const operator = await staffToken(app(), '13900000091', CITY, 'operator');
    const admin = await app().login('13900000001');
    const draft = await makeBatch(app(), operator, { stockTotal: 50 });
    expect(draft.abilities).toEqual({ update: true, publish: false, close: false });
    expect((await app().call(api.updateBatch, { params: { id: draft.id }, body: { title: '经办人改的标题' }, token: operator })).status).toBe(200);
    const refused = await app().call(api.publishBatch, { params: { id: draft.id }, token: operator });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('ADMIN_REQUIRED');
    const published = await app().call(api.publishBatch, { params: { id: draft.id }, token: admin });
    expect(published.body.abilities).toEqual({ update: true, publish: false, close: true });
    const asOperator = await app().call(api.getBatch, { params: { id: draft.id }, token: operator });
    expect(asOperator.body.abilities).toEqual({ update: false, publish: false, close: false });
    const appliance = await merchantIdByName(app(), '湖州苏宁易购吴兴店');
    for (const body of [{ stockTotal: 10_000_000 }, { merchantIds: [appliance] }, { title: '悄悄改名' }]) {
      const r = await app().call(api.updateBatch, { params: { id: draft.id }, body, token: operator });
      expect(r.status).toBe(403);
      expect(r.error?.code).toBe('ADMIN_REQUIRED');
    }
    const [row] = await queryRows<{ stock_total: number; merchant_ids: string[]; title: string }>(app().deps.db, sql`select stock_total, merchant_ids, title from voucher_batches where id = ${draft.id}`);
    expect(row).toMatchObject({ stock_total: 50, merchant_ids: [], title: '经办人改的标题' });
  });

  it('never drops a merchant from a batch once vouchers are claimed, but lets an admin add one', async () => {
    const admin = await app().login('13900000001');
    const appliance = await merchantIdByName(app(), '湖州苏宁易购吴兴店');
    const cinema = await merchantIdByName(app(), '湖州万达影城');
    const listed = await publishedBatch(app(), admin, { merchantIds: [appliance], schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    const open = await publishedBatch(app(), admin, { schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    // before any claim the list may still change freely
    expect((await app().call(api.updateBatch, { params: { id: listed.id }, body: { merchantIds: [cinema] }, token: admin })).status).toBe(200);
    expect((await app().call(api.updateBatch, { params: { id: listed.id }, body: { merchantIds: [appliance] }, token: admin })).status).toBe(200);
    const [phone] = await activePhones(app(), 1, 40);
    const member = await app().login(phone!);
    expect((await claim(app(), member, listed.id)).status).toBe(201);
    expect((await claim(app(), member, open.id)).status).toBe(201);
    for (const [id, merchantIds] of [
      [listed.id, [cinema]],
      [listed.id, []],
      [open.id, [appliance]],
    ] as const) {
      const r = await app().call(api.updateBatch, { params: { id }, body: { merchantIds: [...merchantIds] }, token: admin });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('VOUCHER_MERCHANT_IN_USE');
    }
    const grown = await app().call(api.updateBatch, { params: { id: listed.id }, body: { merchantIds: [appliance, cinema] }, token: admin });
    expect(grown.status).toBe(200);
    expect(grown.body.merchantIds.sort()).toEqual([appliance, cinema].sort());
  });

  it('takes no edits on an ended or a closed batch (409), from an admin either', async () => {
    const admin = await app().login('13900000001');
    app().clock.set('2026-12-01T02:00:00Z');
    const ending = await publishedBatch(app(), admin, { schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-02T00:00:00Z' } });
    const closing = await publishedBatch(app(), admin, { schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    expect((await app().call(api.closeBatch, { params: { id: closing.id }, token: admin })).status).toBe(200);
    app().clock.set('2026-12-03T02:00:00Z');
    for (const id of [ending.id, closing.id]) {
      const r = await app().call(api.updateBatch, { params: { id }, body: { title: '过期后改名' }, token: admin });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('VOUCHER_BATCH_FINISHED');
      expect((await app().call(api.getBatch, { params: { id }, token: admin })).body.abilities.update).toBe(false);
    }
  });

  it('refuses a month or an instant outside 2000–2100 with 400, so no staff list can be poisoned', async () => {
    const admin = await app().login('13900000001');
    const district = await app().login('13900000002');
    const audience = { unionId: await unionIdByName(app(), CITY), tags: [] };
    const base = { title: '远期券', kind: 'direct' as const, faceValueFen: 100, stockTotal: 1, audience, validity: { type: 'days' as const, days: 3 } };
    for (const schedule of [
      { type: 'benefitDay' as const, month: '2999-12', startTime: '10:00' },
      { type: 'window' as const, startsAt: '2026-12-01T00:00:00Z', endsAt: '2999-12-31T00:00:00Z' },
    ]) {
      const r = await app().call(api.createBatch, { body: { ...base, schedule }, token: admin });
      expect(r.status).toBe(400);
      expect(r.error?.code).toBe('VALIDATION_FAILED');
    }
    const draft = await makeBatch(app(), admin);
    const patched = await app().call(api.updateBatch, { params: { id: draft.id }, body: { schedule: { type: 'benefitDay', month: '2999-12', startTime: '10:00' } }, token: admin });
    expect(patched.status).toBe(400);
    const settlement = await app().call(api.merchantSettlementXlsx, { params: { id: await merchantIdByName(app(), '湖州万达影城') }, query: { month: '2999-12' }, token: admin });
    expect(settlement.status).toBe(400);
    for (const token of [admin, district]) expect((await app().call(api.listBatches, { query: { limit: 100 }, token })).status).toBe(200);
  });
});
