import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { api, call } from '../../../api';
import { useAppStore } from '../../../stores';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { confirmDialog } from '../../../dialogs';
import { openPage } from '../../../navigation';
import { CONTACT_UNION_PAGE, DELETE_ACCOUNT_PAGE, LOGIN_PAGE } from '../../../routes';
import { SubPageNav } from '../shared/SubPageNav';
import '../shared/account.scss';

const CONFIRM_WORD = '注销';

/** What goes and what the union keeps: mirrors server/src/modules/auth/deletion.ts. */
const DELETED = [
  '手机号和微信绑定：不能再用它们登录这个账号',
  '所有登录状态：每台手机上都会退出',
  '完整姓名、工作单位、身份证号（工会只保留隐藏后的姓名和号码，见下）',
  '未使用且未过期的工惠券：自动退回，名额还给其他会员',
  '会员码、爱心人士资料',
];

const KEPT = [
  '入会记录（会员号、所属工会、入会和注销日期、隐藏后的姓名和身份证号）：用于工会的会员统计',
  '已经核销的工惠券记录：涉及与商户的资金结算，按国家会计档案管理规定的期限保存',
  '注销这一操作的记录：用于安全审计',
];

export default function DeleteAccountPage() {
  useRequireLogin(DELETE_ACCOUNT_PAGE);
  const me = useAppStore((s) => s.me);
  const clearSession = useAppStore((s) => s.clearSession);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasRoles = !!me && (me.staffRoles.length > 0 || me.merchant !== null);
  const ready = typed.trim() === CONFIRM_WORD;

  const submit = async () => {
    if (!ready || busy) return;
    const ok = await confirmDialog({ title: '确认注销账号？', content: '注销后不能恢复，未使用的工惠券将退回。', confirmText: '确认注销', cancelText: '再想想' });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await call(api.deleteAccount, { body: { confirm: CONFIRM_WORD }, toast: false });
      // Every session of the account is revoked on the server: forget this one and leave.
      clearSession();
      await Taro.reLaunch({ url: LOGIN_PAGE });
      void Taro.showToast({ icon: 'none', title: '账号已注销', duration: 2500 });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className='gh-account gh-delete'>
      <SubPageNav title='注销账号' />
      <View className='gh-card gh-account__card'>
        <View className='gh-delete__warn'>注销后账号不能恢复。{me?.user.phoneMasked ? `手机号 ${me.user.phoneMasked} 以后再登录，将是一个新的账号，需要重新入会。` : ''}</View>
        <View className='gh-section-title'>将被删除</View>
        <View className='gh-delete__list gh-delete__deleted'>
          {DELETED.map((t) => (
            <View key={t} className='gh-delete__item'>
              {t}
            </View>
          ))}
        </View>
        <View className='gh-section-title'>工会依规保留（已隐藏身份信息）</View>
        <View className='gh-delete__list gh-delete__kept'>
          {KEPT.map((t) => (
            <View key={t} className='gh-delete__item'>
              {t}
            </View>
          ))}
        </View>
        {hasRoles ? (
          <View className='gh-delete__blocked'>您目前是工会工作人员或商户店员，需要先由管理员解除职务，才能注销账号。</View>
        ) : null}
      </View>

      <View className='gh-card gh-account__card'>
        <View className='gh-delete__input-label'>请输入“{CONFIRM_WORD}”两个字确认</View>
        <Input
          className='gh-delete__input'
          placeholder={`输入“${CONFIRM_WORD}”`}
          maxLength={4}
          value={typed}
          onChange={(v) => {
            setTyped(v);
            setError(null);
          }}
          aria-label={`输入${CONFIRM_WORD}确认`}
        />
        {error ? (
          <View className='gh-delete__blocked gh-delete__error' role='alert'>
            {error}
          </View>
        ) : null}
      </View>

      <View className='gh-button-row'>
        <Button type='primary' size='large' block disabled={!ready} loading={busy} className={ready ? 'gh-delete__submit' : 'gh-delete__submit gh-delete__submit--off'} onClick={submit}>
          注销账号
        </Button>
        <Button type='default' size='large' block className='gh-delete__contact' onClick={() => openPage(CONTACT_UNION_PAGE)}>
          有疑问，先联系工会
        </Button>
      </View>
    </PageShell>
  );
}
