import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError, errorCatalogue, type ErrorBody, type ErrorCode } from '@gonghui/shared';
import { isDatabaseUnavailable } from '../db/index';
import { BlobStoreUnavailable } from '../lib/blob-store';
import type { AppState } from './context';

export function renderError(code: ErrorCode, requestId: string, details?: unknown, message?: string): ErrorBody {
  return { error: { code, message: message ?? errorCatalogue[code].message, ...(details === undefined ? {} : { details }), requestId } };
}

/** Framework errors (body parser, router) mapped onto the catalogue. */
function fromHttpError(err: { status?: number; type?: string }): ErrorCode | null {
  if (err.status === 413 || err.type === 'entity.too.large') return 'PAYLOAD_TOO_LARGE';
  if (err.status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (err.status === 400) return 'MALFORMED_JSON';
  if (err.status === 404) return 'NOT_FOUND';
  if (err.status === 401) return 'UNAUTHENTICATED';
  if (err.status === 403) return 'FORBIDDEN';
  return null;
}

/** A store we depend on is down: a 503 the client may retry after a while, not a bug. */
function outageOf(err: unknown): { code: ErrorCode; retryAfter: string; level: 'warn' | 'error'; log: string } | null {
  if (isDatabaseUnavailable(err)) return { code: 'SERVICE_UNAVAILABLE', retryAfter: '5', level: 'warn', log: 'database unavailable' };
  if (err instanceof BlobStoreUnavailable) return { code: 'FILE_STORE_UNAVAILABLE', retryAfter: '30', level: 'error', log: 'upload store unavailable' };
  return null;
}

/** Mounted first: every thrown error leaves as `{ error: { code, message } }`. Bugs become 500s with a request id and no internals. */
export function errorHandler(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) throw new AppError('NOT_FOUND');
      if (ctx.status === 405 && ctx.path.startsWith('/api/')) {
        ctx.body = renderError('NOT_FOUND', ctx.state.requestId);
      }
    } catch (err) {
      const requestId = ctx.state.requestId;
      if (err instanceof AppError) {
        ctx.state.errorCode = err.code;
        ctx.status = err.status;
        ctx.body = renderError(err.code, requestId, err.details, err.message);
        return;
      }
      const e = err as { status?: number; type?: string; expose?: boolean };
      const mapped = e && typeof e.status === 'number' && e.status < 500 ? fromHttpError(e) : null;
      if (mapped) {
        ctx.status = errorCatalogue[mapped].status;
        ctx.body = renderError(mapped, requestId);
        return;
      }
      const route = ctx._matchedRoute ?? ctx.path;
      const outage = outageOf(err);
      if (outage) {
        logger[outage.level]({ err, requestId, route }, outage.log);
        ctx.state.errorCode = outage.code;
        ctx.status = 503;
        ctx.set('Retry-After', outage.retryAfter);
        ctx.body = renderError(outage.code, requestId);
        return;
      }
      logger.error({ err, requestId, route }, 'unhandled error');
      ctx.status = 500;
      ctx.body = renderError('INTERNAL', requestId);
    }
  };
}
