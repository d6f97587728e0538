import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, View, Text } from '@tarojs/components';
import { PRIVACY_AGREE_BUTTON_ID, answerPrivacy, openPrivacyContract, usePrivacy } from '../privacy';
import { openPage } from '../navigation';
import { PRIVACY_PAGE } from '../routes';
import './PrivacyPopup.scss';

/**
 * WeChat's privacy authorization, on the pages that collect a phone or ID number (mini-program
 * only: it renders nothing until WeChat asks). Agreeing is the tap on the open-type button itself.
 */
export function PrivacyPopup() {
  const pending = usePrivacy((s) => s.pending);

  // This page can answer WeChat while it is mounted.
  useEffect(() => {
    const route = (Taro.getCurrentInstance().router?.path ?? '').replace(/^\//, '').split('?')[0] ?? '';
    usePrivacy.setState((s) => ({ hosts: [...s.hosts, route] }));
    return () =>
      usePrivacy.setState((s) => {
        const at = s.hosts.indexOf(route);
        return { hosts: at < 0 ? s.hosts : [...s.hosts.slice(0, at), ...s.hosts.slice(at + 1)] };
      });
  }, []);

  // Tell WeChat the popup was shown.
  useEffect(() => {
    if (pending) answerPrivacy({ event: 'exposureAuthorization' });
  }, [pending]);

  if (!pending) return null;
  return (
    <View className='gh-privacy'>
      <View className='gh-privacy__mask' />
      <View className='gh-privacy__sheet' ariaRole='dialog' ariaLabel='隐私保护提示'>
        <View className='gh-privacy__title'>隐私保护提示</View>
        <View className='gh-privacy__text'>
          为了核对您的会员身份、办理实名入会和发放工惠券，工惠需要收集您的手机号，入会时还需要姓名、身份证号和工作单位。请您阅读
          <Text className='gh-privacy__link' onClick={() => openPrivacyContract() || openPage(PRIVACY_PAGE)}>
            《工惠小程序隐私保护指引》
          </Text>
          ，同意后继续。
        </View>
        <View className='gh-privacy__actions'>
          <Button className='gh-privacy__button gh-privacy__disagree' onClick={() => answerPrivacy({ event: 'disagree' })}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='gh-privacy__button gh-privacy__agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
