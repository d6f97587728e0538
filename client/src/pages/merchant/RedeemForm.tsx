import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { useNumericKeypad } from '../../components/QrScanner';
import type { Redemption } from './useRedemption';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * The code and the order amount. The code field opens the number pad: `type='number'` in the
 * mini-program (no spaces), and `inputmode=numeric` on H5, where the code shows grouped as read out.
 */
export function RedeemForm({ r, onScan }: { r: Redemption; onScan: () => void }) {
  useNumericKeypad('.gh-redeem__code');
  return (
    <View className='gh-redeem__form'>
      <Button type='primary' size='large' block className='gh-redeem__scan' onClick={onScan}>
        扫码核销
      </Button>
      <View className='gh-field'>
        <View className='gh-field__label'>券码</View>
        <Input
          className='gh-field__input gh-redeem__code'
          type={IS_WEAPP ? 'number' : 'text'}
          placeholder='或输入10位券码'
          value={r.codeText}
          maxLength={IS_WEAPP ? 10 : 13}
          onChange={r.editCode}
        />
      </View>
      <View className='gh-field'>
        <View className='gh-field__label'>订单金额</View>
        <Input className='gh-field__input gh-redeem__amount' type='digit' placeholder='顾客本单消费金额' value={r.amountText} maxLength={12} onChange={r.editAmount} />
        <Text className='gh-redeem__unit'>元</Text>
      </View>
      {r.error && r.step.kind === 'form' ? <View className='gh-redeem__error'>{r.error}</View> : null}
      {r.step.kind === 'form' ? (
        <Button type='primary' size='large' block loading={r.busy} className='gh-redeem__preview' onClick={() => void r.preview()}>
          预览优惠
        </Button>
      ) : null}
    </View>
  );
}
