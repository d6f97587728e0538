import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  HARDSHIP_CAUSES,
  HardshipApplyBody,
  MODEL_WORKER_LEVELS,
  archiveCategoryLabels,
  assessHardship,
  hardshipCauseLabels,
  hardshipDocumentLabels,
  householdRelationLabels,
  modelWorkerLevelLabels,
  type HardshipCause,
  type HardshipDocumentKind,
  type HardshipThresholdsView,
  type HouseholdMember,
  type ModelWorkerLevel,
} from '@gonghui/shared';
import { toast } from '../../dialogs';
import { useSubmitKey } from '../../hooks/useSubmitKey';
import { Chips, FormRow } from '../Form';
import { yuan, yuanToFen } from './parts';

const CAUSES = HARDSHIP_CAUSES.map((c) => ({ key: c, label: hardshipCauseLabels[c] }));
const RELATIONS = (['self', 'spouse', 'child', 'parent', 'other'] as const).map((r) => ({ key: r, label: householdRelationLabels[r] }));
const DOCUMENTS = (Object.keys(hardshipDocumentLabels) as HardshipDocumentKind[]).map((d) => ({ key: d, label: hardshipDocumentLabels[d] }));
const MODEL = [{ key: 'none' as const, label: '无' }, ...MODEL_WORKER_LEVELS.map((l) => ({ key: l, label: modelWorkerLevelLabels[l] }))];
const YES_NO = [
  { key: 'yes' as const, label: '是' },
  { key: 'no' as const, label: '否' },
];

type Draft = {
  household: { relation: HouseholdMember['relation']; income: string }[];
  causes: HardshipCause[];
  medical: string;
  labourContract: boolean;
  migrant: boolean;
  dibaoEdge: boolean;
  modelWorker: ModelWorkerLevel | 'none';
  healthNote: string;
  documents: HardshipDocumentKind[];
  bankName: string;
  bankCard: string;
};

const EMPTY: Draft = {
  household: [{ relation: 'self', income: '' }],
  causes: [],
  medical: '',
  labourContract: true,
  migrant: false,
  dibaoEdge: false,
  modelWorker: 'none',
  healthNote: '',
  documents: [],
  bankName: '',
  bankCard: '',
};

function toBody(d: Draft) {
  return {
    facts: {
      household: d.household.map((m) => ({ relation: m.relation, monthlyIncomeFen: yuanToFen(m.income) ?? -1 })),
      causes: d.causes,
      medicalSelfPayFen: yuanToFen(d.medical) ?? -1,
      labourContract: d.labourContract,
      stableMigrantWorker: d.migrant,
      dibaoEdgeRecognised: d.dibaoEdge,
      modelWorker: d.modelWorker === 'none' ? null : d.modelWorker,
      healthNote: d.healthNote.trim(),
    },
    documentsHeld: d.documents,
    bankName: d.bankName.trim(),
    bankCard: d.bankCard.replace(/\s/g, ''),
  };
}

/**
 * The application: family, incomes, causes, medical costs, titles, documents held, the member's own
 * card, and — live, before sending — the group the rules find and why. The member's page and staff
 * filing on a member's behalf both use it; `submit` sends (with the Idempotency-Key given).
 */
