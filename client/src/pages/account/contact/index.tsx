import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useAppStore } from '../../../stores';
import { PageShell } from '../../../components/PageShell';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { goToLogin, openPage } from '../../../navigation';
import { CONTACT_UNION_PAGE, MEMBER_CARD_PAGE, PRIVACY_PAGE } from '../../../routes';
import { SubPageNav } from '../shared/SubPageNav';
import '../shared/account.scss';

/** Who the member's union is and how to reach it: from the member card (the server has no phone book yet). */
const NO_ROLES: never[] = [];

export default function ContactUnionPage() {
  // Whom to ask is for visitors too (我的 links here before signing in).
  const signedIn = useRequireLogin(CONTACT_UNION_PAGE, { visitors: true });
  const member = useAppStore((s) => s.me?.member ?? null);
  // A selector must not build a new array on each call: zustand would re-render forever.
  const staffUnions = useAppStore((s) => s.me?.staffRoles ?? NO_ROLES);

  return (
    <PageShell className='gh-account gh-contact'>
      <SubPageNav title='联系工会' />
      {member ? (
        <View className='gh-card gh-account__card'>
          <View className='gh-account__label'>您所在的工会</View>
          <View className='gh-contact__union'>{member.unionName}</View>
          {member.unionPathNames.length > 1 ? (
            <View className='gh-contact__path' aria-label={`上级工会：${member.unionPathNames.filter((n) => n !== member.unionName).join('、')}`}>
              {member.unionPathNames.join(' › ')}
            </View>
          ) : null}
          <View className='gh-account__label gh-contact__employer-label'>工作单位</View>
          <View className='gh-account__p'>{member.employer || '—'}</View>
          <View className='gh-account__label gh-contact__employer-label'>会员号</View>
          <View className='gh-account__p gh-contact__no'>{member.memberNo}</View>
        </View>
      ) : null}
      {!member && !signedIn ? (
        <View className='gh-card gh-account__card'>
          <View className='gh-account__label'>您还没有登录</View>
          <View className='gh-account__p'>已入会的职工登录后，这里显示您所在的工会和会员号。还没有入会的，请向单位工会索取入会二维码，用微信扫码后实名入会。</View>
          <Button type='primary' size='large' block className='gh-contact__login' onClick={() => goToLogin(CONTACT_UNION_PAGE)}>
            登录 / 注册
          </Button>
        </View>
      ) : null}
      {!member && signedIn ? (
        <View className='gh-card gh-account__card'>
          <View className='gh-account__label'>您还没有加入工会</View>
          <View className='gh-account__p'>请向单位工会索取入会二维码，扫码后实名入会。没有成立工会的单位，可以联系所在街道、乡镇或区县总工会。</View>
          {staffUnions.length > 0 ? <View className='gh-account__p'>您是{staffUnions.map((r) => r.unionName).join('、')}的工作人员。</View> : null}
        </View>
      ) : null}

      <View className='gh-card gh-account__card'>
        <View className='gh-section-title'>怎么联系</View>
        <View className='gh-account__p'>1. 找本单位的工会主席或工会干事，这是最快的方式。</View>
        <View className='gh-account__p'>2. 单位工会解决不了的，可以联系上一级工会（见上方工会名称）。</View>
        <View className='gh-account__p'>3. 也可以拨打全国职工维权服务热线 12351。</View>
        {member ? <View className='gh-account__p'>联系时请报上您的姓名和会员号，或出示会员码，工作人员可以直接查到您。</View> : null}
      </View>

      <View className='gh-card gh-account__card'>
        <View className='gh-section-title'>可以找工会办理</View>
        <View className='gh-account__p'>更正姓名、工作单位等信息；入会审核进度；工惠券使用中遇到的商户问题；对个人信息处理的疑问和投诉。</View>
      </View>

      <View className='gh-button-row'>
        {member ? (
          <Button type='primary' size='large' block className='gh-contact__card' onClick={() => openPage(MEMBER_CARD_PAGE)}>
            出示会员码
          </Button>
        ) : null}
        <Button type='default' size='large' block className='gh-contact__privacy' onClick={() => openPage(PRIVACY_PAGE)}>
          查看隐私政策
        </Button>
      </View>
    </PageShell>
  );
}
