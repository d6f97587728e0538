import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { offsetClock, systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { deriveKeys } from './crypto';
import { demoSecret } from './demo-secret';
import { openDatabase } from './db/index';
import { createLogger } from './logger';
import { logSmsSender, webhookSmsSender } from './modules/auth/sms';
import { httpWechatClient } from './modules/auth/wechat';
import { drawDueLotteries, LOTTERY_POLL_MS, pruneExpired } from './maintenance';
import { hearRevocations, rushMemory } from './rush/index';
import { seedDemoData } from './seed/demo';
import { sealLegacyImportAmounts } from './modules/hardship/discovery';
import { wechatSubscribeSender } from './modules/notices/subscribe';
import { runScheduledJobs } from './scheduled';
import cluster from 'node:cluster';
import { createMetrics, metricsServer, shareWithClusterPrimary } from './ops/metrics';
import type { Lifecycle } from './ops/readiness';
import { listenAdminSocket } from './ops/admin-socket';
import { openBlobStore } from './lib/open-blob-store';
import { ORPHAN_MIN_AGE_MS, sweepOrphanBlobs } from './ops/orphan-blobs';

async function main() {
  const env = process.env;
  let config;
  try {
    config = loadConfig(env, () => demoSecret(path.resolve(env.DATA_DIR ?? './.data')));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Gonghui refuses to start: ${err.message}`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const dataDir = path.resolve(config.dataDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(dataDir, 'pglite'), poolSize: config.databasePoolSize });
  const clock = config.now ? offsetClock(config.now) : systemClock;
  const keys = deriveKeys(config.secret);
  if (config.seedDemo && (await seedDemoData(database.db, keys, clock.now()))) logger.info('demo data seeded');
  // pushed-list amounts imported before migration 0015 were kept in clear: sealed once, here
  const sealed = await sealLegacyImportAmounts(database.db, keys);
  if (sealed) logger.info({ rows: sealed }, 'sealed the amounts of earlier pushed-list imports');

  const sms = config.sms.webhookUrl ? webhookSmsSender(config.sms.webhookUrl, config.sms.webhookToken) : logSmsSender(logger);
  const wechat = httpWechatClient({ apiBase: config.wechat.apiBase, appId: config.wechat.appId, secret: config.wechat.secret });
  const clientDir = config.clientDir ?? fileURLToPath(new URL('../../client/dist/h5', import.meta.url));
  if (!existsSync(path.join(clientDir, 'index.html'))) logger.warn({ clientDir }, 'H5 build not found: serving the API only (run pnpm build:h5)');

  const rush = rushMemory(config.rush, database.db, logger);
  await hearRevocations(rush, database, logger);
  const metrics = createMetrics({ processMetrics: true, pool: database.poolStats });
  const lifecycle: Lifecycle = { draining: false };
  const blobs = openBlobStore({ s3: config.s3, dataDir });
  // a store away at startup does not stop the service: uploads and downloads answer 503 until it is back
  blobs.check().then(
    () => logger.info({ store: blobs.where }, 'upload store ready'),
    (err: Error) => logger.error({ err: err.message, store: blobs.where }, 'upload store unavailable: document uploads and downloads answer 503 until it answers'),
  );
  const app = createApp(
    { db: database.db, dbKind: database.kind, clock, config, keys, logger, sms, wechat, rush, metrics, lifecycle, blobs },
    { clientDir: existsSync(clientDir) ? clientDir : undefined },
  );
  const server = app.listen(config.port, config.host, () => {
    logger.info({ port: config.port, mode: config.mode, db: database.kind }, `Gonghui listening on http://localhost:${config.port}`);
  });
  // under pnpm start:cluster the primary serves METRICS_PORT for every worker
  if (cluster.isWorker) shareWithClusterPrimary(metrics);
  const metricsListener = config.metrics.port === undefined || cluster.isWorker ? undefined : metricsServer(metrics);
  metricsListener?.listen(config.metrics.port, config.metrics.host, () => logger.info({ port: config.metrics.port, host: config.metrics.host }, 'metrics listening'));
  // PGlite: `pnpm backup` asks this process over a socket in DATA_DIR (no second process may open the folder)
  const adminSocket = database.pglite ? await listenAdminSocket(dataDir, database.pglite, logger) : undefined;
  const pruner = setInterval(() => {
    pruneExpired(database.db, clock.now()).catch((err) => logger.warn({ err }, 'pruning failed'));
  }, 10 * 60_000);
  pruner.unref();
  // uploaded files no document names (an upload cut between its blob and its row): hourly, read against the wall clock the store keeps
  if (blobs.sweepRefusal) logger.warn(blobs.sweepRefusal);
  const sweeper = setInterval(() => {
    if (blobs.sweepRefusal) return;
    sweepOrphanBlobs(database.db, blobs, new Date())
      .then((r) => r.removed.length && logger.info({ removed: r.removed.length, stored: r.stored }, 'removed uploaded files no document names'))
      .catch((err: Error) => logger.warn({ err: err.message }, 'orphan file sweep failed'));
  }, ORPHAN_MIN_AGE_MS);
  sweeper.unref();
  // Without WeChat or its template ids (demo) the subscribe outbox is kept as the record and not sent.
  const templates = config.subscribeTemplates ?? {};
  const subscribe = wechat.configured && Object.values(templates).some(Boolean) ? wechatSubscribeSender(wechat, templates, config.wechat.apiBase) : null;
  let jobsRunning = false;
  const jobs = setInterval(() => {
    if (jobsRunning) return;
    jobsRunning = true;
    void runScheduledJobs(database.db, clock, logger, subscribe).finally(() => (jobsRunning = false));
  }, 60_000);
  jobs.unref();
  // Every process runs the draws that are due; the draw's conditional update lets only one of them issue the vouchers.
  const drawer = setInterval(() => {
    drawDueLotteries(database.db, clock.now()).catch((err) => logger.warn({ err }, 'lottery draw failed'));
  }, LOTTERY_POLL_MS);
  drawer.unref();

  // Stop taking requests first, let those in flight finish (bounded), and only then close the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Readiness fails first; a load balancer polling it stops sending before the listener closes.
    lifecycle.draining = true;
    if (signal === 'SIGTERM' && config.shutdownGraceMs > 0) await new Promise((r) => setTimeout(r, config.shutdownGraceMs));
    clearInterval(pruner);
    clearInterval(sweeper);
    clearInterval(jobs);
    clearInterval(drawer);
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections?.();
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([drained, deadline]);
    server.closeAllConnections?.();
    metricsListener?.close();
    adminSocket?.close();
    await rush.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A promise nobody awaited is a bug to log, not a reason to die mid-rush with requests in flight.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
