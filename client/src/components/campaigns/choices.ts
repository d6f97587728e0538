import {
  ARCHIVE_CATEGORIES,
  archiveCategoryLabels,
  FUND_CODES,
  fundCodeLabels,
  memberTagLabels,
  MemberTag,
  OFFER_KINDS,
  offerKindLabels,
  VISIT_CATEGORIES,
  visitCategoryShort,
} from '@gonghui/shared';

export const FUNDS = [...FUND_CODES.map((f) => ({ key: f as string, label: fundCodeLabels[f] })), { key: 'sponsored', label: '爱心企业认领' }];
export const fundText = (f: string) => FUNDS.find((x) => x.key === f)?.label ?? f;
export const TAGS = MemberTag.options.map((t) => ({ key: t, label: memberTagLabels[t] }));
export const ARCHIVE = ARCHIVE_CATEGORIES.map((c) => ({ key: c, label: archiveCategoryLabels[c] }));
export const CATEGORIES = VISIT_CATEGORIES.map((c) => ({ key: c, label: `${c} ${visitCategoryShort[c]}` }));
export const KINDS = OFFER_KINDS.map((k) => ({ key: k, label: offerKindLabels[k] }));
/** The campaign's union and every union below it (an offer is for a union inside the campaign's subtree). */
export function subtreeOf<U extends { id: string; parentId: string | null }>(list: U[], rootId: string): U[] {
  const byId = new Map(list.map((u) => [u.id, u]));
  const under = (u: U | undefined): boolean => !!u && (u.id === rootId || under(u.parentId ? byId.get(u.parentId) : undefined));
  return list.filter((u) => under(u));
}
export const toggle = <T,>(xs: T[], x: T) => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);
