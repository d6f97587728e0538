import { useCallback } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type DonorWishView } from '@gonghui/shared';
import { api, call } from '../../api';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { ListFooter, WishCard } from '../../components/wishes/WishParts';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { usePagedList } from '../../hooks/usePagedList';
import { openPage } from '../../navigation';
import { useAppStore } from '../../stores';
import { DONOR_PROFILE_PAGE, DONOR_WISHES_PAGE, DONOR_WISH_PAGE, WISHES_PAGE, withQuery } from '../../routes';

function nextStep(d: DonorWishView): string {
  if (d.thanks) return `收到感谢：“${d.thanks.message}”`;
  if (d.abilities.deliver) return `请在 ${formatShanghai(d.adoption.dueAt)} 前送到${d.stationUnionName}`;
  return d.stationUnionName;
}

/** The donor's adoptions: what to deliver, where and by when, and the thanks once written. */
export default function DonorWishesPage() {
  const signedIn = useRequireLogin(DONOR_WISHES_PAGE);
  const isDonor = useAppStore((s) => !!s.me?.donor);
  const fetchPage = useCallback((cursor: string | undefined) => call(api.donorWishes, { query: { cursor, limit: 20 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList(fetchPage, { enabled: signedIn && isDonor, refreshOnShow: true });

  return (
    <PageShell className='gh-donor-wishes'>
      <HeaderBand title='我的认领' subtitle='物品或服务送到工会站点，由工会转交给职工' />
      {signedIn && !isDonor ? (
        <EmptyView
          title='您还不是爱心人士'
          hint='登记为个人或企业爱心人士后，就可以认领职工的微心愿。'
          action={
            <Button type='primary' className='gh-donor-wishes__become' onClick={() => openPage(DONOR_PROFILE_PAGE)}>
              成为爱心人士
            </Button>
          }
        />
      ) : null}
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyView
          title='还没有认领心愿'
          hint='到心愿广场挑一个心愿，认领后在14天内送到工会站点。'
          action={
            <Button type='primary' className='gh-donor-wishes__browse' onClick={() => openPage(WISHES_PAGE)}>
              去心愿广场
            </Button>
          }
        />
      ) : null}
      {list.items.map((d) => (
        <WishCard key={d.wish.id} title={d.wish.title} face={d.wish} status={d.wish.status} extra={nextStep(d)} className='gh-donor-wish' onOpen={() => openPage(withQuery(DONOR_WISH_PAGE, { id: d.wish.id }))} />
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='个认领' />
    </PageShell>
  );
}
