import { z } from 'zod';

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const Phone = z.string().regex(/^1[3-9]\d{9}$/, '请输入11位手机号');
export const IsoDateTime = z.iso.datetime({ offset: true });

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
