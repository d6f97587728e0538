/* The blob store a configuration names: the S3-compatible bucket when S3_* is set, else DATA_DIR. */
import path from 'node:path';
import { LocalBlobStore, type BlobStore } from './blob-store';
import { S3BlobStore, type S3Settings } from './s3-blob-store';

export function openBlobStore(settings: { s3?: S3Settings; dataDir: string }): BlobStore {
  return settings.s3 ? new S3BlobStore(settings.s3) : new LocalBlobStore(path.resolve(settings.dataDir));
}
