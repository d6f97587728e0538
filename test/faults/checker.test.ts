/*
 * The rush checker itself: silent on an honest run, and it names each kind of breakage when the
 * tables or the record are tampered with (a voucher slipped in without a 201, a counter that
 * drifted, a 201 naming a voucher that is not there, a member above the limit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedBatch } from '@gonghui/server/testing/factories';
import { startTestApp, type TestApp } from '@gonghui/server/testing/harness';
import type { Claimant } from '../flows/processes';
import { RushLog, verifyRush, type Exec } from './checker';

describe('the rush checker', () => {
  let app: TestApp;
  let exec: Exec;
  let members: Claimant[];
  beforeAll(async () => {
    app = await startTestApp('pglite', { now: '2026-12-20T02:00:00Z' });
    exec = (statement) => app.deps.db.execute(statement) as never;
    const phones = (await exec(`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' and u.phone like '138%' order by u.phone limit 5`)).rows;
    members = await Promise.all(phones.map(async (r) => ({ phone: String(r.phone), token: await app.login(String(r.phone)) })));
  }, 120_000);
  afterAll(() => app?.close());

  async function soldOutRun(title: string) {
    const city = await app.login('13900000001');
    const batch = await publishedBatch(app, city, { stockTotal: 3, perMemberLimit: 1, title, schedule: { type: 'window', startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T15:00:00Z' } });
    const log = new RushLog(batch.id);
    for (const m of members) await log.claim(app.baseUrl, m);
    await log.claim(app.baseUrl, members[0]!, log.answers[0]!.key); // a replay
    return log;
  }

  it('finds nothing wrong with an honest run', async () => {
    const log = await soldOutRun('校验器 正常 立减');
    expect(log.answers.map((a) => a.status)).toEqual([201, 201, 201, 409, 409, 201]);
    const verdict = await verifyRush(exec, log);
    expect(verdict).toEqual({ problems: [], issued: 3, live: 3, counter: 3, stock: 3 });
  });

  it('reports a voucher issued without a 201, a counter that drifted and a member above the limit', async () => {
    const log = await soldOutRun('校验器 篡改 立减');
    const held = log.answers[0]!.voucherId!;
    await exec(
      `insert into vouchers (batch_id, member_id, period, ordinal, status, claimed_at, expires_at)
       select batch_id, member_id, period, ordinal + 1, status, claimed_at, expires_at from vouchers where id = '${held}'`,
    );
    const { problems } = await verifyRush(exec, log);
    expect(problems).toEqual([
      expect.stringMatching(/^voucher .* was issued without a 201 or a replay$/),
      'counter 3 but 4 vouchers held',
      '4 vouchers held from a stock of 3',
      `${members[0]!.phone} holds 2, above the limit of 1`,
    ]);
  });

  it('reports a 201 naming a voucher that is not there, one key with two vouchers, an unanswered key and a 500', async () => {
    const log = await soldOutRun('校验器 记录 立减');
    const first = log.answers[0]!;
    log.answers.push({ ...first, voucherId: '00000000-0000-4000-8000-000000000000' });
    log.answers.push({ ...first, key: 'never-answered', status: 0, code: 'NO_ANSWER', voucherId: undefined });
    log.answers.push({ ...first, key: 'broken', status: 500, code: 'INTERNAL', voucherId: undefined });
    const { problems } = await verifyRush(exec, log);
    expect(problems).toEqual([
      `201 for key ${first.key} names voucher 00000000-0000-4000-8000-000000000000, not in the database`,
      `key ${first.key} answered 201 with vouchers ${first.voucherId} and 00000000-0000-4000-8000-000000000000`,
      '500 INTERNAL for key broken',
      '1 keys never got a final answer (last: NO_ANSWER)',
    ]);
  });
});
