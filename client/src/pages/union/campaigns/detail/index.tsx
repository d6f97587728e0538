import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  ARCHIVE_CATEGORIES,
  archiveCategoryLabels,
  campaignPhaseLabels,
  formatFen,
  memberTagLabels,
  MemberTag,
  offerKindLabels,
  offerName,
  OfferInput,
  CampaignPatch,
  parseYuan,
  type ArchiveCategory,
  type OfferKind,
  type OfferView,
  type SponsorView,
  type StaffCampaignDetail,
} from '@gonghui/shared';
import { api, call } from '../../../../api';
import { FUNDS, fundText, TAGS, ARCHIVE, CATEGORIES, KINDS, subtreeOf, toggle } from '../../../../components/campaigns/choices';
import { LetterForm, Letters } from '../../../../components/campaigns/Letters';
import { OfferEditForm } from '../../../../components/campaigns/OfferEdit';
import { SPONSOR_COLUMNS, SponsorForm } from '../../../../components/campaigns/Sponsors';
import { CampaignPledges } from '../../../../components/campaigns/Pledges';
import { DataTable, type Column } from '../../../../components/DataTable';
import { Chips, FormRow, PickerField, SelectField } from '../../../../components/Form';
import { HeaderBand } from '../../../../components/PageShell';
import { Fact, WishGate } from '../../../../components/wishes/WishParts';
import { confirmDialog, toast } from '../../../../dialogs';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_CAMPAIGNS_PAGE, STAFF_CAMPAIGN_PAGE, withQuery } from '../../../../routes';

/** 在档困难职工（深度困难、相对困难）、劳模; all archive categories read as 在档困难职工. */
function audienceText(a: OfferView['audience']): string {
  const cats = a.archiveCategories;
  const archive = cats.length === ARCHIVE_CATEGORIES.length ? '在档困难职工' : cats.length ? `在档困难职工（${cats.map((c) => archiveCategoryLabels[c]).join('、')}）` : null;
  const groups = [...(archive ? [archive] : []), ...a.tags.map((t) => memberTagLabels[t])];
  return groups.length ? groups.join('、') : '全体会员';
}

const OFFER_COLUMNS: Column<OfferView>[] = [
  { key: 'title', title: '项目', width: '2fr', primary: true, render: (o) => `${offerName(o)}${o.cancelled ? '（已取消）' : ''}` },
  {
    key: 'for',
    title: '面向',
    width: '2.4fr',
    render: (o) => `${o.audience.unionName} · ${audienceText(o.audience)}`,
  },
  { key: 'value', title: '每份', width: '1fr', render: (o) => `${formatFen(o.valueFen)} · ${fundText(o.fund)}` },
  { key: 'counts', title: '领取/发放', width: '1.2fr', render: (o) => `${o.claimedCount} / ${o.handedOverCount}${o.stock ? ` · 剩余 ${o.stock.left}/${o.stock.total} 副` : ''}` },
];
const OFFER_FIELDS = ['kind', 'title', 'valueFen', 'fund', 'category', 'audience', 'pickupPoints', 'pickupFrom', 'pickupTo', 'stock'] as const;

