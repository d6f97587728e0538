import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type VoucherBatchMemberView, type VoucherBatchVisitorView } from '@gonghui/shared';
import { api, call, isApiError, newIdempotencyKey } from '../../api';
import { useAppStore } from '../../stores';
import { serverNow, useServerClock } from '../../stores/server-clock';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { BenefitDayBanner } from '../../components/BenefitDayBanner';
import { VoucherTicket } from '../../components/VoucherTicket';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../components/StatusView';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useResource } from '../../hooks/useResource';
import { formatDuration, useServerNow } from '../../hooks/useCountdown';
import { goToLogin, openPage } from '../../navigation';
import { MY_VOUCHERS_PAGE, VOUCHERS_PAGE, withQuery } from '../../routes';
import { windowText } from '../../format';
import { pressable } from '../account/shared/pressable';
import { LotteryTicket } from './LotteryTicket';
import './index.scss';

/** A member's batch (with their quota), or a city-wide batch as a signed-out visitor sees it. */
type ShownBatch = VoucherBatchMemberView | VoucherBatchVisitorView;

const BUTTON_LABEL: Record<ShownBatch['claimState'], string> = {
  claimable: '立即领取',
  sign_in_required: '立即领取',
  claimed: '已领取',
  sold_out: '已领完',
  not_started: '未开始',
  ended: '已结束',
  lottery: '报名摇号',
};

/** "距开抢 01:02:03" for a batch that opens later today, by the server's clock. */
function OpensIn({ opensAt }: { opensAt: string }) {
  const now = useServerNow(1000);
  const seconds = (new Date(opensAt).getTime() - now.getTime()) / 1000;
  if (seconds <= 0) return <Text>即将开抢</Text>;
  if (seconds > 86400) return <Text>{Math.floor(seconds / 86400)} 天后开抢</Text>;
  return (
    <Text>
      距开抢 <Text className='gh-batch__countdown'>{formatDuration(seconds)}</Text>
    </Text>
  );
}

function BatchTicket({
  batch,
  claiming,
  onClaim,
}: {
  batch: ShownBatch;
  claiming: boolean;
  onClaim: (b: ShownBatch) => void;
}) {
  const state = batch.claimState;
  const myClaimed = 'myClaimed' in batch ? batch.myClaimed : 0;
  const again = state === 'claimable' && myClaimed > 0;
  const muted = state === 'sold_out' || state === 'ended';
  const goUse = () => openPage(withQuery(MY_VOUCHERS_PAGE, { status: 'unused' }));
  // The one button is the next step: 立即领取, then 去使用 (the same element, so keyboard focus
  // stays on it after claiming). Other states are plain status text, never shaped like a button.
  const action =
    // A visitor's 立即领取 leads to signing in, and back here.
    state === 'claimable' || state === 'sign_in_required' ? (
      <Button type='primary' className='gh-claim gh-claim--claimable' loading={claiming} onClick={() => onClaim(batch)}>
        {again ? '再领一张' : BUTTON_LABEL.claimable}
      </Button>
    ) : state === 'claimed' ? (
      <Button type='primary' fill='outline' className='gh-claim gh-claim--use' onClick={goUse}>
        去使用
      </Button>
    ) : (
      <View className={`gh-claim gh-claim--status gh-claim--${state}`}>{BUTTON_LABEL[state]}</View>
    );
  return (
    <VoucherTicket
      face={batch}
      title={batch.title}
      muted={muted}
      className={`gh-batch gh-batch--${state}`}
      action={action}
      aside={
        <View>
          {state === 'not_started' ? (
            <View className='gh-batch__opens'>
              <OpensIn opensAt={batch.opensAt} />
            </View>
          ) : state === 'sold_out' ? (
            <View>本期已领完</View>
          ) : state === 'claimed' ? (
            <View className='gh-claim gh-claim--status gh-claim--claimed'>{BUTTON_LABEL.claimed}</View>
          ) : (
            <View className='gh-batch__stock'>剩余 {batch.stockRemaining} 张</View>
          )}
        </View>
      }
    >
      <View className='gh-batch__publisher'>{batch.publisherName}发放</View>
      <View className='gh-batch__window'>
        {state === 'not_started' ? `领取时间 ${windowText(batch.opensAt, batch.closesAt)}` : `领取截止 ${formatShanghai(batch.closesAt)}`}
      </View>
      <View className='gh-batch__quota'>
        每人限领 {batch.perMemberLimit} 张
        {myClaimed > 0 ? (
          <Text className='gh-batch__mine'>
            {' '}
            · 已领 {myClaimed} 张{' '}
            {/* While more can be claimed, 再领一张 is the button and this the way to those held. */}
            {state === 'claimable' ? (
              <Text className='gh-batch__use' {...pressable(null, goUse, { role: 'link' })}>
                去使用 ›
              </Text>
            ) : null}
          </Text>
        ) : null}
      </View>
    </VoucherTicket>
  );
}

