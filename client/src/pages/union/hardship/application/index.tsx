import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { ARCHIVE_CATEGORIES, archiveCategoryLabels, formatShanghai, hardshipApplicationStatusLabels, hardshipDocumentLabels, type ArchiveCategory } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { Chips, FormRow } from '../../../../components/Form';
import { CategoryTags } from '../../../../components/hardship/parts';
import { Reveal } from '../../../../components/hardship/Reveal';
import { Documents } from '../../../../components/hardship/Documents';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../../components/StatusView';
import { toast } from '../../../../dialogs';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_HARDSHIP_APPLICATION_PAGE, withQuery } from '../../../../routes';
import '../../../../components/hardship/hardship.scss';

const CATEGORIES = ARCHIVE_CATEGORIES.map((c) => ({ key: c, label: archiveCategoryLabels[c] }));
type Action = 'approve' | 'reject' | 'more_info';
const ACTIONS: { key: Action; label: string }[] = [
  { key: 'approve', label: '通过建档' },
  { key: 'more_info', label: '需补充材料' },
  { key: 'reject', label: '不通过' },
];

/** One application: the computed group and the evidence (masked, revealed with a reason), and the decision. */
export default function HardshipApplicationPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(STAFF_HARDSHIP_APPLICATION_PAGE, { id }));
  const state = useResource(() => call(api.staffHardshipApplication, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id });
  const [action, setAction] = useState<Action>('approve');
  const [category, setCategory] = useState<ArchiveCategory | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const a = state.status === 'ready' ? state.data : null;

  const decide = async () => {
    if (action === 'approve' && !category) return toast('请选择建档类别');
    if (action !== 'approve' && note.trim().length < 2) return toast(action === 'reject' ? '请写明不通过的原因' : '请写明需要补充的材料');
    setBusy(true);
    try {
      await call(api.decideHardshipApplication, { params: { id }, body: { action, ...(action === 'approve' ? { category: category as ArchiveCategory } : {}), ...(note.trim() ? { note: note.trim() } : {}) } });
      toast(action === 'approve' ? '已建档' : '已处理', 'success');
      await state.reload(true);
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 600);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell wide staffOnly className='gh-hs-application-page'>
      <HeaderBand title='建档审核' subtitle={a ? `${a.memberName} · ${a.unionName}` : undefined} />
      {state.status === 'loading' ? <LoadingView /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {a ? (
        <>
          <View className='gh-card gh-card--overlap gh-hs-block'>
            <View className='gh-section-title'>申请信息</View>
            <View className='gh-hs-figures'>
              <Text>状态：{hardshipApplicationStatusLabels[a.status]}</Text>
              <Text>会员号 {a.memberNo}</Text>
              <Text>身份证 {a.idNumberMasked}</Text>
              <Text>
                {a.bankName} {a.bankCardMasked}
              </Text>
              <Text>家庭 {a.householdSize} 人</Text>
              <Text>{formatShanghai(a.submittedAt, true)} 提交</Text>
            </View>
            <View className='gh-hs-row__meta'>
              系统按填报情况计算：<CategoryTags groups={a.computedGroups} />
            </View>
            <View className='gh-hs-row__meta'>已备材料：{a.documentsHeld.map((d) => hardshipDocumentLabels[d]).join('、') || '未勾选'}</View>
            {a.filedByStaff ? <View className='gh-hs-row__meta'>工会代为提交（已取得职工书面同意）</View> : null}
            {a.consentWithdrawn ? <View className='gh-hs-row__meta'>职工已撤回敏感个人信息处理同意，不能继续办理。</View> : null}
            {a.reviewNote ? <View className='gh-hs-row__meta'>审核说明：{a.reviewNote}</View> : null}
          </View>
          {!a.consentWithdrawn ? (
            <View className='gh-card gh-hs-block gh-hs-uploads'>
              <View className='gh-section-title'>证明材料</View>
              <Documents
                applicationId={a.id}
                documents={a.documents}
                kinds={a.documentsHeld}
                who='staff'
                mayUpload={a.status !== 'rejected' && a.status !== 'withdrawn'}
                onChanged={() => void state.reload(true)}
              />
            </View>
          ) : null}
          {!a.consentWithdrawn ? (
            <View className='gh-card gh-hs-block'>
              <View className='gh-section-title'>核对证明信息</View>
              <Reveal memberId={a.memberId} />
            </View>
          ) : null}
          {a.status === 'submitted' && !a.consentWithdrawn ? (
            <View className='gh-card gh-hs-block gh-hs-decision'>
              <View className='gh-section-title'>审核</View>
              <FormRow label='审核结果'>
                <Chips options={ACTIONS} value={action} onChange={setAction} label='审核结果' className='gh-hs-decision__action' />
              </FormRow>
              {action === 'approve' ? (
                <FormRow label='建档类别' hint='可参考系统计算结果，也可认定为深度困难、相对困难或意外致困'>
                  <Chips options={CATEGORIES} value={category as ArchiveCategory} onChange={setCategory} label='建档类别' className='gh-hs-decision__category' />
                </FormRow>
              ) : null}
              <FormRow label={action === 'approve' ? '说明（选填）' : action === 'reject' ? '不通过的原因' : '需要补充的材料'}>
                <TextArea className='gh-input gh-input--area gh-hs-decision__note' maxLength={200} value={note} onChange={setNote} />
              </FormRow>
              <View className='gh-hs-actions'>
                <Button type='primary' block loading={busy} className='gh-hs-decision__send' onClick={() => void decide()}>
                  提交审核结果
                </Button>
              </View>
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
