import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { unionKindLabels, type UnionNode } from '@gonghui/shared';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { useResource } from '../../../hooks/useResource';
import { loadUnionTree } from '../../../stores/union-tree';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { openPage } from '../../../navigation';
import { BATCHES_PAGE, MEMBER_LOOKUP_PAGE, MERCHANTS_PAGE, UNION_MEMBERS_PAGE, UNION_TREE_PAGE, withQuery } from '../../../routes';
import { pressable } from '../../account/shared/pressable';
import './index.scss';

function UnionRow({ union, level }: { union: UnionNode; level: number }) {
  const open = () => openPage(withQuery(UNION_MEMBERS_PAGE, { unionId: union.id, unionName: union.name }));
  return (
    <View
      className={`gh-union-row gh-union-row--${union.kind}`}
      // Indent by depth; pxTransform keeps the design unit (rpx on weapp, rem on H5).
      style={{ paddingLeft: Taro.pxTransform(24 + Math.min(level, 6) * 40) }}
      {...pressable(null, open)}
    >
      <View className='gh-union-row__main'>
        <View className='gh-union-row__name'>{union.name}</View>
        <View className='gh-union-row__meta'>
          <View className={`gh-kind gh-kind--${union.kind}`}>{unionKindLabels[union.kind]}</View>
          <View className='gh-union-row__count'>会员 {union.memberCount} 人</View>
          {union.kind === 'grassroots' && union.joinApproval === 'manual' ? <View className='gh-union-row__approval'>入会需审核</View> : null}
          {union.pendingCount > 0 ? <View className='gh-union-row__pending'>待审核 {union.pendingCount} 人</View> : null}
        </View>
      </View>
      <View className='gh-union-row__go' aria-hidden='true'>
        会员名册 ›
      </View>
    </View>
  );
}

/** Applications waiting for review, per grassroots union, each a way to the list filtered to 待审核. */
function PendingCard({ unions }: { unions: UnionNode[] }) {
  const waiting = unions.filter((u) => u.pendingCount > 0);
  if (waiting.length === 0) return null;
  const total = waiting.reduce((n, u) => n + u.pendingCount, 0);
  return (
    <View className='gh-card gh-pending'>
      <View className='gh-pending__title'>
        待审核入会申请 <Text className='gh-pending__total'>{total}</Text> 份
      </View>
      {waiting.map((u) => (
        <View key={u.id} className='gh-pending__row'>
          <Text className='gh-pending__name'>{u.name}</Text>
          <Button
            type='primary'
            className='gh-pending__go'
            onClick={() => openPage(withQuery(UNION_MEMBERS_PAGE, { unionId: u.id, unionName: u.name, status: 'pending' }))}
          >
            {`审核 ${u.pendingCount} 份`}
          </Button>
        </View>
      ))}
    </View>
  );
}

export default function UnionTreePage() {
  const signedIn = useRequireLogin(UNION_TREE_PAGE);
  // Back from reviewing applications: the pending counts change.
  const unions = useResource(loadUnionTree, [], { enabled: signedIn, refreshOnShow: true });

  const minDepth = unions.status === 'ready' ? Math.min(...unions.data.map((u) => u.depth)) : 0;

  return (
    <PageShell wide staffOnly className='gh-union-tree'>
      <HeaderBand title='工会管理' subtitle='本级及下级工会，点击查看会员名册；工惠券和合作商户在下方进入' />
      <View className='gh-card gh-card--overlap gh-union-tree__tools'>
        <Button type='primary' className='gh-union-tree__tool gh-go-batches' onClick={() => openPage(BATCHES_PAGE)}>
          工惠券管理
        </Button>
        <Button type='primary' fill='outline' className='gh-union-tree__tool gh-go-merchants' onClick={() => openPage(MERCHANTS_PAGE)}>
          合作商户
        </Button>
        <Button type='primary' fill='outline' className='gh-union-tree__tool gh-go-lookup' onClick={() => openPage(MEMBER_LOOKUP_PAGE)}>
          会员码查询
        </Button>
      </View>
      {unions.status === 'ready' ? <PendingCard unions={unions.data} /> : null}
      <View className='gh-card gh-union-tree__card'>
        {unions.status === 'loading' ? <LoadingView /> : null}
        {unions.status === 'error' ? <ErrorView error={unions.error} onRetry={() => void unions.reload()} /> : null}
        {unions.status === 'ready' && unions.data.length === 0 ? (
          <EmptyView title='没有可管理的工会' hint='您的账号还没有工会管理权限，请联系上级工会为您开通。' />
        ) : null}
        {unions.status === 'ready' && unions.data.length > 0 ? (
          <View className='gh-union-tree__list'>
            {unions.data.map((u) => (
              // `depth` counts from the city federation; indent from the caller's own top union.
              <UnionRow key={u.id} union={u} level={u.depth - minDepth} />
            ))}
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
