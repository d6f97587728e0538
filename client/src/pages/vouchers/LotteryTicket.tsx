import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type LotteryMemberView, type VoucherBatchMemberView, type VoucherBatchVisitorView } from '@gonghui/shared';
import { api, call } from '../../api';
import { VoucherTicket } from '../../components/VoucherTicket';
import { useResource } from '../../hooks/useResource';
import { goToLogin, openPage } from '../../navigation';
import { serverNow } from '../../stores/server-clock';
import { LOTTERY_PAGE, LOTTERY_RESULT_PAGE, MY_VOUCHERS_PAGE, VOUCHERS_PAGE, withQuery } from '../../routes';
import { pressable } from '../account/shared/pressable';
import { lotteryStep, STEP_LABELS, useLotteryRegistration } from './lottery/steps';

/** Asks the server again a little after `at` (server time), spread so every phone does not ask at once. */
export function useReloadAt(at: string | null | undefined, reload: () => void): void {
  useEffect(() => {
    if (!at) return undefined;
    const wait = new Date(at).getTime() - serverNow().getTime() + 1000 + Math.random() * 2000;
    if (wait < 0 || wait > 24 * 3600_000) return undefined;
    const id = setTimeout(reload, wait);
    return () => clearTimeout(id);
  }, [at, reload]);
}

/**
 * A 摇号 batch in the 工惠券 list: 报名摇号 in the window, 已报名 after, then 中签 (to 我的券) or
 * 未中签. A member's own standing comes from the lottery endpoint; a visitor's 报名摇号 signs in.
 */
export function LotteryTicket({ batch, member }: { batch: VoucherBatchMemberView | VoucherBatchVisitorView; member: boolean }) {
  const mine = useResource<LotteryMemberView>(async () => call(api.myLottery, { params: { id: batch.id }, toast: false }), [batch.id], { enabled: member, refreshOnShow: true });
  const reload = mine.reload;
  const { registering, register } = useLotteryRegistration(() => void reload(true));
  useReloadAt(mine.data?.status === 'registering' ? mine.data.drawAt : null, () => void reload(true));
  const entry = member ? (mine.data?.entry ?? null) : undefined;
  const step = lotteryStep(mine.data?.status ?? batch.status, entry);
  const detail = () => openPage(withQuery(member ? LOTTERY_PAGE : LOTTERY_RESULT_PAGE, { id: batch.id }));
  const action =
    step === 'register' ? (
      <Button type='primary' className='gh-claim gh-claim--claimable gh-lottery-register' loading={registering === batch.id} onClick={() => (member ? void register(batch.id) : goToLogin(VOUCHERS_PAGE))}>
        {STEP_LABELS.register}
      </Button>
    ) : step === 'won' ? (
      <Button type='primary' fill='outline' className='gh-claim gh-claim--use gh-lottery-won' onClick={() => openPage(withQuery(MY_VOUCHERS_PAGE, { status: 'unused' }))}>
        中签 · 去使用
      </Button>
    ) : (
      <View className={`gh-claim gh-claim--status gh-lottery-step gh-lottery-step--${step}`}>{STEP_LABELS[step]}</View>
    );
  return (
    <VoucherTicket
      face={batch}
      title={batch.title}
      muted={step === 'lost' || step === 'missed'}
      className={`gh-batch gh-batch--lottery gh-batch--${step}`}
      action={action}
      aside={<View className='gh-batch__stock'>名额 {batch.stockTotal} 个</View>}
    >
      <View className='gh-batch__publisher'>{batch.publisherName}发放 · 摇号</View>
      <View className='gh-batch__window'>
        {batch.status === 'scheduled' ? `${formatShanghai(batch.opensAt)} 开始报名，` : ''}
        {batch.drawAt ? `${formatShanghai(batch.drawAt)} 开奖` : ''}
      </View>
      <View className='gh-batch__quota'>
        {entry ? <Text>我的号码 {entry.ticket} · </Text> : null}
        <Text className='gh-batch__use gh-lottery-detail' {...pressable(null, detail, { role: 'link' })}>
          {member ? '摇号详情 ›' : '摇号公示 ›'}
        </Text>
      </View>
    </VoucherTicket>
  );
}
