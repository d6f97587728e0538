import Taro, { useDidShow } from '@tarojs/taro';
import { useAppStore } from '../stores';
import { goToLogin } from '../navigation';
import { MERCHANT_PAGE } from '../routes';
import { isMerchantOnly } from '../roles';

export interface RequireLoginOptions {
  /** A merchant-only account goes to its own home (the counter) instead. */
  memberArea?: boolean;
  /**
   * Signed-out visitors may stay: the page shows what is public and sends them to login (and back)
   * at the moment they need an account, e.g. 立即领取. WeChat's review rejects a login forced at launch.
   */
  visitors?: boolean;
}

/**
 * Each time the page shows: signed-out visitors go to login and come back here (unless the page
 * welcomes `visitors`). Returns whether someone is signed in.
 */
export function useRequireLogin(returnTo: string, opts: RequireLoginOptions = {}): boolean {
  const token = useAppStore((s) => s.token);
  useDidShow(() => {
    const state = useAppStore.getState();
    if (!state.token) {
      if (!opts.visitors) goToLogin(returnTo);
    } else if (opts.memberArea && isMerchantOnly(state.me)) void Taro.reLaunch({ url: MERCHANT_PAGE });
  });
  return token !== null;
}
