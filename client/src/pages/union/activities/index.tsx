import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { activityCategoryLabels, memberTagLabels, type StaffActivityView, type StaffTopicView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PhaseBadge, staffCounts, whenText } from '../../../components/activities/ActivityParts';
import { DataTable, type Column } from '../../../components/DataTable';
import { Chips } from '../../../components/Form';
import { HeaderBand, PageShell } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { ListFooter } from '../../../components/wishes/WishParts';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { openPage } from '../../../navigation';
import { STAFF_ACTIVITIES_PAGE, STAFF_ACTIVITY_EDIT_PAGE, STAFF_ACTIVITY_PAGE, withQuery } from '../../../routes';

type When = 'upcoming' | 'past';
const WHEN: { key: When; label: string }[] = [
  { key: 'upcoming', label: '进行中和未开始' },
  { key: 'past', label: '已结束' },
];

const COLUMNS: Column<StaffActivityView>[] = [
  {
    key: 'title',
    title: '活动',
    width: '2.4fr',
    primary: true,
    render: (a) => (
      <View>
        <View className='gh-staff-activity__title'>{a.title}</View>
        <View className='gh-muted'>
          {activityCategoryLabels[a.category]}
          {a.audienceTags.length ? ` · 仅限${a.audienceTags.map((t) => memberTagLabels[t]).join('、')}` : ''}
        </View>
      </View>
    ),
  },
  { key: 'when', title: '时间', width: '1.8fr', render: (a) => whenText(a) },
  { key: 'union', title: '面向', width: '1.4fr', render: (a) => a.unionName },
  { key: 'counts', title: '报名与签到', width: '1.8fr', render: (a) => staffCounts(a) },
  { key: 'phase', title: '状态', width: '1fr', render: (a) => <PhaseBadge phase={a.phase} /> },
];

/** Union staff: the subtree's activities, publishing a new one, and the 你点我送 ranking to schedule from. */
export default function StaffActivitiesPage() {
  const signedIn = useRequireLogin(STAFF_ACTIVITIES_PAGE);
  const [when, setWhen] = useState<When>('upcoming');
  const fetchPage = useCallback((cursor: string | undefined) => call(api.staffActivities, { query: { when, cursor, limit: 50 }, toast: false }), [when]);
  const { list, reload, loadMore } = usePagedList<StaffActivityView>(fetchPage, { enabled: signedIn, refreshOnShow: true });
  const fetchTopics = useCallback((cursor: string | undefined) => call(api.staffTopics, { query: { status: 'open', cursor, limit: 20 }, toast: false }), []);
  const topics = usePagedList<StaffTopicView>(fetchTopics, { enabled: signedIn, refreshOnShow: true });

  return (
    <PageShell wide staffOnly className='gh-staff-activities'>
      <HeaderBand title='工会活动' subtitle='发布活动、查看报名、现场扫码签到；按“你点我送”的票数安排课程' />
      <View className='gh-card gh-card--overlap gh-toolbar'>
        <Button type='primary' className='gh-staff-activities__new' onClick={() => openPage(STAFF_ACTIVITY_EDIT_PAGE)}>
          发布活动
        </Button>
      </View>
      <View className='gh-card'>
        <Chips options={WHEN} value={when} onChange={setWhen} label='活动时间' className='gh-staff-activities__when' />
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='还没有活动' hint='点击“发布活动”，或从下面的“你点我送”主题安排一场。' /> : null}
        {list.items.length > 0 ? <DataTable columns={COLUMNS} rows={list.items} rowKey={(a) => a.id} onRowClick={(a) => openPage(withQuery(STAFF_ACTIVITY_PAGE, { id: a.id }))} className='gh-staff-activities__table' /> : null}
        <ListFooter list={list} loadMore={loadMore} unit='个活动' />
      </View>
      <View className='gh-card gh-staff-topics'>
        <View className='gh-section-title'>你点我送：职工想上的课</View>
        {topics.list.status === 'error' ? <ErrorView error={topics.list.error} onRetry={() => void topics.reload()} /> : null}
        {topics.list.status === 'ready' && topics.list.items.length === 0 ? <EmptyView title='暂无待安排的课程主题' hint='会员在“活动 · 你点我送”里提出并投票。' /> : null}
        {topics.list.items.map((t, i) => (
          <View key={t.id} className='gh-topic gh-staff-topic'>
            <View className='gh-topic__rank'>{i + 1}</View>
            <View className='gh-topic__body'>
              <View className='gh-topic__title'>{t.title}</View>
              <View className='gh-topic__meta'>
                {t.votes} 票 · {t.unionName}
                {t.description ? ` · ${t.description}` : ''}
              </View>
            </View>
            <Button type='primary' fill='outline' className='gh-topic__vote gh-staff-topic__schedule' onClick={() => openPage(withQuery(STAFF_ACTIVITY_EDIT_PAGE, { topicId: t.id, title: t.title, unionId: t.unionId }))}>
              安排活动
            </Button>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
