import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { formatShanghai, nextBenefitDay } from '@gonghui/shared';
import { formatDuration, useServerNow } from '../hooks/useCountdown';
import { pressable } from '../pages/account/shared/pressable';
import './BenefitDayBanner.scss';

/**
 * The next or current 工惠日 (the 20th, Shanghai time) with a live countdown, by the server's
 * clock (a phone's clock may be off): see stores/server-clock.ts.
 */
export function BenefitDayBanner({ onTap, className }: { onTap?: () => void; className?: string }) {
  const now = useServerNow(1000);
  const minute = Math.floor(now.getTime() / 60_000);
  // The window only changes when the day does: recompute once a minute, not every tick.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const day = useMemo(() => nextBenefitDay(now), [minute]);
  const live = now.getTime() >= day.startsAt.getTime();
  const seconds = ((live ? day.endsAt : day.startsAt).getTime() - now.getTime()) / 1000;
  return (
    <View className={`gh-benefit-day ${live ? 'gh-benefit-day--live' : ''} ${className ?? ''}`} {...(onTap ? pressable(null, onTap) : {})}>
      <View className='gh-benefit-day__badge'>{live ? '进行中' : '工惠日'}</View>
      <View className='gh-benefit-day__main'>
        <View className='gh-benefit-day__title'>
          {live ? '本月工惠日进行中，快去领工惠券' : `下一个工惠日：${formatShanghai(day.startsAt)}`}
        </View>
        <View className='gh-benefit-day__countdown'>
          {live ? '距结束还有 ' : '距开抢还有 '}
          <View className='gh-benefit-day__time'>{formatDuration(seconds)}</View>
        </View>
      </View>
    </View>
  );
}
