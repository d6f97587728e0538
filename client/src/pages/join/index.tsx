import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { useShallow } from 'zustand/react/shallow';
import { isValidIdNumber, JoinBody, normalizeIdNumber, type MemberCard as MemberCardData } from '@gonghui/shared';
import { api, call } from '../../api';
import { useAppStore } from '../../stores';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { ConsentCheck } from '../../components/ConsentCheck';
import { FormRow } from '../../components/Form';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { useResource } from '../../hooks/useResource';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { privacyAgreed } from '../../privacy';
import { joinCodeFrom } from './join-code';
import { goToLogin } from '../../navigation';
import { HOME_PAGE, JOIN_PAGE, withQuery } from '../../routes';
import './index.scss';

const FIELDS = ['name', 'idNumber', 'employer', 'idNumberConsent'] as const;
/** The server's verdict on the ID number itself (checksum, another member holds it): under that field. */
const ID_CODES = { codes: { ID_NUMBER_INVALID: 'idNumber', MEMBER_ID_CONFLICT: 'idNumber' } };

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
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);

  const submit = async () => {
    if (!token) {
      goToLogin(withQuery(JOIN_PAGE, { code }));
      return;
    }
    // The schema's messages; the check digit of the ID number is a rule of its own.
    const idProblem = idNumber.trim() && !isValidIdNumber(idNumber) ? { idNumber: '身份证号码不正确' } : {};
    const body = check(JoinBody, { joinCode: code, name, idNumber: normalizeIdNumber(idNumber), employer, idNumberConsent: idConsent }, { extra: idProblem });
    if (!body) return;
    // The ID number leaves the phone only after WeChat's privacy authorization (mini-program).
    if (!(await privacyAgreed())) {
      void Taro.showToast({ icon: 'none', title: '需同意隐私保护指引后才能提交入会信息', duration: 2500 });
      return;
    }
    setSubmitting(true);
    try {
      const card = await call(api.join, { body, toast: false });
      setJoined(card);
      refreshMe().catch(() => undefined);
    } catch (error) {
      fail(error, ID_CODES);
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
            <FormRow label='姓名' error={errors.name}>
              <Input
                className='gh-input gh-join__name'
                placeholder='与身份证一致'
                value={name}
                maxLength={20}
                onChange={(v) => {
                  setName(v);
                  clear('name');
                }}
              />
            </FormRow>
            <FormRow label='身份证号' error={errors.idNumber}>
              <Input
                className='gh-input gh-join__id'
                type='idcard'
                placeholder='18位身份证号码'
                value={idNumber}
                maxLength={18}
                onChange={(v) => {
                  setIdNumber(v.toUpperCase());
                  clear('idNumber');
                }}
              />
            </FormRow>
            <FormRow label='工作单位' error={errors.employer}>
              <Input
                className='gh-input gh-join__employer'
                placeholder='单位全称'
                value={employer}
                maxLength={60}
                onChange={(v) => {
                  setEmployer(v);
                  clear('employer');
                }}
              />
            </FormRow>
            <View className={errors.idNumberConsent ? 'gh-join__consent-row gh-form__row--error' : 'gh-join__consent-row'}>
              <ConsentCheck
                className='gh-join__consent'
                checked={idConsent}
                onChange={(v) => {
                  setIdConsent(v);
                  clear('idNumberConsent');
                }}
              >
                我同意工会处理我的身份证号：仅用于核验会员身份、防止重复入会，加密保存；工会工作人员只能看到脱敏后的号码。退会或注销账号后删除。
              </ConsentCheck>
              {errors.idNumberConsent ? <View className='gh-form__error'>{errors.idNumberConsent}</View> : null}
            </View>
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
