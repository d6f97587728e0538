import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { ACTIVITY_CATEGORIES, activityCategoryLabels, type ActivityCategory, type ActivityView, type TopicView } from '@gonghui/shared';
import { api, call, newIdempotencyKey } from '../../api';
import { ActivityCard, placeText } from '../../components/activities/ActivityParts';
import { Chips, FormRow } from '../../components/Form';
import { HeaderBand, PageShell } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { ListFooter } from '../../components/wishes/WishParts';
import { toast } from '../../dialogs';
import { usePagedList } from '../../hooks/usePagedList';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { openPage } from '../../navigation';
import { ACTIVITIES_PAGE, ACTIVITY_PAGE, withQuery } from '../../routes';
import { useAppStore } from '../../stores';
import { pressable } from '../account/shared/pressable';
import { useSubmitKey } from '../../hooks/useSubmitKey';

type Tab = 'upcoming' | 'past' | 'topics';
type Filter = 'all' | ActivityCategory;
const FILTERS: { key: Filter; label: string }[] = [{ key: 'all', label: '全部' }, ...ACTIVITY_CATEGORIES.map((c) => ({ key: c, label: activityCategoryLabels[c] }))];

/** 活动: what is open to the member (upcoming first, by category), past ones, and 你点我送. */
export default function ActivitiesPage() {
  const signedIn = useRequireLogin(ACTIVITIES_PAGE, { memberArea: true });
  const me = useAppStore((s) => s.me);
  const member = signedIn && !!me?.member && me.member.status !== 'rejected';
  const [tab, setTab] = useState<Tab>('upcoming');
  const tabs: { key: Tab; label: string }[] = [
    { key: 'upcoming', label: '近期活动' },
    { key: 'past', label: '往期活动' },
    { key: 'topics', label: '你点我送' },
  ];

  return (
    <PageShell className='gh-activities'>
      <HeaderBand title='工会活动' subtitle='公益课堂、技能培训、文体活动、疗休养，在线报名、凭会员码签到' />
      {!member ? (
        <View className='gh-card gh-card--overlap'>
          <EmptyView title={signedIn ? '加入工会后可报名活动' : '登录后查看活动'} hint='工会活动面向会员，入会后即可在这里报名。' />
        </View>
      ) : (
        <>
          <View className='gh-tabs gh-card--overlap gh-activities__tabs' {...(process.env.TARO_ENV === 'h5' ? { role: 'tablist', 'aria-label': '活动' } : {})}>
            {tabs.map((t) => (
              <View key={t.key} className={`gh-tabs__item gh-activities__tab--${t.key} ${tab === t.key ? 'gh-tabs__item--active' : ''}`} {...pressable(null, () => setTab(t.key), { role: 'tab', checked: tab === t.key })}>
                {t.label}
              </View>
            ))}
          </View>
          {tab === 'topics' ? <Topics /> : <ActivityList when={tab} />}
        </>
      )}
    </PageShell>
  );
}

function ActivityList({ when }: { when: 'upcoming' | 'past' }) {
  const [filter, setFilter] = useState<Filter>('all');
  const fetchPage = useCallback(
    (cursor: string | undefined) => call(api.listActivities, { query: { when, category: filter === 'all' ? undefined : filter, cursor, limit: 20 }, toast: false }),
    [when, filter],
  );
  const { list, reload, loadMore } = usePagedList<ActivityView>(fetchPage, { refreshOnShow: true });
  return (
    <View className='gh-activity-list'>
      <Chips options={FILTERS} value={filter} onChange={setFilter} label='活动类别' className='gh-activities__filter' />
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyView title={when === 'upcoming' ? '近期没有可报名的活动' : '还没有往期活动'} hint='工会发布活动后会显示在这里，也可以在“你点我送”里说说想上什么课。' />
      ) : null}
      {list.items.map((a) => (
        <ActivityCard key={a.id} a={a} extra={when === 'upcoming' ? placeText(a) : a.mine?.checkedInAt ? '已参加' : undefined} onOpen={() => openPage(withQuery(ACTIVITY_PAGE, { id: a.id }))} />
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='个活动' />
    </View>
  );
}

/** 你点我送: the ranking of class topics, a vote each, and a new proposal. */
function Topics() {
  const fetchPage = useCallback((cursor: string | undefined) => call(api.listTopics, { query: { status: 'open', cursor, limit: 50 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList<TopicView>(fetchPage, { refreshOnShow: true });
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const proposeKey = useSubmitKey();

  const vote = async (t: TopicView) => {
    if (busy) return;
    setBusy(t.id);
    try {
      await call(api.voteTopic, { params: { id: t.id }, idempotencyKey: newIdempotencyKey() });
      toast('投票成功', 'success');
      await reload(true);
    } catch (e) {
      proposeKey.settle(e); // shown by the API layer
    } finally {
      setBusy(null);
    }
  };
  const propose = async () => {
    if (busy) return;
    if (title.trim().length < 2) {
      toast('请写下想上的课，至少2个字');
      return;
    }
    setBusy('new');
    try {
      await call(api.proposeTopic, { body: { title: title.trim() }, idempotencyKey: proposeKey.key() });
      proposeKey.settle();
      setTitle('');
      toast('已提交，邀请工友来投票吧', 'success');
      await reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='gh-topics'>
      <View className='gh-card'>
        <FormRow label='我想上的课' hint='票数多的课程，工会会优先安排'>
          <Input className='gh-input gh-topics__title' placeholder='例如：中式面点制作' maxLength={30} value={title} onChange={setTitle} />
        </FormRow>
        <Button type='primary' block loading={busy === 'new'} className='gh-topics__propose' onClick={() => void propose()}>
          提交课程主题
        </Button>
      </View>
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='还没有课程主题' hint='写下您想上的课，工友投票，工会来安排。' /> : null}
      {list.items.map((t, i) => (
        <View key={t.id} className='gh-card gh-topic'>
          <View className='gh-topic__rank'>{i + 1}</View>
          <View className='gh-topic__body'>
            <View className='gh-topic__title'>{t.title}</View>
            <View className='gh-topic__meta'>
              {t.votes} 票 · {t.unionName}
            </View>
          </View>
          <Button type='primary' fill={t.votedByMe ? 'outline' : 'solid'} disabled={t.votedByMe} loading={busy === t.id} className='gh-topic__vote' onClick={() => void vote(t)}>
            {t.votedByMe ? '已投票' : '投一票'}
          </Button>
        </View>
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='个主题' />
    </View>
  );
}
