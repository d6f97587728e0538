import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { isApiError, NETWORK_ERROR_MESSAGE } from '../api';
import { openPage } from '../navigation';
import { HOME_PAGE } from '../routes';
import './StatusView.scss';

/** Loading, empty and error states of a list or page, always saying what to do next. */
export function LoadingView({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='gh-status gh-status--loading'>
      <Loading direction='vertical'>{text}</Loading>
    </View>
  );
}

export function EmptyView({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <View className='gh-status gh-status--empty'>
      <View className='gh-status__mark'>空</View>
      <View className='gh-status__title'>{title}</View>
      {hint ? <View className='gh-status__hint'>{hint}</View> : null}
      {action ? <View className='gh-status__action'>{action}</View> : null}
    </View>
  );
}

export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  return NETWORK_ERROR_MESSAGE;
}

/** A 403: reloading will not help; say who the page is for and offer a way out. */
export function ForbiddenView({ title, hint }: { title: string; hint: string }) {
  return (
    <View className='gh-status gh-status--error gh-status--forbidden'>
      <View className='gh-status__mark gh-status__mark--error'>!</View>
      <View className='gh-status__title'>{title}</View>
      <View className='gh-status__hint'>{hint}</View>
      <View className='gh-status__action'>
        <Button type='primary' fill='outline' className='gh-go-home' onClick={() => openPage(HOME_PAGE)}>
          返回首页
        </Button>
      </View>
    </View>
  );
}

export function ErrorView({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error) && error.status === 403) return <ForbiddenView title={errorText(error)} hint='这个页面只对有相应权限的工会工作人员、商户或爱心人士开放。如需开通，请联系所在工会。' />;
  return (
    <View className='gh-status gh-status--error'>
      <View className='gh-status__mark gh-status__mark--error'>!</View>
      <View className='gh-status__title'>{errorText(error)}</View>
      <View className='gh-status__hint'>请稍后点击“重新加载”再试一次</View>
      <View className='gh-status__action'>
        <Button type='primary' fill='outline' className='gh-retry' onClick={onRetry}>
          重新加载
        </Button>
      </View>
    </View>
  );
}