export default function VouchersPage() {
  // Visitors see the city-wide batches; 立即领取 asks them to sign in.
  const signedIn = useRequireLogin(VOUCHERS_PAGE, { memberArea: true, visitors: true });
  const me = useAppStore((s) => s.me);
  const isMember = !!me?.member && me.member.status === 'active';
  const clockSynced = useServerClock((s) => s.synced);
  // Coming back (after claiming, using a voucher): refresh quietly, keeping what is on screen.
  const list = useResource<ShownBatch[]>(
    async () => (signedIn ? (await call(api.listOpenBatches, { toast: false })).data : (await call(api.listVisitorBatches, { toast: false })).data),
    [signedIn],
    { enabled: signedIn ? isMember : true, refreshOnShow: true },
  );
  /** A member's list, or the visitor's: shown with its loading, error and empty states. */
  const showsList = isMember || !signedIn;
  const load = list.reload;
  const [claiming, setClaiming] = useState<string | null>(null);
  // One key per claim intent: a retry after a lost answer must not claim a second voucher.
  const pendingKeys = useRef(new Map<string, string>());
  const visible = useRef(true);
  useDidShow(() => {
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });

  // When the next batch opens (server time), ask the server again: it decides what is open.
  const nextOpening =
    list.status === 'ready'
      ? Math.min(...list.data.filter((b) => b.claimState === 'not_started').map((b) => new Date(b.opensAt).getTime()))
      : Infinity;
  useEffect(() => {
    if (!Number.isFinite(nextOpening)) return undefined;
    // A little random spread so every phone does not ask in the same millisecond.
    const wait = nextOpening - serverNow().getTime() + 300 + Math.random() * 1500;
    if (wait > 24 * 3600_000) return undefined;
    const id = setTimeout(() => {
      if (visible.current) void load(true);
    }, Math.max(500, wait));
    return () => clearTimeout(id);
  }, [nextOpening, load]);

  const claim = async (batch: ShownBatch) => {
    if (batch.claimState === 'sign_in_required') {
      goToLogin(VOUCHERS_PAGE);
      return;
    }
    if (claiming) return;
    setClaiming(batch.id);
    const key = pendingKeys.current.get(batch.id) ?? newIdempotencyKey();
    pendingKeys.current.set(batch.id, key);
    try {
      await call(api.claim, { params: { id: batch.id }, idempotencyKey: key, toast: false });
      pendingKeys.current.delete(batch.id);
      void Taro.showToast({ icon: 'success', title: '领取成功', duration: 2000 });
    } catch (error) {
      // The server answered (sold out, already claimed…): that intent is over. No answer: keep the key for the retry.
      if (!isApiError(error) || error.status !== 0) pendingKeys.current.delete(batch.id);
      void Taro.showToast({ icon: 'none', title: errorText(error), duration: 2500 });
    } finally {
      setClaiming(null);
      void load(true);
    }
  };

  const open = list.status === 'ready' ? list.data.filter((b) => b.claimState !== 'not_started') : [];
  const upcoming = list.status === 'ready' ? list.data.filter((b) => b.claimState === 'not_started') : [];

  return (
    <PageShell className='gh-vouchers'>
      <HeaderBand title='工惠券' subtitle='每月20日工惠日，会员免费领取合作商户优惠券' />
      {/* Only by the server's clock: a phone set a day off must not show a wrong countdown. */}
      {clockSynced ? <BenefitDayBanner className='gh-vouchers__banner' /> : <View className='gh-vouchers__banner-space' />}

      {isMember ? (
        <View className='gh-vouchers__mine' {...pressable(null, () => openPage(MY_VOUCHERS_PAGE))}>
          <View className='gh-vouchers__mine-icon' aria-hidden='true'>
            券
          </View>
          <View className='gh-vouchers__mine-text'>
            <View className='gh-vouchers__mine-title'>我的券</View>
            <View className='gh-vouchers__mine-desc'>已领取的工惠券，到店出示券码使用</View>
          </View>
          <View className='gh-vouchers__mine-go' aria-hidden='true'>
            查看 ›
          </View>
        </View>
      ) : null}

      {!signedIn ? (
        <View className='gh-card gh-vouchers__visitor'>
          <View className='gh-vouchers__visitor-text'>
            <View className='gh-section-title'>登录后领取</View>
            <View className='gh-muted'>以下是全市工会会员都可以领取的工惠券。登录并加入所在单位工会后，即可在这里领取。</View>
          </View>
          <Button type='primary' fill='outline' className='gh-vouchers__login' onClick={() => goToLogin(VOUCHERS_PAGE)}>
            登录
          </Button>
        </View>
      ) : null}

      {me && !isMember ? (
        <View className='gh-card'>
          <EmptyView
            title={me.member ? '入会审核通过后即可领券' : '加入工会后即可领取工惠券'}
            hint={me.member ? '所在工会审核通过后，每月工惠日可在这里领取工惠券。' : '请扫描所在单位工会的入会二维码，完成实名入会。'}
          />
        </View>
      ) : null}

      {showsList && list.status === 'loading' ? (
        <View className='gh-card'>
          <LoadingView />
        </View>
      ) : null}
      {showsList && list.status === 'error' ? (
        <View className='gh-card'>
          <ErrorView error={list.error} onRetry={() => void load()} />
        </View>
      ) : null}
      {showsList && list.status === 'ready' && list.data.length === 0 ? (
        <View className='gh-card'>
          <EmptyView title='现在没有可领取的工惠券' hint='每月20日上午10点工惠日开抢，届时再来看看；已领的券在“我的券”里。' />
        </View>
      ) : null}

      {open.length > 0 ? (
        <View className='gh-vouchers__group gh-vouchers__group--open'>
          <View className='gh-vouchers__group-title'>正在发放</View>
          {open.map((b) =>
            b.mode === 'lottery' ? <LotteryTicket key={b.id} batch={b} member={isMember} /> : <BatchTicket key={b.id} batch={b} claiming={claiming === b.id} onClaim={claim} />,
          )}
        </View>
      ) : null}
      {upcoming.length > 0 ? (
        <View className='gh-vouchers__group gh-vouchers__group--upcoming'>
          <View className='gh-vouchers__group-title'>即将开抢</View>
          {upcoming.map((b) =>
            b.mode === 'lottery' ? <LotteryTicket key={b.id} batch={b} member={isMember} /> : <BatchTicket key={b.id} batch={b} claiming={false} onClaim={claim} />,
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
