import { z } from 'zod';
import { Id, IsoDateTime } from './common';

/**
 * Pages a notice opens, with the object's id as `?id=`: the one place the server names a
 * client page. The client declares the same paths in client/src/routes.ts.
 */
export const NOTICE_PAGES = {
  myWish: '/pages/wishes/mine/detail/index',
  donorWish: '/pages/donor/wish/index',
  staffWish: '/pages/union/wishes/detail/index',
  voucher: '/pages/vouchers/detail/index',
  activity: '/pages/activities/detail/index',
  myFeedback: '/pages/feedback/detail/index',
  letter: '/pages/warmth/letter/index',
  pledge: '/pages/donor/pledges/index',
} as const;
export type NoticePage = (typeof NOTICE_PAGES)[keyof typeof NOTICE_PAGES];

export const NoticeView = z
  .object({
    id: Id,
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.object({ page: z.enum(Object.values(NOTICE_PAGES) as [NoticePage, ...NoticePage[]]), id: Id }).strict().nullable(),
    createdAt: IsoDateTime,
    readAt: IsoDateTime.nullable(),
  })
  .strict();
export type NoticeView = z.infer<typeof NoticeView>;

export const NoticeQuery = z
  .object({ unread: z.enum(['true', 'false']).optional(), cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();
export const UnreadCount = z.object({ unread: z.number().int() }).strict();
export const MarkedRead = z.object({ marked: z.number().int(), unread: z.number().int() }).strict();
