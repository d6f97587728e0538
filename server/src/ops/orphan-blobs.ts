/*
 * Uploaded files no row names: an upload writes its blob before its row (documents.ts), so a crash
 * between the two, or a delete the store did not answer, leaves a blob behind. Those older than an
 * hour (no upload is still on its way to its row by then) are removed: hourly by the server and
 * on demand with `pnpm files:sweep`.
 */
import { inArray } from 'drizzle-orm';
import { schema, type Db } from '../db/index';
import type { BlobStore } from '../lib/blob-store';
import { FILE_FOLDERS } from './backup-files';

export const ORPHAN_MIN_AGE_MS = 3600_000;

export interface SweepReport {
  /** Blobs in the upload folders. */
  stored: number;
  /** Keys of the blobs removed. */
  removed: string[];
}

/** `now` is the wall clock the store's times are read against (not a pinned demo clock). */
export async function sweepOrphanBlobs(db: Db, store: BlobStore, now: Date, minAgeMs = ORPHAN_MIN_AGE_MS): Promise<SweepReport> {
  if (store.sweepRefusal) throw new Error(store.sweepRefusal);
  const stored = (await Promise.all(FILE_FOLDERS.map((f) => store.list(f)))).flat();
  const old = stored.filter((b) => now.getTime() - b.modifiedAt.getTime() >= minAgeMs).map((b) => b.key);
  const named = new Set<string>();
  for (let i = 0; i < old.length; i += 500) {
    const chunk = old.slice(i, i + 500);
    const rows = await db.select({ key: schema.hardshipDocuments.storageKey }).from(schema.hardshipDocuments).where(inArray(schema.hardshipDocuments.storageKey, chunk));
    for (const r of rows) named.add(r.key);
  }
  const removed: string[] = [];
  for (const key of old) {
    if (named.has(key)) continue;
    await store.delete(key);
    removed.push(key);
  }
  return { stored: stored.length, removed };
}