function OfferForm({ d, onAdded }: { d: StaffCampaignDetail; onAdded: (o: OfferView) => void }) {
  const c = d.campaign;
  const [v, setV] = useState({ kind: 'gift_pack' as OfferKind, title: '温情年货礼包', description: '', value: '300', fund: 'B3', category: 'C11', unionIndex: 0, tags: [] as MemberTag[], archive: ['deep', 'relative', 'accident'] as ArchiveCategory[], points: '', from: c.startsOn, to: c.endsOn, delivery: false, stock: '' });
  const couplets = v.kind === 'couplets';
  const unions = useResource(async () => subtreeOf((await call(api.listUnions, { toast: false })).data, c.unionId), [c.unionId]);
  const { errors, clear, check, fail } = useFieldErrors(OFFER_FIELDS);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof v>, field?: (typeof OFFER_FIELDS)[number]) => {
    setV((x) => ({ ...x, ...patch }));
    if (field) clear(field);
  };
  const submit = async () => {
    if (busy || unions.status !== 'ready') return;
    const body = check(OfferInput, {
      kind: v.kind,
      title: v.title,
      description: v.description,
      valueFen: parseYuan(v.value) ?? undefined,
      fund: v.fund,
      category: v.category,
      audience: { unionId: unions.data[v.unionIndex]?.id, tags: v.tags, archiveCategories: couplets ? [] : v.archive },
      pickupPoints: v.points.split(/[,，、\n]/).map((p) => p.trim()).filter(Boolean),
      pickupFrom: v.from,
      pickupTo: v.to,
      delivery: v.delivery,
      stock: couplets ? (/^\d+$/.test(v.stock) ? Number(v.stock) : undefined) : null,
    });
    if (!body) return;
    setBusy(true);
    try {
      onAdded(await call(api.addCampaignOffer, { params: { id: c.id }, body, toast: false }));
      toast('已添加，符合条件的会员可在“送温暖”里领取', 'success');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-offer-form'>
      <View className='gh-section-title'>添加慰问项目</View>
      <FormRow label='类型' error={errors.kind}>
        <Chips options={KINDS} value={v.kind} onChange={(k) => set({ kind: k, title: k === 'couplets' ? '新春春联' : offerKindLabels[k] }, 'kind')} label='类型' className='gh-offer-form__kind' />
      </FormRow>
      {couplets ? (
        <FormRow label='数量（副）' error={errors.stock} hint='限量先到先得，每位会员限领1副'>
          <Input className='gh-input gh-offer-form__stock' type='number' maxLength={6} value={v.stock} onChange={(x) => set({ stock: x }, 'stock')} />
        </FormRow>
      ) : null}
      <FormRow label='名称' error={errors.title}>
        <Input className='gh-input gh-offer-form__title' maxLength={30} value={v.title} onChange={(x) => set({ title: x }, 'title')} />
      </FormRow>
      <FormRow label='说明'>
        <Input className='gh-input gh-offer-form__description' maxLength={300} placeholder='礼包内容、年夜饭菜单等' value={v.description} onChange={(x) => set({ description: x })} />
      </FormRow>
      <FormRow label='每份价值（元）' error={errors.valueFen}>
        <Input className='gh-input gh-offer-form__value' type='digit' maxLength={10} value={v.value} onChange={(x) => set({ value: x }, 'valueFen')} />
      </FormRow>
      <FormRow label='资金来源' error={errors.fund} hint='计入统计表 B1–B6；爱心企业认领的计入捐赠记录（B4）'>
        <Chips options={FUNDS} value={v.fund} onChange={(f) => set({ fund: f }, 'fund')} label='资金来源' className='gh-offer-form__fund' />
      </FormRow>
      <FormRow label='统计类别' error={errors.category} hint='发放后计入统计表的慰问对象类别（C1–C11）'>
        <SelectField items={CATEGORIES} value={CATEGORIES.findIndex((x) => x.key === v.category)} label={(x) => x.label} onChange={(i) => set({ category: CATEGORIES[i]!.key }, 'category')} className='gh-offer-form__category' />
      </FormRow>
      <FormRow label='面向工会' error={errors.audience}>
        {unions.status === 'ready' ? <SelectField items={unions.data} value={v.unionIndex} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={(i) => set({ unionIndex: i }, 'audience')} className='gh-offer-form__union' /> : <View />}
      </FormRow>
      {couplets ? null : (
        <FormRow label='困难职工' hint='在档困难职工按类别（任选其一即可领取）'>
          <Chips options={ARCHIVE} value={v.archive} onChange={(a) => set({ archive: toggle(v.archive, a) }, 'audience')} label='困难职工类别' className='gh-offer-form__archive' />
        </FormRow>
      )}
      <FormRow label='会员标签' hint='劳模、一线、新就业形态、农民工等；都不选则面向全体会员'>
        <Chips options={TAGS} value={v.tags} onChange={(t) => set({ tags: toggle(v.tags, t) }, 'audience')} label='会员标签' className='gh-offer-form__tags' />
      </FormRow>
      <FormRow label='领取地点' error={errors.pickupPoints} hint='多个地点用逗号分开'>
        <Input className='gh-input gh-offer-form__points' maxLength={200} placeholder='例如：吴兴区职工服务中心，织里镇工会服务站' value={v.points} onChange={(x) => set({ points: x }, 'pickupPoints')} />
      </FormRow>
      <FormRow label='领取开始' error={errors.pickupFrom}>
        <PickerField mode='date' value={v.from} onChange={(x) => set({ from: x }, 'pickupFrom')} className='gh-offer-form__from' />
      </FormRow>
      <FormRow label='领取截止' error={errors.pickupTo}>
        <PickerField mode='date' value={v.to} onChange={(x) => set({ to: x }, 'pickupTo')} className='gh-offer-form__to' />
      </FormRow>
      <FormRow label={couplets ? '邮寄' : '送货上门'}>
        <Chips options={[{ key: 'no', label: '只到点领取' }, { key: 'yes', label: couplets ? '也可邮寄' : '也可送货上门' }]} value={v.delivery ? 'yes' : 'no'} onChange={(k) => set({ delivery: k === 'yes' })} label='送货上门' className='gh-offer-form__delivery' />
      </FormRow>
      <Button type='primary' block loading={busy} className='gh-offer-form__submit' onClick={() => void submit()}>
        添加项目
      </Button>
    </View>
  );
}

