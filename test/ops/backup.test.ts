/*
 * The backup drill, as an operator would run it, on PGlite and (with DATABASE_URL) on the
 * PostgreSQL server: the demo runs and takes claims and redemptions while `pnpm backup` runs;
 * `pnpm restore` puts it into a fresh place; there every table's count matches the manifest,
 * every batch's counter equals its vouchers, an encrypted ID number opens with the same secret
 * and not with another, and a server started on it signs members in.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { callEndpoint } from '@gonghui/server/testing/call';
import { decrypt, deriveKeys } from '@gonghui/server/crypto';
import { countTables, openExec, readBackupFile } from '@gonghui/server/ops/backup';
import { SERVER_URL, activeMembers, freePort, freshServerDatabase, openBatchAsCity, removeDir, serverProcessEnv, startApiProcess, tempDataDir } from '../flows/processes';
import { pnpmScript } from './cli';

const SECRET = 'drill-secret-0123456789abcdef0123456789ab';
const OTHER_SECRET = 'other-secret-0123456789abcdef0123456789ab';
const kinds = SERVER_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

type Exec = Awaited<ReturnType<typeof openExec>>['exec'];

/** A custom-format dump as the SQL text pg_restore would run (its table data is compressed inside). */
function pgRestoreText(data: Buffer): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-dump-'));
  try {
    writeFileSync(path.join(dir, 'data.pgdump'), data);
    return execFileSync('pg_restore', ['--file=-', path.join(dir, 'data.pgdump')], { maxBuffer: 256 * 1024 * 1024 });
  } finally {
    removeDir(dir);
  }
}

/** Batches whose counter differs from their live vouchers (the ledger). */
async function counterProblems(exec: Exec): Promise<unknown[]> {
  return exec(`select b.id, b.stock_claimed, count(v.id) filter (where v.status <> 'returned')::int as live
    from voucher_batches b left join vouchers v on v.batch_id = b.id group by b.id, b.stock_claimed
    having b.stock_claimed <> count(v.id) filter (where v.status <> 'returned')`);
}

describe.each(kinds)('backup and restore drill on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('backs up under claims and redemptions, restores into a fresh place, and the restored service works', async () => {
    const env: Record<string, string> =
      kind === 'postgres' ? await serverProcessEnv(cleanups, SECRET) : { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: SECRET, DATA_DIR: tempDataDir(), RUSH_MEMBER_RATE: '0', DATABASE_URL: '' };
    if (kind === 'pglite') cleanups.push(async () => removeDir(env.DATA_DIR!));
    const apiProcess = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => apiProcess.stop());
    const { batchId } = await openBatchAsCity(apiProcess.base, '备份演练 立减10', 1000);
    const members = await activeMembers([apiProcess.base], 60);
    const cashier = (await callEndpoint(apiProcess.base, api.demoLogin, { body: { phone: '13900000011' } })).body.token;

    // the service at work: members claim and redeem at the counter, one after another
    let stop = false;
    const done = { claims: 0, redemptions: 0, failures: [] as string[] };
    const work = (async () => {
      for (let i = 0; !stop; i = (i + 1) % members.length) {
        const m = members[i]!;
        const c = await callEndpoint(apiProcess.base, api.claim, { params: { id: batchId }, token: m.token, idempotencyKey: randomUUID() });
        if (c.status !== 201) continue; // a member already holding one
        done.claims++;
        const code = await callEndpoint(apiProcess.base, api.voucherCode, { params: { id: c.body.voucher.id }, token: m.token });
        const r = await callEndpoint(apiProcess.base, api.redeem, { token: cashier, idempotencyKey: randomUUID(), body: { code: code.body.shortCode, orderAmountFen: 2000 } });
        if (r.status === 201) done.redemptions++;
        else done.failures.push(`redeem ${r.status} ${r.text.slice(0, 120)}`);
      }
    })();
    while (done.redemptions < 3) await new Promise((r) => setTimeout(r, 20));

    const folder = mkdtempSync(path.join(tmpdir(), 'gh-drill-'));
    cleanups.push(async () => removeDir(folder));
    const file = path.join(folder, 'nightly.tar');
    const claimsBefore = done.claims;
    const backup = await pnpmScript(['backup', file], env);
    const claimsAfter = done.claims;
    stop = true;
    await work;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('backup written');
    expect(done.failures).toEqual([]);
    await apiProcess.stop();

    const { manifest, data } = await readBackupFile(file);
    expect(manifest.kind).toBe(kind);
    // taken while claims went on: it holds at least those made before it started, at most those made by its end
    const ledgerInBackup = manifest.tables['public.vouchers']!;
    expect(ledgerInBackup).toBeGreaterThan(0);
    expect(claimsAfter).toBeGreaterThanOrEqual(claimsBefore);

    // restore into a fresh place, refused into a place that is not empty
    const target: Record<string, string> = { ...env };
    if (kind === 'pglite') {
      target.DATA_DIR = tempDataDir();
      cleanups.push(async () => removeDir(target.DATA_DIR!));
    } else {
      const db = await freshServerDatabase();
      cleanups.push(db.drop);
      target.DATABASE_URL = db.url;
    }
    const restored = await pnpmScript(['restore', file], target);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const again = await pnpmScript(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);

    // in the restored place: counts, counters, the encrypted ID numbers
    const { exec, close } = await openExec(kind === 'pglite' ? { pgliteDir: path.join(target.DATA_DIR!, 'pglite') } : { url: target.DATABASE_URL });
    try {
      expect(await countTables(exec)).toEqual(manifest.tables);
      expect(await counterProblems(exec)).toEqual([]);
      const [batch] = await exec(`select stock_claimed from voucher_batches where id = '${batchId}'`);
      expect(Number(batch!.stock_claimed)).toBeGreaterThanOrEqual(3);
      const [member] = await exec(`select id_number_enc from members where id_number_enc is not null limit 1`);
      const sealed = String(member!.id_number_enc);
      expect(sealed).not.toMatch(/^\d{17}[\dX]$/);
      expect(decrypt(deriveKeys(SECRET), sealed)).toMatch(/^\d{17}[\dX]$/);
      expect(() => decrypt(deriveKeys(OTHER_SECRET), sealed)).toThrow();
      // the backup holds the ID number only sealed: its plain text is nowhere in the data (phones are, as a control)
      const plain = decrypt(deriveKeys(SECRET), sealed);
      const text = kind === 'pglite' ? gunzipSync(data) : pgRestoreText(data);
      expect(text.includes('13800000001')).toBe(true);
      expect(text.includes(sealed)).toBe(true);
      expect(text.includes(plain)).toBe(false);
    } finally {
      await close();
    }

    // the service starts on it and signs members in
    const back = await startApiProcess({ port: await freePort(), env: { ...target, GONGHUI_SEED_DEMO: '0' } });
    cleanups.push(() => back.stop());
    const login = await callEndpoint(back.base, api.demoLogin, { body: { phone: members[0]!.phone } });
    expect(login.status).toBe(200);
    const me = await callEndpoint(back.base, api.me, { token: login.body.token });
    expect(me.body.member?.status).toBe('active');
    const mine = await callEndpoint(back.base, api.myVouchers, { token: login.body.token });
    expect(mine.status).toBe(200);
    expect((await fetch(`${back.base}/api/ready`)).status).toBe(200);
  });
});
