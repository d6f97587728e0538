/*
 * kill -9 in the middle of a Benefit Day rush, then a restart: every claim the server confirmed
 * (201) is still there; members whose claim got no answer repeat it with the same Idempotency-Key
 * and get the stored answer if it was made (so nothing was issued without a 201 or a replay);
 * repeating a sample of the 201s' keys gives back the same voucher; the offline checker finds the
 * counter equal to the ledger, no oversell and nobody above the limit. On PGlite the same data
 * folder is reopened; on the PostgreSQL server a new process joins the same database.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_URL, activeMembers, freePort, freshServerDatabase, openBatchAsCity, removeDir, startApiProcess, tempDataDir, type ApiProcess } from '../flows/processes';
import { RushLog, openLedger, verifyRush } from './checker';

const kinds = SERVER_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const STOCK = 120;

describe.each(kinds)('kill -9 mid-rush on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('keeps every confirmed claim, replays stored answers after the restart, and issues nothing without a 201', async () => {
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    let databaseUrl = '';
    if (kind === 'postgres') {
      const db = await freshServerDatabase();
      databaseUrl = db.url;
      cleanups.push(db.drop);
    }
    const env = { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: 'fault-secret-0123456789abcdef012345678', DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
    let proc: ApiProcess = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => proc.stop());

    const { batchId } = await openBatchAsCity(proc.base, '断电演练 立减10', STOCK);
    const members = await activeMembers([proc.base], 150);
    const log = new RushLog(batchId);

    // Every member claims, every fifth twice at once with two keys (the limit is 1); kill hard mid-flight.
    const inFlight = members.flatMap((m, i) => (i % 5 === 0 ? [log.claim(proc.base, m), log.claim(proc.base, m)] : [log.claim(proc.base, m)]));
    // Kill as soon as the first vouchers are confirmed: a fixed delay let a fast server (group
    // commit on PostgreSQL) hand out the whole stock before the kill.
    const deadline = Date.now() + 10_000;
    while (log.answers.filter((a) => a.status === 201).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    await proc.stop('SIGKILL');
    await Promise.all(inFlight);
    const confirmed = log.answers.filter((a) => a.status === 201);
    // the kill really landed mid-rush: the stock was not yet gone, and some claims got no answer
    expect(confirmed.length).toBeLessThan(STOCK);
    expect(log.answers.some((a) => a.status === 0)).toBe(true);

    proc = await startApiProcess({ port: await freePort(), env });
    // a sample of the 201s, repeated with their keys, come back as the stored answer
    const replays = await log.replaySample([proc.base], 20);
    for (const { first, again } of replays) {
      expect(again.status).toBe(201);
      expect(again.voucherId).toBe(first.voucherId);
    }
    // the claims that got no answer are repeated with their keys until they get one
    await log.settle([proc.base]);
    await proc.stop();

    const ledger = await openLedger(kind === 'postgres' ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, 'pglite') });
    cleanups.push(() => ledger.close());
    const verdict = await verifyRush(ledger.exec, log);
    expect(verdict.problems).toEqual([]);
    expect(verdict.live).toBeGreaterThanOrEqual(confirmed.length);
  });
});
