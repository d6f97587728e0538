import type Router from '@koa/router';
import { z } from 'zod';
import { AppError, type Audience, type Endpoint } from '@gonghui/shared';
import type { Deps } from '../deps';
import type { Db } from '../db/index';
import type { Rush } from '../rush/index';
import type { Auth } from '../scope/auth';
import { requireAudience } from '../scope/auth';
import { insideTransaction, type Scope, type ServiceDeps } from '../scope/scope';
import { authenticate } from './authenticate';
import { findNulString } from './body';
import { readMultipart, type UploadedFile } from './multipart';
import type { AppContext } from './context';
import { renderError } from './errors';
import { IDEMPOTENCY_KEY, idempotent, idempotentGroup, requestFingerprint, retryOnConflict, type GroupRequest, type StoredAnswer } from './idempotency';
import { DEFAULT_RUSH } from '../rush/index';
import { GroupCommit } from '../rush/group-commit';

type Out<T> = T extends z.ZodNever ? undefined : T extends z.ZodType ? z.output<T> : undefined;
export interface RouteInput<E> {
  params: E extends Endpoint<infer P, any, any, any, any> ? Out<P> : never;
  query: E extends Endpoint<any, infer Q, any, any, any> ? Out<Q> : never;
  body: E extends Endpoint<any, any, infer B, any, any> ? Out<B> : never;
  /** The file of an `upload` endpoint (checked there: present, within the size; its type is the handler's to tell). */
  file?: UploadedFile;
}

/** A file answer (xlsx, png): sent as it is, with a Chinese file name for people and an ASCII one for old clients. */
export interface BinaryFile {
  filename: string;
  chineseName: string;
  contentType: string;
  buffer: Buffer;
}

type AudienceOf<E> = E extends Endpoint<any, any, any, any, infer A> ? A : never;
type AuthFor<A extends Audience> = A extends 'public' ? Auth | undefined : Auth;
type Answer<E> = E extends { binary: true } ? BinaryFile : E extends Endpoint<any, any, any, infer R, any> ? z.input<R> : never;

export type Handler<E extends Endpoint<any, any, any, any, any>, P = undefined> = (
  scope: Scope<AuthFor<AudienceOf<E>>>,
  input: RouteInput<E> & { prepared: P },
) => Promise<Answer<E>>;

/**
 * The Benefit Day path (server/src/rush): the session from memory, per-member and per-address
 * limits (429), refusals from memory before any database work, and at most so many requests at
 * the database at once (503 past a bounded line). Both answers carry Retry-After.
 */
export interface HotPath<E> {
  /** Throws the refusal memory is sure of; such a refusal is not stored under the Idempotency-Key. */
  gate(rush: Rush, auth: Auth, input: RouteInput<E>, key: string, now: Date): void;
  /** What the database answered, for memory to learn from. */
  learn(rush: Rush, auth: Auth, input: RouteInput<E>, key: string, status: number, errorCode: string | undefined): void;
  /**
   * The work of many requests in one transaction: `mount` writes each request with the others
   * that arrived meanwhile (group commit over `idempotentGroup`, on the app's pool) instead of in a
   * transaction of its own; the handler then serves only a process without the rush memory.
   */
  writeMany?(tx: Db, inputs: HotInput<E>[]): Promise<(Answer<E> | AppError)[]>;
  /**
   * A shared admission step after the refusals from memory (Redis, rush/redis-admission.ts): throws
   * the refusal it is sure of; what it returns is given back to `settle` with the stored answer
   * (undefined when the request failed without one), whatever happened.
   */
  admit?(rush: Rush, auth: Auth, input: RouteInput<E>, key: string): Promise<unknown>;
  settle?(rush: Rush, ticket: unknown, answer: (StoredAnswer & { replayed: boolean }) | undefined): void;
}
export type HotInput<E> = { auth: Auth; input: RouteInput<E>; now: Date };

export interface MountOptions<E, P> {
  hot?: HotPath<E>;
  /**
   * Calls to other services (WeChat's code2Session) that must not hold a transaction open while
   * they wait: they run before it begins, and the handler gets their result as `input.prepared`.
   */
  prepare?: (deps: ServiceDeps, input: RouteInput<E>) => Promise<P>;
}

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