export function ApplyForm({ thresholds, submit, before, canSend = true }: { thresholds: HardshipThresholdsView; submit: (body: HardshipApplyBody, idempotencyKey: string) => Promise<void>; before?: () => string | null; canSend?: boolean }) {
  const [d, setD] = useState<Draft>(EMPTY);
  const [sending, setSending] = useState(false);
  const submitKey = useSubmitKey();
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const toggle = <K extends string>(list: K[], k: K) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]);
  const body = toBody(d);
  const facts = body.facts;
  const valid = facts.household.every((m) => m.monthlyIncomeFen >= 0) && facts.medicalSelfPayFen >= 0;
  const a = valid ? assessHardship(facts, thresholds) : null;

  const send = async () => {
    if (sending) return;
    const problem = before?.();
    if (problem) return toast(problem);
    const parsed = HardshipApplyBody.safeParse(body);
    if (!parsed.success) return toast(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    setSending(true);
    try {
      await submit(parsed.data, submitKey.key());
      submitKey.settle();
    } catch (e) {
      submitKey.settle(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <View className='gh-card gh-hs-apply'>
      <View className='gh-section-title'>申请建档</View>
      <FormRow label='家庭成员及月收入' hint='包括您本人，收入按每月税后计算，无收入填0'>
        {d.household.map((m, i) => (
          <View key={i} className='gh-hs-member'>
            <Chips options={RELATIONS} value={m.relation} label={`第${i + 1}位家庭成员的关系`} onChange={(k) => set({ household: d.household.map((x, j) => (j === i ? { ...x, relation: k } : x)) })} />
            <Input
              className='gh-input gh-hs-member__income'
              type='digit'
              placeholder='月收入（元）'
              aria-label={`第${i + 1}位家庭成员月收入（元）`}
              value={m.income}
              onChange={(v) => set({ household: d.household.map((x, j) => (j === i ? { ...x, income: v } : x)) })}
            />
            {i > 0 ? (
              <Button fill='outline' className='gh-hs-member__remove' onClick={() => set({ household: d.household.filter((_, j) => j !== i) })}>
                删除
              </Button>
            ) : null}
          </View>
        ))}
        {d.household.length < 12 ? (
          <Button fill='outline' className='gh-hs-member__add' onClick={() => set({ household: [...d.household, { relation: 'child', income: '' }] })}>
            添加家庭成员
          </Button>
        ) : null}
      </FormRow>
      <FormRow label='致困原因' hint='可多选'>
        <Chips options={CAUSES} value={d.causes} label='致困原因' onChange={(k) => set({ causes: toggle(d.causes, k) })} className='gh-hs-causes' />
      </FormRow>
      <FormRow label='近一年自负医疗费用（元）' hint='医保报销后个人承担的部分'>
        <Input className='gh-input gh-hs-medical' type='digit' placeholder='没有填0' value={d.medical} onChange={(v) => set({ medical: v })} />
      </FormRow>
      <FormRow label='疾病或残疾情况' hint='选填；仅负责帮扶的工作人员经留痕后可查看'>
        <TextArea className='gh-input gh-input--area gh-hs-health' placeholder='例如：配偶患尿毒症，每周透析' maxLength={500} value={d.healthNote} onChange={(v) => set({ healthNote: v })} />
      </FormRow>
      <FormRow label='签有劳动合同'>
        <Chips options={YES_NO} value={d.labourContract ? 'yes' : 'no'} label='签有劳动合同' onChange={(k) => set({ labourContract: k === 'yes' })} className='gh-hs-contract' />
      </FormRow>
      <FormRow label='有稳定劳动关系的农民工'>
        <Chips options={YES_NO} value={d.migrant ? 'yes' : 'no'} label='有稳定劳动关系的农民工' onChange={(k) => set({ migrant: k === 'yes' })} />
      </FormRow>
      <FormRow label='民政认定的低保边缘重病困难对象'>
        <Chips options={YES_NO} value={d.dibaoEdge ? 'yes' : 'no'} label='民政认定的低保边缘重病困难对象' onChange={(k) => set({ dibaoEdge: k === 'yes' })} />
      </FormRow>
      <FormRow label='劳动模范称号'>
        <Chips options={MODEL} value={d.modelWorker} label='劳动模范称号' onChange={(k) => set({ modelWorker: k })} />
      </FormRow>
      <FormRow label='已备好的证明材料' hint='请备齐纸质材料，审核时工作人员会核对'>
        <Chips options={DOCUMENTS} value={d.documents} label='已备好的证明材料' onChange={(k) => set({ documents: toggle(d.documents, k) })} className='gh-hs-documents' />
      </FormRow>
      <FormRow label='开户银行'>
        <Input className='gh-input gh-hs-bank' placeholder='例如：湖州银行' maxLength={40} value={d.bankName} onChange={(v) => set({ bankName: v })} />
      </FormRow>
      <FormRow label='本人银行卡号' hint='帮扶资金只发放到您本人实名的银行卡'>
        <Input className='gh-input gh-hs-card' type='number' placeholder='12至19位数字' maxLength={19} value={d.bankCard} onChange={(v) => set({ bankCard: v })} />
      </FormRow>
      <View className='gh-hs-assess' aria-live='polite'>
        <View className='gh-hs-assess__title'>按您填写的情况，初步判断</View>
        {!a ? <View className='gh-hs-assess__line'>请填写有效的收入和医疗费用金额</View> : null}
        {a ? (
          <>
            <View className='gh-hs-assess__line'>
              家庭人均月收入 {yuan(a.incomePerHeadFen)}，为当地低保标准（{yuan(thresholds.dibaoFen)}）的 {a.dibaoMultiple} 倍
            </View>
            {a.groups.map((g) => (
              <View key={g.group} className='gh-hs-assess__line gh-hs-assess__group'>
                <Text className='gh-hs-tag gh-hs-tag--warn'>{archiveCategoryLabels[g.group]}</Text>
                {g.reasons.join('；')}
              </View>
            ))}
            {a.groups.length === 0 ? <View className='gh-hs-assess__line'>暂未匹配到帮扶类别。{a.misses.join('；')}</View> : null}
            <View className='gh-hs-assess__line gh-muted'>最终由工会审核确定，也可能认定为深度困难、相对困难或意外致困。</View>
          </>
        ) : null}
      </View>
      <View className='gh-hs-actions'>
        <Button type='primary' block loading={sending} disabled={!canSend} className='gh-hs-send' onClick={() => void send()}>
          提交申请
        </Button>
      </View>
    </View>
  );
}

