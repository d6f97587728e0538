import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MyWishView, WishStatus } from '@gonghui/shared';
import { api, call } from '../../api';
import { Chips } from '../../components/Form';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { ListFooter, WishCard } from '../../components/wishes/WishParts';
import { usePagedList } from '../../hooks/usePagedList';
import { openPage } from '../../navigation';
import { MY_WISH_PAGE, WISH_EDIT_PAGE, withQuery } from '../../routes';

type Filter = 'open' | 'review' | 'done' | 'closed';
const FILTERS: { key: Filter; label: string; states: WishStatus[] }[] = [
  { key: 'open', label: '进行中', states: ['published', 'adopted', 'delivered', 'handed_over'] },
  { key: 'review', label: '待提交/审核', states: ['draft', 'submitted', 'changes_requested'] },
  { key: 'done', label: '已实现', states: ['received', 'thanked'] },
  { key: 'closed', label: '已结束', states: ['rejected', 'withdrawn', 'expired'] },
];

/** What the member does next with a wish, shown on its card. */
function nextStep(w: MyWishView): string | null {
  if (w.abilities.confirmReceipt) return '礼物已到工会站点，请领取后确认收到';
  if (w.abilities.thank) return '写一句感谢的话吧';
  if (w.status === 'changes_requested') return `工会请您修改：${w.reviewNote ?? ''}`;
  if (w.status === 'draft') return '草稿，提交后由工会审核';
  return w.donor ? `认领人：${w.donor.displayName}` : null;
}

/** The member's own wishes by state, and 写心愿. */
export function MyWishes({ enabled }: { enabled: boolean }) {
  const [filter, setFilter] = useState<Filter>('open');
  const fetchPage = useCallback((cursor: string | undefined) => call(api.myWishes, { query: { cursor, limit: 50 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList(fetchPage, { enabled, refreshOnShow: true });
  const states = FILTERS.find((f) => f.key === filter)!.states;
  const rows = list.items.filter((w) => states.includes(w.status));

  return (
    <View className='gh-my-wishes'>
      <View className='gh-card gh-card--overlap gh-toolbar'>
        <Button type='primary' block className='gh-my-wishes__new' onClick={() => openPage(WISH_EDIT_PAGE)}>
          写心愿
        </Button>
      </View>
      <Chips options={FILTERS} value={filter} onChange={setFilter} label='心愿状态' className='gh-my-wishes__filter' />
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && rows.length === 0 ? (
        <EmptyView title='这里还没有心愿' hint='点击“写心愿”，写下您的一个小心愿，工会审核后发布，爱心人士认领帮您实现。' />
      ) : null}
      {rows.map((w) => (
        <WishCard key={w.id} title={w.title} face={w} status={w.status} extra={nextStep(w)} className='gh-my-wish' onOpen={() => openPage(withQuery(MY_WISH_PAGE, { id: w.id }))} />
      ))}
      {rows.length > 0 ? <ListFooter list={list} loadMore={loadMore} unit='个心愿' /> : null}
    </View>
  );
}
