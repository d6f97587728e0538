import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { staffRoleLabels, unionKindLabels, type Me, type UnionNode } from '@gonghui/shared';
import { openPage } from '../navigation';
import { BATCHES_PAGE, MERCHANT_PAGE, UNION_MEMBERS_PAGE, UNION_TREE_PAGE, WISHES_PAGE, withQuery } from '../routes';
import './RoleCard.scss';

/** Applications waiting for review in the caller's unions, and where staff review them. */
export interface PendingReview {
  total: number;
  /** The member list filtered to 待审核: of the one union with applications, else of all. */
  url: string;
}

/**
 * From the union tree (each union's own pendingCount): null when no union in reach reviews
 * applications (every one admits automatically and none has an application waiting).
 */
export function pendingReview(unions: UnionNode[]): PendingReview | null {
  const reviewing = unions.filter((u) => u.pendingCount > 0 || (u.kind === 'grassroots' && u.joinApproval === 'manual'));
  if (reviewing.length === 0) return null;
  const waiting = unions.filter((u) => u.pendingCount > 0);
  const total = waiting.reduce((n, u) => n + u.pendingCount, 0);
  const only = waiting.length === 1 ? waiting[0] : undefined;
  const url = only
    ? withQuery(UNION_MEMBERS_PAGE, { unionId: only.id, unionName: only.name, status: 'pending' })
    : withQuery(UNION_MEMBERS_PAGE, { status: 'pending' });
  return { total, url };
}

/** What a signed-in non-member sees on home: their staff, merchant or donor role. */
export function RoleCards({ me, overlap = false, pending = null }: { me: Me; overlap?: boolean; pending?: PendingReview | null }) {
  return (
    <View className={overlap ? 'gh-role-cards gh-role-cards--overlap' : 'gh-role-cards'}>
      {me.staffRoles.length > 0 ? (
        <View className='gh-role-card gh-role-card--staff'>
          <View className='gh-role-card__kind'>工会工作人员</View>
          {me.staffRoles.map((r) => (
            <View key={r.unionId} className='gh-role-card__line'>
              <View className='gh-role-card__union'>{r.unionName}</View>
              <View className='gh-role-card__meta'>
                {unionKindLabels[r.unionKind]} · {staffRoleLabels[r.role]}
              </View>
            </View>
          ))}
          {pending ? (
            <View className={pending.total > 0 ? 'gh-role-card__pending gh-role-card__pending--waiting' : 'gh-role-card__pending'}>
              {pending.total > 0 ? (
                <View className='gh-role-card__pending-text'>
                  待审核入会申请 <Text className='gh-role-card__pending-n'>{pending.total}</Text> 份
                </View>
              ) : (
                <View className='gh-role-card__pending-text'>暂无待审核的入会申请</View>
              )}
              {pending.total > 0 ? (
                <Button type='primary' className='gh-role-card__review gh-go-review' onClick={() => openPage(pending.url)}>
                  去审核
                </Button>
              ) : null}
            </View>
          ) : null}
          <View className='gh-role-card__buttons'>
            <Button type='primary' className='gh-role-card__button gh-go-union' onClick={() => openPage(UNION_TREE_PAGE)}>
              工会管理
            </Button>
            <Button type='primary' fill='outline' className='gh-role-card__button gh-go-batches' onClick={() => openPage(BATCHES_PAGE)}>
              工惠券管理
            </Button>
          </View>
        </View>
      ) : null}
      {me.merchant ? (
        <View className='gh-role-card gh-role-card--merchant'>
          <View className='gh-role-card__kind'>合作商户</View>
          <View className='gh-role-card__union'>{me.merchant.merchantName}</View>
          <View className='gh-role-card__meta'>扫码核销会员的工惠券</View>
          <Button type='primary' block className='gh-role-card__button gh-go-merchant' onClick={() => openPage(MERCHANT_PAGE)}>
            扫码核销
          </Button>
        </View>
      ) : null}
      {me.donor ? (
        <View className='gh-role-card gh-role-card--donor'>
          <View className='gh-role-card__kind'>{me.donor.kind === 'enterprise' ? '爱心企业' : '爱心人士'}</View>
          <View className='gh-role-card__union'>{me.donor.displayName}</View>
          <View className='gh-role-card__meta'>认领职工的微心愿，传递温暖</View>
          <Button type='primary' block className='gh-role-card__button' onClick={() => openPage(WISHES_PAGE)}>
            去看微心愿
          </Button>
        </View>
      ) : null}
    </View>
  );
}
