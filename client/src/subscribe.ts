import Taro from '@tarojs/taro';

/**
 * The wish-progress subscribe template configured for this build (TARO_APP_TMPL_WISH_PROGRESS in
 * client/.env.*, from mp.weixin.qq.com), if any. Read when needed: a build without it leaves
 * `process.env` in the output, which does not exist at run time.
 */
function wishTemplate(): string {
  try {
    return process.env.TARO_APP_TMPL_WISH_PROGRESS ?? '';
  } catch {
    return '';
  }
}

/**
 * The mini-program asks for the wish-progress subscribe message at the moment it matters (after
 * submitting or adopting a wish). Never blocks the flow: any refusal or failure is ignored; H5 has none.
 */
export function askWishSubscription(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const template = wishTemplate();
  if (!template) return;
  try {
    Taro.requestSubscribeMessage({ tmplIds: [template], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).catch(() => undefined);
  } catch {
    // an old base library without the API
  }
}
