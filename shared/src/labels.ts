/**
 * The Chinese names of the contract's enums, and other constants the client shows on its first
 * page. Free of zod at run time (types only), so the H5 first load does not carry the schemas:
 * models import these, never the other way round.
 */
import type { MemberStatus, MemberTag } from './models/members';
import type { StaffRole, UnionKind } from './models/unions';
import type { LotteryResult } from './models/lottery';
import type { BatchMode, BatchStatus, VoucherKind, VoucherStatus } from './models/vouchers';
import type { WishCategory, WishKind } from './models/wishes';
import type { WishAction, WishStatus } from './rules/wishes';
import type { ActivityCategory, ActivityPhase, EnrollmentStatus } from './rules/activities';
import type { FeedbackCategory, FeedbackStatus } from './rules/feedback';

/** The version of the user agreement and privacy policy in force; a sign-in that accepts them names it. */
export const TERMS_VERSION = '2026-12-01';

export const memberTagLabels: Record<MemberTag, string> = {
  model_worker: '劳模',
  frontline: '一线职工',
  new_form: '新就业形态劳动者',
  migrant: '农民工',
  hardship: '困难职工',
};

export const memberStatusLabels: Record<MemberStatus, string> = {
  pending: '待审核',
  active: '正式会员',
  rejected: '未通过',
  suspended: '已暂停',
  left: '已注销',
};

export const unionKindLabels: Record<UnionKind, string> = {
  federation: '市总工会',
  district: '区县工会',
  industry: '产业工会',
  grassroots: '基层工会',
};

export const staffRoleLabels: Record<StaffRole, string> = { admin: '管理员', operator: '经办人' };
export const staffChangeLabels: Record<'grant' | 'change' | 'revoke' | 'duty_grant' | 'duty_revoke', string> = { grant: '添加', change: '调整角色', revoke: '移除', duty_grant: '授予职责', duty_revoke: '取消职责' };
/** Duties on top of a staff role (models/hardship's StaffDuty). */
export const staffDutyLabels: Record<'hardship', string> = { hardship: '困难职工帮扶' };

export const voucherKindLabels: Record<VoucherKind, string> = { threshold: '满减券', direct: '立减券' };
export const batchStatusLabels: Record<BatchStatus, string> = { draft: '草稿', scheduled: '待开始', open: '发放中', registering: '报名中', awaiting_draw: '开奖中', drawn: '已开奖', ended: '已结束', closed: '已停发' };
export const voucherStatusLabels: Record<VoucherStatus, string> = { unused: '未使用', used: '已使用', expired: '已过期', returned: '已退回' };

export const wishStatusLabels: Record<WishStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  changes_requested: '待修改',
  published: '待认领',
  adopted: '已认领',
  delivered: '已送达工会站点',
  handed_over: '待领取',
  received: '已收到',
  thanked: '已致谢',
  rejected: '未通过',
  withdrawn: '已撤回',
  expired: '已过期',
};
export const wishActionLabels: Record<WishAction, string> = {
  submit: '提交审核',
  request_changes: '退回修改',
  approve: '审核通过并发布',
  reject: '审核不通过',
  withdraw: '撤回',
  adopt: '爱心人士认领',
  release: '取消认领',
  deliver: '送达工会站点',
  confirm_handover: '工会确认收到',
  confirm_receipt: '确认收到',
  thank: '致谢',
  expire: '到期未认领',
};
export const wishCategoryLabels: Record<WishCategory, string> = {
  study: '助学',
  living: '生活用品',
  health: '康复健康',
  skills: '技能培训',
  job: '求职就业',
  counselling: '心理疏导',
  care: '上门服务',
  other: '其他',
};
export const wishKindLabels: Record<WishKind, string> = { material: '物品', service: '服务' };
export const batchModeLabels: Record<BatchMode, string> = { firstCome: '先到先得', lottery: '摇号' };
export const lotteryResultLabels: Record<LotteryResult, string> = { pending: '待开奖', won: '中签', lost: '未中签', excluded: '不符合条件' };

export const activityCategoryLabels: Record<ActivityCategory, string> = {
  public_class: '公益课堂',
  skills: '技能培训',
  culture_sports: '文体活动',
  rest_trip: '疗休养',
  model_talk: '劳模宣讲',
  convenience: '便民服务',
};
export const activityPhaseLabels: Record<ActivityPhase, string> = {
  cancelled: '已取消',
  not_open: '未开始报名',
  signup: '报名中',
  signup_closed: '报名已截止',
  running: '进行中',
  ended: '已结束',
};
export const enrollmentStatusLabels: Record<EnrollmentStatus, string> = { enrolled: '已报名', waitlisted: '候补中', cancelled: '已取消' };
export const feedbackCategoryLabels: Record<FeedbackCategory, string> = {
  rights: '权益维护',
  labour_relations: '劳动关系',
  hardship: '生活困难',
  suggestion: '意见建议',
  other: '其他',
};
export const feedbackStatusLabels: Record<FeedbackStatus, string> = { pending: '待回复', replied: '已回复', closed: '已办结' };
