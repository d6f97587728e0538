import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/index';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import type { CallResult } from '../../testing/call';
import { claim, makeBatch, publishedBatch } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';

describe.each(storageKinds)('voucher batches for staff on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });

  it('creates a draft, edits it, publishes it and lists it', async () => {
    const city = await app().login('13900000001');
    const b = await makeBatch(app(), city, { title: '演唱会门票 立减80', kind: 'direct', thresholdFen: null, faceValueFen: 8000, stackable: false, stockTotal: 200 });
    expect(b.status).toBe('draft');
    const edited = await app().call(api.updateBatch, { params: { id: b.id }, body: { faceValueFen: 9000 }, token: city });
    expect(edited.status).toBe(200);
    expect(edited.body.faceValueFen).toBe(9000);
    const pub = await app().call(api.publishBatch, { params: { id: b.id }, token: city });
    expect(pub.body.status).toBe('scheduled');
    expect((await app().call(api.publishBatch, { params: { id: b.id }, token: city })).error?.code).toBe('VOUCHER_BATCH_NOT_DRAFT');
    const list = await app().call(api.listBatches, { token: city });
    expect(list.body.data.map((x) => x.id)).toContain(b.id);
  });

  it('rejects a 满减 batch whose threshold is not above its value, changing nothing', async () => {
    const city = await app().login('13900000001');
    await expect(makeBatch(app(), city, { thresholdFen: 10_000, faceValueFen: 10_000 })).rejects.toThrow(/422/);
  });

  it('locks value, kind and schedule once published, and never lowers stock below what is claimed', async () => {
    const city = await app().login('13900000001');
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 3 });
    for (const patch of [{ faceValueFen: 20_000 }, { kind: 'direct' }, { schedule: { type: 'benefitDay', month: '2027-01', startTime: '10:00' } }] as const) {
      const r = await app().call(api.updateBatch, { params: { id: b.id }, body: patch, token: city });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('VOUCHER_BATCH_LOCKED');
    }
    app().clock.set('2026-12-20T02:00:00Z');
    await claim(app(), await app().login('13800000001'), b.id);
    await claim(app(), await app().login('13800000002'), b.id);
    const lower = await app().call(api.updateBatch, { params: { id: b.id }, body: { stockTotal: 1 }, token: city });
    expect(lower.status).toBe(409);
    expect(lower.error?.code).toBe('VOUCHER_STOCK_BELOW_CLAIMED');
    const raise = await app().call(api.updateBatch, { params: { id: b.id }, body: { stockTotal: 5, title: '加量 满1000减100' }, token: city });
    expect(raise.status).toBe(200);
    expect(raise.body.stockTotal).toBe(5);
  });

  it('shows live stats by union and by Shanghai hour, and closes early', async () => {
    const city = await app().login('13900000001');
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 10 });
    app().clock.set('2026-12-20T02:30:00Z');
    await claim(app(), await app().login('13800000001'), b.id);
    app().clock.set('2026-12-20T03:10:00Z');
    await claim(app(), await app().login('13800000004'), b.id);
    const stats = await app().call(api.batchStats, { params: { id: b.id }, token: city });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ claimed: 2, redeemed: 0, remaining: 8, stockTotal: 10 });
    expect(stats.body.byHour.map((h) => h.hour)).toEqual(['2026-12-20 10:00', '2026-12-20 11:00']);
    expect(stats.body.byUnion.reduce((s, u) => s + u.claimed, 0)).toBe(2);
    const closed = await app().call(api.closeBatch, { params: { id: b.id }, token: city });
    expect(closed.body.status).toBe('closed');
    const late = await claim(app(), await app().login('13800000005'), b.id);
    expect(late.error?.code).toBe('VOUCHER_NOT_OPEN');
    const xlsx = await app().call(api.batchRedemptionsXlsx, { params: { id: b.id }, token: city });
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('pages through the batch list with an opaque cursor, each batch once', async () => {
    const city = await app().login('13900000001');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: CallResult<typeof api.listBatches> = await app().call(api.listBatches, { query: { limit: 3, cursor: cursor ?? undefined }, token: city });
      expect(r.status).toBe(200);
      seen.push(...r.body.data.map((b) => b.id));
      cursor = r.body.pagination.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from voucher_batches where purpose = 'voucher'`);
    expect(seen.length).toBe(row!.n);
    expect((await app().get('/api/admin/voucher-batches?cursor=bm9wZQ', city)).status).toBe(400);
  });

  it('hides the city’s batches from district staff (404)', async () => {
    const city = await app().login('13900000001');
    const b = await makeBatch(app(), city);
    const wuxing = await app().login('13900000002');
    expect((await app().call(api.getBatch, { params: { id: b.id }, token: wuxing })).status).toBe(404);
    expect((await app().call(api.batchStats, { params: { id: b.id }, token: wuxing })).status).toBe(404);
    expect((await app().call(api.listBatches, { token: wuxing })).body.data.map((x) => x.id)).not.toContain(b.id);
  });
});
