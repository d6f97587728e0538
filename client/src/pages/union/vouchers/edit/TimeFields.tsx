import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { Chips, FormRow, PickerField } from '../../../../components/Form';
import { validityRuleText, windowText } from '../../../../format';
import { monthLabel } from './model';
import { Fixed, type SectionProps } from './parts';

const SCHEDULE_TYPES = [
  { key: 'benefitDay' as const, label: '工惠日（每月20日）' },
  { key: 'window' as const, label: '自定义时间' },
];
const VALIDITY_TYPES = [
  { key: 'days' as const, label: '领取后若干天' },
  { key: 'until' as const, label: '统一截止日期' },
];

/** 领取与有效期: when members claim, and how long a claimed voucher lasts. Kept once published. */
export function TimeFields({ form, set, errors, published, readOnly }: SectionProps) {
  const shown = published ?? readOnly;
  return (
    <>
      <View className='gh-section-title gh-batch-edit__section'>领取与有效期</View>
      <FormRow label='领取时间' error={errors.schedule}>
        {shown ? (
          <Fixed className='gh-batch-edit__window-fixed'>
            {shown.schedule.type === 'benefitDay' ? '工惠日 ' : ''}
            {windowText(shown.opensAt, shown.closesAt)}
          </Fixed>
        ) : (
          <>
            <Chips options={SCHEDULE_TYPES} value={form.scheduleType} onChange={(k) => set('scheduleType', k)} className='gh-batch-edit__schedule' />
            {form.scheduleType === 'benefitDay' ? (
              <View className='gh-inline gh-batch-edit__when'>
                <PickerField mode='date' fields='month' value={form.month} display={monthLabel(form.month)} onChange={(v) => set('month', v.slice(0, 7))} />
                <PickerField mode='time' value={form.startTime} display={`${form.startTime} 开抢`} onChange={(v) => set('startTime', v)} />
              </View>
            ) : (
              <View className='gh-batch-edit__when'>
                <View className='gh-inline'>
                  <Text className='gh-inline__unit'>从</Text>
                  <PickerField mode='date' value={form.startDate} onChange={(v) => set('startDate', v)} />
                  <PickerField mode='time' value={form.startClock} onChange={(v) => set('startClock', v)} />
                </View>
                <View className='gh-inline gh-batch-edit__until'>
                  <Text className='gh-inline__unit'>至</Text>
                  <PickerField mode='date' value={form.endDate} onChange={(v) => set('endDate', v)} />
                  <PickerField mode='time' value={form.endClock} onChange={(v) => set('endClock', v)} />
                </View>
              </View>
            )}
          </>
        )}
      </FormRow>
      <FormRow label='有效期' error={errors.validity}>
        {shown ? (
          <Fixed>{validityRuleText(shown.validity)}</Fixed>
        ) : (
          <>
            <Chips options={VALIDITY_TYPES} value={form.validityType} onChange={(k) => set('validityType', k)} />
            <View className='gh-inline gh-batch-edit__when'>
              {form.validityType === 'days' ? (
                <>
                  <Text className='gh-inline__unit'>领取后</Text>
                  <Input className='gh-input gh-batch-edit__days' type='number' maxLength={3} value={form.days} onChange={(v) => set('days', v.replace(/\D/g, ''))} />
                  <Text className='gh-inline__unit'>天内有效</Text>
                </>
              ) : (
                <PickerField mode='date' value={form.untilDate} display={`${form.untilDate} 23:59 前有效`} onChange={(v) => set('untilDate', v)} />
              )}
            </View>
          </>
        )}
      </FormRow>
    </>
  );
}
