import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { OfferPatch, type OfferView } from '@gonghui/shared';
import { api, call } from '../../api';
import { FormRow, PickerField } from '../Form';
import { Fact } from '../wishes/WishParts';
import { confirmDialog, toast } from '../../dialogs';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useResource } from '../../hooks/useResource';

const OFFER_EDIT_FIELDS = ['title', 'description', 'pickupTo'] as const;

/** Changing an offer's title, description and last pickup day (safe whether or not anyone claimed); calling it off before anyone did. */
export function OfferEditForm({ o, onSaved }: { o: OfferView; onSaved: () => void }) {
  const [v, setV] = useState({ title: o.title, description: o.description, pickupTo: o.pickupTo });
  const { errors, clear, check, fail } = useFieldErrors(OFFER_EDIT_FIELDS);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    const body = check(OfferPatch, v);
    if (!body) return;
    setBusy(true);
    try {
      await call(api.updateCampaignOffer, { params: { id: o.id }, body, toast: false });
      toast('已保存', 'success');
      onSaved();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (busy || !(await confirmDialog({ title: '取消该项目', content: `取消“${o.title}”后会员将不再看到它。`, confirmText: '取消项目', cancelText: '不取消' }))) return;
    setBusy(true);
    try {
      await call(api.cancelCampaignOffer, { params: { id: o.id } });
      toast('已取消该项目', 'success');
      onSaved();
    } catch {
      // the call shows the reason
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-offer-edit'>
      <View className='gh-section-title'>修改“{o.title}”</View>
      <FormRow label='名称' error={errors.title}>
        <Input className='gh-input gh-offer-edit__title' maxLength={30} value={v.title} onChange={(x) => (setV({ ...v, title: x }), clear('title'))} />
      </FormRow>
      <FormRow label='说明' error={errors.description}>
        <Input className='gh-input gh-offer-edit__description' maxLength={300} value={v.description} onChange={(x) => (setV({ ...v, description: x }), clear('description'))} />
      </FormRow>
      <FormRow label='领取截止' error={errors.pickupTo} hint={o.claimedCount > 0 ? '已有会员领取，只能延后' : undefined}>
        <PickerField mode='date' value={v.pickupTo} onChange={(x) => (setV({ ...v, pickupTo: x }), clear('pickupTo'))} className='gh-offer-edit__to' />
      </FormRow>
      <View className='gh-toolbar'>
        <Button type='primary' loading={busy} className='gh-offer-edit__submit' onClick={() => void save()}>
          保存修改
        </Button>
        {o.claimedCount === 0 ? (
          <Button type='default' fill='outline' className='gh-offer-edit__cancel' onClick={() => void cancel()}>
            取消项目
          </Button>
        ) : null}
      </View>
      {o.delivery ? <Deliveries offerId={o.id} /> : null}
    </View>
  );
}

/** The offer's claims to post: the address, and 已寄出 marks one handed over (by its code, as at the counter). */
function Deliveries({ offerId }: { offerId: string }) {
  const list = useResource(async () => (await call(api.offerDeliveries, { params: { id: offerId }, toast: false })).data, [offerId]);
  const [busy, setBusy] = useState<string | null>(null);
  if (list.status !== 'ready' || list.data.length === 0) return null;
  const post = async (code: string) => {
    if (busy) return;
    setBusy(code);
    try {
      await call(api.handOverPickup, { body: { code }, idempotencyKey: `posted-${code}` });
      toast('已标记寄出', 'success');
      list.setData((xs) => xs.filter((x) => x.pickupCode !== code));
    } catch {
      // the call shows the reason
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className='gh-offer-deliveries'>
      <View className='gh-section-title'>待邮寄（{list.data.length}）</View>
      {list.data.map((d) => (
        <View key={d.id} className='gh-offer-deliveries__row'>
          <Fact label={d.memberName}>{d.address}</Fact>
          <Button size='small' fill='outline' loading={busy === d.pickupCode} className='gh-offer-deliveries__posted' onClick={() => void post(d.pickupCode)}>
            已寄出
          </Button>
        </View>
      ))}
    </View>
  );
}
