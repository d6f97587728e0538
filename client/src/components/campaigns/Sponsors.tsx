import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  formatFen,
  parseYuan,
  SponsorInput,
  type SponsorView,
  type StaffCampaignDetail,
} from '@gonghui/shared';
import { api, call } from '../../api';
import { type Column } from '../DataTable';
import { Chips, FormRow, PickerField, SelectField } from '../Form';
import { confirmDialog, toast } from '../../dialogs';
import { yuanText } from '../../format';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useSubmitKey } from '../../hooks/useSubmitKey';

export const SPONSOR_COLUMNS: Column<SponsorView>[] = [
  { key: 'donor', title: '捐赠方', width: '2fr', primary: true, render: (s) => `${s.donorName}（${s.donorKind === 'enterprise' ? '企业' : '个人'}）` },
  { key: 'money', title: '资金', width: '1fr', render: (s) => formatFen(s.moneyFen) },
  { key: 'goods', title: '物资折价', width: '1.4fr', render: (s) => `${formatFen(s.goodsFen)}${s.goods ? ` ${s.goods}` : ''}` },
  { key: 'for', title: '认领项目', width: '1.4fr', render: (s) => s.offerTitle ?? '—' },
  { key: 'on', title: '日期', width: '1fr', render: (s) => s.receivedOn },
];


const SPONSOR_FIELDS = ['donorName', 'donorKind', 'moneyFen', 'goodsFen', 'receivedOn'] as const;

/** Records a sponsorship, or corrects (or deletes) one already recorded (`existing`). */
export function SponsorForm({ d, onAdded, existing, onDeleted }: { d: StaffCampaignDetail; onAdded: (s: SponsorView) => void; existing?: SponsorView; onDeleted?: () => void }) {
  const offers = [{ id: null as string | null, title: '不指定' }, ...d.offers.map((o) => ({ id: o.id as string | null, title: o.title }))];
  const [v, setV] = useState(() =>
    existing
      ? {
          name: existing.donorName,
          kind: existing.donorKind,
          money: existing.moneyFen ? yuanText(existing.moneyFen) : '',
          goodsValue: existing.goodsFen ? yuanText(existing.goodsFen) : '',
          goods: existing.goods,
          offerIndex: Math.max(0, offers.findIndex((o) => o.id !== null && o.title === existing.offerTitle)),
          on: existing.receivedOn,
        }
      : { name: '', kind: 'enterprise' as 'enterprise' | 'individual', money: '', goodsValue: '', goods: '', offerIndex: -1, on: d.campaign.startsOn },
  );
  const { errors, clear, check, fail } = useFieldErrors(SPONSOR_FIELDS);
  const key = useSubmitKey();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (!existing || busy || !(await confirmDialog({ title: '删除捐赠记录', content: `删除“${existing.donorName}”的这条捐赠？统计表的社会捐助随之减少。`, confirmText: '删除', cancelText: '不删除' }))) return;
    setBusy(true);
    try {
      await call(api.deleteSponsor, { params: { id: existing.id }, idempotencyKey: key.key(), toast: false });
      key.settle();
      toast('已删除', 'success');
      onDeleted?.();
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    if (busy) return;
    const body = check(SponsorInput, {
      donorName: v.name,
      donorKind: v.kind,
      moneyFen: v.money ? (parseYuan(v.money) ?? undefined) : 0,
      goodsFen: v.goodsValue ? (parseYuan(v.goodsValue) ?? undefined) : 0,
      goods: v.goods,
      offerId: offers[Math.max(0, v.offerIndex)]!.id,
      receivedOn: v.on,
    });
    if (!body) return;
    setBusy(true);
    try {
      const saved = existing
        ? await call(api.updateSponsor, { params: { id: existing.id }, body, idempotencyKey: key.key(), toast: false })
        : await call(api.addCampaignSponsor, { params: { id: d.campaign.id }, body, idempotencyKey: key.key(), toast: false });
      key.settle();
      onAdded(saved);
      if (!existing) setV({ ...v, name: '', money: '', goodsValue: '', goods: '' });
      toast(existing ? '已保存修改' : '已登记捐赠', 'success');
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={existing ? 'gh-card gh-sponsor-form gh-sponsor-form--edit' : 'gh-card gh-sponsor-form'}>
      <View className='gh-section-title'>{existing ? `修改捐赠记录：${existing.donorName}` : '登记爱心捐赠'}</View>
      <FormRow label='捐赠方' error={errors.donorName}>
        <Input className='gh-input gh-sponsor-form__name' maxLength={40} value={v.name} onChange={(x) => (setV({ ...v, name: x }), clear('donorName'))} />
      </FormRow>
      <FormRow label='类型' error={errors.donorKind}>
        <Chips options={[{ key: 'enterprise' as const, label: '爱心企业' }, { key: 'individual' as const, label: '爱心人士' }]} value={v.kind} onChange={(k) => setV({ ...v, kind: k })} label='捐赠方类型' className='gh-sponsor-form__kind' />
      </FormRow>
      <FormRow label='资金（元）' error={errors.moneyFen}>
        <Input className='gh-input gh-sponsor-form__money' type='digit' value={v.money} onChange={(x) => (setV({ ...v, money: x }), clear('moneyFen'))} />
      </FormRow>
      <FormRow label='物资折价（元）' error={errors.goodsFen}>
        <Input className='gh-input gh-sponsor-form__goods-value' type='digit' value={v.goodsValue} onChange={(x) => (setV({ ...v, goodsValue: x }), clear('goodsFen'))} />
      </FormRow>
      <FormRow label='物资说明'>
        <Input className='gh-input gh-sponsor-form__goods' maxLength={100} value={v.goods} onChange={(x) => setV({ ...v, goods: x })} />
      </FormRow>
      <FormRow label='认领项目'>
        <SelectField items={offers} value={Math.max(0, v.offerIndex)} label={(o) => o.title} onChange={(i) => setV({ ...v, offerIndex: i })} className='gh-sponsor-form__offer' />
      </FormRow>
      <FormRow label='收到日期' error={errors.receivedOn}>
        <PickerField mode='date' value={v.on} onChange={(x) => (setV({ ...v, on: x }), clear('receivedOn'))} className='gh-sponsor-form__on' />
      </FormRow>
      <Button type='primary' fill='outline' block loading={busy} className='gh-sponsor-form__submit' onClick={() => void submit()}>
        {existing ? '保存修改' : '登记捐赠'}
      </Button>
      {existing ? (
        <Button fill='outline' block loading={busy} className='gh-sponsor-form__delete' onClick={() => void remove()}>
          删除这条记录
        </Button>
      ) : null}
    </View>
  );
}
