import { AppError } from '@gonghui/shared';

/**
 * Keyset pagination: the cursor is the last row's sort key, opaque to the client
 * (base64url of JSON). Lists answer `{ data, pagination: { nextCursor, limit } }`.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: ('string' | 'uuid' | 'date')[]): string[] {
  const bad = () => new AppError('VALIDATION_FAILED', { issues: [{ path: 'query.cursor', message: '无效的分页参数' }] });
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(key) || key.length !== shape.length) throw bad();
  return key.map((v, i) => {
    if (typeof v !== 'string' || v.length > 200) throw bad();
    if (shape[i] === 'uuid' && !/^[0-9a-f-]{36}$/i.test(v)) throw bad();
    if (shape[i] === 'date' && Number.isNaN(new Date(v).getTime())) throw bad();
    return v;
  });
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
