/*
 * A PostgreSQL instance of the test's own (initdb + pg_ctl in a temp folder, loopback, a free
 * port), so a test can stop and start it without touching the machine's shared server. initdb
 * refuses to run as root: as root the binaries run as the `postgres` user through runuser.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../flows/processes';

const run = promisify(execFile);

interface Binaries {
  bin: string;
  /** Run as this user (uid, gid) through runuser, when we are root. */
  as?: { name: string; uid: number; gid: number; runuser: string };
}

/** Where initdb and pg_ctl are, or why a private instance cannot be made here. */
function findBinaries(): Binaries | { missing: string } {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')) && existsSync(path.join(base, v, 'bin', 'pg_ctl'))) : [];
  if (!versions.length) return { missing: `no initdb and pg_ctl under ${base}/*/bin (install the postgresql package)` };
  const bin = path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
  if (process.getuid?.() !== 0) return { bin };
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find(existsSync);
  if (!runuser) return { missing: 'running as root without runuser: initdb refuses root' };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { bin, as: { name: 'postgres', uid, gid, runuser } };
  } catch {
    return { missing: 'running as root and there is no postgres user to run initdb as' };
  }
}

export const postgresBinaries = findBinaries();

export interface PrivatePostgres {
  url: string;
  /** pg_ctl stop -m fast: sessions are terminated, transactions rolled back, new connections refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if ('missing' in postgresBinaries) throw new Error(postgresBinaries.missing);
  const { bin, as } = postgresBinaries;
  const dir = mkdtempSync(path.join(tmpdir(), 'gh-pg-'));
  if (as) chownSync(dir, as.uid, as.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pgRun = (tool: string, args: string[]) =>
    as ? run(as.runuser, ['-u', as.name, '--', path.join(bin, tool), ...args], { timeout: 60_000 }) : run(path.join(bin, tool), args, { timeout: 60_000 });
  // a fast shutdown writes every committed transaction; fsync only matters for a power cut, not tested here
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]) => pgRun('pg_ctl', ['-D', data, '-w', '-t', '30', ...args]);
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const start = async () => void (await ctl('-o', options, '-l', path.join(dir, 'log'), 'start'));
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await ctl('-m', 'fast', 'stop');
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
