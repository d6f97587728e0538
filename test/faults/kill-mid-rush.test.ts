/*
 * kill -9 in the middle of a Benefit Day rush: every claim the server confirmed (201) is still
 * there after a restart, and the stock counter equals the vouchers held. On PGlite the same
 * data folder is reopened; on the PostgreSQL server a new process joins the same database.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { callEndpoint } from '@gonghui/server/testing/call';
import { SERVER_URL, activeMemberTokens, freshServerDatabase, openBatchAsCity, removeDir, startApiProcess, tempDataDir, type ApiProcess } from '../flows/processes';

const kinds = SERVER_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('kill -9 mid-rush on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('keeps every confirmed claim and a counter that matches the vouchers', async () => {
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    let databaseUrl = '';
    if (kind === 'postgres') {
      const db = await freshServerDatabase();
      databaseUrl = db.url;
      cleanups.push(db.drop);
    }
    const env = { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: 'fault-secret-0123456789abcdef012345678', DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
    let proc: ApiProcess = await startApiProcess({ port: 3831, env });
    cleanups.push(() => proc.stop());

    const { batchId } = await openBatchAsCity(proc.base, '断电演练 立减10', 120);
    const tokens = await activeMemberTokens([proc.base], 150);

    // Fire every claim, and kill the process hard while they are in flight.
    const confirmed: string[] = [];
    const inFlight = tokens.map((token) =>
      callEndpoint(proc.base, api.claim, { params: { id: batchId }, token, idempotencyKey: randomUUID() })
        .then((r) => {
          if (r.status === 201) confirmed.push(r.body.voucher.id);
        })
        .catch(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 150));
    await proc.stop('SIGKILL');
    await Promise.all(inFlight);
    // the kill really landed mid-rush: the stock was not yet gone
    expect(confirmed.length).toBeLessThan(120);

    proc = await startApiProcess({ port: 3832, env });
    const staffAgain = (await callEndpoint(proc.base, api.demoLogin, { body: { phone: '13900000001' } })).body.token;
    const stats = (await callEndpoint(proc.base, api.batchStats, { params: { id: batchId }, token: staffAgain })).body;
    const held = stats.byUnion.reduce((s, u) => s + u.claimed, 0);
    expect(held).toBe(stats.claimed);
    expect(stats.claimed).toBeGreaterThanOrEqual(confirmed.length);
    expect(stats.claimed).toBeLessThanOrEqual(120);
    // every confirmed voucher is still its member's
    const checks = await Promise.all(
      confirmed.slice(0, 20).map(async (id) => {
        for (const token of tokens) {
          const r = await callEndpoint(proc.base, api.myVoucher, { params: { id }, token });
          if (r.status === 200) return true;
        }
        return false;
      }),
    );
    expect(checks.every(Boolean)).toBe(true);
  });
});
