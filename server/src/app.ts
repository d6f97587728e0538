import Router from '@koa/router';
import Koa from 'koa';
import compress from 'koa-compress';
import { systemApi } from '@gonghui/shared';
import type { Deps } from './deps';
import { ping } from './db/index';
import { accessLog } from './http/accessLog';
import { jsonBody } from './http/body';
import { errorHandler } from './http/errors';
import { requestId } from './http/requestId';
import { securityHeaders } from './http/security';
import { dateHeader } from './http/date';
import { h5Portal } from './http/static';
import { authRoutes } from './modules/auth/routes';
import { memberRoutes } from './modules/members/routes';
import { merchantRoutes } from './modules/merchants/routes';
import { staffRoutes } from './modules/staff/routes';
import { unionRoutes } from './modules/unions/routes';
import { voucherRoutes } from './modules/vouchers/routes';
import { noticeRoutes } from './modules/notices/routes';
import { wishRoutes } from './modules/wishes/routes';
import { activityRoutes } from './modules/activities/routes';
import { feedbackRoutes } from './modules/feedback/routes';
import { hardshipRoutes } from './modules/hardship/routes';
import { lotteryRoutes } from './modules/lottery/routes';
import { campaignRoutes } from './modules/campaigns/routes';
import { pledgeRoutes } from './modules/pledges/routes';
import { rushMemory } from './rush/index';
import { guardPool } from './scope/scope';
import { createMetrics, publicMetrics } from './ops/metrics';
import { readiness } from './ops/readiness';
import { apiReference } from './ops/reference';

import { openBlobStore } from './lib/open-blob-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

export const VERSION = '0.1.0';

export interface AppOptions {
  /** The H5 build to serve at `/` (omitted in API-only tests). */
  clientDir?: string;
}

/** Builds the Koa app from injected dependencies; main.ts wires the real ones, tests their own. */
export function createApp(rawDeps: Deps, opts: AppOptions = {}): Koa {
  const hops = rawDeps.config.trustProxy;
  // Behind N trusted proxies the client is the address the outermost of them saw: the N-th entry
  // from the right of X-Forwarded-For. Anything a client wrote further left is ignored.
  const app = new Koa({ proxy: hops > 0, maxIpsCount: hops });
  const deps: Deps = {
    ...rawDeps,
    db: guardPool(rawDeps.db),
    rush: rawDeps.rush ?? rushMemory(rawDeps.config.rush, rawDeps.db, rawDeps.logger),
    metrics: rawDeps.metrics ?? createMetrics(),
    lifecycle: rawDeps.lifecycle ?? { draining: false },
    blobs: rawDeps.blobs ?? openBlobStore({ s3: rawDeps.config.s3, dataDir: rawDeps.config.dataDir || mkdtempSync(`${tmpdir()}/gonghui-data-`) }),
  };
  const metrics = deps.metrics!;
  const lifecycle = deps.lifecycle!;
  const router = new Router();

  // Liveness: no database, no session; the ceiling the rush is measured against.
  router.get(systemApi.live.path, (ctx) => {
    ctx.body = { ok: true };
  });
  // Readiness: the database answers with the expected schema and the process is not shutting down.
  router.get(systemApi.ready.path, async (ctx) => {
    const state = await readiness(deps.db, lifecycle, 2000);
    ctx.status = state.ok ? 200 : 503;
    if (!state.ok) ctx.set('Retry-After', '5');
    ctx.body = systemApi.ready.response.parse(state);
  });
  // Health answers 503 with `{ ok: false }` when the database does not answer within two seconds.
  router.get(systemApi.health.path, async (ctx) => {
    const ok = await ping(deps.db, 2000);
    ctx.status = ok ? 200 : 503;
    if (!ok) ctx.set('Retry-After', '5');
    ctx.body = systemApi.health.response.parse({ ok, db: deps.dbKind, version: VERSION, mode: deps.config.mode, wechat: deps.wechat.configured });
  });
  // Each module mounts its own routes; none imports another's.
  authRoutes(router, deps);
  unionRoutes(router, deps);
  memberRoutes(router, deps);
  merchantRoutes(router, deps);
  staffRoutes(router, deps);
  voucherRoutes(router, deps);
  wishRoutes(router, deps);
  activityRoutes(router, deps);
  feedbackRoutes(router, deps);
  hardshipRoutes(router, deps);
  noticeRoutes(router, deps);
  lotteryRoutes(router, deps);
  campaignRoutes(router, deps);
  pledgeRoutes(router, deps);

  // Errors after the answer left (a client hanging up mid-download) reach here, not the error middleware.
  app.on('error', (err: NodeJS.ErrnoException, ctx?: { state?: { requestId?: string } }) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE') return;
    deps.logger.error({ err, requestId: ctx?.state?.requestId }, 'response stream error');
  });

  app.use(dateHeader(deps.clock));
  app.use(securityHeaders());
  app.use(requestId());
  app.use(publicMetrics(metrics, deps.config.metrics.token));
  app.use(metrics.count());
  app.use(accessLog(deps.logger));
  // Answers over 1 KB leave compressed (brotli or gzip, as the client accepts); precompressed files pass as they are.
  app.use(compress({ threshold: 1024 }));
  app.use(errorHandler(deps.logger));
  app.use(apiReference(VERSION));
  if (opts.clientDir) app.use(h5Portal(opts.clientDir));
  // a pushed list (CSV text, up to 2 million characters) is the one large body
  for (const mw of jsonBody('64kb', [{ prefix: '/api/admin/hardship/sources/', limit: '8mb' }])) app.use(mw);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

export type { Deps } from './deps';
