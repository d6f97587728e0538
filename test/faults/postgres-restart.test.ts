/*
 * PostgreSQL restarts in the middle of a rush: a private instance of the test's own (the
 * machine's shared server is never touched) is stopped with `pg_ctl stop -m fast`, kept down for
 * two seconds and started again, while an API process (the real server, its default timeouts)
 * takes claims. Every request is answered within a few seconds (503 with Retry-After while the
 * database is gone, never a hang or a 500); the same process recovers by itself; members repeat
 * the claims that were refused with their keys; the offline checker finds no partial claim.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { activeMembers, freePort, openBatchAsCity, removeDir, startApiProcess, tempDataDir } from '../flows/processes';
import { RushLog, openLedger, verifyRush } from './checker';
import { postgresBinaries, startPrivatePostgres } from './private-postgres';

const STOCK = 100;
const DOWN_MS = 2000;
/** "Fails fast": no answer may take longer than this, outage or not (the pool's connect timeout is 3 s). */
const ANSWER_WITHIN_MS = 6000;

if ('missing' in postgresBinaries) console.warn(`postgres-restart: skipped, ${postgresBinaries.missing}`);

describe.skipIf('missing' in postgresBinaries)('PostgreSQL restarted mid-rush (a private instance)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('answers 503 at once while it is down, recovers without a restart of the API, and loses or invents no claim', async () => {
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.destroy());
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    const env = { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: 'restart-secret-0123456789abcdef01234567', DATA_DIR: dataDir, DATABASE_URL: postgres.url, RUSH_MEMBER_RATE: '0' };
    const api = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => api.stop());

    const { batchId } = await openBatchAsCity(api.base, '重启演练 立减10', STOCK);
    const members = await activeMembers([api.base], 160);
    const log = new RushLog(batchId, ANSWER_WITHIN_MS * 2);

    const rush = log.drive([api.base], members, 8);
    while (log.answers.length < 20) await new Promise((r) => setTimeout(r, 10));
    const down = performance.now();
    await postgres.stop();
    await new Promise((r) => setTimeout(r, DOWN_MS));
    await postgres.start();
    const up = performance.now();
    await rush;

    // the outage was met mid-rush, and met fast
    const duringOutage = log.answers.filter((a) => a.at > down && a.at < up);
    expect(duringOutage.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(log.answers.filter((a) => a.status === 0)).toEqual([]);
    expect(Math.max(...log.answers.map((a) => a.ms))).toBeLessThan(ANSWER_WITHIN_MS);

    // the same process, never restarted, answers again by itself
    let healthyAfterMs = -1;
    for (let i = 0; i < 60 && healthyAfterMs < 0; i++) {
      if ((await fetch(`${api.base}/api/health`).catch(() => null))?.status === 200) healthyAfterMs = performance.now() - up;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthyAfterMs).toBeGreaterThanOrEqual(0);
    expect(api.child.exitCode).toBeNull();

    // members repeat what was refused, with the same keys; then the tables must agree with every answer
    await log.settle([api.base]);
    expect(api.child.exitCode).toBeNull();
    await api.stop();
    const ledger = await openLedger({ url: postgres.url });
    cleanups.push(() => ledger.close());
    const verdict = await verifyRush(ledger.exec, log);
    expect(verdict.problems).toEqual([]);
    expect(verdict.live).toBe(STOCK);
  });
});
