/*
 * A real S3-compatible server for tests: s3rver (npm) on a random loopback port, behind a check of
 * every request's AWS Signature V4 made with @smithy/signature-v4 (s3rver itself checks only the
 * access key id of V4 requests), so a wrong secret is refused as S3 would refuse it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll } from 'vitest';
import { S3BlobStore, type S3Settings } from '../lib/s3-blob-store';
import { storageKinds } from './database';
import type { TestAppOptions } from './harness';

const ACCESS_KEY_ID = 'S3RVER'; // the one account s3rver knows
const SECRET = 'S3RVER';
const REGION = 'cn-north-4';

const bytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d));

/** node:crypto in the shape the signer asks for. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset() {
    throw new Error('not needed');
  }
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Why the request is refused (an S3 error code), or null when its signature is right. */
async function refusal(req: IncomingMessage): Promise<string | null> {
  const m = AUTH.exec(String(req.headers.authorization ?? ''));
  if (!m) return 'AccessDenied';
  const [, keyId, , region, signedHeaders, signature] = m;
  if (keyId !== ACCESS_KEY_ID) return 'InvalidAccessKeyId';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!when) return 'AccessDenied';
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? [query[k]!].flat().concat(v) : v;
  const headers: Record<string, string> = {};
  for (const h of signedHeaders!.split(';')) headers[h] = String(req.headers[h] ?? '');
  const signer = new SignatureV4({ credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }, region: region!, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: true });
  const signed = await signer.sign(
    { method: req.method ?? 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query, headers },
    { signingDate: new Date(Date.UTC(+when[1]!, +when[2]! - 1, +when[3]!, +when[4]!, +when[5]!, +when[6]!)), signingRegion: region },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
  return expected === signature ? null : 'SignatureDoesNotMatch';
}

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** Settings for a store on this server; each call without a prefix gets a fresh one, so stores do not see each other. */
  settings(overrides?: Partial<S3Settings>): S3Settings;
  store(overrides?: Partial<S3Settings>): S3BlobStore;
  /** Requests refused so far, by S3 error code. */
  refused: string[];
  close(): Promise<void>;
}

export async function startS3Server(): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(tmpdir(), 'gh-s3rver-'));
  const bucket = 'gonghui-test';
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const refused: string[] = [];
  const server: Server = createServer((req, res) => {
    refusal(req).then(
      (code) => {
        if (!code) return handle(req, res);
        refused.push(code);
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>refused by the test server</Message></Error>`);
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stores: S3BlobStore[] = [];
  const settings = (o: Partial<S3Settings> = {}): S3Settings => ({
    endpoint,
    region: REGION,
    bucket,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    forcePathStyle: true,
    prefix: `t-${randomBytes(4).toString('hex')}/`,
    timeoutMs: 10_000,
    ...o,
  });
  return {
    endpoint,
    bucket,
    refused,
    settings,
    store(o) {
      const s = new S3BlobStore(settings(o));
      stores.push(s);
      return s;
    },
    async close() {
      for (const s of stores) s.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * One S3 server for the enclosing file or describe block (started in beforeAll, closed in
 * afterAll); the getter gives it to the tests.
 */
export function useS3Server(): () => S3TestServer {
  let s3: S3TestServer | undefined;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(async () => {
    await s3?.close();
  });
  return () => {
    if (!s3) throw new Error('the S3 test server is not running (use the getter inside a test)');
    return s3;
  };
}

/**
 * For a test file that runs on every database and both upload stores: one S3 server for the file
 * (useS3Server) and the [database, store name, blobs option] cases for describe.each, and the
 * server itself for tests that open a store of their own.
 */
export function databaseAndStoreCases() {
  const server = useS3Server();
  const blobStores: [string, TestAppOptions['blobs']][] = [
    ['DATA_DIR', undefined],
    ['S3', () => server().store()],
  ];
  return { cases: storageKinds.flatMap((kind) => blobStores.map(([name, blobs]) => [kind, name, blobs] as const)), server };
}
