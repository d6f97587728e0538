import { useCallback, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, wishCategoryLabels, wishStatusLabels, type StaffWishView, type WishStatus } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { DataTable, type Column } from '../../../components/DataTable';
import { Chips } from '../../../components/Form';
import { Toggle } from '../../../components/Toggle';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { ListFooter, WishStatusBadge } from '../../../components/wishes/WishParts';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { usePagedList } from '../../../hooks/usePagedList';
import { openPage } from '../../../navigation';
import { DONORS_PAGE, STAFF_FILE_WISH_PAGE, STAFF_WISHES_PAGE, STAFF_WISH_PAGE, withQuery } from '../../../routes';
import { pressable } from '../../account/shared/pressable';

type Filter = 'all' | WishStatus;
const SHOWN: WishStatus[] = ['submitted', 'changes_requested', 'published', 'adopted', 'delivered', 'handed_over', 'thanked', 'rejected'];
const FILTERS: { key: Filter; label: string }[] = [{ key: 'all', label: '全部' }, ...SHOWN.map((s) => ({ key: s as Filter, label: wishStatusLabels[s] }))];

const COLUMNS: Column<StaffWishView>[] = [
  {
    key: 'title',
    title: '心愿',
    width: '2.4fr',
    primary: true,
    render: (w) => (
      <View>
        <View className='gh-staff-wishes__title'>{w.title}</View>
        <View className='gh-muted'>
          {wishCategoryLabels[w.category]} · {formatFen(w.valueFen)}
          {w.onBehalf ? ' · 代提交' : ''}
          {w.overdue ? <Text className='gh-staff-wishes__overdue'> · 已逾期</Text> : null}
        </View>
      </View>
    ),
  },
  { key: 'member', title: '职工', width: '1.2fr', render: (w) => `${w.memberNameMasked}（${w.memberNo}）` },
  { key: 'union', title: '工会', width: '1.6fr', render: (w) => w.unionName },
  { key: 'date', title: '希望日期', width: '1fr', render: (w) => w.wishedBy },
  { key: 'status', title: '状态', width: '1fr', render: (w) => <WishStatusBadge status={w.status} /> },
];

/** Union staff: the subtree's wishes by state (待审核 first), the overdue ones, and filing for a member. */
export default function StaffWishesPage() {
  const signedIn = useRequireLogin(STAFF_WISHES_PAGE);
  const [filter, setFilter] = useState<Filter>('submitted');
  const [overdue, setOverdue] = useState(false);
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      call(api.staffWishes, { query: { status: filter === 'all' ? undefined : filter, overdue: overdue ? 'true' : undefined, cursor, limit: 50 }, toast: false }),
    [filter, overdue],
  );
  const { list, reload, loadMore } = usePagedList(fetchPage, { enabled: signedIn, refreshOnShow: true });

  return (
    <PageShell wide staffOnly className='gh-staff-wishes'>
      <HeaderBand title='微心愿审核' subtitle='审核职工心愿、发布到心愿广场，确认爱心物品在站点交接' />
      <View className='gh-card gh-card--overlap gh-toolbar'>
        <Button type='primary' className='gh-staff-wishes__file' onClick={() => openPage(STAFF_FILE_WISH_PAGE)}>
          代职工提交心愿
        </Button>
        <Button type='primary' fill='outline' className='gh-staff-wishes__donors' onClick={() => openPage(DONORS_PAGE)}>
          爱心企业核验
        </Button>
      </View>
      <View className='gh-card'>
        <Chips options={FILTERS} value={filter} onChange={setFilter} label='心愿状态' className='gh-staff-wishes__filter' />
        <View className='gh-staff-wishes__overdue-switch' {...pressable('只看逾期', () => setOverdue(!overdue), { role: 'switch', checked: overdue })}>
          <Toggle on={overdue} />
          <Text>只看逾期（认领超时或过了希望日期）</Text>
        </View>
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='没有符合条件的心愿' hint='换一个状态，或选择“全部”查看本级及下级工会的心愿。' /> : null}
        {list.items.length > 0 ? (
          <DataTable columns={COLUMNS} rows={list.items} rowKey={(w) => w.id} onRowClick={(w) => openPage(withQuery(STAFF_WISH_PAGE, { id: w.id }))} className='gh-staff-wishes__table' />
        ) : null}
        <ListFooter list={list} loadMore={loadMore} unit='个心愿' />
      </View>
    </PageShell>
  );
}
