import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { VoucherTicket } from '../../../../components/VoucherTicket';
import { previewOf, type BatchForm } from './model';

/**
 * The ticket as members will see it, redrawn on every keystroke. Beside the form at desktop
 * width, above it on a phone: its wording names no side.
 */
export function BatchPreview({ form, unionName, claimed, note }: { form: BatchForm; unionName: string; claimed: number; note: string }) {
  const p = previewOf(form, claimed);
  return (
    <View className='gh-batch-edit__preview'>
      <View className='gh-batch-edit__preview-title'>预览：会员看到的样子</View>
      <VoucherTicket
        face={p.face}
        amountText={p.amountText}
        conditionText={p.conditionText}
        title={p.title}
        className='gh-batch-edit__ticket'
        aside={<View>剩余 {p.remaining} 张</View>}
        action={
          <Button type='primary' className='gh-claim'>
            立即领取
          </Button>
        }
      >
        <View className='gh-batch-edit__publisher'>{unionName || '发放工会'}发放</View>
        {p.window ? <View>领取时间 {p.window}</View> : null}
        <View>
          每人限领 {p.perMemberLimit} 张 · {p.validity}
        </View>
      </VoucherTicket>
      <View className='gh-batch-edit__preview-note'>{note}</View>
    </View>
  );
}
