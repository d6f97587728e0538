import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** Who may call: anyone, any signed-in user, or a signed-in user with that role. */
export type Audience = 'public' | 'user' | 'member' | 'staff' | 'merchant' | 'donor';

export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends Audience = Audience,
> {
  method: HttpMethod;
  /** Koa-router style: `/api/admin/members/:id`. */
  path: string;
  audience: A;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** 200 unless said (201 for creations). */
  status?: number;
  /** `Idempotency-Key` header: 'required' must carry one, 'optional' may; a repeat returns the first answer. */
  idempotent?: 'required' | 'optional';
  /** The answer is a file (xlsx, png): `response` describes nothing and is not parsed. */
  binary?: boolean;
  /**
   * The request is multipart/form-data with one file in `field` (at most `maxBytes`, of one of
   * `types`, told by its bytes); the other form fields are the `body`.
   */
  upload?: UploadSpec;
}

export interface UploadSpec {
  field: string;
  maxBytes: number;
  types: readonly string[];
}

export function endpoint<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodType,
  const A extends Audience = Audience,
>(def: Endpoint<P, Q, B, R, A>): Endpoint<P, Q, B, R, A> {
  return def;
}

/**
 * What a client reads of an endpoint at run time: no schemas, so the client's first load does not
 * carry zod. `contract` is never present at run time; it carries the endpoint's types.
 */
export interface Route<E = unknown> {
  method: HttpMethod;
  path: string;
  audience: Audience;
  idempotent?: 'required' | 'optional';
  binary?: boolean;
  readonly contract?: E;
}
/** The route table of a contract (see routes.ts, generated from `api`). */
export type RoutesOf<T> = { [K in keyof T]: Route<T[K]> };

/** The endpoint a route stands for; an endpoint stands for itself. */
type ContractOf<X> = X extends { readonly contract?: infer E } ? (E extends Endpoint<any, any, any, any, any> ? E : X) : X;

type InferOr<T, Fallback> = T extends z.ZodNever ? Fallback : T extends z.ZodType ? z.input<T> : Fallback;
export type ParamsOf<X> = ContractOf<X> extends Endpoint<infer P, any, any, any, any> ? InferOr<P, undefined> : never;
export type QueryOf<X> = ContractOf<X> extends Endpoint<any, infer Q, any, any, any> ? InferOr<Q, undefined> : never;
export type BodyOf<X> = ContractOf<X> extends Endpoint<any, any, infer B, any, any> ? InferOr<B, undefined> : never;
export type ResponseOf<X> = ContractOf<X> extends Endpoint<any, any, any, infer R, any> ? z.output<R> : never;

/** Fills `:name` segments of a path. */
export function buildPath(path: string, params?: Record<string, string>): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}