function sendFile(ctx: AppContext, file: BinaryFile) {
  ctx.set('Content-Disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.chineseName)}`);
  ctx.type = file.contentType;
  ctx.body = file.buffer;
}

type Write = (db: Db) => Promise<void>;

function errorCodeOf(bodyText: string): string | undefined {
  try {
    return (JSON.parse(bodyText) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
type RefusalWrite = (db: Db) => Promise<AppError | void>;

/**
 * Binds one contract endpoint. Parses params, query and body with its schemas (unknown fields
 * are rejected), authenticates and checks the audience, builds the request's scope and runs the
 * handler in it: in one transaction for every endpoint that is not a GET (the idempotency
 * transaction where the endpoint takes a key). The answer is parsed with the response schema
 * inside that transaction, so an answer that breaks the contract rolls the change back.
 */
export function mount<E extends Endpoint<any, any, any, any, any>, P = undefined>(router: Router, deps: Deps, endpoint: E, handler: Handler<E, NoInfer<P>>, opts: MountOptions<E, P> = {}): void {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const { db: pool, ...serviceDeps } = deps;
  const writeMany = opts.hot?.writeMany;
  const { groupMax, groupParallel } = deps.rush?.config ?? DEFAULT_RUSH;
  const group = writeMany
    ? new GroupCommit((requests: GroupRequest<HotInput<E>, Answer<E>>[]) => idempotentGroup(pool, requests, writeMany), groupMax, groupParallel)
    : undefined;
  router[method](endpoint.path, async (rawCtx) => {
    const ctx = rawCtx as unknown as AppContext;
    const upload = endpoint.upload;
    const parsed = {
      params: parsePart('params', endpoint.params, ctx.params),
      query: parsePart('query', endpoint.query, ctx.query),
      body: upload ? undefined : parsePart('body', endpoint.body, (ctx.request as { body?: unknown }).body),
    } as RouteInput<E>;
    const now = deps.clock.now();
    const hot = opts.hot && deps.rush ? { ...opts.hot, rush: deps.rush } : undefined;
    const auth = await authenticate(deps, ctx, now, endpoint.audience === 'public', hot?.rush);
    requireAudience(endpoint.audience, auth);
    if (upload) {
      // read only once the caller is known: strangers' uploads are refused before a byte is kept
      const form = await readMultipart(ctx.req, upload);
      parsed.body = parsePart('body', endpoint.body, form.fields) as RouteInput<E>['body'];
      if (!form.file || form.file.bytes.length === 0) throw new AppError('UPLOAD_MISSING');
      parsed.file = form.file;
    }
    let release: (() => void) | undefined;
    let ticket: unknown;
    if (hot && auth) {
      const busy = (seconds: number, code: 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE') => {
        ctx.set('Retry-After', String(seconds));
        return new AppError(code);
      };
      const wait = hot.rush.members.take(auth.userId) || (deps.config.trustProxy > 0 ? hot.rush.addresses.take(ctx.ip) : 0);
      if (wait) throw busy(wait, 'RATE_LIMITED');
      hot.gate(hot.rush, auth, parsed, ctx.get('idempotency-key'), now);
      if (hot.admit && IDEMPOTENCY_KEY.test(ctx.get('idempotency-key'))) ticket = await hot.admit(hot.rush, auth, parsed, ctx.get('idempotency-key'));
      release = (await hot.rush.admission.enter()) ?? undefined;
      if (!release) {
        hot.settle?.(hot.rush, ticket, undefined);
        throw busy(1, 'SERVICE_UNAVAILABLE');
      }
    }
    let stored: (StoredAnswer & { replayed: boolean }) | undefined;
    try {
      await respond();
    } finally {
      release?.();
      if (hot && ticket !== undefined) hot.settle?.(hot.rush, ticket, stored);
    }

    /** The answer as the contract shapes it; an answer that breaks the contract is a failure, never sent. */
    function checked(result: unknown): unknown {
      const out = endpoint.response.safeParse(result);
      if (!out.success) {
        deps.logger.error({ requestId: ctx.state.requestId, route: endpoint.path, issues: out.error.issues.map((i: z.core.$ZodIssue) => i.path.join('.')) }, 'response violates contract');
        throw new Error('response violates contract');
      }
      return out.data;
    }

    async function respond(): Promise<void> {
      const input = { ...parsed, prepared: (opts.prepare ? await opts.prepare(serviceDeps, parsed) : undefined) as P };

      let refusalWrites: RefusalWrite[] = [];
      let afterCommit: Write[] = [];
      const run = async (db: Db): Promise<unknown> => {
        // A retried transaction starts its hooks afresh.
        refusalWrites = [];
        afterCommit = [];
        const scope: Scope<Auth | undefined> = {
          db,
          auth,
          now,
          requestId: ctx.state.requestId,
          ip: ctx.ip,
          deps: serviceDeps,
          onRefusal: (w) => void refusalWrites.push(w),
          afterCommit: (w) => void afterCommit.push(w),
        };
        try {
          const result = await handler(scope as never, input);
          return endpoint.binary ? result : checked(result);
        } catch (err) {
          afterCommit = []; // refused or failed: nothing of the work is committed, so nothing follows it
          throw err;
        }
      };
      const keepRefusalWrites = async (db: Db): Promise<AppError | undefined> => {
        let replacement: AppError | undefined;
        for (const w of refusalWrites) replacement = (await w(db)) ?? replacement;
        return replacement;
      };

      const key = ctx.get('idempotency-key');
      if (endpoint.idempotent && auth && (key || endpoint.idempotent === 'required')) {
        if (!IDEMPOTENCY_KEY.test(key)) throw new AppError('IDEMPOTENCY_KEY_MISSING');
        const fingerprint = requestFingerprint(endpoint.method, endpoint.path, { params: input.params, body: input.body });
        const refusal = (err: AppError): StoredAnswer => ({ status: err.status, bodyText: JSON.stringify(renderError(err.code, ctx.state.requestId, err.details, err.message)) });
        const answer = hot && group
          ? await group.submit({ userId: auth.userId, key, fingerprint, now, input: { auth, input: parsed, now }, answer: (r) => ({ status: endpoint.status ?? 200, bodyText: JSON.stringify(checked(r)) }), refusal }).then((o) => {
              if ('error' in o) throw o.error;
              return o.answer;
            })
          : await idempotent(
              pool,
              now,
              auth.userId,
              key,
              fingerprint,
              async (tx) => ({ status: endpoint.status ?? 200, bodyText: JSON.stringify(await run(tx)) }),
              refusal,
              async (db) => void (await keepRefusalWrites(db)),
            );
        stored = answer;
        // A replayed answer's work was done (and followed up) by the first request.
        if (!answer.replayed) for (const w of afterCommit) await w(pool);
        const errorCode = answer.status >= 400 ? errorCodeOf(answer.bodyText) : undefined;
        if (hot) hot.learn(hot.rush, auth, input, key, answer.status, errorCode);
        ctx.state.replayed = answer.replayed;
        ctx.state.errorCode = errorCode;
        ctx.status = answer.status;
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = answer.bodyText;
        return;
      }

      let result: unknown;
      try {
        result =
          endpoint.method === 'GET'
            ? await run(pool)
            : await retryOnConflict(() => pool.transaction((tx) => insideTransaction(() => run(tx as unknown as Db))));
      } catch (err) {
        if (err instanceof AppError && refusalWrites.length) {
          const replacement =
            endpoint.method === 'GET' ? await keepRefusalWrites(pool) : await pool.transaction((tx) => insideTransaction(() => keepRefusalWrites(tx as unknown as Db)));
          throw replacement ?? err;
        }
        throw err;
      }
      for (const w of afterCommit) await w(pool);
      if (endpoint.binary) return sendFile(ctx, result as BinaryFile);
      ctx.status = endpoint.status ?? 200;
      ctx.body = result;
    }
  });
}
