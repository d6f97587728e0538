/**
 * The error catalogue: every error the API can answer with, its HTTP status and the
 * Chinese message the client shows. Services throw `new AppError('CODE')`; one middleware
 * renders `{ error: { code, message, details } }`.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, message: '请求格式不正确' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容太大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求格式不受支持' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '找不到您要的内容' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '系统繁忙，请稍后再试' },
  FILE_STORE_UNAVAILABLE: { status: 503, message: '材料存储暂不可用，请稍后再试' },

  SMS_CODE_INVALID: { status: 401, message: '验证码不正确' },
  SMS_CODE_EXPIRED: { status: 401, message: '验证码已失效，请重新获取' },
  SMS_RATE_LIMITED: { status: 429, message: '验证码发送太频繁，请稍后再试' },
  SMS_UNAVAILABLE: { status: 503, message: '短信服务暂不可用，请稍后再试' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证无效，请重新进入小程序' },
  WECHAT_RATE_LIMITED: { status: 429, message: '微信登录太频繁，请稍后再试' },
  WECHAT_RISKY_USER: { status: 403, message: '微信账号存在风险，暂无法登录' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂不可用，请稍后再试' },
  WECHAT_BIND_EXPIRED: { status: 401, message: '微信绑定已超时，请重新登录' },
  WECHAT_NOT_CONFIGURED: { status: 409, message: '未配置微信小程序，暂不能生成小程序码，请使用入会二维码' },
  WECHAT_PAGE_NOT_RELEASED: { status: 409, message: '小程序正式版尚未发布入会页面，发布后再生成小程序码' },
  ACCOUNT_NOT_FOUND: { status: 404, message: '该手机号未开通账户' },
  ACCOUNT_HAS_ROLES: { status: 409, message: '您仍是工会工作人员或商户店员，请先由管理员解除后再注销' },

  UNION_NOT_FOUND: { status: 404, message: '找不到该工会' },
  UNION_NOT_GRASSROOTS: { status: 422, message: '会员只能加入基层工会' },
  MEMBER_NOT_FOUND: { status: 404, message: '找不到该会员' },
  MEMBER_ALREADY_JOINED: { status: 409, message: '您已是工会会员' },
  ID_NUMBER_INVALID: { status: 422, message: '身份证号码不正确' },
  NOT_A_MEMBER: { status: 403, message: '请先加入工会' },
  MEMBER_NOT_ACTIVE: { status: 403, message: '您的会员资格尚未生效或已暂停，暂不能使用工惠券' },
  MEMBER_ID_CONFLICT: { status: 409, message: '该身份证号已有正式会员，请先核实并处理原会员' },
  MEMBER_CODE_EXPIRED: { status: 404, message: '会员码已失效，请让会员刷新后再试' },
  MEMBER_INVALID_STATE: { status: 409, message: '该会员当前状态不能进行此操作' },

  VOUCHER_BATCH_NOT_FOUND: { status: 404, message: '找不到该批工惠券' },
  VOUCHER_BATCH_INVALID: { status: 422, message: '工惠券设置有误，请检查后重试' },
  VOUCHER_BATCH_LOCKED: { status: 409, message: '已发布的工惠券不能修改面额、类型或领取时间' },
  VOUCHER_BATCH_NOT_DRAFT: { status: 409, message: '该批工惠券已发布' },
  VOUCHER_BATCH_NOT_PUBLISHED: { status: 409, message: '该批工惠券未在发放中' },
  VOUCHER_BATCH_FINISHED: { status: 409, message: '已结束或已停发的工惠券不能再修改' },
  VOUCHER_MERCHANT_IN_USE: { status: 409, message: '已有会员领取，不能移除可用商户' },
  VOUCHER_STOCK_BELOW_CLAIMED: { status: 409, message: '发放总量不能少于已领取数量' },
  VOUCHER_SOLD_OUT: { status: 409, message: '本期工惠券已领完，下个工惠日再来' },
  VOUCHER_LIMIT_REACHED: { status: 409, message: '您已领取过本期工惠券' },
  VOUCHER_NOT_OPEN: { status: 409, message: '未到领取时间' },
  VOUCHER_NOT_ELIGIBLE: { status: 403, message: '您不在本批工惠券的发放范围内' },
  LOTTERY_NOT_REGISTERING: { status: 409, message: '不在摇号报名时间内' },
  VOUCHER_BATCH_NOT_LOTTERY: { status: 409, message: '该批工惠券不是摇号发放，请直接领取' },
  VOUCHER_NOT_FOUND: { status: 404, message: '找不到该工惠券' },
  VOUCHER_NOT_RETURNABLE: { status: 409, message: '该券已使用、已退回或活动已结束，不能退回' },
  VOUCHER_CODE_EXPIRED: { status: 409, message: '券码已失效，请让会员刷新券码' },
  VOUCHER_NOT_USABLE_HERE: { status: 403, message: '该券不能在本店使用' },
  VOUCHER_SELF_REDEEM: { status: 403, message: '店员不能核销本人持有的工惠券' },
  VOUCHER_ALREADY_USED: { status: 409, message: '该券已使用' },
  VOUCHER_EXPIRED: { status: 409, message: '该券已过期' },
  VOUCHER_THRESHOLD_NOT_MET: { status: 422, message: '订单金额未达到使用门槛' },
  MERCHANT_NOT_FOUND: { status: 404, message: '找不到该商户' },
  MERCHANT_STAFF_TAKEN: { status: 409, message: '该手机号已是其他商户店员或工会工作人员，不能绑定' },
  ADMIN_REQUIRED: { status: 403, message: '此操作需要本级工会管理员' },
  STAFF_NOT_FOUND: { status: 404, message: '找不到该工作人员' },
  STAFF_EXISTS: { status: 409, message: '该手机号已是本工会工作人员' },
  STAFF_IS_CASHIER: { status: 409, message: '该手机号是商户店员，不能同时担任工会工作人员' },
  STAFF_SELF_CHANGE: { status: 409, message: '不能修改或移除自己的角色，请由其他管理员操作' },

  WISH_NOT_FOUND: { status: 404, message: '找不到该心愿' },
  WISH_INVALID_STATE: { status: 409, message: '心愿当前状态不能进行此操作' },
  WISH_ALREADY_ADOPTED: { status: 409, message: '该心愿已被其他爱心人士认领' },
  WISH_DONOR_LIMIT: { status: 409, message: '您认领的心愿尚未完成的已达上限，请先送达后再认领' },
  WISH_OWN: { status: 403, message: '不能认领自己的心愿' },
  WISH_DATE_PASSED: { status: 422, message: '心愿期望日期已过，请修改日期' },
  WISH_TEXT_IDENTIFIES: { status: 422, message: '公开内容含有姓名、电话、身份证号、工作单位等个人信息，请删除后再提交' },
  WISH_MEMBER_NOT_ACTIVE: { status: 403, message: '会员资格生效后才能提交心愿' },
  DONOR_KIND_FIXED: { status: 409, message: '爱心人士的身份类型（个人或企业）创建后不能修改' },
  WISH_CONTACT_CLOSED: { status: 409, message: '双方都同意后才能通过平台留言，或留言已结束' },
  WISH_MESSAGE_CONTACT: { status: 422, message: '为保护双方隐私，留言里请不要写手机号、微信号或证件号，交接请通过工会服务站' },
  WISH_NOT_ON_BEHALF: { status: 403, message: '只有工会代为提交的心愿才能由工作人员代办' },
  DONOR_PROFILE_EXISTS: { status: 409, message: '您已登记为爱心人士' },
  DONOR_NOT_FOUND: { status: 404, message: '找不到该爱心人士' },
  NOTICE_NOT_FOUND: { status: 404, message: '找不到该消息' },

  ACTIVITY_NOT_FOUND: { status: 404, message: '找不到该活动' },
  ACTIVITY_INVALID: { status: 422, message: '活动设置有误，请检查后重试' },
  ACTIVITY_CANCELLED: { status: 409, message: '活动已取消' },
  ACTIVITY_NOT_EDITABLE: { status: 409, message: '活动已结束或已取消，不能再修改' },
  ACTIVITY_SIGNUP_CLOSED: { status: 409, message: '不在报名时间内' },
  ACTIVITY_FULL: { status: 409, message: '名额已满，本活动不设候补' },
  ACTIVITY_ALREADY_ENROLLED: { status: 409, message: '您已报名该活动' },
  TOPIC_MEMBER_NOT_ACTIVE: { status: 403, message: '会员资格生效后才能提议或投票' },
  ACTIVITY_MEMBER_NOT_ACTIVE: { status: 403, message: '会员资格生效后才能报名活动' },
  ENROLLMENT_NOT_FOUND: { status: 404, message: '您没有报名该活动' },
  ACTIVITY_CANCEL_CLOSED: { status: 409, message: '已过取消截止时间，不能取消报名' },
  ACTIVITY_NOT_ENROLLED: { status: 409, message: '该会员没有报名本活动或仍在候补' },
  ACTIVITY_CHECKIN_NOT_TODAY: { status: 409, message: '只能在活动当天签到' },
  ACTIVITY_ALREADY_CHECKED_IN: { status: 409, message: '该会员已签到' },
  TOPIC_NOT_FOUND: { status: 404, message: '找不到该课程主题' },
  TOPIC_ALREADY_VOTED: { status: 409, message: '您已为该主题投过票' },
  TOPIC_SCHEDULED: { status: 409, message: '该主题已安排成活动' },
  FEEDBACK_NOT_FOUND: { status: 404, message: '找不到该诉求' },
  FEEDBACK_CLOSED: { status: 409, message: '该诉求已办结' },
  FEEDBACK_HANDOVER_NOT_ALLOWED: { status: 422, message: '该诉求选择了不经本单位工会，不能转交给会员所在单位工会' },
  FEEDBACK_CLOSE_NEEDS_NOTE: { status: 422, message: '尚未回复职工，办结时请写明说明' },
  FEEDBACK_HANDOVER_SAME_UNION: { status: 422, message: '该诉求已由这个工会办理，请选择其他工会' },
  FEEDBACK_NOT_RATABLE: { status: 409, message: '工会回复后才能评价，每个诉求只能评价一次' },

  CAMPAIGN_NOT_FOUND: { status: 404, message: '找不到该送温暖活动' },
  CAMPAIGN_INVALID: { status: 422, message: '送温暖活动设置有误，请检查后重试' },
  CAMPAIGN_ENDED: { status: 409, message: '该送温暖活动已结束' },
  OFFER_NOT_FOUND: { status: 404, message: '找不到该慰问项目' },
  OFFER_INVALID: { status: 422, message: '慰问项目设置有误，请检查后重试' },
  PLEDGE_NOT_FOUND: { status: 404, message: '找不到该认捐' },
  PLEDGE_CLOSED: { status: 409, message: '该送温暖项目已结束或已取消，不能再认捐' },
  PLEDGE_DECIDED: { status: 409, message: '该认捐已处理，不能再更改' },
  CAMPAIGN_ARCHIVE_DUTY_REQUIRED: { status: 403, message: '面向在档困难职工的慰问须由负责该工会困难职工帮扶的工作人员设置' },
  OFFER_MEMBER_NOT_ACTIVE: { status: 403, message: '会员资格生效后才能领取' },
  OFFER_ALREADY_CLAIMED: { status: 409, message: '您已领取过该慰问项目' },
  OFFER_NOT_OPEN: { status: 409, message: '该慰问项目不在领取时间内' },
  OFFER_CLAIM_INVALID: { status: 422, message: '请选择有效的领取地点和日期' },
  PICKUP_CODE_UNKNOWN: { status: 404, message: '领取码无效，请核对后重试' },
  PICKUP_ALREADY_HANDED_OVER: { status: 409, message: '该领取码已发放过，不能重复发放' },
  COUPLETS_SOLD_OUT: { status: 409, message: '春联已被领完，感谢关注' },
  PICKUP_OUTSIDE_DAYS: { status: 409, message: '不在该项目的领取日期内，不能发放' },
  CAMPAIGN_HAS_CLAIMS: { status: 409, message: '已有会员领取，只能修改名称、说明或延长日期' },
  CAMPAIGN_CANCELLED: { status: 409, message: '该送温暖活动已取消' },
  OFFER_CANCELLED: { status: 409, message: '该慰问项目已取消' },
  VISIT_INVALID: { status: 422, message: '走访记录有误，请检查后重试' },
  LETTER_NOT_FOUND: { status: 404, message: '找不到这封慰问信' },
  LETTER_INVALID: { status: 422, message: '慰问信有误，请检查后重试' },
  LETTER_NO_RECIPIENTS: { status: 422, message: '所选范围内没有符合条件的会员' },
  VISIT_NOT_FOUND: { status: 404, message: '找不到该走访记录' },
  SPONSOR_NOT_FOUND: { status: 404, message: '找不到该捐赠记录' },
  FORM_ITEM_NOT_ENTERABLE: { status: 422, message: '该项由系统记录自动统计，不能手工填报' },
  HARDSHIP_NOT_FOUND: { status: 404, message: '找不到该困难职工档案' },
  HARDSHIP_CONSENT_REQUIRED: { status: 409, message: '请先阅读并同意敏感个人信息处理说明' },
  HARDSHIP_CONSENT_WITHDRAWN: { status: 409, message: '职工已撤回敏感个人信息处理同意，不能继续办理' },
  HARDSHIP_PAPER_CONSENT_STALE: { status: 409, message: '职工曾撤回同意，需提供撤回之后重新签署的书面同意，并填写签署日期' },
  MEMBER_TAG_RESERVED: { status: 400, message: '困难职工标签只能通过困难职工建档审核设置' },
  HARDSHIP_PAPER_CONSENT_DATE: { status: 400, message: '书面同意的签署日期不能晚于今天' },
  HARDSHIP_APPLICATION_OPEN: { status: 409, message: '已有一份申请正在审核中' },
  HARDSHIP_ALREADY_ARCHIVED: { status: 409, message: '您已在困难职工档案中' },
  HARDSHIP_NOT_DECIDABLE: { status: 409, message: '该申请已处理或已撤回' },
  HARDSHIP_ARCHIVE_CLOSED: { status: 409, message: '该职工已脱困，档案已关闭' },
  RELIEF_NOT_FOUND: { status: 404, message: '找不到该帮扶记录' },
  RELIEF_SAME_PERSON: { status: 409, message: '复核须由另一位工作人员办理' },
  RELIEF_NOT_AWAITING: { status: 409, message: '该帮扶记录不在待复核状态' },
  RELIEF_NOT_EXPORTED: { status: 409, message: '请先导出银行代发文件，银行支付后再确认' },
  RELIEF_ALREADY_PAID: { status: 409, message: '该笔帮扶已确认发放，不能重复确认' },
  RELIEF_NOT_APPROVED: { status: 409, message: '该笔帮扶尚未通过复核' },
  RELIEF_NOTHING_TO_EXPORT: { status: 409, message: '没有待支付的资金帮扶' },
  HARDSHIP_SOURCE_NOT_MAPPED: { status: 409, message: '请先设置该来源的列对应关系' },
  HARDSHIP_IMPORT_INVALID: { status: 422, message: '文件中有错误的行，未导入任何数据' },
  HARDSHIP_SETTINGS_CITY_ONLY: { status: 403, message: '困难帮扶标准由市总工会负责困难职工帮扶的工作人员设置' },
  HARDSHIP_SETTINGS_AREA_ONLY: { status: 400, message: '困难帮扶标准只能按市、区县设置' },
  HARDSHIP_DOCUMENT_NOT_FOUND: { status: 404, message: '找不到该证明材料' },
  HARDSHIP_DOCUMENT_KIND: { status: 400, message: '该材料不在申请的材料清单中' },
  HARDSHIP_DOCUMENT_CLOSED: { status: 409, message: '该申请已不能再上传材料' },
  HARDSHIP_DOCUMENT_LIMIT: { status: 409, message: '每份申请最多上传30份材料' },
  UPLOAD_MISSING: { status: 400, message: '请选择要上传的文件' },
  UPLOAD_TOO_LARGE: { status: 413, message: '文件太大，请上传不超过10MB的文件' },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, message: '只能上传JPG、PNG图片或PDF文件' },

  IDEMPOTENCY_KEY_MISSING: { status: 400, message: '请求缺少幂等键，请刷新后重试' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '重复的请求编号，请刷新后重试' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '上一次请求仍在处理中，请稍候' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown; requestId?: string };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}

/** The Chinese message for a code the client received; falls back to a generic one. */
export function errorMessage(code: string): string {
  return isErrorCode(code) ? errorCatalogue[code].message : errorCatalogue.INTERNAL.message;
}
