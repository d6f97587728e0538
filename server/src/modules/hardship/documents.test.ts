import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, buildPath, HARDSHIP_DOCUMENT_MAX_BYTES, type Endpoint } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import type { BlobStore } from '../../lib/blob-store';
import { S3BlobStore } from '../../lib/s3-blob-store';
import { memberIdByPhone, useTestApp, type TestApp } from '../../testing/harness';
import { databaseAndStoreCases } from '../../testing/s3';
import { ORPHAN_MIN_AGE_MS, sweepOrphanBlobs } from '../../ops/orphan-blobs';
import { applyAs, cleanPhonesIn, EQUIP, hardshipStaff } from '../../testing/hardship';

const MARKER = 'DIAGNOSIS-OF-WANG-uremia-0123456789';
const pdf = (extra = '') => Buffer.from(`%PDF-1.4\n% ${MARKER}${extra}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

async function upload(app: TestApp, endpoint: Endpoint, appId: string, token: string, file: { bytes?: Buffer; name?: string; type?: string; kind?: string }) {
  const form = new FormData();
  form.set('kind', file.kind ?? 'medical_bills');
  if (file.bytes) form.set('file', new Blob([file.bytes], { type: file.type ?? 'application/pdf' }), file.name ?? '发票.pdf');
  const res = await fetch(app.baseUrl + buildPath(endpoint.path, { id: appId }), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as any;
  return { status: res.status, body, code: body?.error?.code as string | undefined };
}

async function download(app: TestApp, endpoint: Endpoint, appId: string, documentId: string, token: string, reason?: string) {
  const q = reason === undefined ? '' : `?reason=${encodeURIComponent(reason)}`;
  const res = await fetch(app.baseUrl + buildPath(endpoint.path, { id: appId, documentId }) + q, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  let code: string | undefined;
  try {
    code = JSON.parse(bytes.toString('utf8'))?.error?.code;
  } catch {
    /* a file */
  }
  return { status: res.status, bytes, code, type: res.headers.get('content-type') };
}

const store = (app: TestApp): BlobStore => app.deps.blobs!;
const stored = (app: TestApp, documentId: string) => store(app).get(`hardship-docs/${documentId}`);
const blobCount = async (app: TestApp) => (await store(app).list('hardship-docs')).length;

// the documents' bytes in a folder under DATA_DIR, and in an S3-compatible bucket (s3rver on loopback)
const { cases, server: s3 } = databaseAndStoreCases();

describe.each(cases)('hardship documents on %s, files in %s', (kind, _store, blobs) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z', blobs });
  let district: string;
  let nanxun: string;
  let noDuty: string;
  let phones: string[];
  let member: string;
  let other: string;
  let appId: string;
  let otherAppId: string;
  beforeAll(async () => {
    district = await hardshipStaff(app(), '13600000411', '吴兴区总工会');
    nanxun = await hardshipStaff(app(), '13600000413', '南浔区总工会');
    noDuty = await app().login('13900000002');
    phones = await cleanPhonesIn(app(), EQUIP, 6, 20);
    member = await app().login(phones[0]!);
    other = await app().login(phones[1]!);
    appId = await applyAs(app(), member);
    otherAppId = await applyAs(app(), other, undefined);
  }, 60_000);

  it('takes a member’s PDF for a kind on the checklist, seals it in the store and gives it back to the owner only', async () => {
    const bytes = pdf();
    const r = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes, name: '医疗发票2026.PDF', type: 'text/plain' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'medical_bills', name: '医疗发票2026.pdf', sizeBytes: bytes.length, contentType: 'application/pdf', uploadedByStaff: false });
    const mine = (await app().call(api.myHardship, { token: member })).body.applications[0]!;
    expect(mine.documents.map((d) => d.id)).toEqual([r.body.id]);
    // in the store: sealed, the plaintext nowhere in it
    const [row] = await queryRows<{ storage_key: string; file_name_enc: string }>(app().deps.db, sql`select storage_key, file_name_enc from hardship_documents where id = ${r.body.id}`);
    expect(row!.storage_key).toBe(`hardship-docs/${r.body.id}`);
    expect(row!.file_name_enc).not.toContain('医疗');
    const onDisk = (await stored(app(), r.body.id))!;
    expect(onDisk.includes(Buffer.from(MARKER))).toBe(false);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.length).toBeGreaterThan(bytes.length);
    const back = await download(app(), api.myHardshipDocument, appId, r.body.id, member);
    expect(back.status).toBe(200);
    expect(back.type).toBe('application/pdf');
    expect(back.bytes.equals(bytes)).toBe(true);
    // another member: the application and its document do not exist
    expect((await download(app(), api.myHardshipDocument, appId, r.body.id, other)).status).toBe(404);
    expect((await upload(app(), api.uploadMyHardshipDocument, appId, other, { bytes: pdf() })).status).toBe(404);
  });

  it('tells the type by the bytes, keeps to the checklist and the size limit, and stores nothing it refuses', async () => {
    const before = await blobCount(app());
    const [{ n: rowsBefore }] = (await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from hardship_documents`)) as [{ n: number }];
    const text = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: Buffer.from('just text pretending'), name: 'x.pdf', type: 'application/pdf' });
    expect([text.status, text.code]).toEqual([415, 'UPLOAD_TYPE_NOT_ALLOWED']);
    const gif = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), name: 'a.png', type: 'image/png' });
    expect(gif.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const offList = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: pdf(), kind: 'disability_card' });
    expect([offList.status, offList.code]).toEqual([400, 'HARDSHIP_DOCUMENT_KIND']);
    const badKind = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: pdf(), kind: 'passport' });
    expect([badKind.status, badKind.code]).toEqual([400, 'VALIDATION_FAILED']);
    const none = await upload(app(), api.uploadMyHardshipDocument, appId, member, {});
    expect([none.status, none.code]).toEqual([400, 'UPLOAD_MISSING']);
    const big = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: Buffer.concat([pdf(), Buffer.alloc(HARDSHIP_DOCUMENT_MAX_BYTES)]) });
    expect([big.status, big.code]).toEqual([413, 'UPLOAD_TOO_LARGE']);
    const json = await app().post(buildPath(api.uploadMyHardshipDocument.path, { id: appId }), { kind: 'medical_bills' }, member);
    expect([json.status, json.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await blobCount(app())).toBe(before);
    const [{ n: rowsAfter }] = (await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from hardship_documents`)) as [{ n: number }];
    expect(Number(rowsAfter)).toBe(Number(rowsBefore));
    // a real PNG passes whatever the client calls it
    const png = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: await QRCode.toBuffer('id card'), name: 'scan', type: 'application/octet-stream', kind: 'id_card' });
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ contentType: 'image/png', name: 'scan.png', kind: 'id_card' });
  });

  it('lets staff with the duty upload and download with a reason, each download in the audit the member sees; others get 404', async () => {
    const up = await upload(app(), api.uploadHardshipDocument, appId, district, { bytes: pdf('staff'), name: '户口簿.pdf', kind: 'household_register' });
    expect(up.status).toBe(201);
    expect(up.body.uploadedByStaff).toBe(true);
    const listed = await app().call(api.staffHardshipApplication, { params: { id: appId }, token: district });
    expect(listed.body.documents.map((d) => d.kind)).toEqual(expect.arrayContaining(['medical_bills', 'household_register', 'id_card']));
    expect(JSON.stringify(listed.body)).not.toContain('hardship-docs');

    const noReason = await download(app(), api.hardshipDocument, appId, up.body.id, district);
    expect([noReason.status, noReason.code]).toEqual([400, 'VALIDATION_FAILED']);
    const memberId = await memberIdByPhone(app(), phones[0]!);
    const readsBefore = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from hardship_reads where member_id = ${memberId} and field = 'documents'`);
    const got = await download(app(), api.hardshipDocument, appId, up.body.id, district, '核对户口簿');
    expect(got.status).toBe(200);
    expect(got.bytes.equals(pdf('staff'))).toBe(true);
    await download(app(), api.hardshipDocument, appId, up.body.id, district, '再次核对');
    const readsAfter = await queryRows<{ n: number; reason: string }>(app().deps.db, sql`select count(*)::int as n from hardship_reads where member_id = ${memberId} and field = 'documents'`);
    expect(Number(readsAfter[0]!.n) - Number(readsBefore[0]!.n)).toBe(2);
    const mine = (await app().call(api.myHardship, { token: member })).body;
    expect(mine.reads.filter((r) => r.field === 'documents').map((r) => r.reason)).toEqual(['再次核对', '核对户口簿']);

    for (const token of [nanxun, noDuty, other]) {
      expect((await download(app(), api.hardshipDocument, appId, up.body.id, token, '查看')).status).toBe(404);
      expect((await upload(app(), api.uploadHardshipDocument, appId, token, { bytes: pdf(), kind: 'household_register' })).status).toBe(404);
    }
    // the member's own download path does not open staff a way in either
    expect((await download(app(), api.myHardshipDocument, appId, up.body.id, district)).status).toBe(403);
    // a document of another application under this application's id: not found
    const foreign = await upload(app(), api.uploadMyHardshipDocument, otherAppId, other, { bytes: pdf() });
    expect((await download(app(), api.hardshipDocument, appId, foreign.body.id, district, '查看')).code).toBe('HARDSHIP_DOCUMENT_NOT_FOUND');
  });

  it('erases the documents, rows and files, when the member withdraws consent or deletes the account', async () => {
    const token = await app().login(phones[2]!);
    const id = await applyAs(app(), token);
    const a = await upload(app(), api.uploadMyHardshipDocument, id, token, { bytes: pdf('w') });
    expect(await stored(app(), a.body.id)).not.toBeNull();
    await app().call(api.withdrawHardshipConsent, { token });
    expect(await stored(app(), a.body.id)).toBeNull();
    expect(await queryRows(app().deps.db, sql`select 1 from hardship_documents where id = ${a.body.id}`)).toHaveLength(0);

    const gone = await app().login(phones[3]!);
    const id2 = await applyAs(app(), gone);
    const b = await upload(app(), api.uploadMyHardshipDocument, id2, gone, { bytes: pdf('d') });
    expect(b.status).toBe(201);
    const del = await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: gone });
    expect(del.status).toBe(200);
    expect(await stored(app(), b.body.id)).toBeNull();
    expect(await queryRows(app().deps.db, sql`select 1 from hardship_documents where id = ${b.body.id}`)).toHaveLength(0);
  });
});

