import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CareModeSetting } from '../../components/CareModeSetting';
import { PageShell } from '../../components/PageShell';
import { goToLogin } from '../../navigation';
import { CONTACT_UNION_PAGE, MINE_PAGE, PRIVACY_PAGE, TERMS_PAGE } from '../../routes';
import { Row } from './Row';

/**
 * 我的 before signing in: what works without an account (关怀模式 on this device, the legal
 * texts, how to join and whom to ask) and a way to sign in that comes back here. No forced
 * login: WeChat's review rejects one.
 */
export function VisitorMine() {
  return (
    <PageShell className='gh-mine gh-mine--visitor'>
      <View className='gh-band gh-mine__band'>
        <View className='gh-mine__avatar' aria-hidden='true'>
          工
        </View>
        <View className='gh-mine__who'>
          <View className='gh-mine__name'>您还没有登录</View>
          <View className='gh-mine__phone'>登录后查看会员身份和我的券</View>
        </View>
      </View>

      <View className='gh-card gh-card--overlap gh-mine__signin'>
        <View className='gh-section-title'>登录 / 注册</View>
        <View className='gh-muted'>用手机号和短信验证码登录，第一次登录即完成注册。</View>
        <Button type='primary' size='large' block className='gh-mine__login' onClick={() => goToLogin(MINE_PAGE)}>
          登录 / 注册
        </Button>
      </View>

      <View className='gh-card gh-mine__join'>
        <View className='gh-section-title'>如何加入工会</View>
        <View className='gh-mine__step'>1. 向所在单位的工会索取入会二维码（工会干事、公告栏或活动室）。</View>
        <View className='gh-mine__step'>2. 用微信扫一扫，扫描单位工会的入会二维码。</View>
        <View className='gh-mine__step'>3. 填写姓名、身份证号和工作单位，提交后即可入会（部分工会需审核）。</View>
        <View className='gh-muted gh-mine__step'>单位还没有成立工会的，可以联系所在街道、乡镇或区县总工会。</View>
      </View>

      <View className='gh-card gh-mine__settings'>
        <CareModeSetting className='gh-mine__care' />
      </View>

      <View className='gh-card gh-mine__settings gh-mine__about'>
        <Row className='gh-mine__contact' title='联系工会' desc='入会、信息更正、投诉建议' go='查看' page={CONTACT_UNION_PAGE} />
        <Row className='gh-mine__privacy' title='隐私政策' go='查看' page={PRIVACY_PAGE} />
        <Row className='gh-mine__terms' title='用户协议' go='查看' page={TERMS_PAGE} />
      </View>
    </PageShell>
  );
}
