/**
 * The Chinese names of the contract's enums, and other constants the client shows on its first
 * page. Free of zod at run time (types only), so the H5 first load does not carry the schemas:
 * models import these, never the other way round.
 */
import type { MemberStatus, MemberTag } from './models/members';
import type { StaffRole, UnionKind } from './models/unions';
import type { LotteryResult } from './models/lottery';
import type { BatchMode, BatchStatus, VoucherKind, VoucherStatus } from './models/vouchers';

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
export const staffChangeLabels: Record<'grant' | 'change' | 'revoke', string> = { grant: '添加', change: '调整角色', revoke: '移除' };

export const voucherKindLabels: Record<VoucherKind, string> = { threshold: '满减券', direct: '立减券' };
export const batchStatusLabels: Record<BatchStatus, string> = { draft: '草稿', scheduled: '待开始', open: '发放中', registering: '报名中', awaiting_draw: '开奖中', drawn: '已开奖', ended: '已结束', closed: '已停发' };
export const voucherStatusLabels: Record<VoucherStatus, string> = { unused: '未使用', used: '已使用', expired: '已过期', returned: '已退回' };
export const batchModeLabels: Record<BatchMode, string> = { firstCome: '先到先得', lottery: '摇号' };
export const lotteryResultLabels: Record<LotteryResult, string> = { pending: '待开奖', won: '中签', lost: '未中签', excluded: '不符合条件' };
