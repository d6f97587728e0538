import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  HARDSHIP_CAUSES,
  HARDSHIP_CONSENT_VERSION,
  HardshipApplyBody,
  MODEL_WORKER_LEVELS,
  archiveCategoryLabels,
  archiveStatusLabels,
  assessHardship,
  exitWayLabels,
  formatShanghai,
  hardshipApplicationStatusLabels,
  hardshipCauseLabels,
  hardshipDocumentLabels,
  householdRelationLabels,
  modelWorkerLevelLabels,
  reliefKindLabels,
  type HardshipCause,
  type HardshipDocumentKind,
  type HouseholdMember,
  type ModelWorkerLevel,
  type MyHardship,
} from '@gonghui/shared';
import { api, call } from '../../api';
import { ConsentCheck } from '../../components/ConsentCheck';
import { Chips, FormRow } from '../../components/Form';
import { CategoryTags, ReadList, yuan, yuanToFen } from '../../components/hardship/parts';
import { HeaderBand, PageShell } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { confirmDialog, toast } from '../../dialogs';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useResource } from '../../hooks/useResource';
import { useSubmitKey } from '../../hooks/useSubmitKey';
import { HARDSHIP_PAGE } from '../../routes';
import { useAppStore } from '../../stores';

const CAUSES = HARDSHIP_CAUSES.map((c) => ({ key: c, label: hardshipCauseLabels[c] }));
const RELATIONS = (['self', 'spouse', 'child', 'parent', 'other'] as const).map((r) => ({ key: r, label: householdRelationLabels[r] }));
const DOCUMENTS = (Object.keys(hardshipDocumentLabels) as HardshipDocumentKind[]).map((d) => ({ key: d, label: hardshipDocumentLabels[d] }));
const MODEL = [{ key: 'none' as const, label: '无' }, ...MODEL_WORKER_LEVELS.map((l) => ({ key: l, label: modelWorkerLevelLabels[l] }))];
const YES_NO = [
  { key: 'yes' as const, label: '是' },
  { key: 'no' as const, label: '否' },
];

/** The purpose, spelled out (PIPL art. 29: separate consent for sensitive personal information). */
function ConsentText() {
  return (
    <View className='gh-hs-consent__text'>
      <View>申请困难职工建档需要处理您的敏感个人信息，请您单独同意：</View>
      <View className='gh-hs-consent__item'>· 处理的信息：身份证号、银行卡号、家庭成员及收入、疾病或残疾情况、医疗费用、证明材料。</View>
      <View className='gh-hs-consent__item'>· 处理目的：仅用于困难职工建档审核、年度复核和帮扶救助资金以您本人实名银行卡发放。</View>
      <View className='gh-hs-consent__item'>· 谁能看到：只有您所在工会及上级工会中负责困难职工帮扶的工作人员；每次查看完整信息都须填写原因并留痕，您可以在本页看到谁查看过。</View>
      <View className='gh-hs-consent__item'>· 保存方式：加密存储，列表和页面中均脱敏显示。</View>
      <View className='gh-hs-consent__item'>· 您可以随时撤回同意，撤回后工会停止处理，尚未审核的申请随之撤回。</View>
    </View>
  );
}

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

