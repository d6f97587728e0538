import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanBlobs } from '../ops/orphan-blobs';
import { useS3Server } from '../testing/s3';
import { BlobStoreUnavailable, LocalBlobStore, type BlobStore } from './blob-store';
import { S3BlobStore } from './s3-blob-store';

const s3 = useS3Server();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const stores: [string, () => BlobStore][] = [
  [
    'a folder under DATA_DIR',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gh-blobs-'));
      dirs.push(dir);
      return new LocalBlobStore(dir);
    },
  ],
  ['an S3-compatible bucket', () => s3().store()],
];

describe.each(stores)('the blob store in %s', (_name, open) => {
  let store: BlobStore;
  beforeAll(() => {
    store = open();
  });

  it('gives back what was put, byte for byte, and the newer bytes after an overwrite', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255, ...Buffer.from('sealed')]);
    await store.put('hardship-docs/a1', bytes);
    expect((await store.get('hardship-docs/a1'))!.equals(bytes)).toBe(true);
    await store.put('hardship-docs/a1', Buffer.from('second'));
    expect((await store.get('hardship-docs/a1'))!.toString()).toBe('second');
  });

  it('answers null for a key that is not there, and deleting it twice is fine', async () => {
    expect(await store.get('hardship-docs/never-put')).toBeNull();
    await store.put('hardship-docs/gone', Buffer.from('x'));
    await store.delete('hardship-docs/gone');
    expect(await store.get('hardship-docs/gone')).toBeNull();
    await expect(store.delete('hardship-docs/gone')).resolves.toBeUndefined();
    await expect(store.delete('hardship-docs/never-put')).resolves.toBeUndefined();
  });

  it('lists a folder’s blobs with their size, sorted, and nothing of another folder', async () => {
    await store.put('hardship-docs/b2', Buffer.from('22'));
    await store.put('hardship-docs/b1', Buffer.from('1'));
    await store.put('other-docs/c1', Buffer.from('333'));
    const listed = await store.list('hardship-docs');
    expect(listed.map((b) => [b.key, b.bytes])).toEqual([
      ['hardship-docs/a1', 6],
      ['hardship-docs/b1', 1],
      ['hardship-docs/b2', 2],
    ]);
    expect(listed.every((b) => b.modifiedAt instanceof Date && !Number.isNaN(b.modifiedAt.getTime()))).toBe(true);
    expect(await store.list('empty-folder')).toEqual([]);
  });

  it('refuses keys a path or a bucket could be escaped with, before any request', async () => {
    for (const key of ['../x', 'hardship-docs/../../etc/passwd', '/abs', 'Hardship/X', 'a//b', 'a/b/', '', 'a b']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid blob key/);
      await expect(store.get(key)).rejects.toThrow(/invalid blob key/);
      await expect(store.delete(key)).rejects.toThrow(/invalid blob key/);
    }
    await expect(store.list('../')).rejects.toThrow(/invalid blob key/);
  });

  it('passes its health check', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });
});

describe('the S3 blob store against a store that refuses or does not answer', () => {
  it('keeps each prefix to itself in a shared bucket', async () => {
    const a = s3().store();
    const b = s3().store();
    await a.put('hardship-docs/same', Buffer.from('a'));
    expect(await b.get('hardship-docs/same')).toBeNull();
    expect(await b.list('hardship-docs')).toEqual([]);
  });

  it('refuses a wrong secret and an unknown key id as unavailable, with S3’s reason', async () => {
    const wrongSecret = s3().store({ secretAccessKey: 'not-the-secret' });
    const err = await wrongSecret.put('hardship-docs/x', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobStoreUnavailable);
    expect((err as Error).message).toMatch(/SignatureDoesNotMatch \(HTTP 403\)/);
    expect((err as Error).message).not.toContain('not-the-secret');
    await expect(wrongSecret.get('hardship-docs/x')).rejects.toThrow(/SignatureDoesNotMatch/);
    await expect(wrongSecret.check()).rejects.toBeInstanceOf(BlobStoreUnavailable);
    const wrongKey = s3().store({ accessKeyId: 'SOMEONE-ELSE' });
    await expect(wrongKey.list('hardship-docs')).rejects.toThrow(/InvalidAccessKeyId/);
    expect(s3().refused).toEqual(expect.arrayContaining(['SignatureDoesNotMatch', 'InvalidAccessKeyId']));
  });

  it('reports a missing bucket as unavailable, also where a missing key would be no error', async () => {
    const store = s3().store({ bucket: 'no-such-bucket' });
    await expect(store.put('hardship-docs/x', Buffer.from('x'))).rejects.toThrow(/NoSuchBucket/);
    await expect(store.get('hardship-docs/x')).rejects.toBeInstanceOf(BlobStoreUnavailable);
  });

  it('lists only its own keys: a console’s folder marker and a stray file in the folder are left out', async () => {
    const settings = s3().settings();
    const store = s3().store({ prefix: settings.prefix });
    await store.put('hardship-docs/ours', Buffer.from('x'));
    const raw = new S3Client({ endpoint: settings.endpoint, region: settings.region, forcePathStyle: true, credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } });
    for (const Key of [`${settings.prefix}hardship-docs/`, `${settings.prefix}hardship-docs/README.txt`]) await raw.send(new PutObjectCommand({ Bucket: settings.bucket, Key, Body: 'x' }));
    raw.destroy();
    expect((await store.list('hardship-docs')).map((b) => b.key)).toEqual(['hardship-docs/ours']);
  });

  it('refuses the orphan sweep in a bucket without a prefix of ours, before listing anything', async () => {
    expect(s3().store().sweepRefusal).toBeNull();
    const shared = s3().store({ prefix: '' });
    expect(shared.sweepRefusal).toMatch(/S3_PREFIX/);
    // no database is needed to refuse: nothing is read or removed
    await expect(sweepOrphanBlobs(null as never, shared, new Date())).rejects.toThrow(/S3_PREFIX/);
  });

  it('gives up on a store that takes the connection and never answers, instead of hanging', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const store = new S3BlobStore({ ...s3().settings(), endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 1000 });
      await expect(store.get('hardship-docs/x')).rejects.toThrow(/no answer within 1000 ms|timed? ?out/i);
      await expect(store.put('hardship-docs/x', Buffer.from('x'))).rejects.toBeInstanceOf(BlobStoreUnavailable);
      store.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reports a store nobody listens on as unavailable', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const store = new S3BlobStore({ ...s3().settings(), endpoint: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    await expect(store.get('hardship-docs/x')).rejects.toBeInstanceOf(BlobStoreUnavailable);
    store.close();
  });
});
