import { useCallback, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  formatFen,
  formatShanghai,
  offerKindLabels,
  PLEDGE_FORMS,
  pledgeAmountFen,
  pledgeFormLabels,
  PledgeInput,
  pledgeStatusLabels,
  type PledgeForm,
  type PledgeView,
  type SponsorableOfferView,
} from '@gonghui/shared';
import { api, call } from '../../../api';
import { Chips, FormRow } from '../../../components/Form';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { ListFooter } from '../../../components/wishes/WishParts';
import { confirmDialog, toast } from '../../../dialogs';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { useSubmitKey } from '../../../hooks/useSubmitKey';
import { openPage } from '../../../navigation';
import { useAppStore } from '../../../stores';
import { DONOR_PLEDGES_PAGE, DONOR_PROFILE_PAGE } from '../../../routes';
import './index.scss';

const FORMS = PLEDGE_FORMS.map((f) => ({ key: f, label: pledgeFormLabels[f] }));
const PLEDGE_FIELDS = ['packs', 'form', 'note'] as const;

/** How many packs, money or goods, a word for the union: what one pledge says. */
function PledgeForm({ offer, onDone }: { offer: SponsorableOfferView; onDone: (p: PledgeView) => void }) {
  const [v, setV] = useState({ packs: '10', form: 'money' as PledgeForm, note: '' });
  const { errors, clear, check, fail } = useFieldErrors(PLEDGE_FIELDS);
  const key = useSubmitKey();
  const [busy, setBusy] = useState(false);
  const packs = /^\d{1,5}$/.test(v.packs) ? Number(v.packs) : NaN;
  const submit = async () => {
    if (busy) return;
    const body = check(PledgeInput, { offerId: offer.id, packs: Number.isNaN(packs) ? undefined : packs, form: v.form, note: v.note });
    if (!body) return;
    setBusy(true);
    try {
      onDone(await call(api.createPledge, { body, idempotencyKey: key.key(), toast: false }));
      key.settle();
      toast('认捐已提交，工会将与您联系', 'success');
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-pledge-form'>
      <FormRow label='认捐份数' error={errors.packs} hint={Number.isNaN(packs) ? undefined : `合计 ${formatFen(pledgeAmountFen(packs, offer.valueFen))}`}>
        <Input className='gh-input gh-pledge-form__packs' type='number' maxLength={5} value={v.packs} onChange={(x) => (setV({ ...v, packs: x }), clear('packs'))} />
      </FormRow>
      <FormRow label='方式' error={errors.form}>
        <Chips options={FORMS} value={v.form} onChange={(f) => setV({ ...v, form: f })} label='认捐方式' className='gh-pledge-form__form' />
      </FormRow>
      <FormRow label='留言' error={errors.note} hint='选填：方便联系的时间、开票要求等'>
        <TextArea className='gh-pledge-form__note' maxLength={200} value={v.note} onChange={(x) => (setV({ ...v, note: x }), clear('note'))} />
      </FormRow>
      <Button type='primary' size='large' block loading={busy} className='gh-pledge-form__submit' onClick={() => void submit()}>
        提交认捐
      </Button>
    </View>
  );
}

function OfferCard({ offer, onPledged }: { offer: SponsorableOfferView; onPledged: (p: PledgeView) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='gh-card gh-pledge-offer'>
      <View className='gh-pledge-offer__head'>
        <Text className='gh-pledge-offer__title'>{offer.title}</Text>
        <Text className='gh-pledge-offer__kind'>{offerKindLabels[offer.kind]}</Text>
      </View>
      <View className='gh-pledge-offer__meta'>
        {offer.campaignName} · {offer.unionName} · {offer.endsOn} 结束
      </View>
      {offer.description ? <View className='gh-pledge-offer__desc'>{offer.description}</View> : null}
      <View className='gh-pledge-offer__figures'>
        每份 {formatFen(offer.valueFen)} · 已有 {offer.claimedCount} 位职工领取 · 已认捐 {offer.pledgedPacks} 份
      </View>
      {open ? (
        <PledgeForm
          offer={offer}
          onDone={(p) => {
            setOpen(false);
            onPledged(p);
          }}
        />
      ) : (
        <Button type='primary' fill='outline' size='large' block className='gh-pledge-offer__open' onClick={() => setOpen(true)}>
          我要认捐
        </Button>
      )}
    </View>
  );
}

function PledgeRow({ p, onWithdrawn }: { p: PledgeView; onWithdrawn: (p: PledgeView) => void }) {
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    if (busy || !(await confirmDialog({ title: '撤回认捐', content: `撤回对“${p.offer.title}”${p.packs}份的认捐？`, confirmText: '撤回' }))) return;
    setBusy(true);
    try {
      onWithdrawn(await call(api.withdrawPledge, { params: { id: p.id } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-pledge'>
      <View className='gh-pledge__head'>
        <Text className='gh-pledge__title'>{p.offer.title}</Text>
        <Text className={`gh-pledge__status gh-pledge__status--${p.status}`}>{pledgeStatusLabels[p.status]}</Text>
      </View>
      <View className='gh-pledge__meta'>
        {p.offer.unionName} · {p.packs} 份 · {formatFen(p.amountFen)} · {p.form === 'money' ? '捐款' : '捐物'}
      </View>
      <View className='gh-pledge__meta'>提交于 {formatShanghai(p.createdAt, true)}</View>
      {p.decisionNote ? <View className='gh-pledge__note'>工会回复：{p.decisionNote}</View> : null}
      {p.status === 'pledged' ? (
        <Button fill='outline' size='large' block loading={busy} className='gh-pledge__withdraw' onClick={() => void withdraw()}>
          撤回认捐
        </Button>
      ) : null}
    </View>
  );
}

/** 送温暖认捐: the packs of running campaigns a donor may sponsor, and the donor's own pledges. */
export default function DonorPledgesPage() {
  const signedIn = useRequireLogin(DONOR_PLEDGES_PAGE);
  const isDonor = useAppStore((s) => !!s.me?.donor);
  const enabled = signedIn && isDonor;
  const offers = useResource(() => call(api.sponsorableOffers, { toast: false }), [], { enabled, refreshOnShow: true });
  const fetchPage = useCallback((cursor: string | undefined) => call(api.myPledges, { query: { cursor, limit: 20 }, toast: false }), []);
  const { list, reload, loadMore, updateItems } = usePagedList(fetchPage, { enabled, refreshOnShow: true });
  const pledged = (p: PledgeView) => {
    updateItems((items) => [p, ...items]);
    void offers.reload(true);
  };

  return (
    <PageShell className='gh-donor-pledges'>
      <HeaderBand title='送温暖认捐' subtitle='为工会的温情年货礼包、年夜饭认捐，工会确认收到后计入社会捐赠' />
      {signedIn && !isDonor ? (
        <EmptyView
          title='您还不是爱心人士'
          hint='登记为个人或企业爱心人士后，就可以为送温暖活动认捐。'
          action={
            <Button type='primary' className='gh-donor-pledges__become' onClick={() => openPage(DONOR_PROFILE_PAGE)}>
              成为爱心人士
            </Button>
          }
        />
      ) : null}
      {enabled ? <View className='gh-section-title gh-donor-pledges__section'>可认捐的项目</View> : null}
      {offers.status === 'loading' ? <LoadingView /> : null}
      {offers.status === 'error' ? <ErrorView error={offers.error} onRetry={() => void offers.reload()} /> : null}
      {offers.status === 'ready' && offers.data.data.length === 0 ? <EmptyView title='暂无可认捐的项目' hint='工会发布送温暖活动后，这里会列出可认捐的礼包和年夜饭。' /> : null}
      {offers.status === 'ready' ? offers.data.data.map((o) => <OfferCard key={o.id} offer={o} onPledged={pledged} />) : null}

      {enabled ? <View className='gh-section-title gh-donor-pledges__section'>我的认捐</View> : null}
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='还没有认捐' hint='选择上面的项目认捐后，可在这里查看工会的确认。' /> : null}
      {list.items.map((p) => (
        <PledgeRow key={p.id} p={p} onWithdrawn={(w) => updateItems((items) => items.map((x) => (x.id === w.id ? w : x)))} />
      ))}
      <ListFooter list={list} loadMore={loadMore} unit='条认捐' />
    </PageShell>
  );
}