const CAMPAIGN_FIELDS = ['name', 'startsOn', 'endsOn'] as const;

/** Changing the campaign: anything before a member claimed, the name and a later end after. */
function CampaignEditForm({ d, onSaved }: { d: StaffCampaignDetail; onSaved: () => void }) {
  const c = d.campaign;
  const [v, setV] = useState({ name: c.name, startsOn: c.startsOn, endsOn: c.endsOn });
  const { errors, clear, check, fail } = useFieldErrors(CAMPAIGN_FIELDS);
  const [busy, setBusy] = useState(false);
  const locked = c.claimCount > 0;
  const submit = async () => {
    if (busy) return;
    const body = check(CampaignPatch, { name: v.name, ...(locked ? {} : { startsOn: v.startsOn }), endsOn: v.endsOn });
    if (!body) return;
    setBusy(true);
    try {
      await call(api.updateCampaign, { params: { id: c.id }, body, toast: false });
      toast('已保存', 'success');
      onSaved();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-campaign-edit'>
      <View className='gh-section-title'>修改活动</View>
      {locked ? <Text className='gh-muted'>已有会员领取，只能修改名称或延后结束日期。</Text> : null}
      <FormRow label='活动名称' error={errors.name}>
        <Input className='gh-input gh-campaign-edit__name' maxLength={40} value={v.name} onChange={(x) => (setV({ ...v, name: x }), clear('name'))} />
      </FormRow>
      {locked ? null : (
        <FormRow label='开始日期' error={errors.startsOn}>
          <PickerField mode='date' value={v.startsOn} onChange={(x) => (setV({ ...v, startsOn: x }), clear('startsOn'))} className='gh-campaign-edit__from' />
        </FormRow>
      )}
      <FormRow label='结束日期' error={errors.endsOn}>
        <PickerField mode='date' value={v.endsOn} onChange={(x) => (setV({ ...v, endsOn: x }), clear('endsOn'))} className='gh-campaign-edit__to' />
      </FormRow>
      <Button type='primary' block loading={busy} className='gh-campaign-edit__submit' onClick={() => void submit()}>
        保存修改
      </Button>
    </View>
  );
}

/** A campaign: its offers (who they are for, claimed and handed over), adding offers and sponsors. */
export default function StaffCampaignPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(STAFF_CAMPAIGN_PAGE, { id }));
  const detail = useResource(() => call(api.staffCampaign, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id, refreshOnShow: true });
  const [adding, setAdding] = useState<'offer' | 'sponsor' | 'letter' | 'edit' | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [editingSponsor, setEditingSponsor] = useState<string | null>(null);
  const cancelCampaign = async (name: string) => {
    if (!(await confirmDialog({ title: '取消活动', content: `取消“${name}”及其全部慰问项目？会员将不再看到它们。`, confirmText: '取消活动', cancelText: '不取消' }))) return;
    try {
      await call(api.cancelCampaign, { params: { id } });
      toast('已取消该活动', 'success');
      void detail.reload();
    } catch {
      // the call shows the reason
    }
  };
  const [sent, setSent] = useState(0);
  return (
    <WishGate id={id} resource={detail} wide staffOnly className='gh-campaign' missing='没有找到这个送温暖活动' back={{ label: '返回送温暖', page: STAFF_CAMPAIGNS_PAGE }}>
      {(d) => (
        <>
          <HeaderBand title={d.campaign.name} subtitle={`${d.campaign.unionName} · ${campaignPhaseLabels[d.campaign.phase]}`} />
          <View className='gh-card gh-card--overlap'>
            <Fact label='活动时间'>{`${d.campaign.startsOn} 至 ${d.campaign.endsOn}`}</Fact>
            <Fact label='已发放'>{`${d.campaign.handedOverCount} 份`}</Fact>
            {d.campaign.cancelled ? <Fact label='状态'>已取消</Fact> : null}
            <View className='gh-toolbar'>
              {d.campaign.cancelled ? null : (
                <Button type='primary' fill='outline' className='gh-campaign__edit' onClick={() => setAdding(adding === 'edit' ? null : 'edit')}>
                  修改活动
                </Button>
              )}
              {!d.campaign.cancelled && d.campaign.claimCount === 0 ? (
                <Button type='default' fill='outline' className='gh-campaign__cancel' onClick={() => void cancelCampaign(d.campaign.name)}>
                  取消活动
                </Button>
              ) : null}
              {d.campaign.phase !== 'ended' && !d.campaign.cancelled ? (
                <Button type='primary' className='gh-campaign__add-offer' onClick={() => setAdding(adding === 'offer' ? null : 'offer')}>
                  添加慰问项目
                </Button>
              ) : null}
              <Button type='primary' fill='outline' className='gh-campaign__send-letter' onClick={() => setAdding(adding === 'letter' ? null : 'letter')}>
                发送慰问信
              </Button>
              <Button type='primary' fill='outline' className='gh-campaign__add-sponsor' onClick={() => setAdding(adding === 'sponsor' ? null : 'sponsor')}>
                登记爱心捐赠
              </Button>
            </View>
          </View>
          {adding === 'edit' ? <CampaignEditForm d={d} onSaved={() => (setAdding(null), void detail.reload())} /> : null}
          {adding === 'offer' ? <OfferForm d={d} onAdded={(o) => (detail.setData((x) => ({ ...x, offers: [...x.offers, o] })), setAdding(null))} /> : null}
          {adding === 'letter' ? <LetterForm d={d} onSent={() => (setSent((n) => n + 1), setAdding(null))} /> : null}
          <Letters key={sent} campaignId={d.campaign.id} />
          {adding === 'sponsor' ? <SponsorForm d={d} onAdded={(s) => detail.setData((x) => ({ ...x, sponsors: [...x.sponsors, s] }))} /> : null}
          <View className='gh-card'>
            <View className='gh-section-title'>慰问项目</View>
            {d.offers.length ? (
              <DataTable
                columns={[
                  ...OFFER_COLUMNS,
                  {
                    key: 'edit',
                    title: '操作',
                    width: '1fr',
                    render: (o: OfferView) =>
                      o.cancelled || d.campaign.cancelled ? (
                        '—'
                      ) : (
                        <Button size='small' fill='outline' className='gh-campaign__edit-offer' onClick={() => setEditing(editing === o.id ? null : o.id)}>
                          {editing === o.id ? '收起' : '修改'}
                        </Button>
                      ),
                  },
                ]}
                rows={d.offers}
                rowKey={(o) => o.id}
                className='gh-campaign__offers'
              />
            ) : (
              <Text className='gh-muted'>还没有慰问项目，点击“添加慰问项目”。</Text>
            )}
          </View>
          {editing && d.offers.some((o) => o.id === editing) ? <OfferEditForm key={editing} o={d.offers.find((o) => o.id === editing)!} onSaved={() => (setEditing(null), void detail.reload())} /> : null}
          <CampaignPledges campaignId={d.campaign.id} onReceived={() => void detail.reload(true)} />
          <View className='gh-card'>
            <View className='gh-section-title'>爱心捐赠（计入社会捐助 B4）</View>
            {d.sponsors.length ? (
              <DataTable
                columns={[
                  ...SPONSOR_COLUMNS,
                  {
                    key: 'edit',
                    title: '操作',
                    width: '1fr',
                    render: (x: SponsorView) => (
                      <Button size='small' fill='outline' className='gh-campaign__edit-sponsor' onClick={() => setEditingSponsor(editingSponsor === x.id ? null : x.id)}>
                        {editingSponsor === x.id ? '收起' : '修改'}
                      </Button>
                    ),
                  },
                ]}
                rows={d.sponsors}
                rowKey={(x) => x.id}
                className='gh-campaign__sponsors'
              />
            ) : (
              <Text className='gh-muted'>暂无捐赠记录。</Text>
            )}
            {editingSponsor && d.sponsors.some((x) => x.id === editingSponsor) ? (
              <SponsorForm
                key={editingSponsor}
                d={d}
                existing={d.sponsors.find((x) => x.id === editingSponsor)!}
                onAdded={() => (setEditingSponsor(null), void detail.reload(true))}
                onDeleted={() => (setEditingSponsor(null), void detail.reload(true))}
              />
            ) : null}
          </View>
        </>
      )}
    </WishGate>
  );
}
