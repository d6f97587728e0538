import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useShallow } from 'zustand/react/shallow';
import { offerName, type MemberOfferView, type VoucherBatchMemberView } from '@gonghui/shared';
import { useAppStore } from '../../stores';
import { PageShell } from '../../components/PageShell';
import { MemberCard } from '../../components/MemberCard';
import { RoleCards } from '../../components/RoleCard';
import { loadUnionTree, pendingReview } from '../../stores/union-tree';
import { FooterCards } from './FooterCards';
import { errorText } from '../../components/StatusView';
import { goToLogin, openPage } from '../../navigation';
import { BenefitDayBanner } from '../../components/BenefitDayBanner';
import { isMerchantOnly, isStaff } from '../../roles';
import { api, call } from '../../api';
import { useServerClock } from '../../stores/server-clock';
import { formatFen } from '@gonghui/shared';
import { conditionText } from '../../format';
import { HOME_PAGE, MEMBER_CARD_PAGE, MERCHANT_PAGE, MY_VOUCHERS_PAGE, NOTICES_PAGE, VOUCHERS_PAGE, FEEDBACK_PAGE, WARMTH_PAGE } from '../../routes';
import { refreshUnread, useUnread } from '../../notices';
import { pressable } from '../account/shared/pressable';
import { ensureTermsAccepted } from '../login/terms';
import { useResource, type ResourceState } from '../../hooks/useResource';
import { VisitorHome } from './VisitorHome';
import './index.scss';

interface Entry {
  key: string;
  label: string;
  glyph: string;
  page: string;
  memberOnly: boolean;
}

/** Only what exists: each tile opens a working page. */
const ENTRIES: Entry[] = [
  { key: 'vouchers', label: '工惠券', glyph: '券', page: VOUCHERS_PAGE, memberOnly: false },
  { key: 'code', label: '会员码', glyph: '码', page: MEMBER_CARD_PAGE, memberOnly: true },
  { key: 'mine', label: '我的券', glyph: '我', page: MY_VOUCHERS_PAGE, memberOnly: true },
  { key: 'feedback', label: '聆听', glyph: '听', page: FEEDBACK_PAGE, memberOnly: true },
  { key: 'warmth', label: '送温暖', glyph: '暖', page: WARMTH_PAGE, memberOnly: true },
];

type Batches = ResourceState<VoucherBatchMemberView[]>;

/** How many vouchers the member can still take from the batches open now (the 工惠券 tab's 立即领取 buttons). */
export function claimableCount(batches: VoucherBatchMemberView[]): number {
  return batches
    .filter((b) => b.claimState === 'claimable')
    .reduce((n, b) => n + Math.max(1, Math.min(b.myRemaining, b.stockRemaining)), 0);
}

function OpenNow({ batches, onRetry }: { batches: Batches; onRetry: () => void }) {
  if (batches.status === 'error') {
    return (
      <View className='gh-card gh-home__open gh-home__open--error'>
        <View className='gh-home__open-text'>{errorText(batches.error)}</View>
        <Button type='primary' fill='outline' className='gh-home__retry' onClick={onRetry}>
          重新加载
        </Button>
      </View>
    );
  }
  if (batches.status !== 'ready') return null;
  const open = batches.data.filter((b) => b.claimState === 'claimable');
  const count = claimableCount(batches.data);
  if (count === 0) return null;
  return (
    <View className='gh-card gh-home__open'>
      <View className='gh-home__open-head'>
        <View className='gh-home__open-count'>
          <Text className='gh-home__open-n'>{count}</Text> 张可领
        </View>
        <Button type='primary' className='gh-home__go' onClick={() => openPage(VOUCHERS_PAGE)}>
          去领券
        </Button>
      </View>
      {open.slice(0, 3).map((b) => (
        <View key={b.id} className='gh-home__open-row'>
          <Text className='gh-home__open-amount'>{formatFen(b.faceValueFen)}</Text>
          <Text className='gh-home__open-title'>
            {b.title}（{conditionText(b)}）
          </Text>
        </View>
      ))}
      {open.length > 3 ? <View className='gh-home__open-more'>还有 {open.length - 3} 种，去工惠券查看</View> : null}
    </View>
  );
}

/** During a campaign: the gift packs and dinners meant for the member, and whether they still wait. */
function WarmthNow({ offers }: { offers: ResourceState<MemberOfferView[]> }) {
  if (offers.status !== 'ready' || offers.data.length === 0) return null;
  const waiting = offers.data.filter((o) => !o.mine || o.mine.status === 'claimed');
  return (
    <View className='gh-card gh-home__warmth'>
      <View className='gh-home__open-head'>
        <View className='gh-section-title'>两节送温暖</View>
        <Button type='primary' className='gh-home__warmth-go' onClick={() => openPage(WARMTH_PAGE)}>
          {offers.data.some((o) => !o.mine) ? '去领取' : '查看领取码'}
        </Button>
      </View>
      {offers.data.slice(0, 3).map((o) => (
        <View key={o.id} className='gh-home__open-row'>
          <Text className='gh-home__open-title'>
            {offerName(o)}（{!o.mine ? '待领取' : o.mine.status === 'claimed' ? '已预约，凭领取码领取' : '已领取'}）
          </Text>
        </View>
      ))}
      {waiting.length === 0 ? <View className='gh-muted'>都已领取，祝您新春愉快！</View> : null}
    </View>
  );
}

