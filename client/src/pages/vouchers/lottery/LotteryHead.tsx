import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { batchStatusLabels, type BatchStatus } from '@gonghui/shared';

/** The top card of both lottery pages: the batch's title, its status and the facts below. */
export function LotteryHead({ title, status, children }: { title: string; status: BatchStatus; children: ReactNode }) {
  return (
    <View className='gh-card gh-lottery__head'>
      <View className='gh-lottery__title'>{title}</View>
      <View className='gh-lottery__status'>{batchStatusLabels[status]}</View>
      <View className='gh-lottery__facts'>{children}</View>
    </View>
  );
}
