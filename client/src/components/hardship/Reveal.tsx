import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { hardshipCauseLabels, householdRelationLabels, sensitiveFieldLabels, type RevealView } from '@gonghui/shared';
import { api, call } from '../../api';
import { toast } from '../../dialogs';
import { Chips, FormRow } from '../Form';
import { yuan } from './parts';

type Field = 'id_number' | 'bank_card' | 'incomes' | 'health';
const FIELDS: { key: Field; label: string }[] = (['id_number', 'bank_card', 'incomes', 'health'] as const).map((f) => ({ key: f, label: sensitiveFieldLabels[f] }));

/** Full values on request: a field, a stated reason, and a read the member will see. */
export function Reveal({ memberId, onRead }: { memberId: string; onRead?: () => void }) {
  const [field, setField] = useState<Field>('incomes');
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<RevealView | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    if (reason.trim().length < 2) return toast('请填写查看原因');
    setBusy(true);
    try {
      setShown(await call(api.revealHardship, { params: { id: memberId }, body: { field, reason: reason.trim() } }));
      onRead?.();
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-hs-reveal'>
      <View className='gh-muted'>敏感信息默认脱敏。查看完整信息须写明原因，查看记录不可修改或删除，职工本人可以看到。</View>
      <FormRow label='查看内容'>
        <Chips
          options={FIELDS}
          value={field}
          onChange={(k) => {
            setField(k);
            setShown(null);
          }}
          label='查看内容'
        />
      </FormRow>
      <FormRow label='查看原因'>
        <Input className='gh-input gh-hs-reveal__reason' placeholder='例如：审核家庭收入' maxLength={100} value={reason} onChange={setReason} />
      </FormRow>
      <Button type='primary' fill='outline' disabled={busy} className='gh-hs-reveal__ask' onClick={() => void ask()}>
        查看完整信息
      </Button>
      {shown ? (
        <View className='gh-hs-assess gh-hs-reveal__value' role='status'>
          <View className='gh-hs-assess__title'>{sensitiveFieldLabels[shown.field]}</View>
          {shown.value !== null ? <View className='gh-hs-assess__line'>{shown.value}</View> : null}
          {shown.household?.map((m, i) => (
            <View key={i} className='gh-hs-assess__line'>
              {householdRelationLabels[m.relation]}：月收入 {yuan(m.monthlyIncomeFen)}
            </View>
          ))}
          {shown.incomePerHeadFen !== undefined ? <View className='gh-hs-assess__line'>家庭人均月收入 {yuan(shown.incomePerHeadFen)}</View> : null}
          {shown.reasons?.map((r, i) => (
            <View key={i} className='gh-hs-assess__line'>
              · {r}
            </View>
          ))}
          {shown.causes ? <View className='gh-hs-assess__line'>致困原因：{shown.causes.map((c) => hardshipCauseLabels[c]).join('、')}</View> : null}
          {shown.medicalSelfPayFen !== undefined ? <View className='gh-hs-assess__line'>近一年自负医疗费用 {yuan(shown.medicalSelfPayFen)}</View> : null}
          {shown.healthNote !== undefined ? <View className='gh-hs-assess__line'>情况说明：{shown.healthNote || '（未填写）'}</View> : null}
          {shown.value === null && !shown.household && !shown.causes ? <View className='gh-hs-assess__line'>没有记录</View> : null}
        </View>
      ) : null}
    </View>
  );
}
