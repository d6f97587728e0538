/*
 * Uploaded files in an S3-compatible bucket (AWS S3, MinIO, Huawei OBS, Aliyun OSS, Ceph RGW…),
 * through @aws-sdk/client-s3. The bytes arrive sealed (AES-256-GCM, crypto.ts): the bucket never
 * holds plaintext. Every call has a deadline, so a store that does not answer becomes a 503
 * (BlobStoreUnavailable) instead of a request that hangs.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { BlobStoreUnavailable, checkKey, isBlobKey, type BlobInfo, type BlobStore } from './blob-store';

export interface S3Settings {
  /** e.g. https://obs.cn-north-4.myhuaweicloud.com; absent: AWS's own endpoint for the region. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path (MinIO, Ceph) instead of the host name (OSS requires the latter). */
  forcePathStyle: boolean;
  /** Put before every key ("gonghui/"), so one bucket can serve several deployments. */
  prefix: string;
  /** The longest one call (retries included) may take. */
  timeoutMs: number;
}

/** S3's reason; a HEAD answer has no body to name one, so its status speaks. */
function serviceError(name: string, status: number | undefined): string {
  const code = name === 'Unknown' || name === 'Forbidden' || name === 'NotFound' ? (status === 403 ? 'AccessDenied' : status === 404 ? 'NoSuchBucket' : name) : name;
  const hint = code === 'AccessDenied' || code === 'SignatureDoesNotMatch' || code === 'InvalidAccessKeyId' ? ': check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and the bucket policy' : code === 'NoSuchBucket' ? ': check S3_BUCKET and S3_ENDPOINT' : '';
  return `${code} (HTTP ${status ?? '?'})${hint}`;
}

/** No such object (a missing bucket is not that: it says the settings are wrong, a 503). Some stores answer a bare 404. */
function isMissingKey(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NoSuchKey' || (err.$metadata?.httpStatusCode === 404 && err.name !== 'NoSuchBucket'));
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      maxAttempts: 2,
      requestHandler: { connectionTimeout: Math.min(settings.timeoutMs, 5000), requestTimeout: settings.timeoutMs },
      // the SDK's default CRC32 checksums (2025) are not understood by several S3-compatible stores
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get sweepRefusal() {
    return this.settings.prefix ? null : 'S3_PREFIX is not set: the bucket may hold another deployment’s files, so uploads no document names are not swept (set S3_PREFIX, e.g. gonghui/)';
  }

  get where() {
    return `${this.settings.endpoint ?? `s3.${this.settings.region}`}/${this.settings.bucket}/${this.settings.prefix}`;
  }

  private objectKey(key: string) {
    return this.settings.prefix + checkKey(key);
  }

  /** One call with its deadline; S3's and the network's failures become BlobStoreUnavailable, `missing` answers null. */
  private async call<T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>, missing?: (err: unknown) => boolean): Promise<T | null> {
    try {
      return await run(AbortSignal.timeout(this.settings.timeoutMs));
    } catch (err) {
      if (missing?.(err)) return null;
      const e = err as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
      const detail = err instanceof S3ServiceException ? serviceError(e.name, e.$metadata?.httpStatusCode) : e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${this.settings.timeoutMs} ms` : `${e.code ?? e.name}: ${e.message}`;
      throw new BlobStoreUnavailable(`S3 ${what} at ${this.where} failed: ${detail}`, { cause: err });
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const Key = this.objectKey(key);
    await this.call('put', (abortSignal) => this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key, Body: bytes, ContentType: 'application/octet-stream' }), { abortSignal }));
  }

  async get(key: string): Promise<Buffer | null> {
    const Key = this.objectKey(key);
    return this.call(
      'get',
      async (abortSignal) => {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key }), { abortSignal });
        if (!res.Body) throw new Error('no body in the answer');
        return Buffer.from(await res.Body.transformToByteArray());
      },
      isMissingKey,
    );
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    // S3 answers 204 for a key that is not there; some compatible stores answer 404
    await this.call('delete', (abortSignal) => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key }), { abortSignal }), isMissingKey);
  }

  async list(folder: string): Promise<BlobInfo[]> {
    const Prefix = `${this.settings.prefix}${checkKey(folder)}/`;
    const out: BlobInfo[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = (await this.call('list', (abortSignal) => this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix, ContinuationToken }), { abortSignal })))!;
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.settings.prefix.length);
        // other objects (a folder marker made in a console, a README) are not ours to back up or sweep;
        // without a date a blob counts as new, so the sweep leaves it
        if (!key || !isBlobKey(key)) continue;
        out.push({ key, bytes: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date() });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async check(): Promise<void> {
    await this.call('bucket check', (abortSignal) => this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), { abortSignal }));
  }

  close(): void {
    this.client.destroy();
  }
}
