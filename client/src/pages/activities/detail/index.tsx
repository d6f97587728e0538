import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { activityCategoryLabels, formatShanghai, memberTagLabels, type ActivityView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PhaseBadge, placeText, whenText } from '../../../components/activities/ActivityParts';
import { HeaderBand } from '../../../components/PageShell';
import { Fact, WishGate } from '../../../components/wishes/WishParts';
import { confirmDialog, toast } from '../../../dialogs';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { ACTIVITIES_PAGE, ACTIVITY_PAGE, MEMBER_CARD_PAGE, withQuery } from '../../../routes';

/** Today in Shanghai is one of the activity's days: the member card's code is the check-in code. */
function isCheckInDay(a: ActivityView): boolean {
  const day = (iso: string | Date) => formatShanghai(iso).split(' ')[0];
  const today = day(new Date());
  return a.phase !== 'ended' && a.phase !== 'cancelled' && (today === day(a.startsAt) || a.phase === 'running');
}

/** What the member reads about their place. */
function stateText(a: ActivityView): string {
  const mine = a.mine;
  if (a.phase === 'cancelled') return mine && mine.status !== 'cancelled' ? '活动已取消，您的报名随之取消。原因已通过消息通知您。' : '活动已取消。';
  if (mine?.status === 'enrolled') {
    if (mine.checkedInAt) return `已签到（${formatShanghai(mine.checkedInAt)}）`;
    if (mine.promotedAt) return '候补成功，已为您报名。请按时参加，到场出示签到码。';
    return '已报名。请按时参加，到场出示签到码。';
  }
  if (mine?.status === 'waitlisted') return `名额已满，您在候补第 ${mine.waitlistPosition} 位。有人取消时按顺序自动递补，并通知您。`;
  if (mine?.status === 'cancelled') return '您已取消报名。';
  switch (a.phase) {
    case 'not_open':
      return `${formatShanghai(a.signupStartsAt)} 开始报名。`;
    case 'signup':
      return placeText(a);
    case 'signup_closed':
      return '报名已截止。';
    case 'running':
      return '活动进行中。';
    case 'ended':
      return '活动已结束。';
  }
}

export default function ActivityPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(ACTIVITY_PAGE, { id }), { memberArea: true });
  const activity = useResource(() => call(api.getActivity, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const [busy, setBusy] = useState<'enroll' | 'cancel' | null>(null);
  const set = (a: ActivityView) => activity.setData(() => a);

  const enroll = async (a: ActivityView) => {
    if (busy) return;
    setBusy('enroll');
    try {
      const answer = await call(api.enroll, { params: { id: a.id } });
      set(answer);
      toast(answer.mine?.status === 'waitlisted' ? `已进入候补，第 ${answer.mine.waitlistPosition} 位` : '报名成功', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };
  const cancel = async (a: ActivityView) => {
    if (busy) return;
    const waiting = a.mine?.status === 'waitlisted';
    if (!(await confirmDialog({ title: waiting ? '退出候补？' : '取消报名？', content: waiting ? '退出后候补位次不再保留。' : '取消后名额将让给候补的工友。', confirmText: waiting ? '退出候补' : '取消报名' }))) return;
    setBusy('cancel');
    try {
      set(await call(api.cancelEnrollment, { params: { id: a.id } }));
      toast(waiting ? '已退出候补' : '已取消报名', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  return (
    <WishGate id={id} resource={activity} className='gh-activity-detail' missing='没有找到这个活动' back={{ label: '去看活动', page: ACTIVITIES_PAGE }}>
      {(a) => {
        const live = a.mine && a.mine.status !== 'cancelled' ? a.mine : null;
        return (
          <>
            <HeaderBand title={a.title} subtitle={`${activityCategoryLabels[a.category]} · ${a.unionName}`} />
            <View className='gh-card gh-card--overlap'>
              <PhaseBadge phase={a.phase} />
              <View className='gh-activity-detail__place'>{stateText(a)}</View>
            </View>
            <View className='gh-card gh-activity-actions'>
              {!live && a.phase === 'signup' ? (
                <Button type='primary' block loading={busy === 'enroll'} className='gh-activity-detail__enroll' onClick={() => void enroll(a)}>
                  {a.enrolledCount >= a.capacity && a.waitlist ? '报名候补' : '报名'}
                </Button>
              ) : null}
              {live?.status === 'enrolled' && !live.checkedInAt && isCheckInDay(a) ? (
                <Button type='primary' block className='gh-activity-detail__code' onClick={() => openPage(MEMBER_CARD_PAGE)}>
                  出示签到码
                </Button>
              ) : null}
              {live?.mayCancel ? (
                <Button fill='outline' block loading={busy === 'cancel'} className='gh-activity-detail__cancel' onClick={() => void cancel(a)}>
                  {live.status === 'waitlisted' ? '退出候补' : '取消报名'}
                </Button>
              ) : null}
              {live?.status === 'enrolled' && !live.mayCancel && !live.checkedInAt && a.phase !== 'ended' && a.phase !== 'cancelled' ? <View className='gh-activity-note'>已过取消截止时间，如不能参加请联系工会。</View> : null}
              <Button fill='outline' block className='gh-activity-detail__back' onClick={() => openPage(ACTIVITIES_PAGE)}>
                返回活动列表
              </Button>
            </View>
            <View className='gh-card'>
              <View className='gh-activity-detail__desc'>{a.description}</View>
              <Fact label='时间'>{whenText(a)}</Fact>
              <Fact label='地点'>{a.place}</Fact>
              <Fact label='名额'>{`${a.enrolledCount}/${a.capacity}${a.waitlistCount ? `，候补 ${a.waitlistCount} 人` : ''}`}</Fact>
              <Fact label='报名时间'>{`${formatShanghai(a.signupStartsAt)} – ${formatShanghai(a.signupEndsAt)}`}</Fact>
              <Fact label='取消截止'>{formatShanghai(a.cancelDeadline)}</Fact>
              {a.audienceTags.length ? <Fact label='面向'>{a.audienceTags.map((t) => memberTagLabels[t]).join('、')}</Fact> : null}
              <Fact label='签到'>活动当天到场出示会员码，由工作人员扫码签到</Fact>
            </View>
          </>
        );
      }}
    </WishGate>
  );
}
