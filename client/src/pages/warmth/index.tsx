import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { QrImage } from '../../components/QrImage';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, formatShanghai, offerKindLabels, OfferClaimInput, shanghaiDate, type MemberOfferView } from '@gonghui/shared';
import { api, call } from '../../api';
import { Chips, FormRow, PickerField } from '../../components/Form';
import { HeaderBand, PageShell } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { toast } from '../../dialogs';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useResource } from '../../hooks/useResource';
import { useSubmitKey } from '../../hooks/useSubmitKey';
import { WARMTH_PAGE } from '../../routes';
import './index.scss';

const FIELDS = ['pickupPoint', 'pickupDate', 'address'] as const;
const day = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The member's claim: the pickup code (and its QR) to show at the counter, or what was handed over. */
function MyClaim({ o }: { o: MemberOfferView }) {
  const mine = o.mine!;
  if (mine.status === 'handed_over') {
    return <View className='gh-warmth__done'>已领取（{formatShanghai(mine.handedOverAt!)}），祝您新春愉快！</View>;
  }
  return (
    <View className='gh-warmth__mine'>
      <View className='gh-warmth__way'>{mine.deliveryAddress ? `送达：${mine.deliveryAddress}` : `${day(mine.pickupDate!)} 到 ${mine.pickupPoint} 领取`}</View>
      <View className='gh-warmth__code-label'>领取码（向工作人员出示）</View>
      <View className='gh-warmth__code' aria-label={`领取码 ${mine.pickupCode.split('').join(' ')}`}>
        {mine.pickupCode.replace(/(\d{4})(\d{4})/, '$1 $2')}
      </View>
      {mine.pickupQr ? <QrImage className='gh-warmth__qr' src={mine.pickupQr} label={`领取码二维码，数字码 ${mine.pickupCode}`} /> : null}
    </View>
  );
}

/** 送春联: how many sets are left, said plainly; nothing to fill in once they are gone. */
function Stock({ o }: { o: MemberOfferView }) {
  if (!o.stock) return null;
  if (o.stock.left === 0 && !o.mine) {
    return (
      <View className='gh-warmth__soldout' role='status'>
        已领完（共 {o.stock.total} 副），感谢关注
      </View>
    );
  }
  return (
    <View className='gh-warmth__stock'>
      限量 {o.stock.total} 副，剩余 <Text className='gh-warmth__left'>{o.stock.left}</Text> 副，每人限领 1 副
    </View>
  );
}

