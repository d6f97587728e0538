import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES } from '../rules/feedback';

export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES);
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

const text = (what: string) => z.string({ error: `请填写${what}` }).trim().min(5, `${what}至少5个字`).max(1000, `${what}最多1000个字`);
const page = { cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };

export const FeedbackInput = z
  .object({
    category: z.enum(FEEDBACK_CATEGORIES, { error: '请选择诉求类别' }),
    text: text('诉求内容'),
    /** 不经本单位工会: straight to the union above the member's grassroots union. */
    bypassGrassroots: z.boolean().default(false),
  })
  .strict();
export type FeedbackInput = z.infer<typeof FeedbackInput>;
export const ReplyBody = z.object({ text: text('回复内容') }).strict();
export const HandoverBody = z.object({ unionId: z.uuid({ error: '请选择转交的工会' }), note: z.string().trim().max(200, '说明最多200个字').optional() }).strict();
export const CloseBody = z.object({ note: z.string().trim().max(200, '说明最多200个字').optional() }).strict();
export const RatingBody = z
  .object({ score: z.number({ error: '请选择满意度' }).int().min(1, '满意度为1到5星').max(5, '满意度为1到5星'), comment: z.string().trim().max(200, '评价最多200个字').optional() })
  .strict();

export const FeedbackMessage = z
  .object({ id: Id, author: z.enum(['member', 'staff', 'system']), authorLabel: z.string(), text: z.string(), at: IsoDateTime })
  .strict();

const common = {
  id: Id,
  category: FeedbackCategory,
  status: FeedbackStatus,
  bypassGrassroots: z.boolean(),
  handlingUnionName: z.string(),
  createdAt: IsoDateTime,
  firstRepliedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).strict().nullable(),
};

export const MyFeedbackView = z.object({ ...common, summary: z.string() }).strict();
export const MyFeedbackDetail = z.object({ ...common, messages: z.array(FeedbackMessage), mayRate: z.boolean() }).strict();
export type MyFeedbackView = z.infer<typeof MyFeedbackView>;
export type MyFeedbackDetail = z.infer<typeof MyFeedbackDetail>;

const staffCommon = {
  ...common,
  memberName: z.string(),
  memberUnionName: z.string(),
  dueAt: IsoDateTime,
  /** Against the 24-hour first-reply target; negative when overdue, null once answered. */
  timeLeftMinutes: z.number().int().nullable(),
  escalations: z.number().int(),
};
export const StaffFeedbackView = z.object({ ...staffCommon, summary: z.string() }).strict();
export const StaffFeedbackDetail = z
  .object({ ...staffCommon, messages: z.array(FeedbackMessage), abilities: z.object({ reply: z.boolean(), handover: z.boolean(), close: z.boolean() }).strict() })
  .strict();
export type StaffFeedbackView = z.infer<typeof StaffFeedbackView>;
export type StaffFeedbackDetail = z.infer<typeof StaffFeedbackDetail>;
export const StaffFeedbackQuery = z.object({ box: z.enum(['inbox', 'all']).default('inbox'), status: FeedbackStatus.optional(), ...page }).strict();

export const DashboardQuery = z.object({ months: z.coerce.number().int().min(1).max(24).default(6) }).strict();
export const FeedbackDashboard = z
  .object({
    months: z.array(z.string()),
    byCategoryMonth: z.array(z.object({ month: z.string(), category: FeedbackCategory, count: z.number().int() }).strict()),
    total: z.number().int(),
    pending: z.number().int(),
    overdue: z.number().int(),
    medianFirstReplyMinutes: z.number().nullable(),
    /** Of the requests answered so far or overdue, the share answered within 24 hours (0–1); null for none. */
    answeredWithin24hShare: z.number().nullable(),
  })
  .strict();
export type FeedbackDashboard = z.infer<typeof FeedbackDashboard>;
