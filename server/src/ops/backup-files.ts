/*
 * The uploaded files of a backup (`files.tar.gz`), read from and written back through the blob
 * store that is configured: the folder under DATA_DIR or the S3-compatible bucket. The tar holds
 * the sealed bytes by key ("hardship-docs/<uuid>"), so a backup taken on one kind of store
 * restores into the other.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { checkKey, type BlobStore } from '../lib/blob-store';
import { BackupError, FILES_TAR, type Backup } from './backup';

/** Folders of the blob store that hold uploaded files (see lib/blob-store.ts). */
export const FILE_FOLDERS = ['hardship-docs'] as const;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every stored blob of the upload folders, by key. */
async function storedKeys(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for (const folder of FILE_FOLDERS) out.push(...(await store.list(folder)).map((b) => b.key));
  return out;
}

/**
 * Adds the uploaded files to a backup just taken. Files are written once under new names and
 * removed only after their row is gone, so a copy made after the snapshot holds every file the
 * snapshot's rows name (a file uploaded meanwhile comes along unnamed and is never read).
 */
export async function withFiles(backup: Backup, store: BlobStore): Promise<Backup> {
  const keys = await storedKeys(store);
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-backup-files-'));
  try {
    const taken: string[] = [];
    for (const key of keys) {
      const bytes = await store.get(key);
      if (!bytes) continue; // deleted since it was listed: its row went first
      const file = path.join(dir, 'tree', ...key.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes, { mode: 0o600 });
      taken.push(key);
    }
    if (taken.length === 0) return backup;
    const file = path.join(dir, FILES_TAR);
    await tar.create({ file, cwd: path.join(dir, 'tree'), gzip: true, portable: true }, taken);
    const files = readFileSync(file);
    return { ...backup, files, manifest: { ...backup.manifest, files: { file: FILES_TAR, bytes: files.length, sha256: sha256(files), count: taken.length } } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Refuses before anything is restored when the backup's files would land on files already there. */
export async function assertFilesRestorable(backup: Backup, store: BlobStore): Promise<void> {
  if (!backup.manifest.files) return;
  for (const folder of FILE_FOLDERS) {
    if ((await store.list(folder)).length > 0) throw new BackupError(`${store.where} holds ${folder} already, it is not empty: restore files only into an empty store (move the old files aside first)`);
  }
}

/** Puts a backup's uploaded files back through the store; its upload folders must be empty. */
export async function restoreFiles(backup: Backup, store: BlobStore): Promise<number> {
  if (!backup.manifest.files || !backup.files) return 0;
  await assertFilesRestorable(backup, store);
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-restore-files-'));
  try {
    const file = path.join(dir, FILES_TAR);
    writeFileSync(file, backup.files);
    const tree = path.join(dir, 'tree');
    mkdirSync(tree);
    // only plain files inside the upload folders: nothing that could leave the tree, no links
    const inside = (p: string) => FILE_FOLDERS.some((f) => p.startsWith(`${f}/`)) && !p.split('/').includes('..');
    await tar.extract({ file, cwd: tree, strict: true, filter: (p, entry) => inside(p) && (entry as { type?: string }).type === 'File' });
    const keys = (readdirSync(tree, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(tree, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    if (keys.length !== backup.manifest.files.count) throw new BackupError(`the backup's files do not match the manifest: ${keys.length} of ${backup.manifest.files.count}`);
    for (const key of keys.sort()) await store.put(checkKey(key), readFileSync(path.join(tree, ...key.split('/'))));
    const restored = (await storedKeys(store)).length;
    if (restored !== backup.manifest.files.count) throw new BackupError(`the restored files do not match the manifest: ${restored} of ${backup.manifest.files.count}`);
    return restored;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
