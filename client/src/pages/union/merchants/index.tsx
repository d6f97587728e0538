import { useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { MerchantInput, periodOf, Phone, unionKindLabels, type ResponseOf, type UnionNode } from '@gonghui/shared';
import { api, call, downloadExport } from '../../../api';
import { serverNow } from '../../../stores/server-clock';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { DataTable, type Column } from '../../../components/DataTable';
import { Chips, FormRow, PickerField, SelectField } from '../../../components/Form';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { loadUnionTree } from '../../../stores/union-tree';
import { toast } from '../../../dialogs';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { MERCHANT_DETAIL_PAGE, MERCHANTS_PAGE, withQuery } from '../../../routes';
import { openPage } from '../../../navigation';
import './index.scss';

type Merchant = ResponseOf<typeof api.listMerchants>['data'][number];
const CATEGORIES = ['家电', '商超', '餐饮', '出行', '演出票务', '医药', '其他'].map((c) => ({ key: c, label: c }));

interface Draft {
  name: string;
  category: string;
  address: string;
  unionId: string;
  phones: string;
}
const emptyDraft: Draft = { name: '', category: '', address: '', unionId: '', phones: '' };
const FIELDS = ['name', 'category', 'address', 'unionId', 'phones'] as const;
/** The body's `staffPhones` is the form's one text box of numbers; a number taken elsewhere is its error too. */
const PHONES = { rename: { staffPhones: 'phones' }, codes: { MERCHANT_STAFF_TAKEN: 'phones' } };

function splitPhones(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** `unions`: only those this staff member may sign merchants for (an admin's ability). */
function NewMerchantForm({ unions, onCreated, onCancel }: { unions: UnionNode[]; onCreated: (m: Merchant) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>({ ...emptyDraft, unionId: unions[0]?.id ?? '' });
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const [saving, setSaving] = useState(false);
  const minDepth = useMemo(() => Math.min(...unions.map((u) => u.depth)), [unions]);
  const set = (k: keyof Draft, v: string) => {
    setD((x) => ({ ...x, [k]: v }));
    clear(k);
  };

  const submit = async () => {
    const phones = splitPhones(d.phones);
    // The schema says a number is wrong; the form can say which.
    const bad = phones.filter((p) => !Phone.safeParse(p).success);
    const body = check(
      MerchantInput,
      { name: d.name, category: d.category, address: d.address, unionId: d.unionId, staffPhones: [...new Set(phones)] },
      { ...PHONES, extra: bad.length ? { phones: `手机号有误：${bad.join('、')}` } : {} },
    );
    if (!body) return;
    setSaving(true);
    try {
      const m = await call(api.createMerchant, { body, toast: false });
      toast('商户已添加', 'success');
      onCreated(m);
    } catch (error) {
      fail(error, PHONES);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='gh-card gh-merchant-form'>
      <View className='gh-section-title'>新增合作商户</View>
      <FormRow label='商户名称' error={errors.name}>
        <Input className='gh-input gh-merchant-form__name' placeholder='例如：湖州苏宁易购吴兴店' maxLength={60} value={d.name} onChange={(v) => set('name', v)} />
      </FormRow>
      <FormRow label='类别' error={errors.category}>
        <Chips options={CATEGORIES} value={d.category} onChange={(k) => set('category', k)} />
      </FormRow>
      <FormRow label='地址' error={errors.address}>
        <Input className='gh-input gh-merchant-form__address' placeholder='门店地址，会员在券上看到' maxLength={120} value={d.address} onChange={(v) => set('address', v)} />
      </FormRow>
      <FormRow label='所属工会' error={errors.unionId} hint='发放范围覆盖该工会的工惠券可在本店使用'>
        <SelectField
          items={unions}
          value={unions.findIndex((u) => u.id === d.unionId)}
          label={(u) => `${'　'.repeat(Math.max(0, u.depth - minDepth))}${u.name}（${unionKindLabels[u.kind]}）`}
          onChange={(i) => set('unionId', unions[i]?.id ?? '')}
        />
      </FormRow>
      <FormRow label='店员手机号' error={errors.phones} hint='每行一个；店员用这个手机号登录后即可核销'>
        <TextArea className='gh-input gh-input--area gh-merchant-form__phones' placeholder={'13900000021\n13900000022'} maxLength={300} value={d.phones} onChange={(v) => set('phones', v)} />
      </FormRow>
      <View className='gh-merchant-form__actions'>
        <Button fill='outline' size='large' disabled={saving} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' size='large' loading={saving} className='gh-merchant-form__submit' onClick={() => void submit()}>
          添加商户
        </Button>
      </View>
    </View>
  );
}

export default function MerchantsPage() {
  const signedIn = useRequireLogin(MERCHANTS_PAGE);
  // Back from a merchant's page (edited, cashiers changed): show the change.
  const state = useResource(
    async () => {
      const [m, u] = await Promise.all([call(api.listMerchants, { toast: false }), loadUnionTree()]);
      return { merchants: m.data, unions: u };
    },
    [],
    { enabled: signedIn, refreshOnShow: true },
  );
  const [adding, setAdding] = useState(false);
  // This month so far by default; pick a finished month for the final settlement.
  const [month, setMonth] = useState(() => periodOf(serverNow()));
  const [exporting, setExporting] = useState<string | null>(null);

  // Signing a merchant needs an admin of its union: the button shows only where the server says so.
  const signable = state.status === 'ready' ? state.data.unions.filter((u) => u.abilities.signMerchants) : [];

  const exportSettlement = async (m: Merchant) => {
    setExporting(m.id);
    try {
      await downloadExport(api.merchantSettlementXlsx, { params: { id: m.id }, query: { month }, filename: `结算单-${m.name}-${month}.xlsx` });
    } catch (error) {
      toast(errorText(error));
    } finally {
      setExporting(null);
    }
  };

  const columns: Column<Merchant>[] = [
    {
      key: 'name',
      title: '商户',
      width: '2.2fr',
      primary: true,
      render: (m) => (
        <View>
          {m.name}
          {!m.active ? <Text className='gh-merchants-table__inactive'>已停用</Text> : null}
        </View>
      ),
    },
    { key: 'category', title: '类别', width: '0.9fr', render: (m) => m.category },
    { key: 'address', title: '地址', width: '2.4fr', full: true, render: (m) => m.address || '—' },
    { key: 'union', title: '所属工会', width: '1.6fr', render: (m) => m.unionName },
    { key: 'staff', title: '店员', width: '0.6fr', num: true, render: (m) => `${m.staffCount}人` },
    {
      key: 'export',
      title: `${month} 结算`,
      width: '1.3fr',
      full: true,
      render: (m) => (
        <Button size='small' fill='outline' loading={exporting === m.id} className='gh-merchants-table__export' onClick={() => void exportSettlement(m)}>
          导出结算单
        </Button>
      ),
    },
    {
      key: 'open',
      title: '店员与信息',
      width: '1.2fr',
      full: true,
      render: (m) => (
        <Button size='small' type='primary' fill='outline' className='gh-merchants-table__open' onClick={() => openPage(withQuery(MERCHANT_DETAIL_PAGE, { id: m.id }))}>
          查看详情
        </Button>
      ),
    },
  ];

  return (
    <PageShell wide staffOnly className='gh-merchants-admin'>
      <HeaderBand
        title='合作商户'
        subtitle={signable.length > 0 || state.status !== 'ready' ? '添加商户和店员账号；按月导出结算单（核销明细与汇总）' : '按月导出结算单（核销明细与汇总）；新增商户由本级工会管理员办理'}
      />
      <View className='gh-card gh-card--overlap gh-toolbar gh-merchants-admin__tools'>
        {signable.length > 0 ? (
          <Button type='primary' className='gh-merchants-admin__add' onClick={() => setAdding(true)} disabled={adding}>
            新增合作商户
          </Button>
        ) : null}
        <View className='gh-merchants-admin__month'>
          <Text className='gh-merchants-admin__month-label'>结算月份</Text>
          <PickerField mode='date' fields='month' value={month} display={`${month.replace('-', '年')}月`} onChange={(v) => setMonth(v.slice(0, 7))} />
        </View>
      </View>

      {adding && signable.length > 0 ? (
        <NewMerchantForm
          unions={signable}
          onCancel={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            void state.reload(true);
          }}
        />
      ) : null}

      <View className='gh-card gh-merchants-admin__card'>
        {state.status === 'loading' ? <LoadingView /> : null}
        {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
        {state.status === 'ready' && state.data.merchants.length === 0 ? (
          <EmptyView
            title='还没有合作商户'
            hint={signable.length > 0 ? '点击“新增合作商户”，填写商户信息和店员手机号。' : '新增合作商户需要本级工会管理员，请联系管理员添加。'}
          />
        ) : null}
        {state.status === 'ready' && state.data.merchants.length > 0 ? (
          <DataTable columns={columns} rows={state.data.merchants} rowKey={(m) => m.id} className='gh-merchants-table' />
        ) : null}
      </View>
    </PageShell>
  );
}
