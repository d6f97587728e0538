import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, PledgeDeclineBody, pledgeStatusLabels, type StaffPledgeView } from '@gonghui/shared';
import { api, call } from '../../api';
import { toast } from '../../dialogs';
import { shanghaiDate } from '../../format';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useResource } from '../../hooks/useResource';
import { useSubmitKey } from '../../hooks/useSubmitKey';
import { serverNow } from '../../stores/server-clock';
import { FormRow, PickerField } from '../Form';
import './Pledges.scss';

/** One pledge: who, what, how to reach them, and — while open — confirm receipt or decline. */
function PledgeItem({ p, onChange }: { p: StaffPledgeView; onChange: (p: StaffPledgeView) => void }) {
  const [mode, setMode] = useState<'receive' | 'decline' | null>(null);
  const [on, setOn] = useState(() => shanghaiDate(serverNow()));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(['reason', 'receivedOn'] as const);
  const key = useSubmitKey();
  const receive = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onChange(await call(api.receivePledge, { params: { id: p.id }, body: { receivedOn: on }, idempotencyKey: key.key(), toast: false }));
      key.settle();
      toast('已确认收到，计入爱心捐赠', 'success');
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const decline = async () => {
    const body = check(PledgeDeclineBody, { reason });
    if (!body || busy) return;
    setBusy(true);
    try {
      onChange(await call(api.declinePledge, { params: { id: p.id }, body, toast: false }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const contact = [p.donor.contactName, p.donor.contactPhone].filter(Boolean).join(' ');
  return (
    <View className='gh-staff-pledge'>
      <View className='gh-staff-pledge__head'>
        <Text className='gh-staff-pledge__donor'>
          {p.donor.name}（{p.donor.kind === 'enterprise' ? '爱心企业' : '爱心人士'}）
        </Text>
        <Text className={`gh-staff-pledge__status gh-staff-pledge__status--${p.status}`}>{pledgeStatusLabels[p.status]}</Text>
      </View>
      <View className='gh-staff-pledge__line'>
        {p.offer.title} · {p.packs} 份 · {formatFen(p.amountFen)} · {p.form === 'money' ? '捐款' : '捐物'}
      </View>
      <View className='gh-staff-pledge__line'>
        联系：{contact} · 提交于 {formatShanghai(p.createdAt, true)}
      </View>
      {p.note ? <View className='gh-staff-pledge__line'>留言：{p.note}</View> : null}
      {p.decisionNote ? <View className='gh-staff-pledge__line'>婉拒原因：{p.decisionNote}</View> : null}
      {p.status === 'pledged' && mode === null ? (
        <View className='gh-toolbar'>
          <Button type='primary' className='gh-staff-pledge__receive' onClick={() => setMode('receive')}>
            确认收到
          </Button>
          <Button fill='outline' className='gh-staff-pledge__decline' onClick={() => setMode('decline')}>
            婉拒
          </Button>
        </View>
      ) : null}
      {p.status === 'pledged' && mode === 'receive' ? (
        <View className='gh-staff-pledge__form'>
          <FormRow label='收到日期' error={errors.receivedOn} hint='确认后按捐款或物资折价计入本活动的爱心捐赠（B4）'>
            <PickerField mode='date' value={on} onChange={(x) => (setOn(x), clear('receivedOn'))} className='gh-staff-pledge__on' />
          </FormRow>
          <View className='gh-toolbar'>
            <Button type='primary' loading={busy} className='gh-staff-pledge__confirm' onClick={() => void receive()}>
              确认收到
            </Button>
            <Button fill='outline' onClick={() => setMode(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
      {p.status === 'pledged' && mode === 'decline' ? (
        <View className='gh-staff-pledge__form'>
          <FormRow label='婉拒原因' error={errors.reason} hint='会通知认捐人'>
            <TextArea className='gh-staff-pledge__reason' maxLength={200} value={reason} onChange={(x) => (setReason(x), clear('reason'))} />
          </FormRow>
          <View className='gh-toolbar'>
            <Button type='primary' loading={busy} className='gh-staff-pledge__send-decline' onClick={() => void decline()}>
              确认婉拒
            </Button>
            <Button fill='outline' onClick={() => setMode(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 爱心认捐 of a campaign: donors' pledges for its union's staff to confirm or decline. */
export function CampaignPledges({ campaignId, onReceived }: { campaignId: string; onReceived: () => void }) {
  const pledges = useResource(() => call(api.campaignPledges, { params: { id: campaignId }, toast: false }), [campaignId], { refreshOnShow: true });
  const open = pledges.status === 'ready' ? pledges.data.data.filter((p) => p.status === 'pledged').length : 0;
  return (
    <View className='gh-card gh-campaign-pledges'>
      <View className='gh-section-title'>爱心认捐{open ? `（${open} 条待确认）` : ''}</View>
      {pledges.status === 'loading' ? <Text className='gh-muted'>正在加载…</Text> : null}
      {pledges.status === 'error' ? <Text className='gh-muted'>认捐记录加载失败，请稍后刷新。</Text> : null}
      {pledges.status === 'ready' && pledges.data.data.length === 0 ? <Text className='gh-muted'>还没有爱心人士或企业认捐。爱心人士可在“我的”→“送温暖认捐”中认捐本活动的礼包和年夜饭。</Text> : null}
      {pledges.status === 'ready'
        ? pledges.data.data.map((p) => (
            <PledgeItem
              key={p.id}
              p={p}
              onChange={(next) => {
                pledges.setData((x) => ({ data: x.data.map((y) => (y.id === next.id ? next : y)) }));
                if (next.status === 'received') onReceived();
              }}
            />
          ))
        : null}
    </View>
  );
}
