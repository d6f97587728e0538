import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { TERMS_VERSION, type SessionResponse } from '@gonghui/shared';
import { api, call } from '../../api';
import { useAppStore } from '../../stores';
import { PageShell } from '../../components/PageShell';
import { goAfterLogin, openPage } from '../../navigation';
import { ConsentCheck } from '../../components/ConsentCheck';
import { CareModeSetting } from '../../components/CareModeSetting';
import { CONTACT_UNION_PAGE, HOME_PAGE, JOIN_PAGE, MINE_PAGE, PRIVACY_PAGE, TERMS_PAGE, VOUCHERS_PAGE } from '../../routes';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { privacyAgreed } from '../../privacy';
import { ensureTermsAccepted } from './terms';
import { useSecondsLeft } from '../../hooks/useCountdown';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** Demo accounts seeded by the server in demo mode; never part of a mini-program build (the list is compiled out). */
const DEMO_ACCOUNTS: { label: string; phone: string }[] = IS_WEAPP ? [] : [
  { label: '会员 张*', phone: '13800000001' },
  { label: '市总工会工作人员', phone: '13900000001' },
  { label: '吴兴区总工会工作人员', phone: '13900000002' },
  { label: '基层工会工作人员', phone: '13900000003' },
  { label: '困难帮扶专干', phone: '13900000041' },
  { label: '商户店员', phone: '13900000011' },
  { label: '爱心人士', phone: '13700000001' },
];

/** Pages a visitor may see without an account: declining to sign in goes back there, else to 首页. */
const VISITOR_PAGES = [VOUCHERS_PAGE, JOIN_PAGE, MINE_PAGE, CONTACT_UNION_PAGE];

/** Mini-program: WeChat's privacy authorization before the phone number is asked for or sent. */
async function privacyOk(): Promise<boolean> {
  if (await privacyAgreed()) return true;
  void Taro.showToast({ icon: 'none', title: '需同意隐私保护指引后才能登录', duration: 2500 });
  return false;
}

