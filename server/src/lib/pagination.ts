import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError, Id, IsoDateTime } from '@gonghui/shared';

/** The parts a cursor may hold, parsed with the same types as every other input. */
export const cursorPart = {
  uuid: Id,
  date: IsoDateTime,
  string: z.string().min(1).max(200),
} as const;
type Part = keyof typeof cursorPart;

/**
 * Keyset pagination: the cursor is the last row's sort key, opaque to the client
 * (base64url of JSON). Lists answer `{ data, pagination: { nextCursor, limit } }`.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A crafted cursor is a 400 like any other bad input, never a 500. */
export function decodeCursor(cursor: string, shape: Part[]): string[] {
  const bad = () => new AppError('VALIDATION_FAILED', { issues: [{ path: 'query.cursor', message: '无效的分页参数' }] });
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parsed = z.tuple(shape.map((p) => cursorPart[p]) as unknown as [z.ZodType<string>, ...z.ZodType<string>[]]).safeParse(key);
  if (!parsed.success) throw bad();
  return parsed.data as string[];
}

/** An offset cursor (lists ordered by something a keyset cannot follow): a small non-negative integer, else 400. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const [n] = decodeCursor(cursor, ['string']) as [string];
  if (!/^\d{1,6}$/.test(n)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'query.cursor', message: '无效的分页参数' }] });
  return Number(n);
}

/** Takes `limit + 1` rows: the extra one only tells whether there is a next page. */
export function pageOf<Row, Out>(rows: Row[], limit: number, present: (r: Row) => Out, keyOf: (r: Row) => string[]) {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(present),
    pagination: { nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null, limit },
  };
}

/** The keyset condition "after the cursor" for a list ordered by (at desc, id desc); undefined without a cursor. */
export function afterCursor(cursor: string | undefined, at: AnyPgColumn, id: AnyPgColumn): SQL | undefined {
  if (!cursor) return undefined;
  const [t, key] = decodeCursor(cursor, ['date', 'uuid']) as [string, string];
  return or(lt(at, new Date(t)), and(eq(at, new Date(t)), lt(id, key)));
}
