/*
 * Where uploaded files' (already sealed) bytes live: a folder under DATA_DIR (LocalBlobStore) or
 * an S3-compatible bucket (S3BlobStore, lib/s3-blob-store.ts). Keys are relative names such as
 * "hardship-docs/<uuid>"; a store never sees plaintext.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface BlobInfo {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

export interface BlobStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** null when there is no such blob. */
  get(key: string): Promise<Buffer | null>;
  /** Removing a blob that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every blob under a folder ("hardship-docs"), sorted by key (backups and the orphan sweep). */
  list(folder: string): Promise<BlobInfo[]>;
  /** Throws BlobStoreUnavailable when the store cannot be reached or refuses us (startup check, doctor). */
  check(): Promise<void>;
  /** A name for logs: the folder, or the endpoint and bucket (never a secret). */
  readonly where: string;
  /**
   * Why the orphan sweep must not run on this store, or null. A bucket without a key prefix of
   * this deployment's own may hold another's files (staging pointed at production's bucket).
   */
  readonly sweepRefusal: string | null;
}

/** The store did not answer in time, cannot be reached or refused our credentials: HTTP 503, never a hang. */
export class BlobStoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BlobStoreUnavailable';
  }
}

const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** Whether a name is one of our keys (a listing may hold other objects, e.g. a console's folder marker). */
export const isBlobKey = (key: string): boolean => KEY.test(key);

export function checkKey(key: string): string {
  // no "..", no absolute paths, nothing a path could escape the folder with
  if (!KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
  return key;
}

/** Blobs as files under `root` (DATA_DIR); written to a temporary name first, so a reader never sees half a file. */
export class LocalBlobStore implements BlobStore {
  readonly sweepRefusal = null;

  constructor(readonly root: string) {}

  get where() {
    return this.root;
  }

  pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async list(folder: string): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    const walk = async (rel: string) => {
      let entries;
      try {
        entries = await readdir(this.pathOf(rel), { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const entry of entries) {
        const key = `${rel}/${entry.name}`;
        if (entry.isDirectory()) await walk(key);
        // half-written `.tmp` files and anything not named like a key are not blobs
        else if (entry.isFile() && isBlobKey(key)) {
          const s = await stat(this.pathOf(key));
          out.push({ key, bytes: s.size, modifiedAt: s.mtime });
        }
      }
    };
    await walk(checkKey(folder));
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new BlobStoreUnavailable(`the upload folder ${this.root} cannot be created`, { cause: err });
    }
  }
}
