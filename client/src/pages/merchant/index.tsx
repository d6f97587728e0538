import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CareModeSetting } from '../../components/CareModeSetting';
import { api, call } from '../../api';
import { useAppStore } from '../../stores';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useResource } from '../../hooks/useResource';
import { toast } from '../../dialogs';
import { useQrScan } from '../../components/QrScanner';
import { groupCode, normalizeCode } from '../../format';
import { isMerchantOnly } from '../../roles';
import { LOGIN_PAGE, MERCHANT_PAGE } from '../../routes';
import { useRedemption } from './useRedemption';
import { RedeemForm } from './RedeemForm';
import { RedeemDone, RedeemPreview } from './RedeemResult';
import { TodayList } from './TodayList';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** The counter: scan or type a member's voucher code, preview the discount, confirm; today's redemptions below. */
export default function MerchantPage() {
  const signedIn = useRequireLogin(MERCHANT_PAGE);
  const me = useAppStore((s) => s.me);
  const logout = useAppStore((s) => s.logout);
  const merchant = me?.merchant ?? null;

  // The answer is the signed-in cashier's own merchant: it loads once that is known.
  const today = useResource(() => call(api.merchantRedemptions, { toast: false }), [], { enabled: signedIn && merchant !== null, refreshOnShow: true });
  const r = useRedemption(() => void today.reload(true));

  // weapp: the mini-program's scanner; H5: the camera layer (rendered at the end of the page).
  const { scan: scanQr, layer: scanLayer } = useQrScan();
  const scan = async () => {
    const text = await scanQr();
    if (text === null) return; // cancelled
    const c = normalizeCode(text);
    if (!c) {
      toast('这不是工惠券券码');
      return;
    }
    // weapp's field is type='number' (no spaces); H5 shows the code grouped as read out.
    r.editCode(IS_WEAPP ? c : groupCode(c));
  };

  const signOut = async () => {
    await logout();
    void Taro.reLaunch({ url: LOGIN_PAGE });
  };

  if (me && !merchant) {
    return (
      <PageShell className='gh-merchant'>
        <HeaderBand title='商户核销' />
        <View className='gh-card gh-card--overlap'>
          <EmptyView title='您不是合作商户的店员' hint='商户店员账号由工会在“合作商户”中添加，请联系所在工会。' />
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='gh-merchant'>
      <HeaderBand title={merchant?.merchantName ?? '商户核销'} subtitle='工惠券核销：输入或扫描会员出示的券码' />

      <View className='gh-card gh-card--overlap gh-redeem'>
        {r.step.kind !== 'done' ? <RedeemForm r={r} onScan={() => void scan()} /> : null}
        <RedeemPreview r={r} />
        <RedeemDone r={r} />
      </View>

      <TodayList today={today} />

      {scanLayer}
      <View className='gh-card gh-merchant__settings'>
        <CareModeSetting className='gh-merchant__care' />
      </View>
      {isMerchantOnly(me) ? (
        <View className='gh-button-row'>
          <Button size='large' block className='gh-logout' onClick={() => void signOut()}>
            退出登录
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
