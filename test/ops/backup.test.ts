/*
 * The backup drill, as an operator would run it, on PGlite and (with DATABASE_URL) on the
 * PostgreSQL server: the demo runs and takes claims and redemptions while `pnpm backup` runs;
 * `pnpm restore` puts it into a fresh place; there every table's count matches the manifest,
 * every batch's counter equals its vouchers, an encrypted ID number opens with the same secret
 * and not with another, and a server started on it signs members in and gives a member back the
 * document uploaded before the backup, the same bytes. Uploaded files live under DATA_DIR, or (the
 * S3 case) in an S3-compatible bucket served by s3rver on loopback, restored into an empty prefix.
 */
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, buildPath, HARDSHIP_CONSENT_VERSION } from '@gonghui/shared';
import { application } from '@gonghui/server/testing/hardship';
import { useS3Server, type S3TestServer } from '@gonghui/server/testing/s3';
import { LocalBlobStore } from '@gonghui/server/lib/blob-store';
import { callEndpoint } from '@gonghui/server/testing/call';
import { decrypt, deriveKeys } from '@gonghui/server/crypto';
import { countTables, openExec, readBackupFile } from '@gonghui/server/ops/backup';
import { SERVER_URL, activeMembers, freePort, freshServerDatabase, openBatchAsCity, removeDir, serverProcessEnv, startApiProcess, tempDataDir } from '../flows/processes';
import { pnpmScript } from './cli';

const SECRET = 'drill-secret-0123456789abcdef0123456789ab';
const OTHER_SECRET = 'other-secret-0123456789abcdef0123456789ab';
type Files = 'DATA_DIR' | 'S3';
const kinds: [kind: 'pglite' | 'postgres', files: Files][] = [
  ['pglite', 'DATA_DIR'],
  ['pglite', 'S3'],
];
if (SERVER_URL) kinds.push(['postgres', 'DATA_DIR'], ['postgres', 'S3']);

/** The S3_ variables of a fresh, empty prefix on the test server. */
function s3Env(s3: S3TestServer): Record<string, string> {
  const s = s3.settings();
  // the SDK's notice that its 2027 releases need Node 22 would be the only line on stderr
  return { S3_ENDPOINT: s.endpoint!, S3_REGION: s.region, S3_BUCKET: s.bucket, S3_ACCESS_KEY_ID: s.accessKeyId, S3_SECRET_ACCESS_KEY: s.secretAccessKey, S3_FORCE_PATH_STYLE: '1', S3_PREFIX: s.prefix, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
}

const pdf = Buffer.from('%PDF-1.4\n% drill: medical bills of a member\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** One of these members consents, applies and uploads a PDF; the first without an application of its own does. */
async function uploadDocument(base: string, members: { phone: string; token: string }[]): Promise<{ phone: string; applicationId: string; documentId: string }> {
  for (const m of members) {
    await callEndpoint(base, api.giveHardshipConsent, { token: m.token, body: { agree: true, version: HARDSHIP_CONSENT_VERSION } });
    const applied = await callEndpoint(base, api.applyHardship, { token: m.token, body: application() });
    if (applied.status !== 201) continue;
    const applicationId = applied.body.applications[0]!.id;
    const form = new FormData();
    form.set('kind', 'medical_bills');
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), '发票.pdf');
    const res = await fetch(base + buildPath(api.uploadMyHardshipDocument.path, { id: applicationId }), { method: 'POST', headers: { authorization: `Bearer ${m.token}` }, body: form });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(body)}`);
    return { phone: m.phone, applicationId, documentId: body.id };
  }
  throw new Error('no member could apply');
}

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

const s3 = useS3Server();

describe.each(kinds)('backup and restore drill on %s, files in %s', (kind, files) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('backs up under claims and redemptions, restores into a fresh place, and the restored service works', async () => {
    const env: Record<string, string> =
      kind === 'postgres' ? await serverProcessEnv(cleanups, SECRET) : { GONGHUI_NOW: '2026-12-20T02:00:00Z', GONGHUI_SECRET: SECRET, DATA_DIR: tempDataDir(), RUSH_MEMBER_RATE: '0', DATABASE_URL: '' };
    if (kind === 'pglite') cleanups.push(async () => removeDir(env.DATA_DIR!));
    if (files === 'S3') Object.assign(env, s3Env(s3()));
    const apiProcess = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => apiProcess.stop());
    const { batchId } = await openBatchAsCity(apiProcess.base, '备份演练 立减10', 1000);
    const members = await activeMembers([apiProcess.base], 60);
    const cashier = (await callEndpoint(apiProcess.base, api.demoLogin, { body: { phone: '13900000011' } })).body.token;
    const document = await uploadDocument(apiProcess.base, members);

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
    expect(manifest.files?.count).toBe(1);
    // taken while claims went on: it holds at least those made before it started, at most those made by its end
    const ledgerInBackup = manifest.tables['public.vouchers']!;
    expect(ledgerInBackup).toBeGreaterThan(0);
    expect(claimsAfter).toBeGreaterThanOrEqual(claimsBefore);

    // restore into a fresh place, refused into a place that is not empty
    const target: Record<string, string> = { ...env };
    // a fresh data folder (and, with S3, a fresh prefix of the bucket) for the files as well
    target.DATA_DIR = tempDataDir();
    cleanups.push(async () => removeDir(target.DATA_DIR!));
    if (files === 'S3') target.S3_PREFIX = s3Env(s3()).S3_PREFIX!;
    if (kind === 'postgres') {
      const db = await freshServerDatabase();
      cleanups.push(db.drop);
      target.DATABASE_URL = db.url;
    }
    const restored = await pnpmScript(['restore', file], target);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('1 uploaded files restored into');
    // the document's sealed bytes are where the target's settings put them: the fresh prefix, or the fresh DATA_DIR
    const targetStore = files === 'S3' ? s3().store({ prefix: target.S3_PREFIX }) : new LocalBlobStore(target.DATA_DIR!);
    expect((await targetStore.list('hardship-docs')).map((b) => b.key)).toEqual([`hardship-docs/${document.documentId}`]);
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

    // the document uploaded before the backup: the member downloads it, opened with the same secret, the same bytes
    const owner = (await callEndpoint(back.base, api.demoLogin, { body: { phone: document.phone } })).body.token;
    const got = await fetch(back.base + buildPath(api.myHardshipDocument.path, { id: document.applicationId, documentId: document.documentId }), { headers: { authorization: `Bearer ${owner}` } });
    expect(got.status).toBe(200);
    expect(sha(Buffer.from(await got.arrayBuffer()))).toBe(sha(pdf));
  });
});
