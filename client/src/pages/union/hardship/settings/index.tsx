import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatShanghai, type HardshipSettingsView } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { Chips, FormRow } from '../../../../components/Form';
import { yuan, yuanToFen } from '../../../../components/hardship/parts';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StatusView';
import { toast } from '../../../../dialogs';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_HARDSHIP_SETTINGS_PAGE } from '../../../../routes';
import '../../../../components/hardship/hardship.scss';

interface Draft {
  dibao: string;
  living: string;
  illness: string;
  medical: string;
  second: string;
}

const fenText = (fen: number) => (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
const draftOf = (s: HardshipSettingsView): Draft => ({
  dibao: fenText(s.thresholds.dibaoFen),
  living: String(s.thresholds.livingMultiple),
  illness: String(s.thresholds.illnessMultiple),
  medical: fenText(s.thresholds.medicalSelfPayFen),
  second: fenText(s.thresholds.secondApprovalAboveFen),
});

/** The thresholds as data: 低保 standard per area, the 2× / 3× multiples, the medical line, the two-person line. */
export default function HardshipSettingsPage() {
  const signedIn = useRequireLogin(STAFF_HARDSHIP_SETTINGS_PAGE);
  const state = useResource(() => call(api.hardshipSettings, { toast: false }), [], { enabled: signedIn });
  const [unionId, setUnionId] = useState('');
  const [edit, setEdit] = useState<{ key: string; draft: Draft } | null>(null);
  const [busy, setBusy] = useState(false);
  const list = state.status === 'ready' ? state.data.data : [];
  const editable = state.status === 'ready' && state.data.editable;
  const current = list.find((s) => s.unionId === unionId) ?? list[0] ?? null;

  // the form starts from the area's values, and again after a save or another area is chosen
  const key = current ? `${current.unionId}|${current.updatedAt ?? ''}` : '';
  const draft = current ? (edit?.key === key ? edit.draft : draftOf(current)) : null;
  const set = (p: Partial<Draft>) => draft && setEdit({ key, draft: { ...draft, ...p } });

  const save = async () => {
    if (!current || !draft) return;
    const dibaoFen = yuanToFen(draft.dibao);
    const medicalSelfPayFen = yuanToFen(draft.medical);
    const secondApprovalAboveFen = yuanToFen(draft.second);
    const livingMultiple = Number(draft.living);
    const illnessMultiple = Number(draft.illness);
    if (!dibaoFen) return toast('请输入低保标准');
    if (medicalSelfPayFen === null) return toast('请输入医疗费用线');
    if (secondApprovalAboveFen === null) return toast('请输入复核金额线');
    if (!Number.isFinite(livingMultiple) || !Number.isFinite(illnessMultiple) || !draft.living.trim() || !draft.illness.trim()) return toast('请输入倍数');
    setBusy(true);
    try {
      await call(api.saveHardshipSettings, { params: { id: current.unionId }, body: { dibaoFen, livingMultiple, illnessMultiple, medicalSelfPayFen, secondApprovalAboveFen } });
      toast('已保存', 'success');
      await state.reload(true);
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell wide staffOnly className='gh-hs-settings-page'>
      <HeaderBand title='困难帮扶标准' subtitle='低保标准、认定倍数与医疗费用线，新提交的申请按此计算' />
      {state.status === 'loading' ? <LoadingView /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
      {state.status === 'ready' && list.length === 0 ? <EmptyView title='没有可查看的标准' hint='标准按市、区县设置。' /> : null}
      {current && draft ? (
        <View className='gh-card gh-card--overlap gh-hs-block gh-hs-settings'>
          {list.length > 1 ? (
            <FormRow label='地区'>
              <Chips options={list.map((s) => ({ key: s.unionId, label: s.unionName }))} value={current.unionId} onChange={setUnionId} label='地区' className='gh-hs-settings__area' />
            </FormRow>
          ) : null}
          <View className='gh-hs-row__meta gh-hs-settings__source' role='status'>
            {current.own
              ? `${current.unionName}自行设置${current.updatedAt ? `，${formatShanghai(current.updatedAt, true)} 更新` : ''}`
              : current.inheritedFrom
                ? `沿用${current.inheritedFrom}的标准${editable ? `；保存后${current.unionName}单独使用以下标准` : ''}`
                : '尚未设置，使用系统默认标准'}
          </View>
          <View className='gh-hs-row__meta'>
            当前：低保 {yuan(current.thresholds.dibaoFen)}/人·月；人均收入低于 {current.thresholds.livingMultiple} 倍为生活困难，低于 {current.thresholds.illnessMultiple} 倍且自负医疗费用超过{' '}
            {yuan(current.thresholds.medicalSelfPayFen)} 为大病困难；同一职工本年度帮扶累计超过 {yuan(current.thresholds.secondApprovalAboveFen)} 须另一人复核。
          </View>
          <FormRow label='低保标准（元/人·月）'>
            <Input className='gh-input gh-hs-settings__dibao' type='digit' disabled={!editable} value={draft.dibao} onChange={(v) => set({ dibao: v })} />
          </FormRow>
          <FormRow label='生活困难：低保标准的倍数' hint='人均月收入低于此倍数'>
            <Input className='gh-input gh-hs-settings__living' type='digit' disabled={!editable} value={draft.living} onChange={(v) => set({ living: v })} />
          </FormRow>
          <FormRow label='大病困难：低保标准的倍数'>
            <Input className='gh-input gh-hs-settings__illness' type='digit' disabled={!editable} value={draft.illness} onChange={(v) => set({ illness: v })} />
          </FormRow>
          <FormRow label='大病困难：年自负医疗费用（元）' hint='超过此金额'>
            <Input className='gh-input gh-hs-settings__medical' type='digit' disabled={!editable} value={draft.medical} onChange={(v) => set({ medical: v })} />
          </FormRow>
          <FormRow label='资金帮扶复核金额线（元）' hint='同一职工本年度累计超过此金额，须另一位工作人员复核'>
            <Input className='gh-input gh-hs-settings__second' type='digit' disabled={!editable} value={draft.second} onChange={(v) => set({ second: v })} />
          </FormRow>
          {editable ? (
            <View className='gh-hs-actions'>
              <Button type='primary' block loading={busy} className='gh-hs-settings__save' onClick={() => void save()}>
                保存标准
              </Button>
            </View>
          ) : (
            <View className='gh-muted'>标准由市总工会负责困难职工帮扶的工作人员设置。</View>
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
