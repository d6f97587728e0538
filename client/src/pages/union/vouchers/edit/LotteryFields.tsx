import { View } from '@tarojs/components';
import { batchModeLabels, formatShanghai, type BatchMode } from '@gonghui/shared';
import { Chips, FormRow, PickerField } from '../../../../components/Form';
import { Fixed, type SectionProps } from './parts';

const MODES = (Object.keys(batchModeLabels) as BatchMode[]).map((key) => ({ key, label: batchModeLabels[key] }));

/**
 * 发放方式: first come (先到先得) or a lottery (摇号). A lottery registers members from the start of
 * the 领取时间 until the draw, and each winner gets one voucher. Kept once published.
 */
export function LotteryFields({ form, set, errors, published, readOnly }: SectionProps) {
  const shown = published ?? readOnly;
  const choose = (mode: BatchMode) => {
    set('mode', mode);
    if (mode === 'lottery') set('perMemberLimit', '1');
  };
  return (
    <>
      <FormRow label='发放方式' error={errors.mode}>
        {shown ? (
          <Fixed>{batchModeLabels[shown.mode]}</Fixed>
        ) : (
          <Chips options={MODES} value={form.mode} onChange={choose} className='gh-batch-edit__mode' />
        )}
      </FormRow>
      {(shown ? shown.mode : form.mode) === 'lottery' ? (
        <FormRow label='开奖时间' error={errors.drawAt}>
          {shown ? (
            <Fixed>{shown.drawAt ? formatShanghai(shown.drawAt) : '—'}</Fixed>
          ) : (
            <View className='gh-inline gh-batch-edit__when gh-batch-edit__draw'>
              <PickerField mode='date' value={form.drawDate} onChange={(v) => set('drawDate', v)} />
              <PickerField mode='time' value={form.drawClock} display={`${form.drawClock} 开奖`} onChange={(v) => set('drawClock', v)} />
            </View>
          )}
          <View className='gh-muted'>领取时间开始后会员报名，开奖时按公开规则随机抽取，中签会员每人 1 张。</View>
        </FormRow>
      ) : null}
    </>
  );
}
