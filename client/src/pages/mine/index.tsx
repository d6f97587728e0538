import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CareModeSetting } from '../../components/CareModeSetting';
import { memberStatusLabels, staffRoleLabels } from '@gonghui/shared';
import { useAppStore } from '../../stores';
import { PageShell } from '../../components/PageShell';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import {
  BATCHES_PAGE,
  CONTACT_UNION_PAGE,
  DELETE_ACCOUNT_PAGE,
  LOGIN_PAGE,
  MEMBER_CARD_PAGE,
  MERCHANT_PAGE,
  MERCHANTS_PAGE,
  MINE_PAGE,
  MY_VOUCHERS_PAGE,
  NOTICES_PAGE,
  DONOR_PROFILE_PAGE,
  DONOR_PLEDGES_PAGE,
  DONOR_WISHES_PAGE,
  STAFF_WISHES_PAGE,
  PRIVACY_PAGE,
  TERMS_PAGE,
  UNION_TREE_PAGE, HARDSHIP_PAGE, STAFF_HARDSHIP_PAGE } from '../../routes';
import { Row } from './Row';
import { VisitorMine } from './VisitorMine';
import { refreshUnread, useUnread } from '../../notices';
import './index.scss';

export default function MinePage() {
  // Signed out, 我的 still works: the visitor's view, with a way to sign in (no forced login).
  const signedIn = useRequireLogin(MINE_PAGE, { visitors: true });
  const me = useAppStore((s) => s.me);
  const logout = useAppStore((s) => s.logout);
  const [leaving, setLeaving] = useState(false);
  const unread = useUnread((s) => s.unread);
  useDidShow(() => void refreshUnread());

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
  const isStaff = !!me && me.staffRoles.length > 0;
  if (!signedIn) return <VisitorMine />;

  return (
    <PageShell className='gh-mine'>
      <View className='gh-band gh-mine__band'>
        <View className='gh-mine__avatar' aria-hidden='true'>
          {(me?.member?.nameMasked ?? me?.user.displayName ?? '工').slice(0, 1)}
        </View>
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
        <Row className='gh-mine__notices' title='消息' desc={unread ? `${unread} 条未读` : '心愿进展、工惠券到期提醒'} go='查看' page={NOTICES_PAGE} />
        {me?.member?.status === 'active' ? <Row className='gh-mine__card' title='会员码' desc='电子会员卡，向工会工作人员出示' go='出示' page={MEMBER_CARD_PAGE} /> : null}
        {me?.member && me.member.status !== 'pending' && me.member.status !== 'rejected' ? <Row className='gh-mine__vouchers' title='我的券' desc='已领取的工惠券，到店出示券码使用' go='查看' page={MY_VOUCHERS_PAGE} /> : null}
        {me?.member?.status === 'active' ? <Row className='gh-mine__hardship' title='困难帮扶' desc='困难职工建档申请、帮扶记录、谁查看过我的信息' go='进入' page={HARDSHIP_PAGE} /> : null}
        {me?.staffRoles.some((r) => r.duties.includes('hardship')) ? <Row className='gh-mine__staff-hardship' title='困难职工帮扶' desc='建档审核、档案复核、帮扶发放、主动发现' go='进入' page={STAFF_HARDSHIP_PAGE} /> : null}
        {me?.donor ? <Row className='gh-mine__adoptions' title='我的认领' desc='认领的微心愿、送达与感谢' go='查看' page={DONOR_WISHES_PAGE} /> : null}
        {me?.donor ? <Row className='gh-mine__pledges' title='送温暖认捐' desc='为礼包、年夜饭认捐，查看工会确认' go='查看' page={DONOR_PLEDGES_PAGE} /> : null}
        {me && !me.merchant ? <Row className='gh-mine__donor' title={me.donor ? '爱心档案' : '成为爱心人士'} desc={me.donor ? '展示名称、企业资质' : '个人或企业，认领职工的微心愿'} go={me.donor ? '查看' : '加入'} page={DONOR_PROFILE_PAGE} /> : null}
        {me?.merchant ? <Row className='gh-mine__merchant' title='商户核销' desc={`${me.merchant.merchantName}：核销会员的工惠券`} go='进入' page={MERCHANT_PAGE} /> : null}
        {isStaff ? <Row className='gh-mine__union' title='工会管理' desc='查看本级及下级工会、会员名册' go='进入' page={UNION_TREE_PAGE} /> : null}
        {isStaff ? <Row className='gh-mine__batches' title='工惠券管理' desc='发放工惠券、查看领取核销实况、导出明细' go='进入' page={BATCHES_PAGE} /> : null}
        {isStaff ? <Row className='gh-mine__wishes' title='微心愿审核' desc='审核、发布心愿，确认爱心物品交接' go='进入' page={STAFF_WISHES_PAGE} /> : null}
        {isStaff ? <Row className='gh-mine__merchants' title='合作商户' desc='添加商户和店员、导出月度结算单' go='进入' page={MERCHANTS_PAGE} /> : null}
        <CareModeSetting className='gh-mine__care' />
      </View>

      <View className='gh-card gh-mine__settings gh-mine__about'>
        <Row className='gh-mine__contact' title='联系工会' desc={me?.member ? me.member.unionName : '入会、信息更正、投诉建议'} go='查看' page={CONTACT_UNION_PAGE} />
        <Row className='gh-mine__privacy' title='隐私政策' go='查看' page={PRIVACY_PAGE} />
        <Row className='gh-mine__terms' title='用户协议' go='查看' page={TERMS_PAGE} />
        <Row className='gh-mine__delete' title='注销账号' desc='删除您的个人信息，不能恢复' go='了解' page={DELETE_ACCOUNT_PAGE} />
      </View>

      <View className='gh-button-row'>
        <Button type='default' size='large' block loading={leaving} className='gh-logout' onClick={signOut}>
          退出登录
        </Button>
      </View>
    </PageShell>
  );
}
