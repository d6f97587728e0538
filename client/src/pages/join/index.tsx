import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { useShallow } from 'zustand/react/shallow';
import { isValidIdNumber, normalizeIdNumber, type MemberCard as MemberCardData } from '@gonghui/shared';
import { api, call } from '../../api';
import { useAppStore } from '../../stores';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { ConsentCheck } from '../../components/ConsentCheck';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { useResource } from '../../hooks/useResource';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { privacyAgreed } from '../../privacy';
import { joinCodeFrom } from './join-code';
import { goToLogin } from '../../navigation';
import { HOME_PAGE, JOIN_PAGE, withQuery } from '../../routes';
import './index.scss';

const CHINESE_NAME = /^[\u4e00-\u9fa5·]{2,20}$/;

export default function JoinPage() {
  const router = useRouter();
  // ?code= of the link, or a 小程序码's scene, or the link a plain QR carried (q) in the mini-program.
  const code = joinCodeFrom(router.params);
  const { token, me } = useAppStore(useShallow((s) => ({ token: s.token, me: s.me })));
  const refreshMe = useAppStore((s) => s.refreshMe);

  const info = useResource(() => call(api.joinInfo, { params: { joinCode: code }, toast: false }), [code], { enabled: !!code });

  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [employer, setEmployer] = useState('');
  const [idConsent, setIdConsent] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [joined, setJoined] = useState<MemberCardData | null>(null);

  const submit = async () => {
    if (!token) {
      goToLogin(withQuery(JOIN_PAGE, { code }));
      return;
    }
    const problem = !CHINESE_NAME.test(name.trim())
      ? '请输入中文真实姓名'
      : !isValidIdNumber(idNumber)
        ? '身份证号码不正确'
        : employer.trim().length < 2
          ? '请输入工作单位'
          : !idConsent
            ? '请阅读并同意身份证号处理说明'
            : null;
    if (problem) {
      void Taro.showToast({ icon: 'none', title: problem });
      return;
    }
    // The ID number leaves the phone only after WeChat's privacy authorization (mini-program).
    if (!(await privacyAgreed())) {
      void Taro.showToast({ icon: 'none', title: '需同意隐私保护指引后才能提交入会信息', duration: 2500 });
      return;
    }
    setSubmitting(true);
    try {
      const card = await call(api.join, {
        body: { joinCode: code, name: name.trim(), idNumber: normalizeIdNumber(idNumber), employer: employer.trim(), idNumberConsent: true },
      });
      setJoined(card);
      refreshMe().catch(() => undefined);
    } catch {
      // The API layer has shown the reason (already a member, ID invalid, …).
    } finally {
      setSubmitting(false);
    }
  };

  const body = () => {
    if (!code) {
      return <EmptyView title='入会链接不完整' hint='请重新扫描所在单位工会的入会二维码。' />;
    }
    if (info.status === 'loading') return <LoadingView />;
    if (info.status === 'error') return <ErrorView error={info.error} onRetry={() => void info.reload()} />;
    const union = info.data;
    if (!union) return null;

    if (joined) {
      return (
        <View className='gh-join__done'>
          <View className='gh-section-title'>{joined.status === 'active' ? '入会成功' : '入会申请已提交'}</View>
          <View className='gh-muted'>
            {joined.status === 'active'
              ? `您已成为${joined.unionName}会员，会员号 ${joined.memberNo}。`
              : `${joined.unionName}审核通过后即成为正式会员，请留意通知。`}
          </View>
          <Button type='primary' size='large' block className='gh-join__home' onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
            回到首页
          </Button>
        </View>
      );
    }

    return (
      <View>
        <View className='gh-join__union'>
          <View className='gh-muted'>您正在申请加入</View>
          <View className='gh-join__union-name'>{union.name}</View>
          {union.parentName ? <View className='gh-muted'>上级工会：{union.parentName}</View> : null}
          <View className='gh-join__approval'>
            {union.joinApproval === 'auto' ? '提交后即可入会' : '提交后需工会审核'}
          </View>
        </View>

        {!token ? (
          <View className='gh-join__login'>
            <View className='gh-muted'>入会需实名并验证手机号，请先登录。</View>
            <Button type='primary' size='large' block className='gh-join__login-button' onClick={() => goToLogin(withQuery(JOIN_PAGE, { code }))}>
              登录后填写入会信息
            </Button>
          </View>
        ) : me?.member ? (
          <View className='gh-join__already'>您已是{me.member.unionName}会员，无需重复入会。</View>
        ) : (
          <View className='gh-join__form'>
            {me?.lastApplication?.status === 'rejected' ? (
              <View className='gh-join__rejected'>
                您在{me.lastApplication.unionName}的入会申请未通过{me.lastApplication.reason ? `：${me.lastApplication.reason}` : ''}。核对信息后可重新提交。
              </View>
            ) : null}
            <View className='gh-field'>
              <View className='gh-field__label'>姓名</View>
              <Input className='gh-field__input gh-join__name' placeholder='与身份证一致' value={name} maxLength={20} onChange={setName} />
            </View>
            <View className='gh-field'>
              <View className='gh-field__label'>身份证号</View>
              <Input
                className='gh-field__input gh-join__id'
                type='idcard'
                placeholder='18位身份证号码'
                value={idNumber}
                maxLength={18}
                onChange={(v) => setIdNumber(v.toUpperCase())}
              />
            </View>
            <View className='gh-field'>
              <View className='gh-field__label'>工作单位</View>
              <Input className='gh-field__input gh-join__employer' placeholder='单位全称' value={employer} maxLength={60} onChange={setEmployer} />
            </View>
            <ConsentCheck className='gh-join__consent' checked={idConsent} onChange={setIdConsent}>
              我同意工会处理我的身份证号：仅用于核验会员身份、防止重复入会，加密保存；工会工作人员只能看到脱敏后的号码。退会或注销账号后删除。
            </ConsentCheck>
            <Button type='primary' size='large' block loading={submitting} className='gh-join__submit' onClick={submit}>
              提交入会
            </Button>
          </View>
        )}
      </View>
    );
  };

  return (
    <PageShell className='gh-join'>
      <HeaderBand title='加入工会' subtitle='实名入会，享受工会会员服务' />
      <View className='gh-card gh-card--overlap'>{body()}</View>
      <PrivacyPopup />
    </PageShell>
  );
}
