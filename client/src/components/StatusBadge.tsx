import { Text } from '@tarojs/components';
import { batchStatusLabels, type BatchStatus } from '@gonghui/shared';
import './StatusBadge.scss';

/** A voucher batch's status (草稿 / 待开始 / 发放中 / 报名中 / 开奖中 / 已开奖 / 已结束 / 已停发) as a coloured badge. */
export function StatusBadge({ status }: { status: BatchStatus }) {
  return <Text className={`gh-badge gh-badge--${status}`}>{batchStatusLabels[status]}</Text>;
}
