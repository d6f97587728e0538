import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type LotteryMemberView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell } from '../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { LOTTERY_PAGE, LOTTERY_RESULT_PAGE, MY_VOUCHERS_PAGE, VOUCHER_PAGE, withQuery } from '../../../routes';
import { useReloadAt } from '../LotteryTicket';
import { LotteryHead } from './LotteryHead';
import { lotteryStep, STEP_LABELS, useLotteryRegistration } from './steps';
import './index.scss';

const STEP_HINTS = {
  upcoming: '报名开始后可在这里报名。',
  register: '报名后于开奖时间统一随机抽取，报名早晚不影响中签机会。',
  registered: '已报名，请留意开奖时间，开奖后在这里查看结果。',
  won: '恭喜中签！工惠券已放入“我的券”。',
  lost: '很遗憾未中签，下次工惠日再来。',
  excluded: '开奖时您的会员资格不符合发放条件，未参与本次开奖。',
  missed: '本次摇号报名已截止。',
} as const;

/** One 摇号 batch for a member: 报名摇号, the ticket, then 中签 (to the voucher) or 未中签, and the way to the 公示. */
export default function LotteryPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(LOTTERY_PAGE, { id }), { memberArea: true });
  const lottery = useResource<LotteryMemberView>(() => call(api.myLottery, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const reload = lottery.reload;
  const { registering, register } = useLotteryRegistration(() => void reload(true));
  useReloadAt(lottery.data?.status === 'registering' ? lottery.data.drawAt : null, () => void reload(true));

  if (lottery.status === 'loading' || lottery.status === 'idle') return <PageShell className='gh-lottery'><LoadingView /></PageShell>;
  if (lottery.status === 'error') return <PageShell className='gh-lottery'><ErrorView error={lottery.error} onRetry={() => void reload()} /></PageShell>;
  const l = lottery.data;
  const step = lotteryStep(l.status, l.entry);
  return (
    <PageShell className='gh-lottery'>
      <LotteryHead title={l.title} status={l.status}>
        <View>报名时间：{formatShanghai(l.registrationOpensAt)} 至 {formatShanghai(l.drawAt)}</View>
        <View>开奖时间：{formatShanghai(l.drawAt)}</View>
        <View>
          名额 {l.prizes} 个 · 已报名 {l.registrations} 人
        </View>
      </LotteryHead>

      <View className={`gh-card gh-lottery__mine gh-lottery__mine--${step}`}>
        <View className='gh-lottery__result' role='status'>
          {STEP_LABELS[step]}
        </View>
        {l.entry ? (
          <View className='gh-lottery__ticket'>
            我的号码 <Text className='gh-lottery__number'>{l.entry.ticket}</Text>
          </View>
        ) : null}
        <View className='gh-lottery__hint'>{step === 'register' && !l.eligible ? '您不在本批工惠券的发放范围内。' : STEP_HINTS[step]}</View>
        {step === 'register' && l.eligible ? (
          <Button type='primary' size='large' block className='gh-lottery__register' loading={registering === l.batchId} onClick={() => void register(l.batchId)}>
            报名摇号
          </Button>
        ) : null}
        {step === 'won' && l.entry?.voucherId ? (
          <Button type='primary' size='large' block className='gh-lottery__use' onClick={() => openPage(withQuery(VOUCHER_PAGE, { id: l.entry!.voucherId! }))}>
            查看我的券
          </Button>
        ) : null}
        {step === 'won' ? (
          <Button fill='outline' size='large' block className='gh-lottery__mine-list' onClick={() => openPage(withQuery(MY_VOUCHERS_PAGE, { status: 'unused' }))}>
            我的券
          </Button>
        ) : null}
      </View>

      <View className='gh-card gh-lottery__fair'>
        <View className='gh-section-title'>公平公开</View>
        <View className='gh-lottery__hint'>发布时已生成随机种子并公开其 SHA-256 摘要，开奖后公布种子和全部号码，任何人都可以复算中签结果。</View>
        <View className='gh-lottery__hash'>种子摘要：{l.seedHash}</View>
        <Button fill='outline' size='large' block className='gh-lottery__public' onClick={() => openPage(withQuery(LOTTERY_RESULT_PAGE, { id: l.batchId }))}>
          查看摇号公示
        </Button>
      </View>
    </PageShell>
  );
}