describe('hardship documents when the S3 store stops answering', () => {
  // the bucket, and a store that takes connections and never answers: the app is switched between them
  const sockets: Socket[] = [];
  let silent: Server;
  let down = false;
  beforeAll(async () => {
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const app = useTestApp('pglite', {
    now: '2026-12-01T02:00:00Z',
    blobs: () => {
      const live = s3().store();
      const dead = new S3BlobStore({ ...live.settings, endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 1000 });
      return new Proxy(live, {
        get(_t, prop: keyof S3BlobStore) {
          const target = down ? dead : live;
          const v = target[prop];
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
  });

  it('answers 503 FILE_STORE_UNAVAILABLE to uploads and downloads, records nothing, and still lets a member withdraw consent', async () => {
    const phones = await cleanPhonesIn(app(), EQUIP, 1);
    const member = await app().login(phones[0]!);
    const appId = await applyAs(app(), member);
    const before = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: pdf() });
    expect(before.status).toBe(201);

    down = true;
    const r = await upload(app(), api.uploadMyHardshipDocument, appId, member, { bytes: pdf('2') });
    expect([r.status, r.code]).toEqual([503, 'FILE_STORE_UNAVAILABLE']);
    expect(r.body.error.message).toBe('材料存储暂不可用，请稍后再试');
    expect(await queryRows(app().deps.db, sql`select id from hardship_documents`)).toEqual([{ id: before.body.id }]);
    const got = await download(app(), api.myHardshipDocument, appId, before.body.id, member);
    expect([got.status, got.code]).toEqual([503, 'FILE_STORE_UNAVAILABLE']);
    expect(app().logs.text).toContain('upload store unavailable');
    // the rows go with the consent; the file the store could not delete is left to the orphan sweep
    expect((await app().call(api.withdrawHardshipConsent, { token: member })).status).toBe(200);
    expect(await queryRows(app().deps.db, sql`select 1 from hardship_documents`)).toHaveLength(0);

    down = false;
    expect(await stored(app(), before.body.id)).not.toBeNull();
    const swept = await sweepOrphanBlobs(app().deps.db, store(app()), new Date(Date.now() + ORPHAN_MIN_AGE_MS + 60_000));
    expect(swept.removed).toEqual([`hardship-docs/${before.body.id}`]);
    expect(await stored(app(), before.body.id)).toBeNull();
  });
});
