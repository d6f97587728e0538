import { z } from 'zod';
import { isPeriodInRange, MAX_YEAR, MIN_YEAR } from '../time';

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const Phone = z.string().regex(/^1[3-9]\d{9}$/, '请输入11位手机号');
/** A calendar date that exists ("2026-02-31" does not) in a sane range. */
export function isRealDate(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= MIN_YEAR && y <= MAX_YEAR && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const IsoDateTime = z.iso.datetime({ offset: true }).refine(isRealDate, '日期不存在或超出范围');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-12-20').refine(isRealDate, '日期不存在或超出范围');

/** A Shanghai calendar month "2026-12", in the product's year range. */
export const Month = z.string().regex(/^\d{4}-\d{2}$/, '月份格式为 2026-12').refine(isPeriodInRange, '月份不存在或超出范围');

/** `?cursor=&limit=`; the cursor is opaque to the client. */
export const PageQuery = z
  .object({
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type PageQuery = z.infer<typeof PageQuery>;

export const Pagination = z.object({ nextCursor: z.string().nullable(), limit: z.number().int() }).strict();

/** Every list answers `{ data, pagination }`. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), pagination: Pagination }).strict();
}

export const Ok = z.object({ ok: z.literal(true) }).strict();
export const Empty = z.object({}).strict();
export const IdParams = z.object({ id: Id }).strict();
