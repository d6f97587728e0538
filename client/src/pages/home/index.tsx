import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../stores';
import { PageShell } from '../../components/PageShell';
import { MemberCard } from '../../components/MemberCard';
import { RoleCards } from '../../components/RoleCard';
import { comingSoon, goToLogin, openPage } from '../../navigation';
import { BenefitDayBanner } from '../../components/BenefitDayBanner';
import { isMerchantOnly } from '../../roles';
import { fetchOpenBatches } from '../../api/server-time';
import { useServerClock } from '../../stores/server-clock';
import { ACTIVITIES_PAGE, HOME_PAGE, MERCHANT_PAGE, VOUCHERS_PAGE, WISHES_PAGE } from '../../routes';
import './index.scss';

interface Entry {
  key: string;
  label: string;
  glyph: string;
  onTap: () => void;
}

const ENTRIES: Entry[] = [
  { key: 'vouchers', label: '工惠券', glyph: '券', onTap: () => openPage(VOUCHERS_PAGE) },
  { key: 'wishes', label: '微心愿', glyph: '愿', onTap: () => openPage(WISHES_PAGE) },
  { key: 'activities', label: '活动', glyph: '活', onTap: () => openPage(ACTIVITIES_PAGE) },
  { key: 'warmth', label: '送温暖', glyph: '暖', onTap: () => comingSoon('送温暖') },
  { key: 'listen', label: '聆听', glyph: '听', onTap: () => comingSoon('聆听') },
  { key: 'code', label: '会员码', glyph: '码', onTap: () => comingSoon('会员码') },
];

export default function HomePage() {
  const { token, me } = useAppStore(useShallow((s) => ({ token: s.token, me: s.me })));
  const refreshMe = useAppStore((s) => s.refreshMe);

  useDidShow(() => {
    if (!useAppStore.getState().token) {
      goToLogin(HOME_PAGE);
      return;
    }
    // A shop assistant's home is the redemption page; member features are not theirs.
    if (isMerchantOnly(useAppStore.getState().me)) {
      void Taro.reLaunch({ url: MERCHANT_PAGE });
      return;
    }
    // Keep the card fresh (a new membership, a role change); the cached one shows meanwhile.
    refreshMe()
      .then((fresh) => {
        if (isMerchantOnly(fresh)) void Taro.reLaunch({ url: MERCHANT_PAGE });
        // The banner's countdown follows the server's clock: members learn it from the batch list.
        else if (fresh?.member?.status === 'active' && !useServerClock.getState().synced) fetchOpenBatches().catch(() => undefined);
      })
      .catch(() => undefined);
  });

  if (!token || !me) {
    return <PageShell className='gh-home' />;
  }

  const member = me.member;
  const isOtherRole = me.staffRoles.length > 0 || me.merchant !== null || me.donor !== null;
  const greetingName = member?.nameMasked ?? me.user.displayName;

  return (
    <PageShell className='gh-home'>
      <View className='gh-band gh-home__band'>
        <View className='gh-band__title'>您好，{greetingName}</View>
        <View className='gh-band__subtitle'>工会就在身边，普惠触手可及</View>
      </View>

      {member ? <MemberCard member={member} /> : null}
      {!member && isOtherRole ? <RoleCards me={me} overlap /> : null}
      {!member && !isOtherRole ? (
        <View className='gh-card gh-card--overlap gh-home__join'>
          <View className='gh-section-title'>您还不是工会会员</View>
          <View className='gh-muted'>请扫描所在单位工会的入会二维码，实名加入工会后即可领取工惠券、参加活动。</View>
        </View>
      ) : null}

      <BenefitDayBanner onTap={() => openPage(VOUCHERS_PAGE)} />

      {/* Member services; staff, merchants and donors have their role card instead. */}
      {member || !isOtherRole ? (
        <View className='gh-card gh-home__entries'>
          {ENTRIES.map((e) => (
            <View key={e.key} className={`gh-entry gh-entry--${e.key}`} onClick={e.onTap}>
              <View className='gh-entry__icon'>{e.glyph}</View>
              <View className='gh-entry__label'>{e.label}</View>
            </View>
          ))}
        </View>
      ) : null}

      {member && isOtherRole ? <RoleCards me={me} /> : null}

      <View className='gh-card gh-home__notices'>
        <View className='gh-section-title'>通知公告</View>
        <View className='gh-muted'>暂无新通知。工会的重要通知会显示在这里。</View>
      </View>
    </PageShell>
  );
}
