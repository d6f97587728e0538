import Taro from '@tarojs/taro';
import {
  buildPath,
  errorMessage,
  type BodyOf,
  type Route,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@gonghui/shared';
import { parseRetryAfter } from './backoff';
import { dropPrefetched, takePrefetched } from './prefetched';
import { authBridge } from './bridge';
import { useServerClock } from '../stores/server-clock';
import { boundFromDateHeader, boundFromServerTime, headerValue } from '../stores/clock-offset';

/** '' on H5 (the API server serves the H5 build); the configured origin on weapp. */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '';

export const NETWORK_ERROR_MESSAGE = '网络不给力，请检查网络后重试';

/** An answer from the server that was not a success, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  /** The server's Retry-After on a busy answer (429, 503), in seconds. */
  readonly retryAfterSeconds?: number;

  constructor(status: number, code: string, message: string, details?: unknown, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A route of the contract (`api` here is the zod-free route table) or a full endpoint. */
type AnyEndpoint = Route<any>;

// A field the endpoint does not take may be left out; one it takes must be given,
// unless every key of it is optional (most list queries).
type Field<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : {} extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

export type CallOptions<E extends AnyEndpoint> = Field<'params', ParamsOf<E>> &
  Field<'query', QueryOf<E>> &
  Field<'body', BodyOf<E>> & {
    /** Required by endpoints marked `idempotent`; a retry must reuse the same key. */
    idempotencyKey?: string;
    /** Show the error as a toast (default). Pages with their own error view pass false. */
    toast?: boolean;
  };

type CallArgs<E extends AnyEndpoint> = {} extends CallOptions<E> ? [options?: CallOptions<E>] : [options: CallOptions<E>];

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function showError(message: string): void {
  void Taro.showToast({ icon: 'none', title: message, duration: 2500 });
}

/**
 * Every answer, refusals included, tells the server's time: its Date header (to the second), and
 * the more precise `serverTime` where the body has one (me, the open batches). See clock-offset.ts.
 */
function learnServerClock(res: { data: unknown; header?: Record<string, unknown> }, sentAt: number, receivedAt: number): void {
  const clock = useServerClock.getState();
  const date = headerValue(res.header, 'date');
  const coarse = date ? boundFromDateHeader(date, sentAt, receivedAt) : null;
  if (coarse) clock.learn(coarse);
  const serverTime = typeof res.data === 'object' && res.data !== null ? (res.data as { serverTime?: unknown }).serverTime : undefined;
  const precise = typeof serverTime === 'string' ? boundFromServerTime(serverTime, sentAt, receivedAt) : null;
  if (precise) clock.learn(precise);
}

/** A fresh key for one user intent (e.g. one tap of 领取); reuse it when retrying that intent. */
export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rnd()}-${rnd()}`;
}

/**
 * The one way the client talks to the server: typed by the shared contract.
 * Throws `ApiError` for any failure, after showing a toast unless `toast: false`.
 */
export async function call<E extends AnyEndpoint>(endpoint: E, ...[options]: CallArgs<E>): Promise<ResponseOf<E>> {
  const opts = (options ?? {}) as CallOptions<AnyEndpoint>;
  const wantToast = opts.toast !== false;
  const url =
    API_BASE +
    buildPath(endpoint.path, opts.params as Record<string, string> | undefined) +
    queryString(opts.query as Record<string, unknown> | undefined);

  const token = authBridge.getToken();
  const header: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  // Callers that may retry pass their own key (one per user intent); otherwise a required
  // key is made here, which protects this single request from a duplicate send.
  const idempotencyKey = opts.idempotencyKey ?? (endpoint.idempotent === 'required' ? newIdempotencyKey() : undefined);
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;

  let res: { statusCode: number; data: unknown; header?: Record<string, unknown> };
  let sentAt = Date.now();
  // H5: the first page's list may already be on its way (static/prefetch.js); weapp drops this branch.
  if (process.env.TARO_ENV === 'h5' && endpoint.method !== 'GET') dropPrefetched();
  const early = process.env.TARO_ENV === 'h5' && endpoint.method === 'GET' ? await takePrefetched(url, token) : null;
  if (early) {
    res = early;
    sentAt = early.sentAt;
  } else {
    try {
      res = await Taro.request({ url, method: endpoint.method, data: opts.body, header, dataType: 'json', timeout: 15000 });
    } catch {
      if (wantToast) showError(NETWORK_ERROR_MESSAGE);
      throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
    }
  }
  learnServerClock(res, sentAt, Date.now());

  if (res.statusCode >= 200 && res.statusCode < 300) {
    return res.data as ResponseOf<E>;
  }

  const body = (typeof res.data === 'object' && res.data !== null ? res.data : {}) as {
    error?: { code?: string; message?: string; details?: unknown };
  };
  const code = body.error?.code ?? (res.statusCode === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
  const message = body.error?.message || errorMessage(code);
  const error = new ApiError(res.statusCode, code, message, body.error?.details, parseRetryAfter(headerValue(res.header, 'retry-after')));

  // A 401 on a call made with a token means the session is gone; a 401 on a public call
  // (a wrong SMS code) is an ordinary error for the page.
  if (res.statusCode === 401 && token) {
    authBridge.onUnauthorized(message); // tells the user on the login page
  } else if (wantToast) {
    showError(message);
  }
  throw error;
}
