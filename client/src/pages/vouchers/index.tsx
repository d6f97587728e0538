import { View } from '@tarojs/components';
import { formatShanghai, nextBenefitDay } from '@gonghui/shared';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { VOUCHERS_PAGE } from '../../routes';

export default function VouchersPage() {
  useRequireLogin(VOUCHERS_PAGE);
  const next = nextBenefitDay(new Date());
  return (
    <PageShell className='gh-vouchers'>
      <HeaderBand title='工惠券' subtitle='每月20日工惠日，会员可领取商户优惠券' />
      <View className='gh-card gh-card--overlap'>
        <EmptyView
          title='还没有可领取的工惠券'
          hint={`本月工惠日开放后可在此领取工惠券。下一个工惠日：${formatShanghai(next.startsAt)}`}
        />
      </View>
    </PageShell>
  );
}
