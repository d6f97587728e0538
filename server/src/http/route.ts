import type Router from '@koa/router';
import { z } from 'zod';
import { AppError, type Endpoint, type Audience } from '@gonghui/shared';
import type { Deps } from '../deps';
import type { Db } from '../db/index';
import { authenticate, requireAudience } from './auth';
import { findNulString } from './body';
import { renderError } from './errors';
import { IDEMPOTENCY_KEY, idempotent, requestFingerprint } from './idempotency';
import type { AppContext, Auth } from './state';

type Out<T> = T extends z.ZodNever ? undefined : T extends z.ZodType ? z.output<T> : undefined;
export interface RouteInput<E> {
  params: E extends Endpoint<infer P, any, any, any, any> ? Out<P> : never;
  query: E extends Endpoint<any, infer Q, any, any, any> ? Out<Q> : never;
  body: E extends Endpoint<any, any, infer B, any, any> ? Out<B> : never;
}

export interface RouteContext<A extends Audience> {
  deps: Deps;
  /** The transaction to work in: the idempotency transaction for idempotent endpoints, else the database. */
  tx: Db;
  ctx: AppContext;
  requestId: string;
  ip: string;
  auth: A extends 'public' ? Auth | undefined : Auth;
}

type AudienceOf<E> = E extends Endpoint<any, any, any, any, infer A> ? A : never;
type Answer<E> = E extends Endpoint<any, any, any, infer R, any> ? z.input<R> : never;

export type Handler<E extends Endpoint<any, any, any, any, any>> = (
  input: RouteInput<E>,
  rc: RouteContext<AudienceOf<E>>,
) => Promise<Answer<E> | void>;

function issues(where: string, error: z.ZodError) {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.code === 'unrecognized_keys' ? `不允许的字段: ${(i as { keys?: string[] }).keys?.join(', ')}` : i.message,
  }));
}

function parsePart(where: string, schema: z.ZodType | undefined, value: unknown): unknown {
  const nul = findNulString(value);
  if (nul) throw new AppError('VALIDATION_FAILED', { issues: [{ path: `${where}.${nul}`, message: '包含不允许的字符' }] });
  if (!schema) {
    const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
    if (!empty) throw new AppError('VALIDATION_FAILED', { issues: [{ path: where, message: '此接口不接受该部分' }] });
    return undefined;
  }
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new AppError('VALIDATION_FAILED', { issues: issues(where, r.error) });
  return r.data;
}

export interface MountOptions {
  /** Idempotent endpoints: runs in the outer transaction after a refusal (the work itself was rolled back). */
  onRefusal?: (tx: Db, err: AppError, auth: Auth) => Promise<void>;
}

/**
 * Binds one contract endpoint: parse params/query/body with its schemas (unknown fields are
 * rejected), authenticate and check the audience, run the handler, and parse the answer with
 * the response schema so nothing outside the contract leaves.
 */
export function mount<E extends Endpoint<any, any, any, any, any>>(router: Router, deps: Deps, endpoint: E, handler: Handler<E>, opts: MountOptions = {}): void {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  router[method](endpoint.path, async (rawCtx) => {
    const ctx = rawCtx as unknown as AppContext;
    const params = parsePart('params', endpoint.params, ctx.params);
    const query = parsePart('query', endpoint.query, ctx.query);
    const body = parsePart('body', endpoint.body, (ctx.request as { body?: unknown }).body);
    const auth = await authenticate(deps, ctx);
    requireAudience(endpoint.audience, auth);
    const input = { params, query, body } as RouteInput<E>;
    const rc = (tx: Db) => ({ deps, tx, ctx, requestId: ctx.state.requestId, ip: ctx.ip, auth: auth as RouteContext<AudienceOf<E>>['auth'] });
    const present = (result: unknown): unknown => {
      const out = endpoint.response.safeParse(result);
      if (!out.success) {
        deps.logger.error({ requestId: ctx.state.requestId, route: endpoint.path, issues: out.error.issues.map((i: z.core.$ZodIssue) => i.path.join('.')) }, 'response violates contract');
        throw new Error('response violates contract');
      }
      return out.data;
    };

    const key = ctx.get('idempotency-key');
    if (endpoint.idempotent && auth && (key || endpoint.idempotent === 'required')) {
      if (!IDEMPOTENCY_KEY.test(key)) throw new AppError('IDEMPOTENCY_KEY_MISSING');
      const answer = await idempotent(
        deps,
        auth.userId,
        key,
        requestFingerprint(endpoint.method, endpoint.path, { params, body }),
        async (tx) => ({ status: endpoint.status ?? 200, bodyText: JSON.stringify(present(await handler(input, rc(tx)))) }),
        (err) => ({ status: err.status, bodyText: JSON.stringify(renderError(err.code, ctx.state.requestId, err.details, err.message)) }),
        opts.onRefusal ? (tx, err) => opts.onRefusal!(tx, err, auth) : undefined,
      );
      ctx.status = answer.status;
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = answer.bodyText;
      return;
    }

    const result = await handler(input, rc(deps.db));
    if (endpoint.binary) return;
    ctx.status = endpoint.status ?? 200;
    ctx.body = present(result);
  });
}
