import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState } from './context';

/** One line per request: the route pattern (not the query string), status, time and the client address (behind TRUST_PROXY, the one the proxy saw). */
export function accessLog(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      if (ctx.path.startsWith('/api/')) {
        logger.info(
          {
            requestId: ctx.state.requestId,
            method: ctx.method,
            route: typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : 'unmatched',
            status: ctx.status,
            ms: Math.round(performance.now() - start),
            user: ctx.state.auth?.userId,
            ip: ctx.ip,
          },
          'request',
        );
      }
    }
  };
}
