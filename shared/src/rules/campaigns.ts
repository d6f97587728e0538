/*
 * 两节送温暖: who an offer is for, when a campaign runs, and what a claim must say. Seeds 001 and
 * 004: gift packs (温情年货礼包) and New Year's Eve dinners (年夜饭) for groups of members —
 * 困难职工 by archive category, 劳模, 一线坚守岗位, 新就业形态劳动者, 农民工 staying for the holiday.
 */

import { fromShanghai } from '../time';

export const OFFER_KINDS = ['gift_pack', 'dinner', 'couplets'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const offerKindLabels: Record<OfferKind, string> = { gift_pack: '温情年货礼包', dinner: '年夜饭', couplets: '送春联' };

export interface OfferAudience {
  /** Member tags (any of them); empty with no categories = every member of the union subtree. */
  tags: readonly string[];
  /** Hardship-archive categories (any of them). */
  archiveCategories: readonly string[];
}

export interface MemberFacts {
  unionPath: string;
  active: boolean;
  tags: readonly string[];
  /** The member's live archive category, if the union keeps one for them. */
  archiveCategory: string | null;
}

/**
 * An offer is for a member of its union's subtree who is in one of its groups: a listed tag or a
 * listed archive category (either is enough). An offer naming no group is for every member.
 */
export function offerIsFor(offer: OfferAudience & { unionPath: string }, m: MemberFacts): boolean {
  if (!m.active || !m.unionPath.startsWith(offer.unionPath)) return false;
  if (offer.tags.length === 0 && offer.archiveCategories.length === 0) return true;
  if (offer.tags.some((t) => m.tags.includes(t))) return true;
  return m.archiveCategory !== null && offer.archiveCategories.includes(m.archiveCategory);
}

/** A campaign runs from the start of its first Shanghai day to the end of its last. */
export function campaignWindow(c: { startsOn: string; endsOn: string }): { startsAt: Date; endsAt: Date } {
  const [y1, m1, d1] = c.startsOn.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = c.endsOn.split('-').map(Number) as [number, number, number];
  return { startsAt: fromShanghai(y1, m1, d1), endsAt: fromShanghai(y2, m2, d2 + 1) };
}

export type CampaignPhase = 'upcoming' | 'running' | 'ended';
export function campaignPhase(c: { startsOn: string; endsOn: string }, now: Date): CampaignPhase {
  const w = campaignWindow(c);
  if (now < w.startsAt) return 'upcoming';
  return now < w.endsAt ? 'running' : 'ended';
}
export const campaignPhaseLabels: Record<CampaignPhase, string> = { upcoming: '未开始', running: '进行中', ended: '已结束' };

/** What is wrong with a campaign's dates, in Chinese, for the form. */
export function campaignProblems(c: { startsOn: string; endsOn: string }): { path: string; message: string }[] {
  if (c.endsOn < c.startsOn) return [{ path: 'endsOn', message: '结束日期不能早于开始日期' }];
  const days = (campaignWindow(c).endsAt.getTime() - campaignWindow(c).startsAt.getTime()) / 86_400_000;
  if (days > 120) return [{ path: 'endsOn', message: '活动期最长120天' }];
  return [];
}

/** A pickup date must fall in the offer's pickup days. */
export function pickupDateAllowed(offer: { pickupFrom: string; pickupTo: string }, date: string): boolean {
  return date >= offer.pickupFrom && date <= offer.pickupTo;
}

/** Eight digits, not starting with 0, from a random source: typed by staff when the camera is not at hand. */
export function pickupCodeFrom(random: () => number): string {
  let s = String(1 + Math.floor(random() * 9));
  for (let i = 0; i < 7; i++) s += String(Math.floor(random() * 10));
  return s;
}

/** "年夜饭：除夕团圆饭", or just the title when it already says what it is ("温情年货礼包"). */
export function offerName(o: { kind: OfferKind; title: string }): string {
  const kind = offerKindLabels[o.kind];
  return o.title.includes(kind) ? o.title : `${kind}：${o.title}`;
}

/**
 * 送春联: a limited stock, grabbed first come (the voucher engine's claim path), one set per member.
 * An offer of this kind names member tags only: its stock is a voucher batch, whose audience is a
 * union and tags.
 */
export const isStocked = (kind: OfferKind): boolean => kind === 'couplets';

/**
 * The form's group (C1–C11) a recipient is counted in: the offer's own group when the member is in
 * it, else the group by which the offer reached them (their live archive category or the 困难职工 tag
 * the archive gives → C11, 劳模 → C10, 一线坚守 → C7), else the offer's group.
 */
export function recipientCategory(offerCategory: string, m: { tags: readonly string[]; archiveCategory: string | null }): string {
  const groups: string[] = [];
  if (m.archiveCategory !== null || m.tags.includes('hardship')) groups.push('C11');
  if (m.tags.includes('model_worker')) groups.push('C10');
  if (m.tags.includes('frontline')) groups.push('C7');
  if (groups.length === 0 || groups.includes(offerCategory)) return offerCategory;
  return groups[0]!;
}
