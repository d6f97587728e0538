import { View, Text } from '@tarojs/components';
import { activityCategoryLabels, activityPhaseLabels, formatShanghai, memberTagLabels, type ActivityPhase, type ActivityView, type StaffActivityView } from '@gonghui/shared';
import { pressable } from '../../pages/account/shared/pressable';
import '../StatusBadge.scss';
import './activities.scss';

type Face = Pick<ActivityView, 'title' | 'category' | 'place' | 'startsAt' | 'endsAt' | 'capacity' | 'enrolledCount' | 'phase' | 'unionName' | 'audienceTags'>;

export function PhaseBadge({ phase }: { phase: ActivityPhase }) {
  return <Text className={`gh-badge gh-activity-badge gh-activity-badge--${phase}`}>{activityPhaseLabels[phase]}</Text>;
}

/** 12月10日 14:00–16:00, or 12月10日 08:00 – 12月14日 17:00 for a trip of several days. */
export function whenText(a: { startsAt: string; endsAt: string }): string {
  const start = formatShanghai(a.startsAt);
  const end = formatShanghai(a.endsAt);
  return start.slice(0, start.indexOf(' ')) === end.slice(0, end.indexOf(' ')) ? `${start}–${end.slice(end.indexOf(' ') + 1)}` : `${start} – ${end}`;
}

/** 已报名 / 候补第 N 位 / the places left, in the member's words. */
export function placeText(a: Pick<ActivityView, 'mine' | 'capacity' | 'enrolledCount' | 'waitlist' | 'waitlistCount'>): string {
  if (a.mine?.status === 'enrolled') return a.mine.checkedInAt ? '已签到' : '已报名';
  if (a.mine?.status === 'waitlisted') return `候补第 ${a.mine.waitlistPosition} 位`;
  const left = a.capacity - a.enrolledCount;
  if (left > 0) return `剩余 ${left} 个名额`;
  if (!a.waitlist) return '名额已满';
  return a.waitlistCount ? `名额已满，${a.waitlistCount} 人候补中` : '名额已满，可报名候补';
}

/** One activity in a list: the whole card opens it. */
export function ActivityCard({ a, extra, onOpen }: { a: Face; extra?: string; onOpen: () => void }) {
  return (
    <View className='gh-card gh-activity-card' {...pressable(null, onOpen, { role: 'link' })}>
      <View className='gh-activity-card__head'>
        <View className='gh-activity-card__title'>{a.title}</View>
        <PhaseBadge phase={a.phase} />
      </View>
      <View className='gh-activity-card__meta'>
        {activityCategoryLabels[a.category]} · {whenText(a)}
      </View>
      <View className='gh-activity-card__meta'>
        {a.place} · {a.unionName}
        {a.audienceTags.length ? ` · 仅限${a.audienceTags.map((t) => memberTagLabels[t]).join('、')}` : ''}
      </View>
      {extra ? <View className='gh-activity-card__extra'>{extra}</View> : null}
    </View>
  );
}

/** Staff lines: places taken, waitlist, attendance. */
export function staffCounts(a: StaffActivityView): string {
  const parts = [`报名 ${a.enrolledCount}/${a.capacity}`];
  if (a.waitlistCount) parts.push(`候补 ${a.waitlistCount}`);
  parts.push(`签到 ${a.checkedInCount}`);
  if (a.noShowCount !== null) parts.push(`未到 ${a.noShowCount}`);
  return parts.join(' · ');
}
