/*
 * pnpm start:cluster (server/src/cluster.ts): refused on PGlite with a clear message; over one
 * PostgreSQL, a worker killed with -9 mid-rush is replaced while the other keeps answering, and
 * SIGTERM drains every worker (the requests they took are answered, none with a 5xx) before the
 * primary exits 0. The offline checker holds each run's answers against the tables.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_URL, activeMembers, freePort, openBatchAsCity, removeDir, serverProcessEnv, startApiProcess, tempDataDir, type ApiProcess, type Claimant } from '../flows/processes';
import { RushLog, openLedger, verifyRush } from './checker';

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));

/** The primary's workers (its other children, such as tsx's esbuild service, are left out). */
function workerPids(primaryPid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(primaryPid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return out
    .split('\n')
    .filter((line) => line.includes('cluster.ts'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('pnpm start:cluster', () => {
  it('refuses PGlite, which lives inside one process, with a clear message', async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src/cluster.ts')], {
      cwd: serverDir,
      env: { ...process.env, DATABASE_URL: '', GONGHUI_MODE: 'demo', DATA_DIR: dataDir, CLUSTER_WORKERS: '2' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    removeDir(dataDir);
    expect(code).toBe(78);
    expect(stderr).toContain('refuses to start the cluster: DATABASE_URL is not set');
  });
});

describe.skipIf(!SERVER_URL)('pnpm start:cluster over one PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let cluster: ApiProcess;
  let databaseUrl: string;
  let env: Awaited<ReturnType<typeof serverProcessEnv>>;
  let members: Claimant[];

  beforeAll(async () => {
    env = await serverProcessEnv(cleanups, 'cluster-secret-0123456789abcdef012345678');
    databaseUrl = env.DATABASE_URL;
    cluster = await startApiProcess({ port: await freePort(), env: { ...env, CLUSTER_WORKERS: '2' }, entry: 'src/cluster.ts' });
    cleanups.push(() => cluster.stop());
    members = await activeMembers([cluster.base], 120);
  }, 120_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function verify(log: RushLog) {
    const ledger = await openLedger({ url: databaseUrl });
    try {
      return await verifyRush(ledger.exec, log);
    } finally {
      await ledger.close();
    }
  }

  it('replaces a worker killed mid-rush while the other keeps answering', async () => {
    const primary = cluster.child.pid!;
    const before = workerPids(primary);
    expect(before).toHaveLength(2);
    const { batchId } = await openBatchAsCity(cluster.base, '集群抢券 立减10', 80);
    const log = new RushLog(batchId);
    const rush = log.drive([cluster.base], members, 8);
    while (log.answers.length < 20) await new Promise((r) => setTimeout(r, 10));
    process.kill(before[0]!, 'SIGKILL');
    await rush;

    let now: number[] = [];
    for (let i = 0; i < 80; i++) {
      now = workerPids(primary);
      if (now.length === 2 && !now.includes(before[0]!)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(now).toHaveLength(2);
    expect(now).toContain(before[1]!);
    expect(now).not.toContain(before[0]!);
    // the survivor answered through the loss: claims went on after the kill
    expect(log.answers.filter((a) => a.status === 201 || a.status === 409).length).toBeGreaterThan(20);

    await log.settle([cluster.base]);
    const verdict = await verify(log);
    expect(verdict.problems).toEqual([]);
    expect(verdict.live).toBe(80);
  });

  it('drains every worker on SIGTERM: what they took is answered, none with a 5xx, and the primary exits 0', async () => {
    const { batchId } = await openBatchAsCity(cluster.base, '集群停机 立减10', 200);
    const workers = workerPids(cluster.child.pid!);
    const log = new RushLog(batchId);
    const inFlight = Promise.all(members.map((m) => log.claim(cluster.base, m)));
    await new Promise((r) => setTimeout(r, 60));
    const exited = new Promise<number | null>((resolve) => cluster.child.once('exit', (code) => resolve(code)));
    cluster.child.kill('SIGTERM');
    await inFlight;
    expect(await exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
    const answered = log.answers.filter((a) => a.status !== 0);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((a) => a.status >= 500)).toEqual([]);

    // the members whose connection was refused try again on a fresh process: nothing was half done
    const again = await startApiProcess({ port: await freePort(), env });
    cleanups.push(() => again.stop());
    await log.settle([again.base]);
    const verdict = await verify(log);
    expect(verdict.problems).toEqual([]);
    expect(verdict.live).toBe(members.length);
  });
});
