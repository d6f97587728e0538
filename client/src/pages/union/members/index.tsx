import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  formatShanghaiDate,
  memberStatusLabels,
  memberTagLabels,
  type MemberAdminView,
} from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { usePagedList } from '../../../hooks/usePagedList';
import { UNION_MEMBERS_PAGE, withQuery } from '../../../routes';
import './index.scss';

const PAGE_SIZE = 20;

function decode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function MemberRow({ m }: { m: MemberAdminView }) {
  return (
    <View className='gh-mrow'>
      {(
        [
          ['name', '姓名', m.name],
          ['no', '会员号', m.memberNo],
          ['phone', '手机', m.phoneMasked],
          ['id', '身份证', m.idNumberMasked],
          ['employer', '单位', m.employer],
        ] as const
      ).map(([key, label, value]) => (
        <View key={key} className={`gh-mrow__cell gh-mrow__${key}`}>
          <Text className='gh-mrow__label'>{label}</Text>
          {value}
        </View>
      ))}
      <View className={m.tags.length === 0 ? 'gh-mrow__cell gh-mrow__tags gh-mrow__tags--empty' : 'gh-mrow__cell gh-mrow__tags'}>
        <Text className='gh-mrow__label'>标签</Text>
        {m.tags.length === 0 ? <Text className='gh-mrow__none'>—</Text> : null}
        {m.tags.map((t) => (
          <Text key={t} className='gh-tag'>
            {memberTagLabels[t]}
          </Text>
        ))}
      </View>
      <View className='gh-mrow__cell gh-mrow__status'>
        <Text className='gh-mrow__label'>状态</Text>
        <Text className={`gh-status-text gh-status-text--${m.status}`}>{memberStatusLabels[m.status]}</Text>
      </View>
      <View className='gh-mrow__cell gh-mrow__joined'>
        <Text className='gh-mrow__label'>入会</Text>
        {formatShanghaiDate(m.joinedAt)}
      </View>
    </View>
  );
}

export default function UnionMembersPage() {
  const router = useRouter();
  const unionId = decode(router.params.unionId);
  const unionName = decode(router.params.unionName);
  const signedIn = useRequireLogin(withQuery(UNION_MEMBERS_PAGE, { unionId, unionName }));

  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const fetchPage = useCallback(
    (cursor: string | undefined) => call(api.listMembers, { query: { unionId, q: q || undefined, cursor, limit: PAGE_SIZE }, toast: false }),
    [unionId, q],
  );
  const { list, reload, loadMore } = usePagedList(fetchPage);

  useEffect(() => {
    if (signedIn) void reload();
  }, [signedIn, reload]);

  const search = () => setQ(draft.trim());
  const clearSearch = () => {
    setDraft('');
    setQ('');
  };

  return (
    <PageShell wide className='gh-members'>
      <HeaderBand title={unionName ? `${unionName}` : '会员名册'} subtitle='会员名册（含下级工会），身份证号和手机号已脱敏' />

      <View className='gh-card gh-card--overlap gh-members__search'>
        <Input
          className='gh-members__q'
          placeholder='按姓名搜索'
          value={draft}
          confirmType='search'
          maxLength={30}
          onChange={(v) => setDraft(v)}
          onConfirm={search}
        />
        <Button type='primary' className='gh-members__search-button' onClick={search}>
          搜索
        </Button>
        {q ? (
          <Button fill='outline' className='gh-members__clear' onClick={clearSearch}>
            清除
          </Button>
        ) : null}
      </View>

      <View className='gh-card gh-members__card'>
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? (
          q ? (
            <EmptyView title={`没有找到姓名包含“${q}”的会员`} hint='请检查姓名是否有误，或清除搜索查看全部会员。' />
          ) : (
            <EmptyView title='这个工会还没有会员' hint='职工扫描本工会的入会二维码完成实名入会后，会显示在这里。' />
          )
        ) : null}
        {list.status === 'ready' && list.items.length > 0 ? (
          <View className='gh-mtable'>
            <View className='gh-mrow gh-mrow--head'>
              <View className='gh-mrow__cell'>姓名</View>
              <View className='gh-mrow__cell'>会员号</View>
              <View className='gh-mrow__cell'>手机</View>
              <View className='gh-mrow__cell'>身份证</View>
              <View className='gh-mrow__cell'>单位</View>
              <View className='gh-mrow__cell'>标签</View>
              <View className='gh-mrow__cell'>状态</View>
              <View className='gh-mrow__cell'>入会</View>
            </View>
            {list.items.map((m) => (
              <MemberRow key={m.id} m={m} />
            ))}
          </View>
        ) : null}
        {list.status === 'ready' && list.items.length > 0 ? (
          <View className='gh-members__more'>
            {list.moreError ? <View className='gh-members__more-error'>{errorText(list.moreError)}</View> : null}
            {list.nextCursor ? (
              <Button fill='outline' block loading={list.loadingMore} className='gh-load-more' onClick={() => void loadMore(list.nextCursor!)}>
                {list.moreError ? '重试加载更多' : '加载更多'}
              </Button>
            ) : (
              <View className='gh-members__end'>已显示全部 {list.items.length} 位会员</View>
            )}
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