export default function HomePage() {
  const { token, me } = useAppStore(useShallow((s) => ({ token: s.token, me: s.me })));
  const refreshMe = useAppStore((s) => s.refreshMe);
  const clockSynced = useServerClock((s) => s.synced);
  // The same answer as the 工惠券 tab: never a different story. What is claimable changes by the
  // minute on the 20th: asked again (quietly) every time the page shows.
  const batches = useResource(async () => (await call(api.listOpenBatches, { toast: false })).data, [], {
    enabled: !!token && me?.member?.status === 'active',
    refreshOnShow: true,
  });
  const warmth = useResource(async () => (await call(api.myCampaignOffers, { toast: false })).data, [], {
    enabled: !!token && me?.member?.status === 'active',
    refreshOnShow: true,
  });
  // Staff of unions that review applications see how many wait (the union tree's own counts).
  const unions = useResource(loadUnionTree, [], {
    enabled: !!token && isStaff(me),
    refreshOnShow: true,
  });

  // Signed out: the city's batches, asked again each time the page shows. No forced login.
  const visitorBatches = useResource(async () => (await call(api.listVisitorBatches, { toast: false })).data, [], { enabled: !token, refreshOnShow: true });

  const unread = useUnread((s) => s.unread);
  useDidShow(() => {
    const state = useAppStore.getState();
    void refreshUnread();
    if (!state.token) return;
    // A shop assistant's home is the redemption page; member features are not theirs.
    if (isMerchantOnly(state.me)) {
      void Taro.reLaunch({ url: MERCHANT_PAGE });
      return;
    }
    // Keep the card fresh (a new membership, a role change); the cached one shows meanwhile.
    refreshMe()
      .then(async (fresh) => {
        if (isMerchantOnly(fresh)) {
          void Taro.reLaunch({ url: MERCHANT_PAGE });
          return;
        }
        // A membership that became active meanwhile turns the batches on (useResource's `enabled`).
        if (!(await ensureTermsAccepted(fresh))) goToLogin(HOME_PAGE);
      })
      .catch(() => undefined);
  });

  if (!token) return <VisitorHome batches={visitorBatches} clockSynced={clockSynced} />;
  if (!me) {
    return <PageShell className='gh-home' />;
  }
  const pending = unions.status === 'ready' ? pendingReview(unions.data) : null;

  const member = me.member;
  const activeMember = member?.status === 'active';
  const isOtherRole = me.staffRoles.length > 0 || me.merchant !== null || me.donor !== null;
  const greetingName = member?.nameMasked ?? me.user.displayName;
  const entries = ENTRIES.filter((e) => !e.memberOnly || member);

  return (
    <PageShell className='gh-home'>
      <View className='gh-band gh-home__band'>
        <View className='gh-band__title'>您好，{greetingName}</View>
        <View className='gh-band__subtitle'>工会就在身边，普惠触手可及</View>
      </View>

      {member ? <MemberCard member={member} /> : null}
      {!member && isOtherRole ? <RoleCards me={me} overlap pending={pending} /> : null}
      {!member && !isOtherRole ? (
        <View className='gh-card gh-card--overlap gh-home__join'>
          <View className='gh-section-title'>您还不是工会会员</View>
          <View className='gh-muted'>请扫描所在单位工会的入会二维码，实名加入工会后即可领取工惠券、参加活动。</View>
        </View>
      ) : null}

      {/* First what can be claimed now, then the countdown: both from the 工惠券 tab's own answer. */}
      {activeMember ? <OpenNow batches={batches} onRetry={() => void batches.reload()} /> : null}
      {activeMember ? <WarmthNow offers={warmth} /> : null}
      {activeMember && clockSynced ? <BenefitDayBanner className='gh-home__banner' /> : null}

      {/* Member services; staff, merchants and donors have their role card instead. */}
      {member || !isOtherRole ? (
        <View className='gh-card gh-home__entries'>
          {entries.map((e) => (
            <View key={e.key} className={`gh-entry gh-entry--${e.key}`} {...pressable(null, () => openPage(e.page))}>
              <View className='gh-entry__icon' aria-hidden='true'>
                {e.glyph}
              </View>
              <View className='gh-entry__label'>{e.label}</View>
            </View>
          ))}
        </View>
      ) : null}

      {member && isOtherRole ? <RoleCards me={me} pending={pending} /> : null}

      <FooterCards />

      <View className='gh-card gh-home__notices' {...pressable(null, () => openPage(NOTICES_PAGE), { role: 'link' })}>
        <View className='gh-section-title'>
          消息{unread ? <Text className='gh-home__unread'>{unread > 99 ? '99+' : unread} 条未读</Text> : null}
        </View>
        <View className='gh-muted'>{unread ? '心愿进展、工惠券到期等提醒，点击查看 ›' : '暂无未读消息。心愿进展、工惠券到期会在这里提醒 ›'}</View>
      </View>
    </PageShell>
  );
}
