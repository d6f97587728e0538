import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, type VoucherBatchVisitorView } from '@gonghui/shared';
import { PageShell } from '../../components/PageShell';
import { FooterCards } from './FooterCards';
import { BenefitDayBanner } from '../../components/BenefitDayBanner';
import { errorText } from '../../components/StatusView';
import { goToLogin, openPage } from '../../navigation';
import { conditionText, windowText } from '../../format';
import { MEMBER_CARD_PAGE, MY_VOUCHERS_PAGE, VOUCHERS_PAGE } from '../../routes';
import type { Resource } from '../../hooks/useResource';
import { pressable } from '../account/shared/pressable';

/** 工惠券 opens for everyone; the member tiles ask to sign in and then open. */
const VISITOR_ENTRIES = [
  { key: 'vouchers', label: '工惠券', glyph: '券', go: () => openPage(VOUCHERS_PAGE) },
  { key: 'code', label: '会员码', glyph: '码', go: () => goToLogin(MEMBER_CARD_PAGE) },
  { key: 'mine', label: '我的券', glyph: '我', go: () => goToLogin(MY_VOUCHERS_PAGE) },
];

/** What the city offers now (or next): the same batches the 工惠券 tab shows a visitor. */
function CityOffers({ batches }: { batches: Resource<VoucherBatchVisitorView[]> }) {
  if (batches.status === 'error') {
    return (
      <View className='gh-card gh-home__open gh-home__open--error'>
        <View className='gh-home__open-text'>{errorText(batches.error)}</View>
        <Button type='primary' fill='outline' className='gh-home__retry' onClick={() => void batches.reload()}>
          重新加载
        </Button>
      </View>
    );
  }
  if (batches.status !== 'ready') return null;
  const open = batches.data.filter((b) => b.claimState === 'sign_in_required');
  const next = batches.data.find((b) => b.claimState === 'not_started');
  if (open.length === 0 && !next) return null;
  return (
    <View className='gh-card gh-home__open gh-home__open--visitor'>
      <View className='gh-home__open-head'>
        <View className='gh-home__open-count'>
          {open.length > 0 ? (
            <Text>
              <Text className='gh-home__open-n'>{open.length}</Text> 种工惠券正在发放
            </Text>
          ) : (
            <Text>工惠日即将开抢</Text>
          )}
        </View>
        <Button type='primary' className='gh-home__go' onClick={() => openPage(VOUCHERS_PAGE)}>
          去看看
        </Button>
      </View>
      {(open.length > 0 ? open : [next!]).slice(0, 3).map((b) => (
        <View key={b.id} className='gh-home__open-row'>
          <Text className='gh-home__open-amount'>{formatFen(b.faceValueFen)}</Text>
          <Text className='gh-home__open-title'>
            {b.title}（{conditionText(b)}）{b.claimState === 'not_started' ? ` ${windowText(b.opensAt, b.closesAt)}` : ''}
          </Text>
        </View>
      ))}
      <View className='gh-home__open-more'>工会会员登录后即可领取</View>
    </View>
  );
}

/**
 * 首页 before signing in: what the union offers and a way in, never a forced login (WeChat's review
 * rejects one at launch). Signing in is asked for when a tile or 立即领取 needs an account.
 */
export function VisitorHome({ batches, clockSynced }: { batches: Resource<VoucherBatchVisitorView[]>; clockSynced: boolean }) {
  return (
    <PageShell className='gh-home gh-home--visitor'>
      <View className='gh-band gh-home__band'>
        <View className='gh-band__title'>您好，欢迎使用工惠</View>
        <View className='gh-band__subtitle'>工会就在身边，普惠触手可及</View>
      </View>

      <View className='gh-card gh-card--overlap gh-home__signin'>
        <View className='gh-home__signin-text'>
          <View className='gh-section-title'>登录后享受会员服务</View>
          <View className='gh-muted'>领取工惠券、出示会员码、实名加入工会，请先登录。</View>
        </View>
        <Button type='primary' className='gh-home__signin-button' onClick={() => goToLogin()}>
          登录
        </Button>
      </View>

      <CityOffers batches={batches} />
      {clockSynced ? <BenefitDayBanner className='gh-home__banner' /> : null}

      <View className='gh-card gh-home__entries'>
        {VISITOR_ENTRIES.map((e) => (
          <View key={e.key} className={`gh-entry gh-entry--${e.key}`} {...pressable(null, e.go)}>
            <View className='gh-entry__icon' aria-hidden='true'>
              {e.glyph}
            </View>
            <View className='gh-entry__label'>{e.label}</View>
          </View>
        ))}
      </View>

      <FooterCards />
    </PageShell>
  );
}
