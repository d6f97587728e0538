import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, buildPath } from '@gonghui/shared';
import type { BlobStore } from '../lib/blob-store';
import { useTestApp, type TestApp } from '../testing/harness';
import { applyAs, cleanPhonesIn, EQUIP } from '../testing/hardship';
import { databaseAndStoreCases } from '../testing/s3';
import { ORPHAN_MIN_AGE_MS, sweepOrphanBlobs } from './orphan-blobs';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

async function uploadAs(app: TestApp, token: string, applicationId: string): Promise<string> {
  const form = new FormData();
  form.set('kind', 'medical_bills');
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'a.pdf');
  const res = await fetch(app.baseUrl + buildPath(api.uploadMyHardshipDocument.path, { id: applicationId }), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

// the bytes in a folder under DATA_DIR, and in an S3-compatible bucket (s3rver on loopback)
const { cases } = databaseAndStoreCases();

describe.each(cases)('the orphan sweep on %s, files in %s', (kind, _name, blobs) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z', blobs });

  it('removes blobs no document names once they are an hour old, and keeps every named one and every young one', async () => {
    const store: BlobStore = app().deps.blobs!;
    const [phone] = await cleanPhonesIn(app(), EQUIP, 1);
    const token = await app().login(phone!);
    const documentId = await uploadAs(app(), token, await applyAs(app(), token));
    const orphan = `hardship-docs/${randomUUID()}`;
    await store.put(orphan, Buffer.from('sealed bytes of an upload whose row never came'));

    // within the hour: an upload may still be on its way to its row
    const young = await sweepOrphanBlobs(app().deps.db, store, new Date());
    expect(young.removed).toEqual([]);
    expect(await store.get(orphan)).not.toBeNull();

    const later = new Date(Date.now() + ORPHAN_MIN_AGE_MS + 60_000);
    const swept = await sweepOrphanBlobs(app().deps.db, store, later);
    expect(swept.removed).toEqual([orphan]);
    expect(swept.stored).toBe(2);
    expect(await store.get(orphan)).toBeNull();
    // the member's document is still there and still opens
    expect(await store.get(`hardship-docs/${documentId}`)).not.toBeNull();
    const res = await fetch(app().baseUrl + buildPath(api.myHardshipDocument.path, { id: (await app().call(api.myHardship, { token })).body.applications[0]!.id, documentId }), { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await sweepOrphanBlobs(app().deps.db, store, later)).removed).toEqual([]);
  });
});
