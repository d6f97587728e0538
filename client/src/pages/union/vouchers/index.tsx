import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { batchStatusLabels, formatFen, type BatchStatus, type VoucherBatchAdminView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { DataTable, type Column } from '../../../components/DataTable';
import { StatusBadge } from '../../../components/StatusBadge';
import { Chips } from '../../../components/Form';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { usePagedList } from '../../../hooks/usePagedList';
import { openPage } from '../../../navigation';
import { conditionText, windowText } from '../../../format';
import { serverNow } from '../../../stores/server-clock';
import { BATCHES_PAGE, BATCH_EDIT_PAGE, BATCH_STATS_PAGE, MERCHANTS_PAGE, withQuery } from '../../../routes';
import './index.scss';

const PAGE_SIZE = 50;

type Filter = 'all' | BatchStatus;
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'open', label: batchStatusLabels.open },
  { key: 'scheduled', label: batchStatusLabels.scheduled },
  { key: 'draft', label: batchStatusLabels.draft },
  { key: 'ended', label: batchStatusLabels.ended },
  { key: 'closed', label: batchStatusLabels.closed },
];

const COLUMNS: Column<VoucherBatchAdminView>[] = [
  {
    key: 'title',
    title: '工惠券',
    width: '2.6fr',
    primary: true,
    render: (b) => (
      <View>
        <View className='gh-batches__title'>{b.title}</View>
        <View className='gh-batches__face'>
          {formatFen(b.faceValueFen)} · {conditionText(b)}
          {b.stackable ? ' · 可叠加' : ''}
        </View>
      </View>
    ),
  },
  { key: 'union', title: '发放范围', width: '1.6fr', render: (b) => b.audience.unionName },
  { key: 'window', title: '领取时间', width: '2.2fr', full: true, render: (b) => windowText(b.opensAt, b.closesAt, serverNow()) },
  { key: 'stock', title: '已领/总量', width: '1.1fr', num: true, render: (b) => `${b.stockClaimed} / ${b.stockTotal}` },
  { key: 'status', title: '状态', width: '0.9fr', render: (b) => <StatusBadge status={b.status} /> },
];

export default function BatchesPage() {
  const signedIn = useRequireLogin(BATCHES_PAGE);
  const fetchPage = useCallback((cursor: string | undefined) => call(api.listBatches, { query: { cursor, limit: PAGE_SIZE }, toast: false }), []);
  // Back from creating, publishing or closing: show the change.
  const { list, reload, loadMore } = usePagedList(fetchPage, { enabled: signedIn, refreshOnShow: true });
  const [filter, setFilter] = useState<Filter>('all');

  const rows = list.status === 'ready' ? list.items.filter((b) => filter === 'all' || b.status === filter) : [];
  // A draft this staff member may edit opens in the editor; anything else on its (read-only) page.
  const open = (b: VoucherBatchAdminView) =>
    openPage(withQuery(b.status === 'draft' && b.abilities.update ? BATCH_EDIT_PAGE : BATCH_STATS_PAGE, { id: b.id }));

  return (
    <PageShell wide staffOnly className='gh-batches'>
      <HeaderBand title='工惠券管理' subtitle='新建、发布和停发工惠券；点击一批券查看领取与核销实况' />
      <View className='gh-card gh-card--overlap gh-toolbar'>
        <Button type='primary' className='gh-batches__new' onClick={() => openPage(BATCH_EDIT_PAGE)}>
          新建工惠券
        </Button>
        <Button type='primary' fill='outline' className='gh-batches__merchants' onClick={() => openPage(MERCHANTS_PAGE)}>
          合作商户
        </Button>
      </View>

      <View className='gh-card gh-batches__card'>
        <Chips options={FILTERS} value={filter} onChange={setFilter} className='gh-batches__filter' />
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload(false)} /> : null}
        {list.status === 'ready' && rows.length === 0 ? (
          filter === 'all' ? (
            <EmptyView title='还没有工惠券' hint='点击“新建工惠券”，设置面额、数量和领取时间，保存草稿后发布。' />
          ) : (
            <EmptyView
              title={`没有“${FILTERS.find((f) => f.key === filter)?.label}”的工惠券`}
              hint={list.nextCursor ? '已加载的批次中没有；可加载更早的批次，或选择“全部”。' : '选择“全部”查看所有批次。'}
            />
          )
        ) : null}
        {rows.length > 0 ? <DataTable columns={COLUMNS} rows={rows} rowKey={(b) => b.id} onRowClick={open} className='gh-batches__table' /> : null}
        {list.status === 'ready' && list.nextCursor ? (
          <View className='gh-batches__more'>
            {list.moreError ? <View className='gh-batches__more-error'>{errorText(list.moreError)}</View> : null}
            <Button fill='outline' loading={list.loadingMore} className='gh-load-more' onClick={() => void loadMore(list.nextCursor!)}>
              {list.moreError ? '重试加载更多' : '加载更早的批次'}
            </Button>
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
