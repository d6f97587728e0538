import Taro from '@tarojs/taro';
import type { MouseEvent } from 'react';
import { staffRoleLabels, type Me, type StaffRoleView, type UnionKind } from '@gonghui/shared';
import { usePendingReview, type PendingReview } from '../stores/union-tree';
import {
  BATCHES_PAGE,
  BATCH_EDIT_PAGE,
  BATCH_STATS_PAGE,
  HOME_PAGE,
  MERCHANT_DETAIL_PAGE,
  MEMBER_LOOKUP_PAGE,
  MERCHANTS_PAGE,
  STAFF_WISHES_PAGE,
  STAFF_WISH_PAGE,
  STAFF_FILE_WISH_PAGE,
  DONORS_PAGE,
  STAFF_ACTIVITIES_PAGE,
  STAFF_ACTIVITY_EDIT_PAGE,
  STAFF_ACTIVITY_PAGE,
  STAFF_FEEDBACK_PAGE,
  STAFF_FEEDBACK_DETAIL_PAGE,
  STAFF_CAMPAIGNS_PAGE,
  STAFF_CAMPAIGN_PAGE,
  STAFF_PICKUP_PAGE,
  STAFF_VISITS_PAGE,
  STAFF_WARMTH_FORM_PAGE,
  STAFF_HARDSHIP_PAGE,
  STAFF_HARDSHIP_APPLICATION_PAGE,
  STAFF_HARDSHIP_ARCHIVE_PAGE,
  STAFF_HARDSHIP_SETTINGS_PAGE,
  UNION_JOIN_QR_PAGE,
  UNION_MEMBERS_PAGE,
  UNION_STAFF_PAGE,
  UNION_TREE_PAGE,
  withQuery,
} from '../routes';
import './StaffNav.scss';

export interface StaffNavItem {
  label: string;
  /** The page it opens, for marking the current one. */
  page: string;
  /** The page with its query. */
  url: string;
  /** Pages opened from this one (a batch's stats, a merchant): the item shows as their section. */
  within?: string[];
  /** Join applications waiting for review, shown beside the entry that leads to them. */
  pending?: number;
}

const KIND_RANK: Record<UnionKind, number> = { federation: 0, district: 1, industry: 1, grassroots: 2 };

/** The highest union the caller works for: its staff list is the one the nav opens. */
function topRole(roles: StaffRoleView[]): StaffRoleView | undefined {
  return [...roles].sort((a, b) => KIND_RANK[a.unionKind] - KIND_RANK[b.unionKind])[0];
}

/**
 * The staff pages this account can use, in the order of the work. With applications waiting,
 * 会员 leads to them (the list filtered to 待审核) and carries their count.
 */
