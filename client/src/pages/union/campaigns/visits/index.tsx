import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, FUND_CODES, fundCodeLabels, parseYuan, shanghaiDate, VISIT_CATEGORIES, visitCategoryShort, VisitInput, type VisitView } from '@gonghui/shared';
import { api, call } from '../../../../api';
import { DataTable, type Column } from '../../../../components/DataTable';
import { Chips, FormRow, PickerField, SelectField } from '../../../../components/Form';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StatusView';
import { ListFooter } from '../../../../components/wishes/WishParts';
import { confirmDialog, toast } from '../../../../dialogs';
import { useFieldErrors } from '../../../../forms/useFieldErrors';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { useSubmitKey } from '../../../../hooks/useSubmitKey';
import { STAFF_VISITS_PAGE } from '../../../../routes';

const FIELDS = ['unionId', 'visitedOn', 'target', 'name', 'category', 'moneyFen', 'goodsFen', 'fund'] as const;
const FUNDS = FUND_CODES.map((f) => ({ key: f, label: fundCodeLabels[f] }));
const CATEGORIES = VISIT_CATEGORIES.map((c) => ({ key: c, label: `${c} ${visitCategoryShort[c]}` }));

const COLUMNS: Column<VisitView>[] = [
  { key: 'on', title: '日期', width: '1fr', render: (v) => v.visitedOn },
  { key: 'who', title: '走访对象', width: '2fr', primary: true, render: (v) => `${v.target === 'enterprise' ? '企业' : '职工'}：${v.name}${v.newForm ? '（新就业形态）' : ''}` },
  { key: 'cat', title: '类别', width: '1.4fr', render: (v) => (v.category ? `${v.category} ${visitCategoryShort[v.category]}` : '走访企业') },
  { key: 'given', title: '慰问金 / 物资', width: '1.4fr', render: (v) => `${formatFen(v.moneyFen)} / ${formatFen(v.goodsFen)}` },
  { key: 'fund', title: '资金来源', width: '1fr', render: (v) => fundCodeLabels[v.fund] },
  { key: 'union', title: '工会', width: '1.6fr', render: (v) => v.unionName },
];

const yuan = (fen: number) => (fen ? String(fen / 100) : '');

