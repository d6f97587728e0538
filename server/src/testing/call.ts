/* Calls an endpoint of the contract over HTTP: the path, method and types come from its entry in shared/src/api. */
import { randomUUID } from 'node:crypto';
import { buildPath, type BodyOf, type Endpoint, type ErrorBody, type ParamsOf, type QueryOf, type ResponseOf } from '@gonghui/shared';

type Part<T, K extends string> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };

export type CallOptions<E> = Part<ParamsOf<E>, 'params'> &
  Partial<Part<QueryOf<E>, 'query'>> &
  Part<BodyOf<E>, 'body'> & {
    token?: string;
    headers?: Record<string, string>;
    /** Sent as Idempotency-Key; a fresh one is made for endpoints that require it unless `false`. */
    idempotencyKey?: string | false;
  };

export interface CallResult<E> {
  status: number;
  /** The answer as the contract types it (meaningless when `error` is set). */
  body: ResponseOf<E>;
  /** The error answer's `{ code, message, details }`, or undefined for a success. */
  error: ErrorBody['error'] | undefined;
  headers: Headers;
  /** The raw text, for byte-for-byte comparisons of replays. */
  text: string;
  /** The raw bytes, for binary answers (xlsx, png). */
  bytes: Buffer;
}

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export async function callEndpoint<E extends Endpoint<any, any, any, any, any>>(baseUrl: string, endpoint: E, opts: CallOptions<E>): Promise<CallResult<E>> {
  const o = opts as { params?: Record<string, string>; query?: unknown; body?: unknown; token?: string; headers?: Record<string, string>; idempotencyKey?: string | false };
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const key = o.idempotencyKey ?? (endpoint.idempotent === 'required' ? randomUUID() : undefined);
  if (key) headers['idempotency-key'] = key;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(baseUrl + buildPath(endpoint.path, o.params) + queryString(o.query), { method: endpoint.method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  const error = res.ok ? undefined : (parsed as ErrorBody | undefined)?.error;
  return { status: res.status, body: parsed as ResponseOf<E>, error, headers: res.headers, text, bytes };
}

/**
 * As the app does on Benefit Day: a shed (503) or rate-limited (429) answer is tried again after
 * its Retry-After, with the same Idempotency-Key, up to `tries` times.
 */
export async function callPatiently<E extends Endpoint<any, any, any, any, any>>(baseUrl: string, endpoint: E, opts: CallOptions<E>, tries = 20): Promise<CallResult<E>> {
  const key = opts.idempotencyKey ?? (endpoint.idempotent === 'required' ? randomUUID() : undefined);
  for (let i = 1; ; i++) {
    const r = await callEndpoint(baseUrl, endpoint, { ...opts, idempotencyKey: key } as CallOptions<E>);
    if ((r.status !== 503 && r.status !== 429) || i >= tries) return r;
    const wait = Math.min(Number(r.headers.get('retry-after') ?? '1'), 2);
    await new Promise((res) => setTimeout(res, wait * 1000 * (0.5 + Math.random() / 2)));
  }
}
