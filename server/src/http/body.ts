import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { AppError } from '@gonghui/shared';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findForbiddenKey(value: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 32) return path.join('.');
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key].join('.');
    const hit = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** Path of the first string holding a NUL character (PostgreSQL text cannot store it). */
export function findNulString(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(root)' : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const key of Object.keys(value)) {
    const hit = findNulString((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * JSON only, 64 KB at most (more only under the path prefixes given, such as a pushed list's CSV),
 * and no prototype-polluting keys anywhere in the tree.
 */
export function jsonBody(limit = '64kb', larger: { prefix: string; limit: string }[] = []): Middleware[] {
  const parser = (jsonLimit: string) => bodyParser({ enableTypes: ['json'], jsonLimit, encoding: 'utf-8', parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'] });
  const normal = parser(limit);
  const wide = larger.map((l) => ({ prefix: l.prefix, parse: parser(l.limit) }));
  const parse: Middleware = (ctx, next) => (wide.find((w) => ctx.path.startsWith(w.prefix))?.parse ?? normal)(ctx, next);
  const guard: Middleware = async (ctx, next) => {
    const hit = findForbiddenKey((ctx.request as { body?: unknown }).body);
    if (hit) throw new AppError('VALIDATION_FAILED', { issues: [{ path: hit, message: '不允许的字段' }] });
    await next();
  };
  return [parse, guard];
}
