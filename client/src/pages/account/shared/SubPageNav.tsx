import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { HOME_PAGE, LOGIN_PAGE } from '../../../routes';
import { useAppStore } from '../../../stores';
import { pressable } from './pressable';
import './SubPageNav.scss';

/**
 * The top bar of a sub-page in H5 (the mini-program has WeChat's own bar with title, back and
 * home): the page title, 返回 (to the previous page, or home when opened directly) and 首页.
 * Signed-out visitors (the agreement pages opened from login) go back to login instead of home.
 */
export function SubPageNav({ title }: { title: string }) {
  const signedIn = useAppStore((s) => s.token !== null);
  if (process.env.TARO_ENV !== 'h5') return null;
  const home = signedIn ? HOME_PAGE : LOGIN_PAGE;
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: home });
  };
  return (
    <View className='gh-subnav'>
      <View className='gh-subnav__button gh-subnav__back' {...pressable(null, back)}>
        ‹ 返回
      </View>
      <View className='gh-subnav__title' role='heading' aria-level={1}>
        {title}
      </View>
      <View className='gh-subnav__button gh-subnav__home' {...pressable(null, () => void Taro.reLaunch({ url: home }))}>
        {signedIn ? '首页' : '登录'}
      </View>
    </View>
  );
}
