/** Page paths, one place: tab pages open with switchTab, others with navigateTo. */
export const HOME_PAGE = '/pages/home/index';
export const LOGIN_PAGE = '/pages/login/index';
export const VOUCHERS_PAGE = '/pages/vouchers/index';
export const MY_VOUCHERS_PAGE = '/pages/vouchers/mine/index';
export const VOUCHER_PAGE = '/pages/vouchers/detail/index';
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

export const MEMBER_CARD_PAGE = '/pages/member-card/index';
export const PRIVACY_PAGE = '/pages/legal/privacy/index';
export const TERMS_PAGE = '/pages/legal/terms/index';
export const CONTACT_UNION_PAGE = '/pages/account/contact/index';
export const DELETE_ACCOUNT_PAGE = '/pages/account/delete/index';

export const TAB_PAGES = [HOME_PAGE, VOUCHERS_PAGE, WISHES_PAGE, ACTIVITIES_PAGE, MINE_PAGE];

export function withQuery(page: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}
