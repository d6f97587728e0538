import { View, Text } from '@tarojs/components';
import { Input, TextArea } from '@nutui/nutui-react-taro';
import { voucherKindLabels } from '@gonghui/shared';
import { Toggle } from '../../../../components/Toggle';
import { Chips, FormRow } from '../../../../components/Form';
import { pressable } from '../../../account/shared/pressable';
import { Fixed, type SectionProps } from './parts';

const KIND_OPTIONS = [
  { key: 'threshold' as const, label: '满减券' },
  { key: 'direct' as const, label: '立减券（无门槛）' },
];

/** 券面: name, kind, amount, threshold, stacking and the description. */
export function FaceFields({ form, set, errors, readOnly, fixed }: SectionProps) {
  return (
    <>
      <View className='gh-section-title'>券面</View>
      <FormRow label='券名称' error={errors.title}>
        {readOnly ? (
          <Fixed className='gh-batch-edit__title-fixed'>{form.title}</Fixed>
        ) : (
          <Input className='gh-input gh-batch-edit__title' placeholder='例如：家电以旧换新 满1000减100' maxLength={40} value={form.title} onChange={(v) => set('title', v)} />
        )}
      </FormRow>
      <FormRow label='券类型' error={errors.kind}>
        {fixed ? (
          <Fixed className='gh-batch-edit__kind-fixed'>{voucherKindLabels[form.kind]}</Fixed>
        ) : (
          <Chips options={KIND_OPTIONS} value={form.kind} onChange={(k) => set('kind', k)} className='gh-batch-edit__kind' />
        )}
      </FormRow>
      <FormRow label='面额' error={errors.faceValueFen}>
        {fixed ? (
          <Fixed className='gh-batch-edit__face-fixed'>{form.faceValue} 元</Fixed>
        ) : (
          <View className='gh-inline'>
            <Input className='gh-input gh-batch-edit__face' type='digit' placeholder='例如 100' maxLength={10} value={form.faceValue} onChange={(v) => set('faceValue', v)} />
            <Text className='gh-inline__unit'>元</Text>
          </View>
        )}
      </FormRow>
      {form.kind === 'threshold' ? (
        <FormRow label='使用门槛' error={errors.thresholdFen} hint={fixed ? undefined : '订单满多少元可用，须高于面额'}>
          {fixed ? (
            <Fixed>满 {form.threshold} 元可用</Fixed>
          ) : (
            <View className='gh-inline'>
              <Text className='gh-inline__unit'>满</Text>
              <Input className='gh-input gh-batch-edit__threshold' type='digit' placeholder='例如 1000' maxLength={10} value={form.threshold} onChange={(v) => set('threshold', v)} />
              <Text className='gh-inline__unit'>元可用</Text>
            </View>
          )}
        </FormRow>
      ) : null}
      <FormRow label='可叠加' hint={form.stackable ? '同一订单可同时使用多张本批券（满减券按门槛倍数）' : '每个订单只能用一张'}>
        {fixed ? (
          <Fixed>{form.stackable ? '可叠加使用' : '不可叠加'}</Fixed>
        ) : (
          <View className='gh-batch-edit__switch' {...pressable('可叠加', () => set('stackable', !form.stackable), { role: 'switch', checked: form.stackable })}>
            <Toggle on={form.stackable} />
            <Text>{form.stackable ? '可叠加使用' : '不可叠加'}</Text>
          </View>
        )}
      </FormRow>
      <FormRow label='使用说明' error={errors.description}>
        {readOnly ? (
          <Fixed>{form.description || '—'}</Fixed>
        ) : (
          <TextArea
            className='gh-input gh-input--area gh-batch-edit__desc'
            placeholder='例如：全市合作家电门店可用，以旧换新专用'
            maxLength={500}
            value={form.description}
            onChange={(v) => set('description', v)}
          />
        )}
      </FormRow>
    </>
  );
}
