/*
 * The PostgreSQL server goes away mid-request and comes back. The API sits behind a TCP proxy on
 * loopback that this test cuts: first silently (packets vanish, as with a pulled cable or a hung
 * server), then loudly (connections reset and refused, as when PostgreSQL stops). Requests must
 * fail fast with 503 and Retry-After, never hang or answer 500, and the server must recover by
 * itself once the database is back, with no partial claim.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { openPostgres } from '@gonghui/server/db/index';
import { startTestApp, type TestApp } from '@gonghui/server/testing/harness';
import { publishedBatch } from '@gonghui/server/testing/factories';
import { SERVER_URL, freshServerDatabase } from '../flows/processes';

type Mode = 'pass' | 'silent' | 'refuse';

/** A loopback TCP proxy in front of PostgreSQL that can drop or refuse every connection. */
async function cuttableProxy(target: URL) {
  let mode: Mode = 'pass';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (mode === 'refuse') return void client.destroy();
    if (mode === 'silent') return; // accepted, never answered
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    set(next: Mode) {
      mode = next;
      if (next === 'refuse') for (const s of sockets) s.destroy();
      if (next === 'silent') for (const s of sockets) s.pause(); // established connections go quiet
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

const within = async <T>(ms: number, p: Promise<T>) => {
  const started = Date.now();
  const value = await Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
  return { value, ms: Date.now() - started };
};

describe.skipIf(!SERVER_URL)('a PostgreSQL outage mid-request', () => {
  let app: TestApp;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let drop = async () => undefined as void;
  let direct: pg.Client;

  beforeAll(async () => {
    const fresh = await freshServerDatabase();
    drop = fresh.drop;
    // checks read the database directly, never through the proxy
    direct = new pg.Client({ connectionString: fresh.url });
    const target = new URL(fresh.url);
    proxy = await cuttableProxy(target);
    const viaProxy = new URL(fresh.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const database = await openPostgres(viaProxy.toString(), 10, { connectMs: 1000, statementMs: 2000, idleInTransactionMs: 2000 });
    app = await startTestApp('postgres', { database, now: '2026-12-02T02:00:00Z' });
    await direct.connect();
  }, 120_000);
  afterAll(async () => {
    await direct?.end().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await proxy?.close();
    await drop();
  });

  it('answers 503 within seconds while the database is silent or gone, then recovers without a restart, with no partial claim', async () => {
    const city = await app.login('13900000001');
    const batch = await publishedBatch(app, city, { stockTotal: 40, schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    const phones = (await direct.query<{ phone: string }>(`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' order by u.phone limit 30`)).rows.map((r) => r.phone);
    const tokens = await Promise.all(phones.map((p) => app.login(p)));

    // claims in flight when the database falls silent
    const inFlight = tokens.slice(0, 15).map((token) => app.call(api.claim, { params: { id: batch.id }, token, idempotencyKey: randomUUID() }));
    proxy.set('silent');
    const answers = await within(10_000, Promise.all(inFlight));
    for (const r of answers.value) expect([201, 503]).toContain(r.status);
    const quiet = await within(6_000, app.call(api.claim, { params: { id: batch.id }, token: tokens[16]!, idempotencyKey: randomUUID() }));
    expect(quiet.value.status).toBe(503);
    expect(quiet.value.error?.code).toBe('SERVICE_UNAVAILABLE');
    const health = await within(5_000, app.call(api.health, {}));
    expect(health.value.status).toBe(503);
    expect(health.value.body).toMatchObject({ ok: false });

    // then PostgreSQL stops: connections reset, new ones refused
    proxy.set('refuse');
    const refused = await within(5_000, app.call(api.claim, { params: { id: batch.id }, token: tokens[20]!, idempotencyKey: randomUUID() }));
    expect(refused.value.status).toBe(503);
    expect(refused.value.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.value.headers.get('retry-after')).toBeTruthy();

    // it comes back: the same server answers again within a few seconds
    proxy.set('pass');
    let healthy = false;
    for (let i = 0; i < 20 && !healthy; i++) {
      healthy = (await app.call(api.health, {})).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthy).toBe(true);
    const after = await app.call(api.claim, { params: { id: batch.id }, token: tokens[25]!, idempotencyKey: randomUUID() });
    expect(after.status).toBe(201);

    // no partial claim: the counter equals the vouchers held, and every 201 has its voucher
    const confirmed = [...answers.value.filter((r) => r.status === 201).map((r) => r.body.voucher.id), after.body.voucher.id];
    const counts = await direct.query<{ counter: number; ledger: number }>(
      `select b.stock_claimed as counter, (select count(*)::int from vouchers v where v.batch_id = b.id and v.status <> 'returned') as ledger from voucher_batches b where b.id = $1`,
      [batch.id],
    );
    expect(counts.rows[0]!.counter).toBe(counts.rows[0]!.ledger);
    const held = await direct.query<{ id: string }>('select id from vouchers where batch_id = $1', [batch.id]);
    expect(held.rows.map((v) => v.id).sort()).toEqual(confirmed.sort());
  });
});
