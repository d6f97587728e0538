/** Where a member stands with a lottery batch, and what the one button or status says. */
import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { BatchStatus, LotteryEntryView } from '@gonghui/shared';
import { api, call, isApiError, newIdempotencyKey } from '../../../api';
import { errorText } from '../../../components/StatusView';

export type LotteryStep = 'upcoming' | 'register' | 'registered' | 'won' | 'lost' | 'excluded' | 'missed';

export function lotteryStep(status: BatchStatus, entry: LotteryEntryView | null | undefined): LotteryStep {
  if (entry?.result === 'won') return 'won';
  if (entry?.result === 'lost') return 'lost';
  if (entry?.result === 'excluded') return 'excluded';
  if (entry) return 'registered';
  if (status === 'scheduled') return 'upcoming';
  return status === 'registering' ? 'register' : 'missed';
}

export const STEP_LABELS: Record<LotteryStep, string> = {
  upcoming: '即将报名',
  register: '报名摇号',
  registered: '已报名',
  won: '中签',
  lost: '未中签',
  excluded: '未参与开奖',
  missed: '报名已截止',
};

/** Registers for a lottery once per intent: a retry after a lost answer reuses its Idempotency-Key. */
export function useLotteryRegistration(onDone: () => void) {
  const [registering, setRegistering] = useState<string | null>(null);
  const keys = useRef(new Map<string, string>());
  const register = async (batchId: string) => {
    if (registering) return;
    setRegistering(batchId);
    const key = keys.current.get(batchId) ?? newIdempotencyKey();
    keys.current.set(batchId, key);
    try {
      await call(api.registerForLottery, { params: { id: batchId }, idempotencyKey: key, toast: false });
      keys.current.delete(batchId);
      void Taro.showToast({ icon: 'success', title: '报名成功', duration: 2000 });
    } catch (error) {
      if (!isApiError(error) || error.status !== 0) keys.current.delete(batchId);
      void Taro.showToast({ icon: 'none', title: errorText(error), duration: 2500 });
    } finally {
      setRegistering(null);
      onDone();
    }
  };
  return { registering, register };
}
