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

type InferOr<T, Fallback> = T extends z.ZodNever ? Fallback : T extends z.ZodType ? z.input<T> : Fallback;
export type ParamsOf<E> = E extends Endpoint<infer P, any, any, any, any> ? InferOr<P, undefined> : never;
export type QueryOf<E> = E extends Endpoint<any, infer Q, any, any, any> ? InferOr<Q, undefined> : never;
export type BodyOf<E> = E extends Endpoint<any, any, infer B, any, any> ? InferOr<B, undefined> : never;
export type ResponseOf<E> = E extends Endpoint<any, any, any, infer R, any> ? z.output<R> : never;

/** Fills `:name` segments of a path. */
export function buildPath(path: string, params?: Record<string, string>): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}