function ApplyForm({ data, onDone }: { data: MyHardship; onDone: (d: MyHardship) => void }) {
  const [d, setD] = useState<Draft>(EMPTY);
  const [sending, setSending] = useState(false);
  const submitKey = useSubmitKey();
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const toggle = <K extends string>(list: K[], k: K) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]);
  const body = toBody(d);
  const facts = body.facts;
  const valid = facts.household.every((m) => m.monthlyIncomeFen >= 0) && facts.medicalSelfPayFen >= 0;
  const a = valid ? assessHardship(facts, data.thresholds) : null;

  const send = async () => {
    if (sending) return;
    const parsed = HardshipApplyBody.safeParse(body);
    if (!parsed.success) return toast(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    setSending(true);
    try {
      const r = await call(api.applyHardship, { body: parsed.data, idempotencyKey: submitKey.key() });
      submitKey.settle();
      toast('已提交，请等待工会审核', 'success');
      onDone(r);
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
              家庭人均月收入 {yuan(a.incomePerHeadFen)}，为当地低保标准（{yuan(data.thresholds.dibaoFen)}）的 {a.dibaoMultiple} 倍
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
        <Button type='primary' block loading={sending} className='gh-hs-send' onClick={() => void send()}>
          提交申请
        </Button>
      </View>
    </View>
  );
}

/** 困难帮扶: separate consent, the application with the live assessment, and the member's record (status, relief, who read it). */
export default function HardshipPage() {
  const signedIn = useRequireLogin(HARDSHIP_PAGE, { memberArea: true });
  const member = useAppStore((s) => s.me?.member ?? null);
  const enabled = signedIn && !!member;
  const state = useResource(() => call(api.myHardship, { toast: false }), [], { enabled });
  const [agree, setAgree] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<MyHardship | null>(null);
  const data = fresh ?? (state.status === 'ready' ? state.data : null);

  const consent = async () => {
    if (!agree) return toast('请先勾选同意');
    setBusy(true);
    try {
      setFresh(await call(api.giveHardshipConsent, { body: { agree: true, version: HARDSHIP_CONSENT_VERSION } }));
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    const ok = await confirmDialog({ title: '撤回同意？', content: '撤回后工会将停止处理您的困难帮扶信息，尚未审核的申请会一并撤回。', confirmText: '确认撤回' });
    if (!ok) return;
    setBusy(true);
    try {
      setFresh(await call(api.withdrawHardshipConsent, {}));
      setAgree(false);
      toast('已撤回', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };

  const latest = data?.applications[0] ?? null;
  const open = latest && latest.status === 'submitted';
  const archived = data?.archive?.status === 'active';
  const mayApply = data && data.consent && !open && !archived;

  return (
    <PageShell className='gh-hardship'>
      <HeaderBand title='困难帮扶' subtitle='困难职工建档：工会帮您渡过难关' />
      {!enabled ? (
        <View className='gh-card gh-card--overlap'>
          <EmptyView title='加入工会后可申请困难帮扶' hint='会员遇到生活困难，可以在这里申请困难职工建档。' />
        </View>
      ) : null}
      {enabled && state.status === 'loading' && !fresh ? <LoadingView /> : null}
      {enabled && state.status === 'error' && !fresh ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {data ? (
        <>
          <View className='gh-card gh-card--overlap gh-hs-block gh-hs-status'>
            <View className='gh-section-title'>我的建档</View>
            {data.archive ? (
              <View className='gh-hs-figures gh-hs-archive'>
                <Text>
                  {archiveStatusLabels[data.archive.status]} · {archiveCategoryLabels[data.archive.category]}
                </Text>
                <Text>建档日期 {formatShanghai(data.archive.archivedAt, true).slice(0, 11)}</Text>
                {data.archive.status === 'active' ? <Text>下次复核 {data.archive.recheckDue}</Text> : null}
                {data.archive.exitWay ? <Text>{exitWayLabels[data.archive.exitWay]}</Text> : null}
              </View>
            ) : null}
            {latest ? (
              <View className='gh-hs-row gh-hs-application'>
                <View className='gh-hs-row__main'>
                  <View className='gh-hs-row__title'>
                    申请状态：<Text className='gh-hs-application__status'>{hardshipApplicationStatusLabels[latest.status]}</Text>
                  </View>
                  <View className='gh-hs-row__meta'>
                    {formatShanghai(latest.submittedAt, true)} 提交 · 家庭 {latest.householdSize} 人 · 银行卡 {latest.bankCardMasked}
                    {latest.filedByStaff ? ' · 工会代为提交' : ''}
                  </View>
                  <View className='gh-hs-row__meta'>
                    初步判断：<CategoryTags groups={latest.computedGroups} />
                  </View>
                  {latest.reviewNote ? <View className='gh-hs-row__meta'>工会说明：{latest.reviewNote}</View> : null}
                </View>
              </View>
            ) : null}
            {!latest && !data.archive ? <View className='gh-muted'>还没有申请过困难职工建档。</View> : null}
          </View>

          {!data.consent ? (
            <View className='gh-card gh-hs-block gh-hs-consent'>
              <View className='gh-section-title'>敏感个人信息处理同意</View>
              <ConsentText />
              <ConsentCheck checked={agree} onChange={setAgree} className='gh-hs-consent__check'>
                我已阅读并同意工会为困难职工建档和帮扶处理上述敏感个人信息
              </ConsentCheck>
              <View className='gh-hs-actions'>
                <Button type='primary' block loading={busy} className='gh-hs-consent__agree' onClick={() => void consent()}>
                  同意并继续
                </Button>
              </View>
            </View>
          ) : null}

          {mayApply ? <ApplyForm data={data} onDone={(d) => setFresh(d)} /> : null}

          {data.reliefs.length > 0 ? (
            <View className='gh-card gh-hs-block gh-hs-reliefs'>
              <View className='gh-section-title'>收到的帮扶</View>
              {data.reliefs.map((r, i) => (
                <View key={i} className='gh-hs-row'>
                  <View className='gh-hs-row__main'>
                    <View className='gh-hs-row__title'>
                      {reliefKindLabels[r.kind]} · {r.form === 'cash' ? yuan(r.amountFen) : `实物（价值${yuan(r.amountFen)}）`}
                    </View>
                    <View className='gh-hs-row__meta'>{formatShanghai(r.paidAt, true)} 发放</View>
                  </View>
                </View>
              ))}
            </View>
          ) : null}

          <View className='gh-card gh-hs-block gh-hs-reads'>
            <View className='gh-section-title'>谁查看过我的信息</View>
            <ReadList reads={data.reads} empty='还没有工作人员查看过您的困难帮扶信息。' />
          </View>

          {data.consent ? (
            <View className='gh-card gh-hs-block'>
              <View className='gh-muted'>
                您于 {formatShanghai(data.consent.givenAt, true)} 同意处理敏感个人信息。
              </View>
              <View className='gh-hs-actions'>
                <Button fill='outline' loading={busy} className='gh-hs-withdraw' onClick={() => void withdraw()}>
                  撤回同意
                </Button>
              </View>
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
