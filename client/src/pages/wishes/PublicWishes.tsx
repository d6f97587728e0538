import { useCallback, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, wishCategoryLabels, WishCategory, type PublicWishView } from '@gonghui/shared';
import { api, call } from '../../api';
import { Chips } from '../../components/Form';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { ListFooter, WishCard, useWishAction } from '../../components/wishes/WishParts';
import { usePagedList } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { openPage } from '../../navigation';
import { askWishSubscription } from '../../subscribe';
import { DONOR_WISHES_PAGE, PUBLIC_WISH_PAGE, withQuery } from '../../routes';
import { pressable } from '../account/shared/pressable';

type Cat = 'all' | WishCategory;
const CATEGORIES: { key: Cat; label: string }[] = [{ key: 'all', label: '全部' }, ...WishCategory.options.map((c) => ({ key: c as Cat, label: wishCategoryLabels[c] }))];

/**
 * Published wishes (masked by the server) by category and district. An enterprise donor may pick
 * several and adopt them at once (all or none).
 */
export function PublicWishes({ multiAdopt }: { multiAdopt: boolean }) {
  const [category, setCategory] = useState<Cat>('all');
  const [district, setDistrict] = useState<string>('all');
  const districts = useDistrictChips();
  const [picked, setPicked] = useState<string[]>([]);
  const { acting, run } = useWishAction();
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      return call(api.publicWishes, {
        query: { category: category === 'all' ? undefined : category, districtId: district === 'all' ? undefined : district, cursor, limit: 20 },
        toast: false,
      });
    },
    [category, district],
  );
  const { list, reload, loadMore } = usePagedList(fetchPage, { refreshOnShow: true });
  const rows = list.items.filter((w) => w.status === 'published');
  const toggle = (w: PublicWishView) => setPicked((p) => (p.includes(w.id) ? p.filter((x) => x !== w.id) : [...p, w.id]));

  const adoptPicked = () =>
    run('adopt', (idempotencyKey) => call(api.adoptWishes, { body: { wishIds: picked }, idempotencyKey }), {
      payload: picked.join(','),
      confirm: { title: `认领 ${picked.length} 个心愿？`, content: '请在14天内把物品或服务送到心愿所在的区县工会站点。', confirmText: '确认认领' },
      success: '认领成功',
      done: () => {
        setPicked([]);
        askWishSubscription();
        openPage(DONOR_WISHES_PAGE);
      },
    });

  return (
    <View className='gh-public-wishes'>
      <Chips options={CATEGORIES} value={category} onChange={setCategory} label='心愿类别' className='gh-public-wishes__category' />
      {districts.length > 2 ? <Chips options={districts} value={district} onChange={setDistrict} label='地区' className='gh-public-wishes__district' /> : null}
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && rows.length === 0 ? <EmptyView title='暂时没有待认领的心愿' hint='换一个类别或地区看看，或稍后再来。' /> : null}
      {rows.map((w) => (
        <View key={w.id} className='gh-public-wish'>
          <WishCard
            title={w.title}
            face={w}
            status={w.status}
            extra={`${w.wisherNameMasked} · ${w.grassrootsUnionName ?? w.districtUnionName}`}
            onOpen={() => openPage(withQuery(PUBLIC_WISH_PAGE, { id: w.id }))}
          />
          {multiAdopt ? (
            <View className={`gh-chip gh-public-wish__pick ${picked.includes(w.id) ? 'gh-chip--on' : ''}`} {...pressable(`选择认领：${w.title}`, () => toggle(w), { role: 'checkbox', checked: picked.includes(w.id) })}>
              {picked.includes(w.id) ? '已选' : '选择'}
            </View>
          ) : null}
        </View>
      ))}
      {rows.length > 0 ? <ListFooter list={list} loadMore={loadMore} unit='个心愿' /> : null}
      {multiAdopt && picked.length > 0 ? (
        <View className='gh-card gh-public-wishes__adopt-bar'>
          <Button type='primary' block loading={acting === 'adopt'} className='gh-public-wishes__adopt' onClick={() => void adoptPicked()}>
            认领所选（{picked.length}）
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 全部地区 and the district and industry unions under the city (the same list for the square and the totals). */
function useDistrictChips(allLabel = '全部地区'): { key: string; label: string }[] {
  const list = useResource(() => call(api.wishDistricts, { toast: false }), []);
  return useMemo(() => [{ key: 'all', label: allLabel }, ...(list.data?.data ?? []).map((d) => ({ key: d.id, label: d.name }))], [list.data, allLabel]);
}

/** A union's totals: wishes waiting, under way, fulfilled (and their value) and the donors who fulfilled them. */
function WishTotalsCard() {
  const districts = useDistrictChips('全市');
  const [union, setUnion] = useState('all');
  const totals = useResource(() => call(api.wishTotals, { query: { unionId: union === 'all' ? undefined : union }, toast: false }), [union]);
  const t = totals.data;
  return (
    <View className='gh-card gh-wish-totals'>
      <View className='gh-section-title'>{t ? `${t.unionName}微心愿` : '微心愿统计'}</View>
      {districts.length > 2 ? <Chips options={districts} value={union} onChange={setUnion} label='统计范围' className='gh-wish-totals__scope' /> : null}
      {t ? (
        <View className='gh-wish-totals__grid'>
          <Figure num={String(t.fulfilled)} label='已实现心愿' />
          <Figure num={formatFen(t.fulfilledValueFen)} label='实现心愿价值' />
          <Figure num={String(t.donors)} label='爱心人士和企业' />
          <Figure num={String(t.inProgress)} label='正在实现' />
          <Figure num={String(t.published)} label='等待认领' />
        </View>
      ) : totals.status === 'error' ? (
        <ErrorView error={totals.error} onRetry={() => void totals.reload()} />
      ) : (
        <LoadingView />
      )}
    </View>
  );
}

function Figure({ num, label }: { num: string; label: string }) {
  return (
    <View className='gh-wish-totals__figure'>
      <View className='gh-wish-totals__num'>{num}</View>
      <View className='gh-wish-totals__label'>{label}</View>
    </View>
  );
}

/** The thank-you wall: fulfilled wishes, masked, under the totals. */
export function ThanksWall() {
  const fetchPage = useCallback((cursor: string | undefined) => call(api.thanksWall, { query: { cursor, limit: 20 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList(fetchPage, { refreshOnShow: true });
  return (
    <View className='gh-thanks-wall'>
      <WishTotalsCard />
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='感谢墙还是空的' hint='心愿实现后，职工写下的感谢会显示在这里。' /> : null}
      {list.items.map((t) => (
        <View key={t.id} className='gh-card gh-wish-thanks'>
          <View className='gh-wish-card__title'>{t.title}</View>
          <View className='gh-wish-thanks__message'>“{t.message}”</View>
          <View className='gh-wish-thanks__who'>
            <Text>
              {t.wisherNameMasked}（{t.districtUnionName}）感谢 {t.donorName} · {wishCategoryLabels[t.category]} · {formatFen(t.valueFen)} · {formatShanghai(t.thankedAt)}
            </Text>
          </View>
        </View>
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='条感谢' />
    </View>
  );
}
