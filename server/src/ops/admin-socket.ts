/*
 * PGlite lives inside the server process, and a second process must never open its folder while
 * the server runs. So the running server takes the backup itself: `pnpm backup` asks over a Unix
 * socket in DATA_DIR (mode 0600: only the account running the server can ask).
 */
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';
import { backupPglite, BackupError, type Backup, type Manifest } from './backup';

/**
 * `DATA_DIR/admin.sock`; where that path is too long for a Unix socket (about 100 bytes), one in
 * the temporary folder named by the data folder's hash. Server and tools compute the same path.
 */
export function adminSocketPath(dataDir: string): string {
  const inside = path.join(path.resolve(dataDir), 'admin.sock');
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(tmpdir(), `gonghui-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}.sock`);
}

export async function listenAdminSocket(dataDir: string, client: PGlite, logger: Logger): Promise<Server> {
  const socket = adminSocketPath(dataDir);
  // a socket left by a process that died: nobody can be listening on it (this process holds the folder)
  if (existsSync(socket)) rmSync(socket);
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404).end();
      return;
    }
    backupPglite(client).then(
      (b) => {
        logger.info({ bytes: b.manifest.data.bytes }, 'backup taken');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ manifest: b.manifest, data: b.data.toString('base64') }));
      },
      (err: Error) => {
        logger.error({ err }, 'backup failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  chmodSync(socket, 0o600);
  return server;
}

/** Asks the server running on `dataDir` for a backup; null when no server listens there. */
export function backupFromRunningServer(dataDir: string): Promise<Backup | null> {
  const socket = adminSocketPath(dataDir);
  if (!existsSync(socket)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, method: 'POST', path: '/backup' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new BackupError(`the running server could not take the backup: ${text}`));
        const body = JSON.parse(text) as { manifest: Manifest; data: string };
        resolve({ manifest: body.manifest, data: Buffer.from(body.data, 'base64') });
      });
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? resolve(null) : reject(err)));
    req.end();
  });
}

/** Whether a server answers on the admin socket (the folder is in use). */
export function serverListening(socket: string): Promise<boolean> {
  if (!existsSync(socket)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const c = connect(socket);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}
