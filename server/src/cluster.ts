/*
 * pnpm start:cluster: N API workers (node:cluster) sharing one port over one PostgreSQL.
 *
 * Each worker is the ordinary server (main.ts): its own pool, its own claim-path memory, and its
 * own LISTEN connection hearing revocations from every process, so the rules hold across workers
 * exactly as across machines. The primary only forks, restarts a worker that dies, and on
 * SIGTERM/SIGINT asks every worker to drain (main.ts's shutdown) before it exits.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterWorkers, ConfigError, loadConfig } from './config';
import { demoSecret } from './demo-secret';
import { createLogger } from './logger';
import { clusterMetricsServer } from './ops/metrics';

/** A worker's own drain is bounded by 10 s (main.ts) plus closing its pool; past this it is killed. */
const DRAIN_DEADLINE_MS = 20_000;
/** A worker that dies sooner than this after starting is restarted with a growing delay, up to 30 s. */
const STEADY_MS = 10_000;

function refuse(message: string): never {
  console.error(`Gonghui refuses to start the cluster: ${message}`);
  process.exit(78);
}

function primary() {
  const env = process.env;
  if (!env.DATABASE_URL) {
    refuse(
      'DATABASE_URL is not set. PGlite, the embedded database, lives inside one process and cannot be shared by workers; ' +
        'run `pnpm start` for one process on PGlite, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  let config;
  let count;
  try {
    // Validated once here (and the demo secret written once) rather than N times in racing workers.
    config = loadConfig(env, () => demoSecret(path.resolve(env.DATA_DIR ?? './.data')));
    count = clusterWorkers(env, availableParallelism());
  } catch (err) {
    if (err instanceof ConfigError) refuse(err.message);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });

  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const restarts = new Set<NodeJS.Timeout>();
  let quickDeaths = 0;
  let drainedCleanly = true;
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => {
    listening.add(worker);
    if (listening.size !== count) return;
    logger.info({ workers: count }, 'every API worker is listening');
    // a parent that spawned us with an IPC channel (pnpm bench:rush) waits for this before it measures
    process.send?.({ gonghui: 'listening', workers: count });
  });

  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      // a worker still starting has taken no request: SIGTERM ends it before main.ts listens for it
      const clean = code === 0 || (!listening.has(worker) && signal === 'SIGTERM');
      listening.delete(worker);
      drainedCleanly &&= clean;
      if (!clean) logger.warn({ pid: worker.process.pid, exitCode: code, signal }, 'API worker did not drain cleanly');
      if (startedAt.size === 0) process.exit(drainedCleanly ? 0 : 1);
      return;
    }
    listening.delete(worker);
    quickDeaths = lived < STEADY_MS ? quickDeaths + 1 : 0;
    const delay = quickDeaths === 0 ? 0 : Math.min(30_000, 250 * 2 ** quickDeaths);
    logger.warn({ pid: worker.process.pid, exitCode: code, signal, restartInMs: delay }, 'API worker died: starting another');
    const t = setTimeout(() => {
      restarts.delete(t);
      if (!stopping) fork();
    }, delay);
    restarts.add(t);
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: startedAt.size }, 'draining the API workers');
    for (const t of restarts) clearTimeout(t);
    if (startedAt.size === 0) process.exit(0);
    // each worker stops taking connections, answers what it took, closes its pool, exits 0
    for (const w of startedAt.keys()) w.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ left: startedAt.size }, 'workers still draining after the deadline: killed');
      for (const w of startedAt.keys()) w.process.kill('SIGKILL');
      process.exit(1);
    }, DRAIN_DEADLINE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // every worker's metrics, summed, on the one METRICS_PORT (workers do not listen on it themselves)
  if (config.metrics.port !== undefined) clusterMetricsServer().listen(config.metrics.port, config.metrics.host).unref();

  logger.info({ workers: count, port: config.port }, `Gonghui cluster: ${count} API workers on port ${config.port}`);
  for (let i = 0; i < count; i++) fork();
}

if (cluster.isPrimary) primary();
else await import('./main');