function decodeRedirect(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export default function LoginPage() {
  const router = useRouter();
  const redirect = decodeRedirect(router.params.redirect);
  const token = useAppStore((s) => s.token);
  const login = useAppStore((s) => s.login);

  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [demo, setDemo] = useState(false);
  // PIPL: consent is given by ticking, never presumed; every way of signing in waits for it.
  const [agreed, setAgreed] = useState(false);
  const [nudge, setNudge] = useState(false);
  // weapp: a WeChat account not bound to a phone yet must verify one by SMS first.
  const [bindTicket, setBindTicket] = useState<string | null>(null);
  const secondsLeft = useSecondsLeft(resendAt);
  const showSmsForm = !IS_WEAPP || bindTicket !== null;

  useEffect(() => {
    if (token) goAfterLogin(redirect);
    // Only on arrival: a session created here navigates by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    call(api.health, { toast: false }).then(
      (h) => setDemo(h.mode === 'demo'),
      () => setDemo(false),
    );
  }, []);

  const finish = async (session: SessionResponse) => {
    login(session);
    if (await ensureTermsAccepted(session.me)) goAfterLogin(redirect);
  };

  /** False (and a reminder at the box) until the agreement is ticked. */
  const consented = (): boolean => {
    if (agreed) return true;
    setNudge(true);
    void Taro.showToast({ icon: 'none', title: '请先阅读并勾选同意《用户协议》《隐私政策》', duration: 2500 });
    return false;
  };

  const phoneOk = PHONE_PATTERN.test(phone);

  const sendCode = async () => {
    if (!consented() || !(await privacyOk())) return;
    if (!phoneOk) {
      void Taro.showToast({ icon: 'none', title: '请输入11位手机号' });
      return;
    }
    setSending(true);
    try {
      const res = await call(api.smsCode, { body: { phone } });
      setResendAt(Date.now() + (res.resendAfterSeconds || 60) * 1000);
      void Taro.showToast({ icon: 'none', title: '验证码已发送' });
    } catch {
      // The API layer has shown the reason.
    } finally {
      setSending(false);
    }
  };

  const smsLogin = async () => {
    if (!consented() || !(await privacyOk())) return;
    if (!phoneOk) {
      void Taro.showToast({ icon: 'none', title: '请输入11位手机号' });
      return;
    }
    if (!/^\d{6}$/.test(code)) {
      void Taro.showToast({ icon: 'none', title: '请输入6位验证码' });
      return;
    }
    setSubmitting(true);
    try {
      const session = await call(api.smsLogin, {
        body: { phone, code, acceptTerms: TERMS_VERSION, ...(bindTicket ? { bindTicket } : {}) },
      });
      await finish(session);
    } catch {
      // Toast shown by the API layer.
    } finally {
      setSubmitting(false);
    }
  };

  const wechatLogin = async () => {
    if (!consented() || !(await privacyOk())) return;
    setSubmitting(true);
    try {
      const { code: wxCode } = await Taro.login();
      const res = await call(api.wechatLogin, { body: { code: wxCode, acceptTerms: TERMS_VERSION } });
      if (res.needsBinding) {
        setBindTicket(res.bindTicket);
        void Taro.showToast({ icon: 'none', title: '首次使用，请验证手机号' });
      } else {
        await finish(res);
      }
    } catch {
      // Toast shown by the API layer (or Taro.login failed, which WeChat reports itself).
    } finally {
      setSubmitting(false);
    }
  };

  const demoLogin = async (demoPhone: string) => {
    if (!consented()) return;
    setSubmitting(true);
    try {
      await finish(await call(api.demoLogin, { body: { phone: demoPhone, acceptTerms: TERMS_VERSION } }));
    } catch {
      // Toast shown by the API layer.
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageShell className='gh-login'>
      <View className='gh-band gh-login__band'>
        <View className='gh-login__logo'>工</View>
        <View className='gh-login__brand'>工惠</View>
        <View className='gh-login__slogan'>工会会员的普惠服务</View>
      </View>

      <View className='gh-card gh-login__card'>
        {IS_WEAPP && !bindTicket ? (
          <View>
            <Button type='primary' size='large' block loading={submitting} className='gh-login__wechat' onClick={wechatLogin}>
              微信一键登录
            </Button>
            <View className='gh-login__note'>首次登录需验证手机号，用于核对会员身份</View>
          </View>
        ) : null}

        {showSmsForm ? (
          <View className='gh-login__form'>
            {bindTicket ? <View className='gh-login__note gh-login__note--top'>请验证手机号，完成微信绑定</View> : null}
            <View className='gh-field'>
              <View className='gh-field__label'>手机号</View>
              <Input
                className='gh-field__input gh-login__phone'
                type='number'
                maxLength={11}
                placeholder='请输入手机号'
                value={phone}
                onChange={(v) => setPhone(v.replace(/\D/g, '').slice(0, 11))}
              />
            </View>
            <View className='gh-field'>
              <View className='gh-field__label'>验证码</View>
              <Input
                className='gh-field__input gh-login__code'
                type='number'
                maxLength={6}
                placeholder='6位验证码'
                value={code}
                onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
              />
              <Button
                size='small'
                type='primary'
                fill='outline'
                className='gh-login__send'
                disabled={sending || secondsLeft > 0}
                onClick={sendCode}
              >
                {secondsLeft > 0 ? `${secondsLeft}秒后重发` : '获取验证码'}
              </Button>
            </View>
            <Button type='primary' size='large' block loading={submitting} className='gh-login__submit' onClick={smsLogin}>
              {bindTicket ? '验证并登录' : '登录'}
            </Button>
          </View>
        ) : null}

        <View className={`gh-login__agree ${nudge && !agreed ? 'gh-login__agree--nudge' : ''}`}>
          <ConsentCheck
            className='gh-login__consent'
            checked={agreed}
            onChange={(on) => {
              setAgreed(on);
              if (on) setNudge(false);
            }}
          >
            我已阅读并同意《用户协议》《隐私政策》
          </ConsentCheck>
          <View className='gh-login__docs'>
            <Button size='small' fill='none' className='gh-login__doc gh-login__terms' onClick={() => openPage(TERMS_PAGE)}>
              阅读《用户协议》
            </Button>
            <Button size='small' fill='none' className='gh-login__doc gh-login__privacy' onClick={() => openPage(PRIVACY_PAGE)}>
              阅读《隐私政策》
            </Button>
          </View>
        </View>
      </View>

      <View className='gh-login__later'>
        <Button
          fill='none'
          className='gh-login__browse'
          onClick={() => {
            const back = redirect && VISITOR_PAGES.some((p) => redirect.split('?')[0] === p) ? redirect : HOME_PAGE;
            void Taro.reLaunch({ url: back });
          }}
        >
          暂不登录，先看看
        </Button>
      </View>

      <View className='gh-card gh-login__care'>
        <CareModeSetting className='gh-login__care-row' />
      </View>

      {demo && !IS_WEAPP ? (
        <View className='gh-card gh-login__demo'>
          <View className='gh-section-title'>演示账号</View>
          <View className='gh-muted'>演示环境，点击即可用对应身份登录</View>
          <View className='gh-login__demo-grid'>
            {DEMO_ACCOUNTS.map((a) => (
              <Button
                key={a.phone}
                fill='outline'
                className='gh-login__demo-button'
                disabled={submitting}
                onClick={() => demoLogin(a.phone)}
              >
                {a.label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
      <PrivacyPopup />
    </PageShell>
  );
}
