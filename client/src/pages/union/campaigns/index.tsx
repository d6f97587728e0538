import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CampaignInput, campaignPhaseLabels, campaignProblems, type StaffCampaignView } from '@gonghui/shared';
import { api, call } from '../../../api';
import { DataTable, type Column } from '../../../components/DataTable';
import { FormRow, PickerField, SelectField } from '../../../components/Form';
import { HeaderBand, PageShell } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { ListFooter } from '../../../components/wishes/WishParts';
import { toast } from '../../../dialogs';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { STAFF_CAMPAIGNS_PAGE, STAFF_CAMPAIGN_PAGE, STAFF_PICKUP_PAGE, STAFF_VISITS_PAGE, STAFF_WARMTH_FORM_PAGE, withQuery } from '../../../routes';

const FIELDS = ['name', 'unionId', 'startsOn', 'endsOn'] as const;
const md = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const COLUMNS: Column<StaffCampaignView>[] = [
  { key: 'name', title: '活动', width: '2.4fr', primary: true, render: (c) => c.name },
  { key: 'when', title: '时间', width: '2fr', render: (c) => `${md(c.startsOn)} – ${md(c.endsOn)}` },
  { key: 'union', title: '工会', width: '1.6fr', render: (c) => c.unionName },
  { key: 'counts', title: '慰问项目与发放', width: '1.4fr', render: (c) => `${c.offerCount} 项 · 已发放 ${c.handedOverCount} 份` },
  { key: 'phase', title: '状态', width: '1fr', render: (c) => campaignPhaseLabels[c.phase] },
];

/** A new campaign: the winter's default is mid-December to the Lantern Festival. */
function NewCampaign({ onCreated }: { onCreated: (c: StaffCampaignView) => void }) {
  const year = new Date().getFullYear() + (new Date().getMonth() >= 8 ? 1 : 0);
  const [v, setV] = useState({ name: `${year}年元旦春节送温暖`, unionIndex: 0, startsOn: `${year - 1}-12-15`, endsOn: `${year}-02-28` });
  const unions = useResource(async () => (await call(api.listUnions, { toast: false })).data, []);
  const { errors, clear, check, mark, fail } = useFieldErrors(FIELDS);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy || unions.status !== 'ready') return;
    const body = check(CampaignInput, { name: v.name, unionId: unions.data[v.unionIndex]?.id, startsOn: v.startsOn, endsOn: v.endsOn });
    if (!body) return;
    const problems = campaignProblems(body);
    if (problems.length && mark(problems.reduce<Record<string, string>>((all, p) => ({ ...all, [p.path]: p.message }), {}))) return;
    setBusy(true);
    try {
      onCreated(await call(api.createCampaign, { body, toast: false }));
      toast('已创建，请添加慰问项目', 'success');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-campaigns__new'>
      <View className='gh-section-title'>新建送温暖活动</View>
      <FormRow label='活动名称' error={errors.name}>
        <Input className='gh-input gh-campaigns__name' maxLength={40} value={v.name} onChange={(x) => (setV({ ...v, name: x }), clear('name'))} />
      </FormRow>
      <FormRow label='工会' error={errors.unionId} hint='面向该工会及下级工会的会员'>
        {unions.status === 'ready' ? <SelectField items={unions.data} value={v.unionIndex} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={(i) => setV({ ...v, unionIndex: i })} className='gh-campaigns__union' /> : <View />}
      </FormRow>
      <FormRow label='开始日期' error={errors.startsOn}>
        <PickerField mode='date' value={v.startsOn} onChange={(x) => (setV({ ...v, startsOn: x }), clear('startsOn'))} className='gh-campaigns__starts' />
      </FormRow>
      <FormRow label='结束日期' error={errors.endsOn} hint='一般到元宵节'>
        <PickerField mode='date' value={v.endsOn} onChange={(x) => (setV({ ...v, endsOn: x }), clear('endsOn'))} className='gh-campaigns__ends' />
      </FormRow>
      <Button type='primary' block loading={busy} className='gh-campaigns__create' onClick={() => void submit()}>
        创建活动
      </Button>
    </View>
  );
}

/** Union staff: 两节送温暖 — campaigns, the pickup counter, visits and the statistics form. */
export default function StaffCampaignsPage() {
  const signedIn = useRequireLogin(STAFF_CAMPAIGNS_PAGE);
  const fetchPage = useCallback((cursor: string | undefined) => call(api.staffCampaigns, { query: { cursor, limit: 50 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList<StaffCampaignView>(fetchPage, { enabled: signedIn, refreshOnShow: true });
  const [creating, setCreating] = useState(false);

  return (
    <PageShell wide staffOnly className='gh-campaigns'>
      <HeaderBand title='两节送温暖' subtitle='礼包与年夜饭、发放核销、走访慰问登记、送温暖统计表' />
      <View className='gh-card gh-card--overlap gh-toolbar'>
        <Button type='primary' className='gh-campaigns__new-button' onClick={() => setCreating(!creating)}>
          新建活动
        </Button>
        <Button type='primary' fill='outline' className='gh-campaigns__pickup' onClick={() => openPage(STAFF_PICKUP_PAGE)}>
          发放核销
        </Button>
        <Button type='primary' fill='outline' className='gh-campaigns__visits' onClick={() => openPage(STAFF_VISITS_PAGE)}>
          走访慰问
        </Button>
        <Button type='primary' fill='outline' className='gh-campaigns__form' onClick={() => openPage(STAFF_WARMTH_FORM_PAGE)}>
          统计表
        </Button>
      </View>
      {creating ? <NewCampaign onCreated={(c) => openPage(withQuery(STAFF_CAMPAIGN_PAGE, { id: c.id }))} /> : null}
      <View className='gh-card'>
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='还没有送温暖活动' hint='点击“新建活动”，再添加礼包、年夜饭。' /> : null}
        {list.items.length > 0 ? <DataTable columns={COLUMNS} rows={list.items} rowKey={(c) => c.id} onRowClick={(c) => openPage(withQuery(STAFF_CAMPAIGN_PAGE, { id: c.id }))} className='gh-campaigns__table' /> : null}
        <ListFooter list={list} loadMore={loadMore} unit='个活动' />
      </View>
    </PageShell>
  );
}