function ClaimForm({ o, onClaimed, onRefused }: { o: MemberOfferView; onClaimed: (v: MemberOfferView) => void; onRefused: () => void }) {
  const [way, setWay] = useState<'pickup' | 'delivery'>('pickup');
  const [point, setPoint] = useState(o.pickupPoints[0] ?? '');
  const today = shanghaiDate(new Date());
  const [date, setDate] = useState(today > o.pickupFrom ? today : o.pickupFrom);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const key = useSubmitKey();
  const stocked = o.stock !== null;
  const ways = [{ key: 'pickup' as const, label: '到点领取' }, ...(o.delivery ? [{ key: 'delivery' as const, label: stocked ? '邮寄到家' : '送货上门' }] : [])];

  const submit = async () => {
    if (busy) return;
    const body = check(OfferClaimInput, way === 'pickup' ? { way, pickupPoint: point, pickupDate: date } : { way, address });
    if (!body) return;
    setBusy(true);
    try {
      // couplets are grabbed from a limited stock (the claim path of the vouchers)
      const v = stocked
        ? await call(api.grabCouplets, { params: { id: o.id }, body, idempotencyKey: key.key(), toast: false })
        : await call(api.claimCampaignOffer, { params: { id: o.id }, body, idempotencyKey: key.key(), toast: false });
      key.settle();
      toast(way === 'delivery' ? '领取成功，我们会尽快寄出' : '领取成功，请凭领取码领取', 'success');
      onClaimed(v);
    } catch (e) {
      key.settle(e);
      fail(e);
      // sold out or taken meanwhile: show the stock as it is now
      if (stocked) onRefused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='gh-warmth__claim'>
      {ways.length > 1 ? (
        <FormRow label='领取方式'>
          <Chips options={ways} value={way} onChange={setWay} label='领取方式' className='gh-warmth__ways' />
        </FormRow>
      ) : null}
      {way === 'pickup' ? (
        <>
          <FormRow label='领取地点' error={errors.pickupPoint}>
            <Chips options={o.pickupPoints.map((p) => ({ key: p, label: p }))} value={point} onChange={(p) => (setPoint(p), clear('pickupPoint'))} label='领取地点' className='gh-warmth__points' />
          </FormRow>
          <FormRow label='领取日期' error={errors.pickupDate} hint={`${day(o.pickupFrom)}至${day(o.pickupTo)}`}>
            <PickerField mode='date' value={date} onChange={(d) => (setDate(d), clear('pickupDate'))} className='gh-warmth__date' />
          </FormRow>
        </>
      ) : (
        <FormRow label={stocked ? '邮寄地址' : '送达地址'} error={errors.address}>
          <Input className='gh-input gh-warmth__address' placeholder={stocked ? '区、街道、小区、门牌号及收件人' : '区、街道、小区、门牌号'} maxLength={100} value={address} onChange={(v) => (setAddress(v), clear('address'))} />
        </FormRow>
      )}
      <Button type='primary' block loading={busy} className='gh-warmth__submit' onClick={() => void submit()}>
        {stocked ? '抢春联' : `领取${offerKindLabels[o.kind]}`}
      </Button>
    </View>
  );
}

/** 送温暖: the running campaigns' gift packs and dinners meant for the member, claimed here. */
export default function WarmthPage() {
  const signedIn = useRequireLogin(WARMTH_PAGE, { memberArea: true });
  const offers = useResource(async () => (await call(api.myCampaignOffers, { toast: false })).data, [], { enabled: signedIn, refreshOnShow: true });
  const replace = (v: MemberOfferView) => offers.setData((list) => list.map((o) => (o.id === v.id ? v : o)));

  return (
    <PageShell className='gh-warmth'>
      <HeaderBand title='两节送温暖' subtitle='工会为您准备的温情年货礼包、年夜饭和春联，领取后凭领取码到点领取' />
      {offers.status === 'loading' ? <LoadingView /> : null}
      {offers.status === 'error' ? <ErrorView error={offers.error} onRetry={() => void offers.reload()} /> : null}
      {offers.status === 'ready' && offers.data.length === 0 ? (
        <View className='gh-card gh-card--overlap'>
          <EmptyView title='暂时没有为您准备的慰问项目' hint='送温暖活动期间，工会为您准备的礼包和年夜饭会显示在这里，并在首页提醒您。' />
        </View>
      ) : null}
      {offers.status === 'ready'
        ? offers.data.map((o, i) => (
            <View key={o.id} className={`gh-card gh-warmth__offer ${i === 0 ? 'gh-card--overlap' : ''}`}>
              <View className='gh-warmth__head'>
                {o.title.includes(offerKindLabels[o.kind]) ? null : <Text className='gh-warmth__kind'>{offerKindLabels[o.kind]}</Text>}
                <Text className='gh-warmth__title'>{o.title}</Text>
              </View>
              <View className='gh-muted'>
                {o.unionName} · {o.campaignName} · 价值 {formatFen(o.valueFen)}
              </View>
              {o.description ? <View className='gh-warmth__desc'>{o.description}</View> : null}
              <Stock o={o} />
              {o.mine ? <MyClaim o={o} /> : o.stock && o.stock.left === 0 ? null : <ClaimForm o={o} onClaimed={replace} onRefused={() => void offers.reload()} />}
            </View>
          ))
        : null}
    </PageShell>
  );
}
