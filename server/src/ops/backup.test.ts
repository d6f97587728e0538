import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../db/index';
import { codeSchemaVersion } from '../db/schema-version';
import { LocalBlobStore } from '../lib/blob-store';
import { useS3Server } from '../testing/s3';
import { backupPglite, readBackupFile, restorePglite, writeBackupFile, type Manifest } from './backup';
import { restoreFiles, withFiles } from './backup-files';

describe('backup files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-backup-test-'));
  let database: Database;
  let good: string;
  beforeAll(async () => {
    database = await openPglite();
    good = path.join(dir, 'good.tar');
    await writeBackupFile(good, await backupPglite(database.pglite!));
  }, 60_000);
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The same backup with its manifest or data changed, as a file. */
  async function altered(name: string, change: (m: Manifest, data: Buffer) => Buffer) {
    const work = mkdtempSync(path.join(dir, 'x-'));
    await tar.extract({ file: good, cwd: work });
    const manifest = JSON.parse(readFileSync(path.join(work, 'manifest.json'), 'utf8')) as Manifest;
    const data = change(manifest, readFileSync(path.join(work, manifest.data.file)));
    writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(path.join(work, manifest.data.file), data);
    const file = path.join(dir, name);
    await tar.create({ file, cwd: work }, ['manifest.json', manifest.data.file]);
    return file;
  }

  it('records the schema version, every table and the checksum', async () => {
    const { manifest } = await readBackupFile(good);
    expect(manifest.schema).toEqual(codeSchemaVersion());
    expect(manifest.tables['drizzle.__drizzle_migrations']).toBe(codeSchemaVersion().count);
    expect(Object.keys(manifest.tables)).toContain('public.vouchers');
    expect(manifest.data.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a backup from a newer schema', async () => {
    const file = await altered('newer.tar', (m, d) => {
      m.schema = { count: m.schema.count + 1, tag: '0099_future', when: m.schema.when + 1000 };
      return d;
    });
    await expect(readBackupFile(file)).rejects.toThrow(/newer schema/);
  });

  it('refuses a damaged backup', async () => {
    const file = await altered('damaged.tar', (_m, d) => {
      d[d.length - 10] = d[d.length - 10]! ^ 0xff;
      return d;
    });
    await expect(readBackupFile(file)).rejects.toThrow(/checksum/);
  });

  it('refuses a restore whose rows do not match the manifest, and leaves nothing behind', async () => {
    const file = await altered('miscounted.tar', (m, d) => {
      m.tables['public.users'] = (m.tables['public.users'] ?? 0) + 1;
      return d;
    });
    const target = path.join(dir, 'restored');
    await expect(restorePglite(await readBackupFile(file), target)).rejects.toThrow(/public\.users: manifest 1, restored 0/);
    expect(() => readFileSync(path.join(target, 'PG_VERSION'))).toThrow();
  });

  it('carries the uploaded files under DATA_DIR and puts them back, checked against the manifest', async () => {
    const data = mkdtempSync(path.join(dir, 'data-'));
    mkdirSync(path.join(data, 'hardship-docs'));
    writeFileSync(path.join(data, 'hardship-docs', 'doc-1'), 'sealed bytes one');
    writeFileSync(path.join(data, 'hardship-docs', 'doc-2'), Buffer.from([0, 1, 2, 255]));
    writeFileSync(path.join(data, 'hardship-docs', 'doc-3.123.tmp'), 'half written'); // left out
    writeFileSync(path.join(data, 'elsewhere'), 'not an upload'); // left out
    const file = path.join(dir, 'with-files.tar');
    await writeBackupFile(file, await withFiles(await backupPglite(database.pglite!), new LocalBlobStore(data)));

    const read = await readBackupFile(file);
    expect(read.manifest.files).toMatchObject({ file: 'files.tar.gz', count: 2 });
    const target = mkdtempSync(path.join(dir, 'target-'));
    expect(await restoreFiles(read, new LocalBlobStore(target))).toBe(2);
    expect(readFileSync(path.join(target, 'hardship-docs', 'doc-1'), 'utf8')).toBe('sealed bytes one');
    expect([...readFileSync(path.join(target, 'hardship-docs', 'doc-2'))]).toEqual([0, 1, 2, 255]);
    // never over files already there
    await expect(restoreFiles(read, new LocalBlobStore(target))).rejects.toThrow(/not empty/);

    // a backup whose files were changed is refused before anything is restored
    const work = mkdtempSync(path.join(dir, 'y-'));
    await tar.extract({ file, cwd: work });
    const files = readFileSync(path.join(work, 'files.tar.gz'));
    files[files.length - 5] = files[files.length - 5]! ^ 0xff;
    writeFileSync(path.join(work, 'files.tar.gz'), files);
    const damaged = path.join(dir, 'damaged-files.tar');
    await tar.create({ file: damaged, cwd: work }, ['manifest.json', read.manifest.data.file, 'files.tar.gz']);
    await expect(readBackupFile(damaged)).rejects.toThrow(/uploaded files do not match/);
  });

  describe('with the files in an S3-compatible bucket', () => {
    const s3 = useS3Server();

    it('takes them from the bucket and puts them back into an empty prefix, never over files already there', async () => {
      const source = s3().store();
      await source.put('hardship-docs/doc-1', Buffer.from('sealed bytes one'));
      await source.put('hardship-docs/doc-2', Buffer.from([0, 1, 2, 255]));
      await source.put('other-docs/x', Buffer.from('not an upload folder')); // left out
      const file = path.join(dir, 'with-s3-files.tar');
      await writeBackupFile(file, await withFiles(await backupPglite(database.pglite!), source));
      const read = await readBackupFile(file);
      expect(read.manifest.files).toMatchObject({ file: 'files.tar.gz', count: 2 });

      const target = s3().store();
      expect(await restoreFiles(read, target)).toBe(2);
      expect((await target.get('hardship-docs/doc-1'))!.toString()).toBe('sealed bytes one');
      expect([...(await target.get('hardship-docs/doc-2'))!]).toEqual([0, 1, 2, 255]);
      expect(await target.get('other-docs/x')).toBeNull();
      await expect(restoreFiles(read, target)).rejects.toThrow(/not empty/);
      // into the source's own prefix, which still holds them: refused the same way
      await expect(restoreFiles(read, source)).rejects.toThrow(/not empty/);

      // a backup taken from the bucket restores into a folder under DATA_DIR, and the other way round
      const folder = mkdtempSync(path.join(dir, 'from-s3-'));
      expect(await restoreFiles(read, new LocalBlobStore(folder))).toBe(2);
      expect(readFileSync(path.join(folder, 'hardship-docs', 'doc-1'), 'utf8')).toBe('sealed bytes one');
      const back = await readBackupFile(file);
      const fromFolder = await withFiles(await backupPglite(database.pglite!), new LocalBlobStore(folder));
      const again = s3().store();
      expect(await restoreFiles(fromFolder, again)).toBe(2);
      expect((await again.get('hardship-docs/doc-2'))!.equals((await source.get('hardship-docs/doc-2'))!)).toBe(true);
      expect(back.manifest.files!.count).toBe(2);
    });

    it('refuses a restore when the bucket refuses our credentials, before it writes anything', async () => {
      const source = s3().store();
      await source.put('hardship-docs/doc-1', Buffer.from('one'));
      const b = await withFiles(await backupPglite(database.pglite!), source);
      const prefix = `t-wrong-${Date.now().toString(36)}/`;
      await expect(restoreFiles(b, s3().store({ prefix, secretAccessKey: 'wrong' }))).rejects.toThrow(/SignatureDoesNotMatch/);
      expect(await s3().store({ prefix }).list('hardship-docs')).toEqual([]);
    });
  });

  it('leaves a backup without uploaded files as it was', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const b = await withFiles(await backupPglite(database.pglite!), new LocalBlobStore(empty));
    expect(b.manifest.files).toBeUndefined();
    expect(await restoreFiles(b, new LocalBlobStore(empty))).toBe(0);
  });
});
