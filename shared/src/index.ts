export * from './errors';
export * from './labels';
export * from './money';
export * from './time';
export * from './rules/identity';
export * from './rules/masking';
export * from './models/common';
export * from './models/unions';
export * from './models/members';
export * from './models/staff';
export * from './models/auth';
export * from './models/vouchers';
export * from './models/lottery';
export * from './rules/vouchers';
export * from './models/wishes';
export * from './models/notices';
export * from './models/activities';
export * from './models/feedback';
export * from './models/campaigns';
export * from './rules/campaigns';
export * from './rules/warmth-form';
export * from './rules/aid-centre-form';
export * from './rules/letters';
export * from './models/hardship';
export * from './models/hardship-relief';
export * from './models/pledges';
export * from './rules/pledges';
export { ACTIVITY_CATEGORIES, activityEditable, activityPhase, activityProblems, capacityProblems, enrollmentDecision, isCheckInDay, mayCancel, topicUnionPath, type ActivityStatus, type ActivityTimes } from './rules/activities';
export { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, FIRST_REPLY_TARGET_MS, firstUnionPath, handoverAllowed, median, replyDueAt, replyTimeLeftMs, shouldEscalate, staffMayAct, staffMayRead } from './rules/feedback';
export {
  ADOPTION_DAYS,
  DONOR_ADOPTION_CAP,
  PUBLIC_WISH_STATUSES,
  SMALL_UNION_MEMBERS,
  VOUCHER_EXPIRY_NOTICE_MS,
  WISH_ACTIONS,
  WISH_STATUSES,
  WISH_TRANSITIONS,
  WISH_VALUE_CAP_FEN,
  adoptionDueAt,
  contactAllowed,
  contactDetailsIn,
  conversationOpen,
  identifyingFacts,
  isPublicWishStatus,
  maskWisherName,
  nextWishStatus,
  shanghaiDate,
  wishEditable,
  wishExpiresAt,
  wishOverdue,
  type WisherFacts,
} from './rules/wishes';
export * from './rules/lottery';
export * from './rules/hardship';
export * from './api/index';
export * from './forms';