export function staffNavItems(me: Me | null, pending: PendingReview | null = null): StaffNavItem[] {
  const roles = me?.staffRoles ?? [];
  if (roles.length === 0) return [];
  // The join QR belongs to a grassroots union: only for staff of one.
  const grassroots = roles.find((r) => r.unionKind === 'grassroots');
  const waiting = pending && pending.total > 0 ? pending : null;
  // Staff of several unions choose whose staff list to open (the page lists them); one goes straight there.
  const staffUrl = roles.length === 1 ? withQuery(UNION_STAFF_PAGE, { unionId: roles[0]!.unionId }) : UNION_STAFF_PAGE;
  const items: StaffNavItem[] = [
    { label: '组织架构', page: UNION_TREE_PAGE, url: UNION_TREE_PAGE },
    { label: '会员', page: UNION_MEMBERS_PAGE, url: waiting ? waiting.url : UNION_MEMBERS_PAGE, pending: waiting?.total },
    { label: '工惠券批次', page: BATCHES_PAGE, url: BATCHES_PAGE, within: [BATCH_STATS_PAGE, BATCH_EDIT_PAGE] },
    { label: '商户', page: MERCHANTS_PAGE, url: MERCHANTS_PAGE, within: [MERCHANT_DETAIL_PAGE] },
    { label: '微心愿审核', page: STAFF_WISHES_PAGE, url: STAFF_WISHES_PAGE, within: [STAFF_WISH_PAGE, STAFF_FILE_WISH_PAGE, DONORS_PAGE] },
    { label: '工会活动', page: STAFF_ACTIVITIES_PAGE, url: STAFF_ACTIVITIES_PAGE, within: [STAFF_ACTIVITY_EDIT_PAGE, STAFF_ACTIVITY_PAGE] },
    { label: '聆听', page: STAFF_FEEDBACK_PAGE, url: STAFF_FEEDBACK_PAGE, within: [STAFF_FEEDBACK_DETAIL_PAGE] },
    { label: '送温暖', page: STAFF_CAMPAIGNS_PAGE, url: STAFF_CAMPAIGNS_PAGE, within: [STAFF_CAMPAIGN_PAGE, STAFF_PICKUP_PAGE, STAFF_VISITS_PAGE, STAFF_WARMTH_FORM_PAGE] },
    // only for staff the union gave the 困难职工帮扶 duty
    ...(roles.some((r) => r.duties.includes('hardship'))
      ? [{ label: '困难职工帮扶', page: STAFF_HARDSHIP_PAGE, url: STAFF_HARDSHIP_PAGE, within: [STAFF_HARDSHIP_APPLICATION_PAGE, STAFF_HARDSHIP_ARCHIVE_PAGE, STAFF_HARDSHIP_SETTINGS_PAGE] }]
      : []),
    { label: '工作人员', page: UNION_STAFF_PAGE, url: staffUrl },
  ];
  if (grassroots) items.push({ label: '入会二维码', page: UNION_JOIN_QR_PAGE, url: withQuery(UNION_JOIN_QR_PAGE, { unionId: grassroots.unionId }) });
  items.push({ label: '会员码查询', page: MEMBER_LOOKUP_PAGE, url: MEMBER_LOOKUP_PAGE });
  return items;
}

/** The path of the page on screen, without its query. */
function currentPage(): string {
  const path = Taro.getCurrentInstance().router?.path ?? '';
  const bare = path.split('?')[0] ?? '';
  return bare.startsWith('/') ? bare : `/${bare}`;
}

/** Switches section: replaces the page instead of stacking one more (H5 keeps stacked pages alive). */
function go(e: MouseEvent<HTMLAnchorElement>, url: string) {
  // A modified click (new tab, new window) is the browser's own business.
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  if (url === HOME_PAGE) void Taro.switchTab({ url });
  else void Taro.redirectTo({ url });
}

/**
 * The persistent side navigation of staff pages on a desktop browser (H5 only, ≥ 1024 px; the
 * caller decides when). Real links: focusable, announced as links, open in a new tab if asked.
 */
export function StaffNav({ me }: { me: Me }) {
  const pending = usePendingReview(process.env.TARO_ENV === 'h5' && me.staffRoles.length > 0);
  if (process.env.TARO_ENV !== 'h5') return null;
  const items = staffNavItems(me, pending);
  if (items.length === 0) return null;
  const here = currentPage();
  const top = topRole(me.staffRoles)!;
  return (
    <nav className='gh-staff-nav' aria-label='工作台导航'>
      <div className='gh-staff-nav__head'>
        <div className='gh-staff-nav__title'>工会工作台</div>
        <div className='gh-staff-nav__union'>{top.unionName}</div>
        <div className='gh-staff-nav__role'>{staffRoleLabels[top.role]}</div>
      </div>
      <ul className='gh-staff-nav__list'>
        {items.map((item) => {
          // This very page: 'page'; a page opened from it (a batch's stats): its section, 'true'.
          const current = item.page === here ? 'page' : item.within?.includes(here) ? 'true' : undefined;
          return (
            <li key={item.page}>
              <a
                href={item.url}
                className={current ? 'gh-staff-nav__link gh-staff-nav__link--current' : 'gh-staff-nav__link'}
                aria-current={current}
                onClick={(e) => go(e, item.url)}
              >
                {item.label}
                {item.pending ? (
                  <>
                    <span className='gh-staff-nav__badge' aria-hidden='true'>
                      {item.pending > 99 ? '99+' : item.pending}
                    </span>
                    <span className='gh-staff-nav__sr'>（待审核入会申请 {item.pending} 份）</span>
                  </>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
      <a href={HOME_PAGE} className='gh-staff-nav__link gh-staff-nav__home' onClick={(e) => go(e, HOME_PAGE)}>
        返回首页
      </a>
    </nav>
  );
}
