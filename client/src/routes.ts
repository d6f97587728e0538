/**
 * Page paths, the one place they are written: pages open them (tab pages with switchTab, others
 * with navigateTo) and app.config.ts builds app.json's page list and tab bar from PAGES.
 */
export const HOME_PAGE = '/pages/home/index';
export const LOGIN_PAGE = '/pages/login/index';
export const VOUCHERS_PAGE = '/pages/vouchers/index';
export const MY_VOUCHERS_PAGE = '/pages/vouchers/mine/index';
export const VOUCHER_PAGE = '/pages/vouchers/detail/index';
export const LOTTERY_PAGE = '/pages/vouchers/lottery/index';
export const LOTTERY_RESULT_PAGE = '/pages/vouchers/lottery-result/index';
export const WISHES_PAGE = '/pages/wishes/index';
export const ACTIVITIES_PAGE = '/pages/activities/index';
export const MINE_PAGE = '/pages/mine/index';
export const JOIN_PAGE = '/pages/join/index';
export const MERCHANT_PAGE = '/pages/merchant/index';
export const UNION_TREE_PAGE = '/pages/union/tree/index';
export const UNION_MEMBERS_PAGE = '/pages/union/members/index';
export const BATCHES_PAGE = '/pages/union/vouchers/index';
export const BATCH_EDIT_PAGE = '/pages/union/vouchers/edit/index';
export const BATCH_STATS_PAGE = '/pages/union/vouchers/stats/index';
export const MERCHANTS_PAGE = '/pages/union/merchants/index';
export const UNION_JOIN_QR_PAGE = '/pages/union/join-qr/index';
export const UNION_STAFF_PAGE = '/pages/union/staff/index';
export const MERCHANT_DETAIL_PAGE = '/pages/union/merchant/index';
export const MEMBER_LOOKUP_PAGE = '/pages/union/member-lookup/index';
export const NOTICES_PAGE = '/pages/notices/index';
export const WISH_EDIT_PAGE = '/pages/wishes/edit/index';
export const MY_WISH_PAGE = '/pages/wishes/mine/detail/index';
export const PUBLIC_WISH_PAGE = '/pages/wishes/public/index';
export const DONOR_PROFILE_PAGE = '/pages/donor/profile/index';
export const DONOR_WISHES_PAGE = '/pages/donor/index';
export const DONOR_WISH_PAGE = '/pages/donor/wish/index';
export const DONOR_PLEDGES_PAGE = '/pages/donor/pledges/index';
export const STAFF_WISHES_PAGE = '/pages/union/wishes/index';
export const STAFF_WISH_PAGE = '/pages/union/wishes/detail/index';
export const STAFF_FILE_WISH_PAGE = '/pages/union/wishes/file/index';
export const DONORS_PAGE = '/pages/union/donors/index';
export const ACTIVITY_PAGE = '/pages/activities/detail/index';
export const FEEDBACK_PAGE = '/pages/feedback/index';
export const MY_FEEDBACK_PAGE = '/pages/feedback/detail/index';
export const STAFF_ACTIVITIES_PAGE = '/pages/union/activities/index';
export const STAFF_ACTIVITY_EDIT_PAGE = '/pages/union/activities/edit/index';
export const STAFF_ACTIVITY_PAGE = '/pages/union/activities/detail/index';
export const STAFF_FEEDBACK_PAGE = '/pages/union/feedback/index';
export const STAFF_FEEDBACK_DETAIL_PAGE = '/pages/union/feedback/detail/index';
export const WARMTH_PAGE = '/pages/warmth/index';
export const LETTER_PAGE = '/pages/warmth/letter/index';
export const FAMILY_LETTER_PAGE = '/pages/warmth/family/index';
export const STAFF_CAMPAIGNS_PAGE = '/pages/union/campaigns/index';
export const STAFF_CAMPAIGN_PAGE = '/pages/union/campaigns/detail/index';
export const STAFF_PICKUP_PAGE = '/pages/union/campaigns/pickup/index';
export const STAFF_VISITS_PAGE = '/pages/union/campaigns/visits/index';
export const STAFF_WARMTH_FORM_PAGE = '/pages/union/campaigns/form/index';
export const HARDSHIP_PAGE = '/pages/hardship/index';
export const STAFF_HARDSHIP_PAGE = '/pages/union/hardship/index';
export const STAFF_HARDSHIP_APPLICATION_PAGE = '/pages/union/hardship/application/index';
export const STAFF_HARDSHIP_ARCHIVE_PAGE = '/pages/union/hardship/archive/index';
export const STAFF_HARDSHIP_SETTINGS_PAGE = '/pages/union/hardship/settings/index';

