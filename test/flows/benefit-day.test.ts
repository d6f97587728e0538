/*
 * Benefit Day morning across real API processes: on PGlite one process (it is embedded), on the
 * PostgreSQL server two processes over one database. 200 members race for 50 vouchers through
 * both; exactly 50 are issued and the counter agrees.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { callEndpoint, callPatiently } from '@gonghui/server/testing/call';
import { SERVER_URL, activeMemberTokens, freshServerDatabase, openBatchAsCity, removeDir, startApiProcess, tempDataDir, type ApiProcess } from './processes';

const kinds = SERVER_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('Benefit Day rush through API processes on %s', (kind) => {
  const procs: ApiProcess[] = [];
  let cleanup = async () => undefined as void;

  beforeAll(async () => {
    const env = { GONGHUI_NOW: '2026-12-20T01:59:00Z', GONGHUI_SECRET: 'flow-secret-0123456789abcdef0123456789' };
    if (kind === 'pglite') {
      const dir = tempDataDir();
      procs.push(await startApiProcess({ port: 3811, env: { ...env, DATA_DIR: dir, DATABASE_URL: '' } }));
      cleanup = async () => removeDir(dir);
    } else {
      const db = await freshServerDatabase();
      // both start at once: migrations and the demo seed must each run exactly once
      procs.push(...(await Promise.all([3821, 3822].map((port) => startApiProcess({ port, env: { ...env, DATABASE_URL: db.url, DATA_DIR: tempDataDir() } })))));
      cleanup = db.drop;
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await cleanup();
  });

  it('issues exactly the stock across processes and agrees with the counter', async () => {
    const first = procs[0]!.base;
    const { batchId, staff } = await openBatchAsCity(first, '跨进程抢券 立减10', 50);
    const tokens = await activeMemberTokens(procs.map((p) => p.base), 200);
    const answers = await Promise.all(
      // A loaded machine may shed some at first: they wait in line and try again, as the app does.
      tokens.map((token, i) => callPatiently(procs[i % procs.length]!.base, api.claim, { params: { id: batchId }, token, idempotencyKey: randomUUID() })),
    );
    const codes = answers.map((a) => (a.status === 201 ? 'CLAIMED' : a.error?.code));
    expect(codes.filter((c) => c === 'CLAIMED')).toHaveLength(50);
    expect(codes.filter((c) => c === 'VOUCHER_SOLD_OUT')).toHaveLength(150);
    const stats = await callEndpoint(procs[procs.length - 1]!.base, api.batchStats, { params: { id: batchId }, token: staff });
    expect(stats.body.claimed).toBe(50);
    expect(stats.body.byUnion.reduce((s, u) => s + u.claimed, 0)).toBe(50);
    const unionCount = (await callEndpoint(procs[procs.length - 1]!.base, api.listUnions, { token: staff })).body.data.length;
    expect(unionCount).toBe(11); // seeded once, not once per process
  });
});
