import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  HARDSHIP_CONSENT_VERSION,
  archiveCategoryLabels,
  archiveStatusLabels,
  exitWayLabels,
  formatShanghai,
  hardshipApplicationStatusLabels,
  reliefKindLabels,
  type MyHardship,
} from '@gonghui/shared';
import { api, call } from '../../api';
import { ConsentCheck } from '../../components/ConsentCheck';
import { ApplyForm } from '../../components/hardship/ApplyForm';
import { Documents } from '../../components/hardship/Documents';
import { CategoryTags, ReadList, yuan } from '../../components/hardship/parts';
import { HeaderBand, PageShell } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { confirmDialog, toast } from '../../dialogs';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useResource } from '../../hooks/useResource';
import { HARDSHIP_PAGE } from '../../routes';
import { useAppStore } from '../../stores';

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

          {latest && latest.status !== 'withdrawn' && latest.status !== 'rejected' && data.consent ? (
            <View className='gh-card gh-hs-block gh-hs-uploads'>
              <View className='gh-section-title'>证明材料</View>
              <Documents
                applicationId={latest.id}
                documents={latest.documents}
                kinds={latest.documentsHeld}
                who='member'
                mayUpload
                onChanged={() => void call(api.myHardship, { toast: false }).then(setFresh, () => undefined)}
              />
            </View>
          ) : null}

          {mayApply ? (
            <ApplyForm
              thresholds={data.thresholds}
              submit={async (body, idempotencyKey) => {
                const r = await call(api.applyHardship, { body, idempotencyKey });
                toast('已提交，请等待工会审核', 'success');
                setFresh(r);
              }}
            />
          ) : null}

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