export const MEMBER_CARD_PAGE = '/pages/member-card/index';
export const PRIVACY_PAGE = '/pages/legal/privacy/index';
export const TERMS_PAGE = '/pages/legal/terms/index';
export const CONTACT_UNION_PAGE = '/pages/account/contact/index';
export const DELETE_ACCOUNT_PAGE = '/pages/account/delete/index';

export const TAB_PAGES = [HOME_PAGE, VOUCHERS_PAGE, WISHES_PAGE, ACTIVITIES_PAGE, MINE_PAGE];

/** Every page, in app.json's order: the first (home) is the entry. */
export const PAGES: readonly string[] = [
  ...TAB_PAGES,
  LOGIN_PAGE,
  JOIN_PAGE,
  UNION_TREE_PAGE,
  UNION_MEMBERS_PAGE,
  MY_VOUCHERS_PAGE,
  VOUCHER_PAGE,
  LOTTERY_PAGE,
  LOTTERY_RESULT_PAGE,
  MERCHANT_PAGE,
  BATCHES_PAGE,
  BATCH_EDIT_PAGE,
  BATCH_STATS_PAGE,
  MERCHANTS_PAGE,
  UNION_JOIN_QR_PAGE,
  UNION_STAFF_PAGE,
  MERCHANT_DETAIL_PAGE,
  MEMBER_LOOKUP_PAGE,
  NOTICES_PAGE,
  WISH_EDIT_PAGE,
  MY_WISH_PAGE,
  PUBLIC_WISH_PAGE,
  DONOR_PROFILE_PAGE,
  DONOR_WISHES_PAGE,
  DONOR_WISH_PAGE,
  DONOR_PLEDGES_PAGE,
  STAFF_WISHES_PAGE,
  STAFF_WISH_PAGE,
  STAFF_FILE_WISH_PAGE,
  DONORS_PAGE,
  ACTIVITY_PAGE,
  FEEDBACK_PAGE,
  MY_FEEDBACK_PAGE,
  STAFF_ACTIVITIES_PAGE,
  STAFF_ACTIVITY_EDIT_PAGE,
  STAFF_ACTIVITY_PAGE,
  STAFF_FEEDBACK_PAGE,
  STAFF_FEEDBACK_DETAIL_PAGE,
  WARMTH_PAGE,
  LETTER_PAGE,
  FAMILY_LETTER_PAGE,
  STAFF_CAMPAIGNS_PAGE,
  STAFF_CAMPAIGN_PAGE,
  STAFF_PICKUP_PAGE,
  STAFF_VISITS_PAGE,
  STAFF_WARMTH_FORM_PAGE,
  HARDSHIP_PAGE,
  STAFF_HARDSHIP_PAGE,
  STAFF_HARDSHIP_APPLICATION_PAGE,
  STAFF_HARDSHIP_ARCHIVE_PAGE,
  STAFF_HARDSHIP_SETTINGS_PAGE,
  MEMBER_CARD_PAGE,
  PRIVACY_PAGE,
  TERMS_PAGE,
  CONTACT_UNION_PAGE,
  DELETE_ACCOUNT_PAGE,
];

/** '/pages/home/index' → 'pages/home/index', as app.json writes it. */
export function appJsonPath(page: string): string {
  return page.replace(/^\//, '');
}

export function withQuery(page: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}
