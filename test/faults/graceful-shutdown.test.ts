/*
 * SIGTERM while claims are in flight: the process stops taking new connections, answers every
 * request it already took (none sees a 5xx from a database closed under it), then exits 0.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { callEndpoint } from '@gonghui/server/testing/call';
import { activeMemberTokens, openBatchAsCity, removeDir, startApiProcess, tempDataDir, type ApiProcess } from '../flows/processes';

describe('graceful shutdown on PGlite', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('answers the requests it took, refuses none of them with a 5xx, and exits 0', async () => {
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    const env = { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: 'shutdown-secret-0123456789abcdef0123456', DATA_DIR: dataDir };
    let proc: ApiProcess = await startApiProcess({ port: 3833, env });
    cleanups.push(() => proc.stop('SIGKILL'));
    const { batchId } = await openBatchAsCity(proc.base, '停机演练 立减10', 200);
    const tokens = await activeMemberTokens([proc.base], 80);

    const answered: number[] = [];
    let refusedConnections = 0;
    const inFlight = tokens.map((token) =>
      callEndpoint(proc.base, api.claim, { params: { id: batchId }, token, idempotencyKey: randomUUID() }).then(
        (r) => void answered.push(r.status),
        () => void refusedConnections++,
      ),
    );
    await new Promise((r) => setTimeout(r, 40));
    const exited = new Promise<number | null>((resolve) => proc.child.once('exit', (code) => resolve(code)));
    proc.child.kill('SIGTERM');
    await Promise.all(inFlight);
    expect(await exited).toBe(0);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((s) => s >= 500)).toEqual([]);
    expect(answered.length + refusedConnections).toBe(tokens.length);

    // the data folder reopens with a counter that matches the vouchers
    proc = await startApiProcess({ port: 3833, env });
    const staff = (await callEndpoint(proc.base, api.demoLogin, { body: { phone: '13900000001' } })).body.token;
    const stats = await callEndpoint(proc.base, api.batchStats, { params: { id: batchId }, token: staff });
    expect(stats.body.claimed).toBe(answered.filter((s) => s === 201).length);
  });
});
