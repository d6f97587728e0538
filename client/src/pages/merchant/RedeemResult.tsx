import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, type RedemptionResult } from '@gonghui/shared';
import type { Offered, Redemption } from './useRedemption';
import { pressable } from '../account/shared/pressable';

/** The member's other vouchers of the batch as large checkbox rows; ticking one re-prices the order on the server. */
function StackChoices({ offered, picked, used, disabled, onToggle }: { offered: Offered[]; picked: string[]; used: string[]; disabled: boolean; onToggle: (id: string) => void }) {
  return (
    <View className='gh-stack'>
      <View className='gh-stack__title'>该会员还有 {offered.length} 张同批次的券，可叠加使用</View>
      <View className='gh-stack__hint'>请按顾客意愿勾选；优惠金额以系统重新计算为准</View>
      {offered.map((o) => {
        const on = picked.includes(o.id);
        return (
          <View
            key={o.id}
            className={`gh-check gh-stack__row ${on ? 'gh-check--on' : ''} ${disabled ? 'gh-check--disabled' : ''}`}
            {...pressable(null, () => onToggle(o.id), { role: 'checkbox', checked: on, disabled })}
          >
            <View className='gh-check__box' aria-hidden='true'>
              {on ? '✓' : ''}
            </View>
            <View className='gh-check__text'>
              <View className='gh-check__title gh-stack__label'>
                叠加使用 {formatFen(o.faceValueFen)} 券，有效期至{formatShanghai(o.expiresAt)}
              </View>
              {on && !used.includes(o.id) ? <View className='gh-check__desc gh-stack__unused'>订单金额不够，本单用不上这张</View> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** Who, which voucher, the order, the discount and what the customer pays. */
function ResultFacts({ result }: { result: RedemptionResult }) {
  return (
    <View className='gh-facts gh-redeem__facts'>
      <View className='gh-facts__row'>
        <Text className='gh-facts__label'>会员</Text>
        <Text className='gh-facts__value gh-redeem__member'>{result.memberNameMasked}</Text>
      </View>
      <View className='gh-facts__row'>
        <Text className='gh-facts__label'>工惠券</Text>
        <Text className='gh-facts__value'>
          {result.batchTitle}
          {result.vouchers.length > 1 ? ` × ${result.vouchers.length}张` : ''}
        </Text>
      </View>
      <View className='gh-facts__row'>
        <Text className='gh-facts__label'>订单金额</Text>
        <Text className='gh-facts__value'>{formatFen(result.orderAmountFen)}</Text>
      </View>
      <View className='gh-facts__row gh-redeem__discount-row'>
        <Text className='gh-facts__label'>工惠券优惠</Text>
        <Text className='gh-facts__value gh-amount gh-redeem__discount'>{formatFen(result.discountFen)}</Text>
      </View>
      <View className='gh-facts__row gh-redeem__payable-row'>
        <Text className='gh-facts__label'>顾客实付</Text>
        <Text className='gh-facts__value gh-redeem__payable'>{formatFen(result.payableFen)}</Text>
      </View>
    </View>
  );
}

/** The server's price for the order, the stacking choices, and 确认核销 (重试确认核销 after a lost answer). */
export function RedeemPreview({ r }: { r: Redemption }) {
  const { step, busy, repricing, error } = r;
  if (step.kind !== 'preview') return null;
  return (
    <View className='gh-redeem__result'>
      <View className='gh-redeem__result-title'>请核对后确认</View>
      <View className={repricing ? 'gh-redeem__pricing gh-redeem__pricing--busy' : 'gh-redeem__pricing'}>
        <ResultFacts result={step.result} />
        {repricing ? <View className='gh-redeem__repricing'>正在重新计算优惠…</View> : null}
      </View>
      {step.offered.length > 0 ? (
        <StackChoices
          offered={step.offered}
          picked={step.picked}
          used={step.result.vouchers.map((v) => v.id)}
          disabled={busy || step.retry}
          onToggle={(id) => void r.togglePick(id)}
        />
      ) : null}
      {error ? <View className='gh-redeem__error gh-redeem__error--preview'>{error}</View> : null}
      <View className='gh-redeem__actions'>
        <Button fill='outline' size='large' className='gh-redeem__cancel' disabled={busy} onClick={r.reenter}>
          重新输入
        </Button>
        <Button type='primary' size='large' loading={busy && !repricing} disabled={busy} className='gh-redeem__confirm' onClick={() => void r.confirm()}>
          {step.retry ? '重试确认核销' : '确认核销'}
        </Button>
      </View>
    </View>
  );
}

/** Redeemed: what to collect from the customer, then the next order. */
export function RedeemDone({ r }: { r: Redemption }) {
  if (r.step.kind !== 'done') return null;
  const { result } = r.step;
  return (
    <View className='gh-redeem__done'>
      <View className='gh-redeem__done-mark'>核销成功</View>
      <View className='gh-redeem__done-sub'>
        请向顾客收取 <Text className='gh-amount'>{formatFen(result.payableFen)}</Text>
      </View>
      <ResultFacts result={result} />
      <Button type='primary' size='large' block className='gh-redeem__next' onClick={r.next}>
        核销下一单
      </Button>
    </View>
  );
}
