import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CareModeSetting } from '../../components/CareModeSetting';
import { memberStatusLabels, staffRoleLabels } from '@gonghui/shared';
import { useAppStore } from '../../stores';
import { PageShell } from '../../components/PageShell';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { openPage } from '../../navigation';
import { BATCHES_PAGE, LOGIN_PAGE, MERCHANT_PAGE, MERCHANTS_PAGE, MINE_PAGE, MY_VOUCHERS_PAGE, UNION_TREE_PAGE } from '../../routes';
import './index.scss';

export default function MinePage() {
  useRequireLogin(MINE_PAGE);
  const me = useAppStore((s) => s.me);
  const logout = useAppStore((s) => s.logout);
  const [leaving, setLeaving] = useState(false);

  const signOut = async () => {
    setLeaving(true);
    await logout();
    setLeaving(false);
    void Taro.reLaunch({ url: LOGIN_PAGE });
  };

  const roles: string[] = [];
  if (me?.member) roles.push(`工会会员（${memberStatusLabels[me.member.status]}）`);
  for (const r of me?.staffRoles ?? []) roles.push(`${r.unionName}${staffRoleLabels[r.role]}`);
  if (me?.merchant) roles.push(`${me.merchant.merchantName}店员`);
  if (me?.donor) roles.push(me.donor.kind === 'enterprise' ? '爱心企业' : '爱心人士');

  return (
    <PageShell className='gh-mine'>
      <View className='gh-band gh-mine__band'>
        <View className='gh-mine__avatar'>{(me?.member?.nameMasked ?? me?.user.displayName ?? '工').slice(0, 1)}</View>
        <View className='gh-mine__who'>
          <View className='gh-mine__name'>{me?.member?.nameMasked ?? me?.user.displayName ?? ''}</View>
          <View className='gh-mine__phone'>{me?.user.phoneMasked ?? ''}</View>
        </View>
      </View>

      {roles.length > 0 ? (
        <View className='gh-card gh-card--overlap gh-mine__roles'>
          <View className='gh-section-title'>我的身份</View>
          {roles.map((r) => (
            <View key={r} className='gh-mine__role'>
              {r}
            </View>
          ))}
        </View>
      ) : (
        <View className='gh-card gh-card--overlap gh-mine__roles'>
          <View className='gh-section-title'>我的身份</View>
          <View className='gh-muted'>您还没有加入工会。请扫描所在单位工会的入会二维码。</View>
        </View>
      )}

      <View className='gh-card gh-mine__settings'>
        <CareModeSetting className='gh-mine__care' />
        {me?.member ? (
          <View className='gh-setting gh-mine__vouchers' onClick={() => openPage(MY_VOUCHERS_PAGE)}>
            <View className='gh-setting__text'>
              <View className='gh-setting__title'>我的券</View>
              <View className='gh-setting__desc'>已领取的工惠券，到店出示券码使用</View>
            </View>
            <View className='gh-setting__go'>查看 ›</View>
          </View>
        ) : null}
        {me?.merchant ? (
          <View className='gh-setting gh-mine__merchant' onClick={() => openPage(MERCHANT_PAGE)}>
            <View className='gh-setting__text'>
              <View className='gh-setting__title'>商户核销</View>
              <View className='gh-setting__desc'>{me.merchant.merchantName}：核销会员的工惠券</View>
            </View>
            <View className='gh-setting__go'>进入 ›</View>
          </View>
        ) : null}
        {me && me.staffRoles.length > 0 ? (
          <View className='gh-setting gh-mine__union' onClick={() => openPage(UNION_TREE_PAGE)}>
            <View className='gh-setting__text'>
              <View className='gh-setting__title'>工会管理</View>
              <View className='gh-setting__desc'>查看本级及下级工会、会员名册</View>
            </View>
            <View className='gh-setting__go'>进入 ›</View>
          </View>
        ) : null}
        {me && me.staffRoles.length > 0 ? (
          <View className='gh-setting gh-mine__batches' onClick={() => openPage(BATCHES_PAGE)}>
            <View className='gh-setting__text'>
              <View className='gh-setting__title'>工惠券管理</View>
              <View className='gh-setting__desc'>发放工惠券、查看领取核销实况、导出明细</View>
            </View>
            <View className='gh-setting__go'>进入 ›</View>
          </View>
        ) : null}
        {me && me.staffRoles.length > 0 ? (
          <View className='gh-setting gh-mine__merchants' onClick={() => openPage(MERCHANTS_PAGE)}>
            <View className='gh-setting__text'>
              <View className='gh-setting__title'>合作商户</View>
              <View className='gh-setting__desc'>添加商户和店员、导出月度结算单</View>
            </View>
            <View className='gh-setting__go'>进入 ›</View>
          </View>
        ) : null}
      </View>

      <View className='gh-button-row'>
        <Button type='default' size='large' block loading={leaving} className='gh-logout' onClick={signOut}>
          退出登录
        </Button>
      </View>
    </PageShell>
  );
}
