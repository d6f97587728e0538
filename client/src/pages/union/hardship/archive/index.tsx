import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  archiveCategoryLabels,
  archiveStatusLabels,
  exitWayCodes,
  exitWayLabels,
  formatShanghai,
  fundSourceCodes,
  fundSourceLabels,
  reliefFormLabels,
  reliefKindLabels,
  type ExitWay,
  type FundSource,
  type ReliefForm,
  type ReliefKind,
} from '@gonghui/shared';
import { api, call } from '../../../../api';
import { Chips, FormRow, PickerField } from '../../../../components/Form';
import { CategoryTags, ReadList, yuanToFen } from '../../../../components/hardship/parts';
import { Reveal } from '../../../../components/hardship/Reveal';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../../components/StatusView';
import { confirmDialog, toast } from '../../../../dialogs';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { useSubmitKey } from '../../../../hooks/useSubmitKey';
import { STAFF_HARDSHIP_ARCHIVE_PAGE, withQuery } from '../../../../routes';
import { ReliefRow } from '../../../../components/hardship/ReliefRow';
import '../../../../components/hardship/hardship.scss';

const KINDS = (['living', 'medical', 'schooling', 'other'] as const).map((k) => ({ key: k, label: reliefKindLabels[k] }));
const FORMS = (['cash', 'in_kind'] as const).map((k) => ({ key: k, label: reliefFormLabels[k] }));
const SOURCES = (['central', 'local', 'union', 'donations', 'administrative', 'other'] as const).map((k) => ({ key: k, label: `${fundSourceCodes[k]} ${fundSourceLabels[k]}` }));
const EXITS = (['employment', 'social_insurance', 'medical_insurance', 'social_assistance'] as const).map((k) => ({ key: k, label: `${exitWayCodes[k]} ${exitWayLabels[k]}` }));