/** Logging a visit, or correcting one picked from the list (names of people in hardship may come masked: sent back as shown, the stored name stays). */
function VisitForm({ onLogged, editing, onDone }: { onLogged: (v: VisitView) => void; editing?: VisitView; onDone?: () => void }) {
  const unions = useResource(async () => (await call(api.listUnions, { toast: false })).data, []);
  const blank = { unionIndex: 0, on: shanghaiDate(new Date()), target: 'person' as 'person' | 'enterprise', name: '', category: 'C11', newForm: false, money: '', goods: '', fund: 'B3' as (typeof FUND_CODES)[number], note: '' };
  const [v, setV] = useState(() =>
    editing
      ? { ...blank, unionIndex: -1, on: editing.visitedOn, target: editing.target, name: editing.name, category: editing.category ?? 'C11', newForm: editing.newForm, money: yuan(editing.moneyFen), goods: yuan(editing.goodsFen), fund: editing.fund, note: editing.note }
      : blank,
  );
  const editUnionIndex = editing && unions.status === 'ready' ? Math.max(0, unions.data.findIndex((u) => u.name === editing.unionName)) : null;
  const unionIndex = v.unionIndex < 0 ? (editUnionIndex ?? 0) : v.unionIndex;
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const key = useSubmitKey();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof v>, field?: (typeof FIELDS)[number]) => {
    setV((x) => ({ ...x, ...patch }));
    if (field) clear(field);
  };
  const submit = async () => {
    if (busy || unions.status !== 'ready') return;
    const body = check(VisitInput, {
      unionId: unions.data[unionIndex]?.id,
      visitedOn: v.on,
      target: v.target,
      name: v.name,
      category: v.target === 'person' ? v.category : null,
      newForm: v.target === 'person' && v.newForm,
      moneyFen: v.money ? (parseYuan(v.money) ?? undefined) : 0,
      goodsFen: v.goods ? (parseYuan(v.goods) ?? undefined) : 0,
      fund: v.fund,
      note: v.note,
    });
    if (!body) return;
    setBusy(true);
    try {
      if (editing) {
        onLogged(await call(api.updateVisit, { params: { id: editing.id }, body, idempotencyKey: key.key(), toast: false }));
        key.settle();
        toast('已保存修改', 'success');
        onDone?.();
        return;
      }
      onLogged(await call(api.logVisit, { body, idempotencyKey: key.key(), toast: false }));
      key.settle();
      setV({ ...blank, unionIndex: v.unionIndex, on: v.on, fund: v.fund });
      toast('已登记走访', 'success');
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!editing || busy) return;
    if (!(await confirmDialog({ title: '删除走访记录', content: `删除后该记录不再计入统计表，确定删除“${editing.name}”的走访记录吗？`, confirmText: '删除' }))) return;
    setBusy(true);
    try {
      await call(api.deleteVisit, { params: { id: editing.id }, idempotencyKey: key.key(), toast: false });
      key.settle();
      toast('已删除', 'success');
      onLogged(editing);
      onDone?.();
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`gh-card ${editing ? '' : 'gh-card--overlap '}gh-visit-form${editing ? ' gh-visit-form--edit' : ''}`}>
      <View className='gh-section-title'>{editing ? '修改走访记录' : '登记走访慰问'}</View>
      <FormRow label='工会' error={errors.unionId}>
        {unions.status === 'ready' ? <SelectField items={unions.data} value={unionIndex} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={(i) => set({ unionIndex: i }, 'unionId')} className='gh-visit-form__union' /> : <View />}
      </FormRow>
      <FormRow label='走访日期' error={errors.visitedOn}>
        <PickerField mode='date' value={v.on} onChange={(x) => set({ on: x }, 'visitedOn')} className='gh-visit-form__on' />
      </FormRow>
      <FormRow label='走访对象' error={errors.target}>
        <Chips options={[{ key: 'person' as const, label: '职工' }, { key: 'enterprise' as const, label: '企业' }]} value={v.target} onChange={(t) => set({ target: t }, 'target')} label='走访对象' className='gh-visit-form__target' />
      </FormRow>
      <FormRow label={v.target === 'person' ? '职工姓名' : '企业名称'} error={errors.name}>
        <Input className='gh-input gh-visit-form__name' maxLength={40} value={v.name} onChange={(x) => set({ name: x }, 'name')} />
      </FormRow>
      {v.target === 'person' ? (
        <>
          <FormRow label='慰问类别' error={errors.category} hint='统计表 C1–C11'>
            <SelectField items={CATEGORIES} value={CATEGORIES.findIndex((x) => x.key === v.category)} label={(x) => x.label} onChange={(i) => set({ category: CATEGORIES[i]!.key }, 'category')} className='gh-visit-form__category' />
          </FormRow>
          <FormRow label='新就业形态' hint='快递员、外卖配送员、网约车司机等（计入 J3/J4）'>
            <Chips options={[{ key: 'no', label: '否' }, { key: 'yes', label: '是' }]} value={v.newForm ? 'yes' : 'no'} onChange={(k) => set({ newForm: k === 'yes' })} label='新就业形态劳动者' className='gh-visit-form__new-form' />
          </FormRow>
        </>
      ) : null}
      <FormRow label='慰问金（元）' error={errors.moneyFen}>
        <Input className='gh-input gh-visit-form__money' type='digit' value={v.money} onChange={(x) => set({ money: x }, 'moneyFen')} />
      </FormRow>
      <FormRow label='慰问品折价（元）' error={errors.goodsFen}>
        <Input className='gh-input gh-visit-form__goods' type='digit' value={v.goods} onChange={(x) => set({ goods: x }, 'goodsFen')} />
      </FormRow>
      <FormRow label='资金来源' error={errors.fund}>
        <Chips options={FUNDS} value={v.fund} onChange={(f) => set({ fund: f }, 'fund')} label='资金来源' className='gh-visit-form__fund' />
      </FormRow>
      <FormRow label='备注'>
        <Input className='gh-input gh-visit-form__note' maxLength={200} value={v.note} onChange={(x) => set({ note: x })} />
      </FormRow>
      <Button type='primary' block loading={busy} className='gh-visit-form__submit' onClick={() => void submit()}>
        {editing ? '保存修改' : '登记'}
      </Button>
      {editing ? (
        <View className='gh-toolbar'>
          <Button type='primary' fill='outline' className='gh-visit-form__delete' onClick={() => void remove()}>
            删除记录
          </Button>
          <Button fill='outline' className='gh-visit-form__cancel' onClick={() => onDone?.()}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 走访慰问: the subtree's visits to enterprises and people, and logging a new one. */
export default function VisitsPage() {
  const signedIn = useRequireLogin(STAFF_VISITS_PAGE);
  const fetchPage = useCallback((cursor: string | undefined) => call(api.listVisits, { query: { cursor, limit: 50 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList<VisitView>(fetchPage, { enabled: signedIn, refreshOnShow: true });
  const [editing, setEditing] = useState<VisitView | null>(null);
  return (
    <PageShell wide staffOnly className='gh-visits'>
      <HeaderBand title='走访慰问' subtitle='登记走访的企业和慰问的职工、发放的款物和资金来源，自动计入送温暖统计表；点击一条记录可修改或删除' />
      {signedIn ? <VisitForm onLogged={() => void reload()} /> : null}
      <View className='gh-card'>
        <View className='gh-section-title'>走访记录</View>
        {list.status === 'loading' ? <LoadingView /> : null}
        {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='还没有走访记录' hint='在上面登记第一条走访慰问。' /> : null}
        {editing ? <VisitForm key={editing.id} editing={editing} onLogged={() => void reload()} onDone={() => setEditing(null)} /> : null}
        {list.items.length > 0 ? <DataTable columns={COLUMNS} rows={list.items} rowKey={(v) => v.id} onRowClick={(v) => setEditing(v)} className='gh-visits__table' /> : null}
        <ListFooter list={list} loadMore={loadMore} unit='条记录' />
      </View>
    </PageShell>
  );
}
