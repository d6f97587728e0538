import Taro, { useDidShow } from '@tarojs/taro';
import { useAppStore } from '../stores';
import { goToLogin } from '../navigation';
import { MERCHANT_PAGE } from '../routes';
import { isMerchantOnly } from '../roles';

/**
 * Each time the page shows: signed-out visitors go to login and come back here.
 * With `memberArea`, a merchant-only account goes to its own home instead.
 */
export function useRequireLogin(returnTo: string, opts: { memberArea?: boolean } = {}): boolean {
  const token = useAppStore((s) => s.token);
  useDidShow(() => {
    const state = useAppStore.getState();
    if (!state.token) goToLogin(returnTo);
    else if (opts.memberArea && isMerchantOnly(state.me)) void Taro.reLaunch({ url: MERCHANT_PAGE });
  });
  return token !== null;
}