function RecordRelief({ archiveId, onDone }: { archiveId: string; onDone: () => void }) {
  const [kind, setKind] = useState<ReliefKind>('living');
  const [form, setForm] = useState<ReliefForm>('cash');
  const [source, setSource] = useState<FundSource>('union');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submitKey = useSubmitKey();
  const save = async () => {
    const fen = yuanToFen(amount);
    if (!fen || fen <= 0) return toast('请输入金额');
    setBusy(true);
    try {
      const r = await call(api.recordRelief, { params: { id: archiveId }, body: { kind, form, amountFen: fen, fundSource: source, note: note.trim() }, idempotencyKey: submitKey.key() });
      submitKey.settle();
      toast(r.status === 'awaiting_approval' ? '已登记，须另一位工作人员复核' : '已登记', 'success');
      setAmount('');
      setNote('');
      onDone();
    } catch (e) {
      submitKey.settle(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-hs-record-relief'>
      <FormRow label='帮扶类型'>
        <Chips options={KINDS} value={kind} onChange={setKind} label='帮扶类型' className='gh-hs-relief__kind' />
      </FormRow>
      <FormRow label='形式' hint='资金只发放到职工本人实名银行卡'>
        <Chips options={FORMS} value={form} onChange={setForm} label='形式' />
      </FormRow>
      <FormRow label='资金来源'>
        <Chips options={SOURCES} value={source} onChange={setSource} label='资金来源' className='gh-hs-relief__source' />
      </FormRow>
      <FormRow label={form === 'cash' ? '金额（元）' : '折合金额（元）'} hint='超过本级规定额度的，须另一位工作人员复核'>
        <Input className='gh-input gh-hs-relief__amount' type='digit' placeholder='例如：1000' value={amount} onChange={setAmount} />
      </FormRow>
      <FormRow label='说明（选填）'>
        <Input className='gh-input' placeholder={form === 'cash' ? '用途' : '实物内容，如：米面油'} maxLength={100} value={note} onChange={setNote} />
      </FormRow>
      <Button type='primary' loading={busy} className='gh-hs-relief__save' onClick={() => void save()}>
        登记帮扶
      </Button>
    </View>
  );
}

function Recheck({ archiveId, onDone }: { archiveId: string; onDone: () => void }) {
  const [way, setWay] = useState<ExitWay | ''>('');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (outcome: 'continue' | 'exit') => {
    if (outcome === 'exit' && (!way || !date)) return toast('请选择脱困方式和日期');
    const ok = await confirmDialog({ title: outcome === 'exit' ? '确认该职工家庭已脱困？' : '复核后仍为困难职工？', content: outcome === 'exit' ? '档案将关闭，并移除困难职工标签。' : '下次复核日期顺延一年。', confirmText: '确认' });
    if (!ok) return;
    setBusy(true);
    try {
      await call(api.recheckHardship, { params: { id: archiveId }, body: outcome === 'exit' ? { outcome, exitWay: way as ExitWay, exitDate: date, ...(note.trim() ? { note: note.trim() } : {}) } : { outcome } });
      toast('已记录', 'success');
      onDone();
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-hs-recheck'>
      <View className='gh-hs-actions'>
        <Button type='primary' fill='outline' disabled={busy} className='gh-hs-recheck__continue' onClick={() => void send('continue')}>
          复核：仍为困难职工
        </Button>
      </View>
      <FormRow label='脱困方式'>
        <Chips options={EXITS} value={way as ExitWay} onChange={setWay} label='脱困方式' className='gh-hs-recheck__way' />
      </FormRow>
      <FormRow label='脱困日期'>
        <PickerField mode='date' value={date} onChange={setDate} placeholder='请选择日期' />
      </FormRow>
      <FormRow label='说明（选填）'>
        <TextArea className='gh-input gh-input--area' maxLength={200} value={note} onChange={setNote} />
      </FormRow>
      <Button type='primary' disabled={busy} className='gh-hs-recheck__exit' onClick={() => void send('exit')}>
        记录脱困
      </Button>
    </View>
  );
}

/** One archived member: masked record, full values with a reason, relief, the yearly re-check and 脱困, who read it. */
export default function HardshipArchivePage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(STAFF_HARDSHIP_ARCHIVE_PAGE, { id }));
  const state = useResource(() => call(api.hardshipArchiveEntry, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id });
  const a = state.status === 'ready' ? state.data : null;
  const reload = () => void state.reload(true);
  return (
    <PageShell wide staffOnly className='gh-hs-archive-page'>
      <HeaderBand title='困难职工档案' subtitle={a ? `${a.memberName} · ${a.unionName}` : undefined} />
      {state.status === 'loading' ? <LoadingView /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {a ? (
        <>
          <View className='gh-card gh-card--overlap gh-hs-block gh-hs-entry'>
            <View className='gh-hs-figures'>
              <Text className='gh-hs-entry__status'>
                {archiveStatusLabels[a.status]} · {archiveCategoryLabels[a.category]}
              </Text>
              <Text>会员号 {a.memberNo}</Text>
              <Text>身份证 {a.idNumberMasked}</Text>
              <Text>
                {a.bankName} {a.bankCardMasked}
              </Text>
              <Text>建档 {formatShanghai(a.archivedAt, true).slice(0, 11)}</Text>
              {a.status === 'active' ? <Text>复核日期 {a.recheckDue}</Text> : null}
              {a.exitWay ? <Text>{`${a.exitDate} ${exitWayCodes[a.exitWay]} ${exitWayLabels[a.exitWay]}`}</Text> : null}
            </View>
            <View className='gh-hs-row__meta'>
              系统计算：<CategoryTags groups={a.computedGroups} />
              {a.due ? <Text className='gh-hs-tag gh-hs-tag--warn'>待年度复核</Text> : null}
            </View>
            {a.consentWithdrawn ? <View className='gh-hs-row__meta'>职工已撤回敏感个人信息处理同意，不能继续办理。</View> : null}
          </View>
          {!a.consentWithdrawn ? (
            <View className='gh-card gh-hs-block'>
              <View className='gh-section-title'>查看完整信息</View>
              <Reveal memberId={a.memberId} onRead={reload} />
            </View>
          ) : null}
          {a.status === 'active' && !a.consentWithdrawn ? (
            <View className='gh-card gh-hs-block'>
              <View className='gh-section-title'>登记帮扶</View>
              <RecordRelief archiveId={a.id} onDone={reload} />
            </View>
          ) : null}
          <View className='gh-card gh-hs-block gh-hs-entry-reliefs'>
            <View className='gh-section-title'>帮扶记录</View>
            {a.reliefs.length === 0 ? <View className='gh-muted'>还没有帮扶记录。</View> : null}
            {a.reliefs.map((r) => (
              <ReliefRow key={r.id} r={r} onChanged={reload} />
            ))}
          </View>
          {a.status === 'active' && !a.consentWithdrawn ? (
            <View className='gh-card gh-hs-block'>
              <View className='gh-section-title'>年度复核与脱困</View>
              <Recheck archiveId={a.id} onDone={reload} />
            </View>
          ) : null}
          <View className='gh-card gh-hs-block'>
            <View className='gh-section-title'>查看记录</View>
            <ReadList reads={a.reads} empty='没有查看记录。' />
          </View>
        </>
      ) : null}
    </PageShell>
  );
}
