/*
 * A redis-server of the test's own (loopback, a free port, nothing on disk), so a test can kill and
 * restart it without touching the machine's shared Redis. Skipped with a message where Debian's
 * redis-server is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from '../flows/processes';

export const redisServerMissing: string | null =
  spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0 ? null : 'redis-server is not installed (apt-get install redis-server)';

export interface PrivateRedis {
  url: string;
  /** kill -9 (everything it held is gone), then start an empty one on the same port. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function up(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer`);
}

const down = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child = await up(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart(downMs) {
      await down(child);
      await new Promise((r) => setTimeout(r, downMs));
      child = await up(port);
    },
    stop: () => down(child),
  };
}
