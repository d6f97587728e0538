/*
 * Two API processes (two real servers) over one PostgreSQL, one rush across both: members claim
 * on either, some twice at once on both with two keys (the limit is 1), some repeat one key on
 * both at once. The offline checker then holds every answer against the tables. What one process
 * learns must reach the other within the stated bound (RUSH_STALE_MS, and the session cache's
 * revocation): a logout on A ends the session on B, a voucher given back on A is claimable on B.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { callEndpoint } from '@gonghui/server/testing/call';
import { SERVER_URL, activeMembers, freePort, openBatchAsCity, serverProcessEnv, startApiProcess, type ApiProcess, type Claimant } from '../flows/processes';
import { RushLog, openLedger, verifyRush } from './checker';

const STALE_MS = 1000;
/** The stated bound and what a loaded two-core machine adds to it. */
const BOUND_MS = STALE_MS + 1000;
const STOCK = 60;

/** How long until `attempt` says yes, asking every 50 ms; throws once `limitMs` have passed without it. */
async function msUntil(limitMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await attempt())) {
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - start;
}

describe.skipIf(!SERVER_URL)('two API processes over one PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let a: ApiProcess;
  let b: ApiProcess;
  let databaseUrl: string;
  let members: Claimant[];
  let log: RushLog;

  beforeAll(async () => {
    const env = { ...(await serverProcessEnv(cleanups, 'two-proc-secret-0123456789abcdef0123456')), RUSH_STALE_MS: String(STALE_MS) };
    databaseUrl = env.DATABASE_URL;
    a = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => a.stop());
    b = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => b.stop());
    const { batchId } = await openBatchAsCity(a.base, '两进程抢券 立减10', STOCK);
    members = await activeMembers([a.base, b.base], 100);
    log = new RushLog(batchId);
  }, 120_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('sells the stock exactly once across both: every answer matches the tables', async () => {
    const both = [a.base, b.base];
    await Promise.all(
      members.flatMap((m, i) => {
        const one = log.claim(both[i % 2]!, m);
        if (i % 4 === 0) return [one, log.claim(both[(i + 1) % 2]!, m)]; // two keys, both processes, at once
        if (i % 7 === 0) {
          const key = randomUUID(); // one key, both processes, at once
          return [log.claim(both[0]!, m, key), log.claim(both[1]!, m, key)];
        }
        return [one];
      }),
    );
    await log.settle(both);
    const ledger = await openLedger({ url: databaseUrl });
    try {
      const verdict = await verifyRush(ledger.exec, log);
      expect(verdict.problems).toEqual([]);
      expect(verdict.live).toBe(STOCK);
    } finally {
      await ledger.close();
    }
  });

  it('ends a session on B within the bound after logout on A', async () => {
    const phone = members[members.length - 1]!.phone;
    const who = { phone, token: (await callEndpoint(a.base, api.demoLogin, { body: { phone } })).body.token }; // a session of its own
    await log.claim(b.base, who); // B now holds the session in memory (and answers from it)
    expect((await callEndpoint(a.base, api.logout, { token: who.token })).status).toBe(200);
    const took = await msUntil(BOUND_MS, async () => (await log.claim(b.base, who)).status === 401);
    expect(took).toBeLessThan(BOUND_MS);
  });

  it('lets a member claim on B within the bound after a voucher is given back on A', async () => {
    const holder = log.answers.find((x) => x.status === 201)!;
    const holderToken = members.find((m) => m.phone === holder.phone)!.token;
    const waiting = members.find((m) => !log.answers.some((x) => x.phone === m.phone && x.status === 201))!;
    expect((await log.claim(b.base, waiting)).code).toBe('VOUCHER_SOLD_OUT');
    const returned = await callEndpoint(a.base, api.returnVoucher, { params: { id: holder.voucherId! }, token: holderToken });
    expect(returned.status).toBe(200);
    const took = await msUntil(BOUND_MS, async () => (await log.claim(b.base, waiting)).status === 201);
    expect(took).toBeLessThan(BOUND_MS);

    const ledger = await openLedger({ url: databaseUrl });
    try {
      const verdict = await verifyRush(ledger.exec, log);
      expect(verdict.problems).toEqual([]);
      expect(verdict.live).toBe(STOCK);
      expect(verdict.issued).toBe(STOCK + 1);
    } finally {
      await ledger.close();
    }
  });
});
