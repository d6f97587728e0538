import Taro from '@tarojs/taro';
import { HOME_PAGE, LOGIN_PAGE, MERCHANT_PAGE, TAB_PAGES, withQuery } from './routes';
import { useAppStore } from './stores';
import { isMerchantOnly } from './roles';

/** Open a page the right way: tab pages with switchTab, others on the stack. */
export function openPage(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_PAGES.includes(path)) {
    void Taro.switchTab({ url: path });
  } else {
    void Taro.navigateTo({ url });
  }
}

/** To the login page, remembering where to come back to. */
export function goToLogin(returnTo?: string): void {
  const redirect = returnTo && returnTo !== HOME_PAGE ? returnTo : undefined;
  void Taro.reLaunch({ url: withQuery(LOGIN_PAGE, { redirect }) });
}

/** After signing in: back to where the visitor was going, else home (a shop assistant's is the redemption page). */
export function goAfterLogin(redirect?: string): void {
  const merchantOnly = isMerchantOnly(useAppStore.getState().me);
  let target = redirect && redirect.startsWith('/pages/') ? redirect : HOME_PAGE;
  if (merchantOnly && !target.startsWith('/pages/merchant/')) target = MERCHANT_PAGE;
  void Taro.reLaunch({ url: target });
}

/** Honest placeholder for features that are not built yet. */
export function comingSoon(what?: string): void {
  void Taro.showToast({ icon: 'none', title: what ? `${what}即将开放` : '即将开放', duration: 2000 });
}
