import { useDidShow } from '@tarojs/taro';
import { useAppStore } from '../stores';
import { goToLogin } from '../navigation';

/** Each time the page shows: signed-out visitors go to login and come back here. */
export function useRequireLogin(returnTo: string): boolean {
  const token = useAppStore((s) => s.token);
  useDidShow(() => {
    if (!useAppStore.getState().token) goToLogin(returnTo);
  });
  return token !== null;
}
