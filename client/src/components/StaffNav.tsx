import Taro from '@tarojs/taro';
import type { MouseEvent } from 'react';
import { staffRoleLabels, type Me, type StaffRoleView, type UnionKind } from '@gonghui/shared';
import {
  BATCHES_PAGE,
  BATCH_EDIT_PAGE,
  BATCH_STATS_PAGE,
  HOME_PAGE,
  MERCHANT_DETAIL_PAGE,
  MEMBER_LOOKUP_PAGE,
  MERCHANTS_PAGE,
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
}

const KIND_RANK: Record<UnionKind, number> = { federation: 0, district: 1, industry: 1, grassroots: 2 };

/** The highest union the caller works for: its staff list is the one the nav opens. */
function topRole(roles: StaffRoleView[]): StaffRoleView | undefined {
  return [...roles].sort((a, b) => KIND_RANK[a.unionKind] - KIND_RANK[b.unionKind])[0];
}

/** The staff pages this account can use, in the order of the work. */
export function staffNavItems(me: Me | null): StaffNavItem[] {
  const roles = me?.staffRoles ?? [];
  const top = topRole(roles);
  if (!top) return [];
  // The join QR belongs to a grassroots union: only for staff of one.
  const grassroots = roles.find((r) => r.unionKind === 'grassroots');
  const items: StaffNavItem[] = [
    { label: '组织架构', page: UNION_TREE_PAGE, url: UNION_TREE_PAGE },
    { label: '会员', page: UNION_MEMBERS_PAGE, url: UNION_MEMBERS_PAGE },
    { label: '工惠券批次', page: BATCHES_PAGE, url: BATCHES_PAGE, within: [BATCH_STATS_PAGE, BATCH_EDIT_PAGE] },
    { label: '商户', page: MERCHANTS_PAGE, url: MERCHANTS_PAGE, within: [MERCHANT_DETAIL_PAGE] },
    { label: '工作人员', page: UNION_STAFF_PAGE, url: withQuery(UNION_STAFF_PAGE, { unionId: top.unionId }) },
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
  if (process.env.TARO_ENV !== 'h5') return null;
  const items = staffNavItems(me);
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
