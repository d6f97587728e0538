import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { feedbackCategoryLabels, formatShanghai, type FeedbackCategory, type FeedbackDashboard, type StaffFeedbackView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { FeedbackBadge, TimeLeft } from '../../../components/activities/FeedbackParts';
import { DataTable, type Column } from '../../../components/DataTable';
import { Chips } from '../../../components/Form';
import { HeaderBand, PageShell } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { ListFooter } from '../../../components/wishes/WishParts';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { STAFF_FEEDBACK_DETAIL_PAGE, STAFF_FEEDBACK_PAGE, withQuery } from '../../../routes';
import '../../../components/activities/activities.scss';

type Box = 'inbox' | 'all';
const BOXES: { key: Box; label: string }[] = [
  { key: 'inbox', label: '本级待办' },
  { key: 'all', label: '本级及下级全部' },
];

const COLUMNS: Column<StaffFeedbackView>[] = [
  {
    key: 'summary',
    title: '诉求',
    width: '2.6fr',
    primary: true,
    render: (f) => (
      <View>
        <View className='gh-staff-feedback__summary'>{f.summary}</View>
        <View className='gh-muted'>
          {feedbackCategoryLabels[f.category]} · {formatShanghai(f.createdAt)}
          {f.bypassGrassroots ? ' · 不经本单位工会' : ''}
          {f.escalations ? ` · 已升级${f.escalations}次` : ''}
        </View>
      </View>
    ),
  },
  { key: 'member', title: '职工', width: '1.6fr', render: (f) => `${f.memberName} · ${f.memberUnionName}` },
  { key: 'union', title: '办理工会', width: '1.4fr', render: (f) => f.handlingUnionName },
  { key: 'left', title: '首次回复', width: '1.2fr', render: (f) => (f.timeLeftMinutes === null ? (f.firstRepliedAt ? formatShanghai(f.firstRepliedAt) : '—') : <TimeLeft minutes={f.timeLeftMinutes} />) },
  { key: 'status', title: '状态', width: '0.9fr', render: (f) => <FeedbackBadge status={f.status} /> },
];

function percent(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 100)}%`;
}
function minutes(x: number | null): string {
  if (x === null) return '—';
  return x < 60 ? `${Math.round(x)} 分钟` : `${(x / 60).toFixed(1)} 小时`;
}

/** 诉求搜集—数据分析—服务迭代: the subtree's figures over six months. */
function Dashboard({ d }: { d: FeedbackDashboard }) {
  const byCategory = new Map<FeedbackCategory, number>();
  for (const r of d.byCategoryMonth) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.count);
  const figures: [string, string][] = [
    ['近六个月诉求', String(d.total)],
    ['待回复', `${d.pending}（超时 ${d.overdue}）`],
    ['首次回复中位数', minutes(d.medianFirstReplyMinutes)],
    ['24小时内回复率', percent(d.answeredWithin24hShare)],
  ];
  return (
    <View className='gh-card gh-card--overlap gh-feedback-dashboard'>
      <View className='gh-dashboard'>
        {figures.map(([label, value]) => (
          <View key={label} className='gh-dashboard__cell'>
            <View className='gh-dashboard__figure'>{value}</View>
            <View className='gh-dashboard__label'>{label}</View>
          </View>
        ))}
      </View>
      <View className='gh-activity-note gh-feedback-dashboard__categories'>
        {[...byCategory.entries()].map(([c, n]) => `${feedbackCategoryLabels[c]} ${n}`).join(' · ') || '暂无诉求'}
      </View>
      <View className='gh-activity-note'>
        按月：
        {d.months.map((m) => `${m.slice(5)}月 ${d.byCategoryMonth.filter((r) => r.month === m).reduce((n, r) => n + r.count, 0)}`).join(' · ')}
      </View>
    </View>
  );
}

/** Union staff's 聆听: the dashboard, the inbox with time left against 24 hours, and the subtree's requests. */
export default function StaffFeedbackPage() {
  const signedIn = useRequireLogin(STAFF_FEEDBACK_PAGE);
  const [box, setBox] = useState<Box>('inbox');
  const dashboard = useResource(() => call(api.feedbackDashboard, { query: { months: 6 }, toast: false }), [], { enabled: signedIn, refreshOnShow: true });
  const fetchPage = useCallback((cursor: string | undefined) => call(api.staffFeedbackList, { query: { box, cursor, limit: 50 }, toast: false }), [box]);
  const { list, reload, loadMore } = usePagedList<StaffFeedbackView>(fetchPage, { enabled: signedIn, refreshOnShow: true });

  return (
    <PageShell wide staffOnly className='gh-staff-feedback'>
      <HeaderBand title='聆听 · 职情直通车' subtitle='24小时内首次回复；超时未回复自动转上级工会' />
      {dashboard.status === 'ready' ? <Dashboard d={dashboard.data} /> : <View className='gh-card gh-card--overlap'>{dashboard.status === 'error' ? <ErrorView error={dashboard.error} onRetry={() => void dashboard.reload()} /> : <LoadingView />}</View>}
      <View className='gh-card'>
        <Chips options={BOXES} value={box} onChange={setBox} label='诉求范围' className='gh-staff-feedback__box' />
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <EmptyView title={box === 'inbox' ? '没有待办诉求' : '还没有诉求'} hint='职工在“聆听”提交的诉求会出现在这里。' /> : null}
        {list.items.length > 0 ? <DataTable columns={COLUMNS} rows={list.items} rowKey={(f) => f.id} onRowClick={(f) => openPage(withQuery(STAFF_FEEDBACK_DETAIL_PAGE, { id: f.id }))} className='gh-staff-feedback__table' /> : null}
        <ListFooter list={list} loadMore={loadMore} unit='条诉求' />
      </View>
    </PageShell>
  );
}
