import Taro from '@tarojs/taro';
import { create } from 'zustand';
import { api, call } from './api';
import { useAppStore } from './stores';
import { MINE_PAGE, TAB_PAGES } from './routes';

/** The unread count the 我的 tab and 首页 show; null until known (or signed out). */
export const useUnread = create<{ unread: number | null }>(() => ({ unread: null }));

const MINE_TAB = TAB_PAGES.indexOf(MINE_PAGE);

/** The tab bar's red number on 我的 (Taro's tab bar, weapp and h5); nothing where the platform has none. */
function showOnTab(unread: number): void {
  const done = () => undefined;
  if (unread > 0) Taro.setTabBarBadge({ index: MINE_TAB, text: unread > 99 ? '99+' : String(unread) }).catch(done);
  else Taro.removeTabBarBadge({ index: MINE_TAB }).catch(done);
}

export function setUnread(unread: number): void {
  useUnread.setState({ unread });
  showOnTab(unread);
}

/** Asks the server how many notices are unread (quietly) and shows it; called when a tab page shows. */
export async function refreshUnread(): Promise<void> {
  if (!useAppStore.getState().token) {
    useUnread.setState({ unread: null });
    showOnTab(0);
    return;
  }
  try {
    setUnread((await call(api.unreadNotices, { toast: false })).unread);
  } catch {
    // the badge is a hint: keep what is shown
  }
}
