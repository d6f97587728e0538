import { useCallback, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type NoticeView } from '@gonghui/shared';
import { api, call } from '../../api';
import { PageShell, HeaderBand } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { ListFooter } from '../../components/wishes/WishParts';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { usePagedList } from '../../hooks/usePagedList';
import { openPage } from '../../navigation';
import { setUnread } from '../../notices';
import { HOME_PAGE, NOTICES_PAGE, withQuery } from '../../routes';
import { pressable } from '../account/shared/pressable';
import './index.scss';

const PAGE_SIZE = 30;

/** Unread first, each part newest first (the server's order kept). */
function unreadFirst(items: NoticeView[]): NoticeView[] {
  return [...items.filter((n) => !n.readAt), ...items.filter((n) => n.readAt)];
}

export default function NoticesPage() {
  const signedIn = useRequireLogin(NOTICES_PAGE);
  const fetchPage = useCallback((cursor: string | undefined) => call(api.notices, { query: { cursor, limit: PAGE_SIZE }, toast: false }), []);
  const { list, reload, loadMore, updateItems } = usePagedList(fetchPage, { enabled: signedIn, refreshOnShow: true });
  const [marking, setMarking] = useState(false);
  const now = () => new Date().toISOString();

  const open = async (n: NoticeView) => {
    if (!n.readAt) {
      updateItems((items) => items.map((x) => (x.id === n.id ? { ...x, readAt: now() } : x)));
      call(api.readNotice, { params: { id: n.id }, toast: false })
        .then((r) => setUnread(r.unread))
        .catch(() => undefined);
    }
    if (n.link) openPage(withQuery(n.link.page, { id: n.link.id }));
  };

  const readAll = async () => {
    setMarking(true);
    try {
      const r = await call(api.readAllNotices, {});
      setUnread(r.unread);
      updateItems((items) => items.map((x) => (x.readAt ? x : { ...x, readAt: now() })));
    } catch {
      // shown by the API layer
    } finally {
      setMarking(false);
    }
  };

  const items = unreadFirst(list.items);
  const unread = items.filter((n) => !n.readAt).length;

  return (
    <PageShell className='gh-notices'>
      <HeaderBand title='消息' subtitle={unread > 0 ? `${unread} 条未读` : '心愿进展、工惠券到期等提醒'} />
      <View className='gh-card gh-card--overlap gh-notices__bar'>
        <Button type='primary' fill='outline' disabled={unread === 0} loading={marking} className='gh-notices__read-all' onClick={() => void readAll()}>
          全部标为已读
        </Button>
      </View>
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && items.length === 0 ? (
        <EmptyView
          title='还没有消息'
          hint='心愿有了进展、工惠券快到期时，会在这里提醒您。'
          action={
            <Button type='primary' fill='outline' className='gh-notices__home' onClick={() => openPage(HOME_PAGE)}>
              回到首页
            </Button>
          }
        />
      ) : null}
      {items.map((n) => (
        <View key={n.id} className={`gh-card gh-notice ${n.readAt ? '' : 'gh-notice--unread'}`} {...pressable(null, () => void open(n), { role: n.link ? 'link' : 'button' })}>
          <View className='gh-notice__head'>
            {n.readAt ? null : <Text className='gh-notice__dot'>未读</Text>}
            <Text className='gh-notice__title'>{n.title}</Text>
          </View>
          <View className='gh-notice__body'>{n.body}</View>
          <View className='gh-notice__when'>
            {formatShanghai(n.createdAt)}
            {n.link ? ' · 查看详情 ›' : ''}
          </View>
        </View>
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='条消息' />
    </PageShell>
  );
}
