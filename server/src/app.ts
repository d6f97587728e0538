import Router from '@koa/router';
import Koa from 'koa';
import { systemApi } from '@gonghui/shared';
import type { Deps } from './deps';
import { accessLog } from './http/accessLog';
import { jsonBody } from './http/body';
import { errorHandler } from './http/errors';
import { requestId } from './http/requestId';
import { mount } from './http/route';
import { securityHeaders } from './http/security';
import { h5Portal } from './http/static';
import { authRoutes } from './modules/auth/routes';
import { unionRoutes } from './modules/unions/routes';
import { voucherRoutes } from './modules/vouchers/routes';
import { ping } from './db/index';

export const VERSION = '0.1.0';

export interface AppOptions {
  /** The H5 build to serve at `/` (omitted in API-only tests). */
  clientDir?: string;
}

/** Builds the Koa app from injected dependencies; main.ts wires the real ones, tests their own. */
export function createApp(deps: Deps, opts: AppOptions = {}): Koa {
  const app = new Koa({ proxy: deps.config.trustProxy });
  const router = new Router();

  mount(router, deps, systemApi.health, async () => ({ ok: await ping(deps.db), db: deps.dbKind, version: VERSION, mode: deps.config.mode }));
  authRoutes(router, deps);
  unionRoutes(router, deps);
  voucherRoutes(router, deps);

  // Errors after the answer left (a client hanging up mid-download) reach here, not the error middleware.
  app.on('error', (err: NodeJS.ErrnoException, ctx?: { state?: { requestId?: string } }) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE') return;
    deps.logger.error({ err, requestId: ctx?.state?.requestId }, 'response stream error');
  });

  app.use(requestId());
  app.use(accessLog(deps.logger));
  app.use(errorHandler(deps.logger));
  app.use(securityHeaders());
  if (opts.clientDir) app.use(h5Portal(opts.clientDir));
  for (const mw of jsonBody()) app.use(mw);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

export type { Deps } from './deps';
