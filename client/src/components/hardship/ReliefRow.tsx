import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, fundSourceCodes, fundSourceLabels, reliefKindLabels, reliefStatusLabels, type ReliefView } from '@gonghui/shared';
import { api, call, newIdempotencyKey } from '../../api';
import { KeyRing } from '../../api/keyring';
import { confirmDialog, toast } from '../../dialogs';
import { yuan } from './parts';

/** One relief payment with what the caller may do to it (the second person's approval, confirming it was paid). */
export function ReliefRow({ r, onChanged }: { r: ReliefView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  // confirming moves money: one Idempotency-Key until the server answers (see KeyRing)
  const keys = useRef(new KeyRing(newIdempotencyKey));
  const act = async (what: 'approve' | 'reject' | 'confirm') => {
    const titles = { approve: '复核通过这笔帮扶？', reject: '驳回这笔帮扶？', confirm: r.form === 'cash' ? '确认银行已支付？' : '确认实物已送达？' };
    const ok = await confirmDialog({ title: titles[what], content: `${r.payeeName} · ${reliefKindLabels[r.kind]} · ${yuan(r.amountFen)}`, confirmText: '确认' });
    if (!ok) return;
    setBusy(true);
    try {
      if (what === 'approve') await call(api.approveRelief, { params: { id: r.id } });
      else if (what === 'reject') await call(api.rejectRelief, { params: { id: r.id }, body: { reason: '复核未通过，请核实后重新登记' } });
      else {
        try {
          await call(api.confirmRelief, { params: { id: r.id }, idempotencyKey: keys.current.take(`confirm|${r.id}`) });
          keys.current.settle(`confirm|${r.id}`);
        } catch (e) {
          keys.current.settle(`confirm|${r.id}`, e);
          throw e;
        }
      }
      toast('已处理', 'success');
      onChanged();
    } catch {
      // shown by the API layer
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-hs-row gh-hs-relief-row'>
      <View className='gh-hs-row__main'>
        <View className='gh-hs-row__title'>
          {r.payeeName} · {reliefKindLabels[r.kind]} · {yuan(r.amountFen)} · {reliefStatusLabels[r.status]}
        </View>
        <View className='gh-hs-row__meta'>
          {r.form === 'cash' ? `${r.bankName ?? ''} ${r.bankCardMasked ?? ''}` : `实物${r.note ? `：${r.note}` : ''}`} · {fundSourceCodes[r.fundSource]} {fundSourceLabels[r.fundSource]}
        </View>
        <View className='gh-hs-row__meta'>
          {r.recordedByName} {formatShanghai(r.recordedAt, true)} 登记
          {r.approvedByName ? ` · ${r.approvedByName} 复核` : ''}
          {r.exportedAt ? ' · 已导出代发文件' : ''}
          {r.paidAt ? ` · ${formatShanghai(r.paidAt, true)} 发放` : ''}
          {r.status === 'awaiting_approval' && !r.abilities.approve ? ' · 须由另一位工作人员复核' : ''}
        </View>
      </View>
      <View className='gh-hs-row__actions'>
        {r.abilities.approve ? (
          <Button type='primary' disabled={busy} className='gh-hs-approve' onClick={() => void act('approve')}>
            复核通过
          </Button>
        ) : null}
        {r.abilities.reject ? (
          <Button fill='outline' disabled={busy} className='gh-hs-reject' onClick={() => void act('reject')}>
            驳回
          </Button>
        ) : null}
        {r.abilities.confirm ? (
          <Button type='primary' disabled={busy} className='gh-hs-confirm' onClick={() => void act('confirm')}>
            确认已发放
          </Button>
        ) : null}
      </View>
    </View>
  );
}

