/*
 * `pnpm db:move-to`: the demo and a finished Benefit Day (claims, redemptions at the counter) on
 * PGlite move into an empty PostgreSQL database; the server started on it answers the same member's
 * vouchers, the cashier's redemptions, the batch's figures and the settlement byte for byte (the
 * settlement's cells: the xlsx zip carries its own timestamps). Needs the PostgreSQL server (DATABASE_URL).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, buildPath } from '@gonghui/shared';
import { callEndpoint } from '@gonghui/server/testing/call';
import { xlsxCells } from '@gonghui/server/testing/xlsx';
import { openExec } from '@gonghui/server/ops/backup';
import { SERVER_URL, activeMembers, freePort, freshServerDatabase, openBatchAsCity, removeDir, startApiProcess, tempDataDir } from '../flows/processes';
import { pnpmScript } from './cli';

const SECRET = 'move-secret-0123456789abcdef0123456789abc';
if (!SERVER_URL) console.warn('db:move-to: skipped, needs the PostgreSQL server (DATABASE_URL)');

describe.skipIf(!SERVER_URL)('moving a PGlite folder to PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('moves every row, and the server on PostgreSQL answers exactly what it answered on PGlite', async () => {
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDir(dataDir));
    const env = { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: SECRET, DATA_DIR: dataDir, RUSH_MEMBER_RATE: '0', DATABASE_URL: '' };
    const onPglite = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => onPglite.stop());

    // a Benefit Day: members claim, some redeem at the counter
    const { batchId, staff } = await openBatchAsCity(onPglite.base, '迁移演练 立减10', 30);
    const members = await activeMembers([onPglite.base], 40);
    const cashier = (await callEndpoint(onPglite.base, api.demoLogin, { body: { phone: '13900000011' } })).body.token;
    let redeemed = 0;
    for (const [i, m] of members.entries()) {
      const c = await callEndpoint(onPglite.base, api.claim, { params: { id: batchId }, token: m.token, idempotencyKey: randomUUID() });
      if (c.status !== 201 || i % 3) continue;
      const code = await callEndpoint(onPglite.base, api.voucherCode, { params: { id: c.body.voucher.id }, token: m.token });
      const r = await callEndpoint(onPglite.base, api.redeem, { token: cashier, idempotencyKey: randomUUID(), body: { code: code.body.shortCode, orderAmountFen: 1500 + i } });
      expect(r.status).toBe(201);
      redeemed++;
    }
    expect(redeemed).toBeGreaterThan(5);
    const merchants = await callEndpoint(onPglite.base, api.listMerchants, { token: staff });
    const merchantId = merchants.body.data.find((m) => m.name === '湖州苏宁易购吴兴店')!.id;

    const member = members[0]!;
    const answers = async (base: string) => ({
      vouchers: await (await fetch(`${base}/api/my/vouchers`, { headers: { authorization: `Bearer ${member.token}` } })).text(),
      redemptions: await (await fetch(`${base}/api/merchant/redemptions?date=2026-12-20`, { headers: { authorization: `Bearer ${cashier}` } })).text(),
      stats: await (await fetch(`${base}${buildPath(api.batchStats.path, { id: batchId })}`, { headers: { authorization: `Bearer ${staff}` } })).text(),
      settlement: await xlsxCells(await (await fetch(`${base}${buildPath(api.merchantSettlementXlsx.path, { id: merchantId })}?month=2026-12`, { headers: { authorization: `Bearer ${staff}` } })).arrayBuffer()),
    });
    const before = await answers(onPglite.base);
    expect(JSON.parse(before.vouchers).data.length).toBeGreaterThan(0);
    expect(JSON.parse(before.redemptions).data.length).toBe(redeemed);
    await onPglite.stop();

    const db = await freshServerDatabase();
    cleanups.push(db.drop);
    const moved = await pnpmScript(['db:move-to', db.url], env);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`DATABASE_URL=${db.url}`);
    // a second move into the now non-empty database is refused
    const again = await pnpmScript(['db:move-to', db.url], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);

    // every sequence stands where it stood
    const seqSql = `select schemaname || '.' || sequencename as name, last_value::text as last from pg_sequences where schemaname in ('public', 'drizzle') order by 1`;
    const source = await openExec({ pgliteDir: path.join(dataDir, 'pglite') });
    const sourceSeqs = await source.exec(seqSql);
    await source.close();
    const target = await openExec({ url: db.url });
    const targetSeqs = await target.exec(seqSql);
    await target.close();
    expect(sourceSeqs.filter((s) => s.last !== null).length).toBeGreaterThan(0);
    expect(targetSeqs).toEqual(sourceSeqs);

    const onPostgres = await startApiProcess({ port: await freePort(), env: { ...env, DATABASE_URL: db.url } });
    cleanups.push(() => onPostgres.stop());
    const health = await (await fetch(`${onPostgres.base}/api/health`)).json();
    expect(health.db).toBe('postgres');
    const after = await answers(onPostgres.base);
    expect(after.vouchers).toBe(before.vouchers);
    expect(after.redemptions).toBe(before.redemptions);
    expect(after.stats).toBe(before.stats);
    expect(after.settlement).toEqual(before.settlement);
  });
});
