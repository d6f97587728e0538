import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db/index';
import { createLogger } from '../logger';
import { adminSocketPath, backupFromRunningServer, listenAdminSocket, serverListening } from './admin-socket';

describe('the admin socket a PGlite server takes backups through', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'gh-admin-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each([
    ['a short data folder', 'data'],
    ['a data folder too deep for a Unix socket path', 'a-rather-long-folder-name/'.repeat(6) + 'data'],
  ])('answers a backup for %s, and nobody once it is closed', async (_name, rel) => {
    const dataDir = path.join(base, rel);
    mkdirSync(dataDir, { recursive: true });
    expect(Buffer.byteLength(adminSocketPath(dataDir))).toBeLessThan(100);
    const database = await openPglite();
    const server = await listenAdminSocket(dataDir, database.pglite!, createLogger('silent'));
    try {
      expect(await serverListening(adminSocketPath(dataDir))).toBe(true);
      const backup = await backupFromRunningServer(dataDir);
      expect(backup?.manifest.kind).toBe('pglite');
      expect(backup?.data.length).toBe(backup?.manifest.data.bytes);
    } finally {
      await new Promise((r) => server.close(r));
      await database.close();
    }
    expect(await serverListening(adminSocketPath(dataDir))).toBe(false);
    expect(await backupFromRunningServer(dataDir)).toBeNull();
  });
});
