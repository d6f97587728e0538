import { useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { memberTagLabels, unionKindLabels, type ResponseOf, type UnionNode } from '@gonghui/shared';
import type { api } from '../../../../api';
import { Chips, FormRow, SelectField } from '../../../../components/Form';
import { pressable } from '../../../account/shared/pressable';
import { TAG_OPTIONS, merchantsText } from './model';
import { Fixed, toggled, type SectionProps } from './parts';

export type Merchant = ResponseOf<typeof api.listMerchants>['data'][number];

const MERCHANT_MODES = [
  { key: 'all' as const, label: '本地区全部合作商户' },
  { key: 'some' as const, label: '指定商户' },
];

/** 数量与范围: stock, quota, the audience union and tags, the merchants. */
export function ScopeFields({
  form,
  set,
  errors,
  published,
  readOnly,
  fixed,
  unions,
  unionName,
  merchants,
}: SectionProps & { unions: UnionNode[]; unionName: string; merchants: Merchant[] }) {
  const minDepth = useMemo(() => Math.min(...unions.map((u) => u.depth)), [unions]);
  const unionIndex = unions.findIndex((u) => u.id === form.unionId);
  return (
    <>
      <View className='gh-section-title gh-batch-edit__section'>数量与范围</View>
      <FormRow label='发放总量' error={errors.stockTotal} hint={readOnly ? undefined : published ? `已领取 ${published.stockClaimed} 张，总量不能少于已领取数量` : undefined}>
        {readOnly ? (
          <Fixed className='gh-batch-edit__stock-fixed'>
            {form.stockTotal} 张{readOnly.status !== 'draft' ? `（已领取 ${readOnly.stockClaimed} 张）` : ''}
          </Fixed>
        ) : (
          <View className='gh-inline'>
            <Input className='gh-input gh-batch-edit__stock' type='number' maxLength={8} value={form.stockTotal} onChange={(v) => set('stockTotal', v.replace(/\D/g, ''))} />
            <Text className='gh-inline__unit'>张</Text>
          </View>
        )}
      </FormRow>
      <FormRow label='每人限领' error={errors.perMemberLimit}>
        {fixed ? (
          <Fixed>{form.perMemberLimit} 张</Fixed>
        ) : (
          <View className='gh-inline'>
            <Input className='gh-input gh-batch-edit__limit' type='number' maxLength={2} value={form.perMemberLimit} onChange={(v) => set('perMemberLimit', v.replace(/\D/g, ''))} />
            <Text className='gh-inline__unit'>张</Text>
          </View>
        )}
      </FormRow>
      <FormRow label='发放工会' error={errors.audience} hint='该工会及其下级工会的会员可领取'>
        {fixed ? (
          <Fixed>{unionName}</Fixed>
        ) : (
          <SelectField
            items={unions}
            value={unionIndex}
            label={(u) => `${'　'.repeat(Math.max(0, u.depth - minDepth))}${u.name}（${unionKindLabels[u.kind]}）`}
            onChange={(i) => set('unionId', unions[i]?.id ?? '')}
            className='gh-batch-edit__union'
          />
        )}
      </FormRow>
      <FormRow label='会员标签' hint={form.tags.length ? '有任一所选标签的会员可领取' : '不限：发放范围内所有会员可领取'}>
        {fixed ? (
          <Fixed>{form.tags.length ? form.tags.map((t) => memberTagLabels[t]).join('、') : '不限'}</Fixed>
        ) : (
          <Chips options={TAG_OPTIONS} value={form.tags} onChange={(k) => set('tags', toggled(form.tags, k))} className='gh-batch-edit__tags' />
        )}
      </FormRow>
      <FormRow
        label='可用商户'
        error={errors.merchantIds}
        hint={published && !readOnly && published.stockClaimed > 0 ? '已有会员领取：可以增加商户，不能移除已选的商户' : undefined}
      >
        {readOnly ? (
          <Fixed className='gh-batch-edit__merchants-fixed'>{merchantsText(form, merchants)}</Fixed>
        ) : (
          <>
            <Chips options={MERCHANT_MODES} value={form.merchantMode} onChange={(k) => set('merchantMode', k)} />
            {form.merchantMode === 'some' ? (
              <View className='gh-batch-edit__merchants'>
                {merchants.length === 0 ? <View className='gh-muted'>还没有合作商户，请先在“合作商户”中添加。</View> : null}
                {merchants.map((m) => {
                  const on = form.merchantIds.includes(m.id);
                  return (
                    <View
                      key={m.id}
                      className={`gh-check ${on ? 'gh-check--on' : ''}`}
                      {...pressable(null, () => set('merchantIds', toggled(form.merchantIds, m.id)), { role: 'checkbox', checked: on })}
                    >
                      <View className='gh-check__box' aria-hidden='true'>
                        {on ? '✓' : ''}
                      </View>
                      <View className='gh-check__text'>
                        <View className='gh-check__title'>{m.name}</View>
                        <View className='gh-check__desc'>
                          {m.category} · {m.unionName}
                        </View>
                      </View>
                    </View>
                  );
                })}
              </View>
            ) : null}
          </>
        )}
      </FormRow>
    </>
  );
}
