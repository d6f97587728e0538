import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import { MemberTag } from './members';
import { ACTIVITY_CATEGORIES } from '../rules/activities';

export const ActivityCategory = z.enum(ACTIVITY_CATEGORIES);
export const ActivityPhase = z.enum(['cancelled', 'not_open', 'signup', 'signup_closed', 'running', 'ended']);
export const EnrollmentStatus = z.enum(['enrolled', 'waitlisted', 'cancelled']);
export type ActivityCategory = z.infer<typeof ActivityCategory>;
export type ActivityPhase = z.infer<typeof ActivityPhase>;
export type EnrollmentStatus = z.infer<typeof EnrollmentStatus>;

const page = { cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };

/** What staff fill in to publish an activity (or to schedule a 你点我送 topic). */
export const ActivityInput = z
  .object({
    title: z.string({ error: '请填写活动名称' }).trim().min(2, '活动名称至少2个字').max(40, '活动名称最多40个字'),
    category: z.enum(ACTIVITY_CATEGORIES, { error: '请选择活动类别' }),
    description: z.string({ error: '请填写活动介绍' }).trim().min(5, '活动介绍至少5个字').max(1000, '活动介绍最多1000个字'),
    place: z.string({ error: '请填写活动地点' }).trim().min(2, '活动地点至少2个字').max(80, '活动地点最多80个字'),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    capacity: z.number({ error: '请填写名额' }).int('名额应为整数').min(1, '名额至少1人').max(10_000, '名额最多10000人'),
    signupStartsAt: IsoDateTime,
    signupEndsAt: IsoDateTime,
    cancelDeadline: IsoDateTime,
    audience: z.object({ unionId: z.uuid({ error: '请选择面向的工会' }), tags: z.array(MemberTag).max(5, '会员标签最多选5个').default([]) }).strict(),
    waitlist: z.boolean().default(true),
  })
  .strict();
export type ActivityInput = z.infer<typeof ActivityInput>;

/** Changing a published activity: the whole form again, except whom it is for (members have signed up on that basis). */
export const ActivityUpdate = ActivityInput.omit({ audience: true });
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

export const ActivityCancelBody = z
  .object({ reason: z.string({ error: '请填写取消原因' }).trim().min(2, '取消原因至少2个字').max(200, '取消原因最多200个字') })
  .strict();
export type ActivityCancelBody = z.infer<typeof ActivityCancelBody>;

export const ActivityQuery = z.object({ category: ActivityCategory.optional(), when: z.enum(['upcoming', 'past']).default('upcoming'), ...page }).strict();
export const StaffActivityQuery = z.object({ when: z.enum(['upcoming', 'past', 'all']).default('all'), ...page }).strict();

const activityFields = {
  id: Id,
  title: z.string(),
  category: ActivityCategory,
  description: z.string(),
  place: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  signupStartsAt: IsoDateTime,
  signupEndsAt: IsoDateTime,
  cancelDeadline: IsoDateTime,
  capacity: z.number().int(),
  enrolledCount: z.number().int(),
  waitlist: z.boolean(),
  phase: ActivityPhase,
  unionName: z.string(),
  audienceTags: z.array(MemberTag),
};

/** The member's own place: 已报名 / 候补第 N 位, and whether they may still cancel. */
export const MyEnrollment = z
  .object({ status: EnrollmentStatus, waitlistPosition: z.number().int().nullable(), checkedInAt: IsoDateTime.nullable(), mayCancel: z.boolean(), promotedAt: IsoDateTime.nullable() })
  .strict();
export type MyEnrollment = z.infer<typeof MyEnrollment>;

export const ActivityView = z.object({ ...activityFields, mine: MyEnrollment.nullable(), waitlistCount: z.number().int() }).strict();
export type ActivityView = z.infer<typeof ActivityView>;

export const StaffActivityView = z
  .object({
    ...activityFields,
    unionId: Id,
    waitlistCount: z.number().int(),
    checkedInCount: z.number().int(),
    /** Enrolled but not checked in, once the activity has ended; null before. */
    noShowCount: z.number().int().nullable(),
    topicId: Id.nullable(),
    /** Published and not yet ended: staff may still change or cancel it. */
    editable: z.boolean(),
  })
  .strict();
export type StaffActivityView = z.infer<typeof StaffActivityView>;

export const StaffEnrollmentView = z
  .object({
    id: Id,
    memberId: Id,
    memberName: z.string(),
    memberNo: z.string(),
    unionName: z.string(),
    status: EnrollmentStatus,
    waitlistPosition: z.number().int().nullable(),
    enrolledAt: IsoDateTime,
    checkedInAt: IsoDateTime.nullable(),
  })
  .strict();
export type StaffEnrollmentView = z.infer<typeof StaffEnrollmentView>;
export const EnrollmentQuery = z.object({ status: EnrollmentStatus.optional(), ...page }).strict();

/** The member card's 12-digit code, scanned or typed at the door. */
export const CheckInBody = z.object({ code: z.string({ error: '请扫描或输入会员码' }).trim().regex(/^\d{12}$/, '会员码为12位数字') }).strict();

// 你点我送
export const TopicInput = z
  .object({
    title: z.string({ error: '请填写想上的课' }).trim().min(2, '课程主题至少2个字').max(30, '课程主题最多30个字'),
    description: z.string().trim().max(300, '说明最多300个字').default(''),
  })
  .strict();
export type TopicInput = z.infer<typeof TopicInput>;
export const TopicStatus = z.enum(['open', 'scheduled']);
export const TopicView = z
  .object({ id: Id, title: z.string(), description: z.string(), unionName: z.string(), votes: z.number().int(), votedByMe: z.boolean(), status: TopicStatus, activityId: Id.nullable(), createdAt: IsoDateTime })
  .strict();
export type TopicView = z.infer<typeof TopicView>;
export const StaffTopicView = z
  .object({ id: Id, title: z.string(), description: z.string(), unionId: Id, unionName: z.string(), votes: z.number().int(), status: TopicStatus, activityId: Id.nullable(), createdAt: IsoDateTime })
  .strict();
export type StaffTopicView = z.infer<typeof StaffTopicView>;
export const TopicQuery = z.object({ status: TopicStatus.optional(), ...page }).strict();
