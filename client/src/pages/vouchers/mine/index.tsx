import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, type VoucherView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell } from '../../../components/PageShell';
import { VoucherTicket } from '../../../components/VoucherTicket';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { usePagedList } from '../../../hooks/usePagedList';
import { openPage } from '../../../navigation';
import { MY_VOUCHERS_PAGE, VOUCHERS_PAGE, VOUCHER_PAGE, withQuery } from '../../../routes';
import { pressable } from '../../account/shared/pressable';
import './index.scss';

type Tab = 'unused' | 'used' | 'expired';
const TABS: { key: Tab; label: string }[] = [
  { key: 'unused', label: '未使用' },
  { key: 'used', label: '已使用' },
  { key: 'expired', label: '已过期' },
];
const PAGE_SIZE = 20;

const EMPTY: Record<Tab, { title: string; hint: string }> = {
  unused: { title: '没有未使用的工惠券', hint: '每月20日工惠日可在“工惠券”页领取。' },
  used: { title: '还没有用过工惠券', hint: '到合作商户消费时出示券码，核销后会显示在这里。' },
  expired: { title: '没有过期的工惠券', hint: '领到的券请在有效期内使用。' },
};

function VoucherCard({ v }: { v: VoucherView }) {
  const used = v.status === 'used';
  const expired = v.status === 'expired';
  return (
    <VoucherTicket
      face={v}
      title={v.title}
      muted={used || expired}
      stamp={used ? '已使用' : expired ? '已过期' : undefined}
      className={`gh-voucher gh-voucher--${v.status}`}
      onClick={() => openPage(withQuery(VOUCHER_PAGE, { id: v.id }))}
      aside={
        used ? (
          <View className='gh-voucher__used'>
            {v.merchantName ?? ''}
            {v.discountFen ? <Text> · 优惠{formatFen(v.discountFen)}</Text> : null}
          </View>
        ) : undefined
      }
      action={v.status === 'unused' ? <View className='gh-voucher__go'>去使用 ›</View> : undefined}
    >
      {used && v.usedAt ? <View>{formatShanghai(v.usedAt)} 已使用</View> : expired ? <View>{formatShanghai(v.expiresAt)} 已过期</View> : <View>有效期至 {formatShanghai(v.expiresAt)}</View>}
    </VoucherTicket>
  );
}

export default function MyVouchersPage() {
  const router = useRouter();
  const initialTab = (TABS.find((t) => t.key === router.params.status)?.key ?? 'unused') as Tab;
  const signedIn = useRequireLogin(MY_VOUCHERS_PAGE, { memberArea: true });
  const [tab, setTab] = useState<Tab>(initialTab);
  const fetchPage = useCallback((cursor: string | undefined) => call(api.myVouchers, { query: { status: tab, cursor, limit: PAGE_SIZE }, toast: false }), [tab]);
  // Back from a voucher (used or returned meanwhile): refresh without flashing.
  const { list, reload, loadMore } = usePagedList(fetchPage, { enabled: signedIn, refreshOnShow: true });

  return (
    <PageShell className='gh-my-vouchers'>
      <View className='gh-tabs' {...(process.env.TARO_ENV === 'h5' ? { role: 'tablist', 'aria-label': '我的券' } : {})}>
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`gh-tabs__item gh-tabs__item--${t.key} ${tab === t.key ? 'gh-tabs__item--active' : ''}`}
            {...pressable(null, () => setTab(t.key), { role: 'tab', checked: tab === t.key })}
          >
            {t.label}
          </View>
        ))}
      </View>

      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyView
          title={EMPTY[tab].title}
          hint={EMPTY[tab].hint}
          action={
            tab === 'unused' ? (
              <Button type='primary' block className='gh-my-vouchers__claim' onClick={() => openPage(VOUCHERS_PAGE)}>
                去领券
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <View className='gh-my-vouchers__list'>
          {list.items.map((v) => (
            <VoucherCard key={v.id} v={v} />
          ))}
          <View className='gh-my-vouchers__more'>
            {list.moreError ? <View className='gh-my-vouchers__more-error'>{errorText(list.moreError)}</View> : null}
            {list.nextCursor ? (
              <Button fill='outline' block loading={list.loadingMore} className='gh-load-more' onClick={() => void loadMore(list.nextCursor!)}>
                {list.moreError ? '重试加载更多' : '加载更多'}
              </Button>
            ) : (
              <View className='gh-my-vouchers__end'>共 {list.items.length} 张</View>
            )}
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
