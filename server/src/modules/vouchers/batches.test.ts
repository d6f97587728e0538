import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/index';
import { describe, expect, it } from 'vitest';
import { storageKinds } from '../../testing/database';
import { claim, makeBatch, publishedBatch } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';

describe.each(storageKinds)('voucher batches for staff on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });

  it('creates a draft, edits it, publishes it and lists it', async () => {
    const city = await app().login('13900000001');
    const b = await makeBatch(app(), city, { title: '演唱会门票 立减80', kind: 'direct', thresholdFen: null, faceValueFen: 8000, stackable: false, stockTotal: 200 });
    expect(b.status).toBe('draft');
    const edited = await app().patch(`/api/admin/voucher-batches/${b.id}`, { faceValueFen: 9000 }, city);
    expect(edited.status).toBe(200);
    expect(edited.body.faceValueFen).toBe(9000);
    const pub = await app().post(`/api/admin/voucher-batches/${b.id}/publish`, undefined, city);
    expect(pub.body.status).toBe('scheduled');
    expect((await app().post(`/api/admin/voucher-batches/${b.id}/publish`, undefined, city)).body.error.code).toBe('VOUCHER_BATCH_NOT_DRAFT');
    const list = await app().get('/api/admin/voucher-batches', city);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(b.id);
  });

  it('rejects a 满减 batch whose threshold is not above its value, changing nothing', async () => {
    const city = await app().login('13900000001');
    await expect(makeBatch(app(), city, { thresholdFen: 10_000, faceValueFen: 10_000 })).rejects.toThrow(/422/);
  });

  it('locks value, kind and schedule once published, and never lowers stock below what is claimed', async () => {
    const city = await app().login('13900000001');
    app().clock.set('2026-12-01T02:00:00Z');
    const b = await publishedBatch(app(), city, { stockTotal: 3 });
    for (const patch of [{ faceValueFen: 20_000 }, { kind: 'direct' }, { schedule: { type: 'benefitDay', month: '2027-01', startTime: '10:00' } }]) {
      const r = await app().patch(`/api/admin/voucher-batches/${b.id}`, patch, city);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('VOUCHER_BATCH_LOCKED');
    }
    app().clock.set('2026-12-20T02:00:00Z');
    await claim(app(), await app().login('13800000001'), b.id);
    await claim(app(), await app().login('13800000002'), b.id);
    const lower = await app().patch(`/api/admin/voucher-batches/${b.id}`, { stockTotal: 1 }, city);
    expect(lower.status).toBe(409);
    expect(lower.body.error.code).toBe('VOUCHER_STOCK_BELOW_CLAIMED');
    const raise = await app().patch(`/api/admin/voucher-batches/${b.id}`, { stockTotal: 5, title: '加量 满1000减100' }, city);
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
    const stats = await app().get(`/api/admin/voucher-batches/${b.id}/stats`, city);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ claimed: 2, redeemed: 0, remaining: 8, stockTotal: 10 });
    expect(stats.body.byHour.map((h: { hour: string }) => h.hour)).toEqual(['2026-12-20 10:00', '2026-12-20 11:00']);
    expect(stats.body.byUnion.reduce((s: number, u: { claimed: number }) => s + u.claimed, 0)).toBe(2);
    const closed = await app().post(`/api/admin/voucher-batches/${b.id}/close`, undefined, city);
    expect(closed.body.status).toBe('closed');
    const late = await claim(app(), await app().login('13800000005'), b.id);
    expect(late.body.error.code).toBe('VOUCHER_NOT_OPEN');
    const xlsx = await fetch(`${app().baseUrl}/api/admin/voucher-batches/${b.id}/redemptions.xlsx`, { headers: { authorization: `Bearer ${city}` } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('pages through the batch list with an opaque cursor, each batch once', async () => {
    const city = await app().login('13900000001');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await app().get(`/api/admin/voucher-batches?limit=3${cursor ? `&cursor=${cursor}` : ''}`, city);
      expect(r.status).toBe(200);
      seen.push(...r.body.data.map((b: { id: string }) => b.id));
      cursor = r.body.pagination.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from voucher_batches`);
    expect(seen.length).toBe(row!.n);
    expect((await app().get('/api/admin/voucher-batches?cursor=bm9wZQ', city)).status).toBe(400);
  });

  it('hides the city’s batches from district staff (404)', async () => {
    const city = await app().login('13900000001');
    const b = await makeBatch(app(), city);
    const wuxing = await app().login('13900000002');
    expect((await app().get(`/api/admin/voucher-batches/${b.id}`, wuxing)).status).toBe(404);
    expect((await app().get(`/api/admin/voucher-batches/${b.id}/stats`, wuxing)).status).toBe(404);
    expect((await app().get('/api/admin/voucher-batches', wuxing)).body.data.map((x: { id: string }) => x.id)).not.toContain(b.id);
  });
});
