import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { staffRoleLabels, unionKindLabels, type Me } from '@gonghui/shared';
import { openPage } from '../navigation';
import { BATCHES_PAGE, DONOR_PLEDGES_PAGE, DONOR_WISHES_PAGE, MERCHANT_PAGE, STAFF_WISHES_PAGE, UNION_TREE_PAGE, WISHES_PAGE } from '../routes';
import type { PendingReview } from '../stores/union-tree';
import './RoleCard.scss';

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
            <Button type='primary' fill='outline' className='gh-role-card__button gh-go-wishes' onClick={() => openPage(STAFF_WISHES_PAGE)}>
              微心愿审核
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
          <View className='gh-role-card__buttons'>
            <Button type='primary' className='gh-role-card__button gh-go-wish-square' onClick={() => openPage(WISHES_PAGE)}>
              去看微心愿
            </Button>
            <Button type='primary' fill='outline' className='gh-role-card__button gh-go-adoptions' onClick={() => openPage(DONOR_WISHES_PAGE)}>
              我的认领
            </Button>
          </View>
          <Button type='primary' fill='outline' block className='gh-role-card__button gh-go-pledges' onClick={() => openPage(DONOR_PLEDGES_PAGE)}>
            送温暖认捐
          </Button>
        </View>
      ) : null}
    </View>
  );
}
