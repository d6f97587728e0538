import { View, Text } from '@tarojs/components';
import { formatFen, type ResponseOf } from '@gonghui/shared';
import type { api } from '../../api';
import type { Resource } from '../../hooks/useResource';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { shanghaiClock } from '../../format';

export type Today = ResponseOf<typeof api.merchantRedemptions>;

/** Today's redemptions at this merchant, newest first, with the day's total discount. */
export function TodayList({ today }: { today: Resource<Today> }) {
  return (
    <View className='gh-card gh-today'>
      <View className='gh-today__head'>
        <View className='gh-section-title'>今日核销</View>
        {today.status === 'ready' ? (
          <View className='gh-today__total'>
            共 {today.data.data.length} 笔 · 优惠合计 <Text className='gh-amount'>{formatFen(today.data.totalDiscountFen)}</Text>
          </View>
        ) : null}
      </View>
      {today.status === 'loading' || today.status === 'idle' ? <LoadingView /> : null}
      {today.status === 'error' ? <ErrorView error={today.error} onRetry={() => void today.reload()} /> : null}
      {today.status === 'ready' && today.data.data.length === 0 ? (
        <EmptyView title='今天还没有核销记录' hint='顾客出示工惠券券码后，在上方输入券码和订单金额即可核销。' />
      ) : null}
      {today.status === 'ready' && today.data.data.length > 0 ? (
        <View className='gh-today__list'>
          <View className='gh-today__row gh-today__row--head'>
            <Text className='gh-today__cell'>时间</Text>
            <Text className='gh-today__cell'>会员</Text>
            <Text className='gh-today__cell gh-today__cell--title'>工惠券</Text>
            <Text className='gh-today__cell gh-today__cell--num'>订单金额</Text>
            <Text className='gh-today__cell gh-today__cell--num'>优惠</Text>
          </View>
          {today.data.data.map((r) => (
            <View key={r.id} className='gh-today__row'>
              <Text className='gh-today__cell gh-today__time'>{shanghaiClock(r.at)}</Text>
              <Text className='gh-today__cell gh-today__member'>{r.memberNameMasked}</Text>
              <Text className='gh-today__cell gh-today__cell--title'>
                {r.batchTitle}
                {r.voucherCount > 1 ? ` ×${r.voucherCount}` : ''}
              </Text>
              <Text className='gh-today__cell gh-today__cell--num'>{formatFen(r.orderAmountFen)}</Text>
              <Text className='gh-today__cell gh-today__cell--num gh-amount'>-{formatFen(r.discountFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
