import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from './context';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Takes a well-formed X-Request-Id from a proxy or makes one; echoes it on the response. */
export function requestId(): Middleware<AppState> {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    ctx.state.requestId = SAFE_ID.test(given) ? given : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}
