import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, parseYuan, type FormRecordView, type WarmthFormView } from '@gonghui/shared';
import { api, call, downloadExport } from '../../../../api';
import { DataTable, type Column } from '../../../../components/DataTable';
import { FormRow, PickerField, SelectField } from '../../../../components/Form';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../../components/StatusView';
import { toast } from '../../../../dialogs';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { useResource } from '../../../../hooks/useResource';
import { STAFF_WARMTH_FORM_PAGE } from '../../../../routes';
import { pressable } from '../../../account/shared/pressable';
import './index.scss';

type Item = WarmthFormView['items'][number];
const ORIGIN: Record<Item['origin'], string> = { records: '系统统计', manual: '手工填报', sum: '分项合计' };
const KIND: Record<FormRecordView['kind'], string> = { visit: '走访', handover: '发放', sponsor: '捐赠', checkin: '活动签到', relief: '帮扶救助', entry: '手工填报', exit: '脱困' };

/** 附件1 送温暖统计表 and 附件2 帮扶中心工作统计表: the same page, each form its own endpoints. */
type Which = 'warmth' | 'aid';
const FORMS = {
  warmth: { tab: '附件1 送温暖', title: '送温暖统计表', file: '送温暖统计表', read: api.warmthForm, records: api.warmthFormRecords, xlsx: api.warmthFormXlsx, set: api.setWarmthFormEntry },
  aid: { tab: '附件2 帮扶中心', title: '帮扶中心工作统计表', file: '帮扶中心工作统计表', read: api.aidCentreForm, records: api.aidCentreFormRecords, xlsx: api.aidCentreFormXlsx, set: api.setAidCentreFormEntry },
} as const;
const isMoney = (i: { unit: string }) => i.unit === '万元';

/** This winter's season (November to March), the default period of the form. */
function season(): { from: string; to: string } {
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCMonth() >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { from: `${y}-11-01`, to: `${y + 1}-03-31` };
}

/** Annex 2 is a yearly form (统计数据截至 12月31日): this calendar year by default. */
function thisYear(): { from: string; to: string } {
  const y = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}
const defaultPeriod = (w: Which) => (w === 'aid' ? thisYear() : season());

const COLUMNS: Column<Item>[] = [
  { key: 'code', title: '代码', width: '0.6fr', render: (i) => <Text className='gh-form-item__code'>{i.code}</Text> },
  { key: 'name', title: '项目', width: '3.6fr', primary: true, render: (i) => i.name },
  { key: 'unit', title: '单位', width: '0.7fr', render: (i) => i.unit },
  { key: 'value', title: '合计', width: '1fr', render: (i) => <Text className={`gh-form-item__value ${i.mismatch ? 'gh-form-item__value--bad' : ''}`}>{i.display}</Text> },
  {
    key: 'origin',
    title: '来源',
    width: '1.4fr',
    render: (i) => (i.mismatch ? <Text className='gh-form-item__mismatch'>⚠ 与分项合计不符（{i.mismatch.display}）</Text> : ORIGIN[i.origin]),
  },
];

/** A hand-entered figure: money in yuan (stored in fen), the rest as counts; empty clears it. */
function EntryEditor({ item, onSave }: { item: Item; onSave: (value: number | null) => Promise<void> }) {
  const money = isMoney(item);
  const yesNo = item.unit === '是/否';
  const [text, setText] = useState(item.origin === 'manual' ? (money ? String(item.value / 100) : String(item.value)) : '');
  const [error, setError] = useState<string | null>(null);
  const save = async (clear = false) => {
    const value = clear || text.trim() === '' ? null : money ? parseYuan(text) : /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
    if (!clear && text.trim() !== '' && value === null) {
      setError(money ? '请输入金额（元），最多两位小数' : '请输入整数');
      return;
    }
    if (yesNo && value !== null && value > 1) {
      setError('填 1 表示是，0 表示否');
      return;
    }
    setError(null);
    await onSave(value);
  };
  return (
    <View className='gh-form-entry'>
      <FormRow label={`${item.code} ${money ? '金额（元）' : yesNo ? '是/否（1 是，0 否）' : `数量（${item.unit}）`}`} error={error ?? undefined} hint={item.enterable && item.source ? '合计默认为分项之和；填报后与分项核对，不符会标出' : '系统中没有来源的项目，由工作人员填报'}>
        <Input className='gh-input gh-form-entry__value' type='digit' value={text} onChange={(x) => (setText(x), setError(null))} />
      </FormRow>
      <View className='gh-toolbar'>
        <Button type='primary' className='gh-form-entry__save' onClick={() => void save()}>
          保存填报
        </Button>
        {item.origin === 'manual' ? (
          <Button type='primary' fill='outline' className='gh-form-entry__clear' onClick={() => void save(true)}>
            清除填报
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function Records({ q, item, which }: { q: { unionId: string; from: string; to: string }; item: Item; which: Which }) {
  const { unionId, from, to } = q;
  const code = item.code;
  const records = useResource(
    async () => (which === 'aid' ? await call(api.aidCentreFormRecords, { query: { unionId, from, to, code, limit: 100 }, toast: false }) : await call(api.warmthFormRecords, { query: { unionId, from, to, code, limit: 100 }, toast: false })).data,
    [unionId, from, to, code, which],
  );
  if (records.status === 'loading') return <LoadingView />;
  if (records.status === 'error') return <ErrorView error={records.error} onRetry={() => void records.reload()} />;
  if (records.status !== 'ready') return null;
  if (records.data.length === 0) return <EmptyView title='没有对应的记录' hint='走访、发放、捐赠、帮扶救助登记后会出现在这里。' />;
  const money = isMoney(item);
  return (
    <View className='gh-form-records'>
      {records.data.map((r) => (
        <View key={`${r.kind}-${r.id}`} className='gh-facts__row gh-form-records__row'>
          <Text className='gh-facts__label'>
            {r.on} · {KIND[r.kind]}
          </Text>
          <Text className='gh-facts__value'>
            {r.label}（{r.unionName}）{money ? ` ${formatFen(r.amountFen)}` : r.persons ? ` ${r.persons} 人次` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** 送温暖统计表 (Annex 1) and 帮扶中心工作统计表 (Annex 2) for a union of the subtree and a period: computed, drillable, hand entries, XLSX. */
export default function WarmthFormPage() {
  const signedIn = useRequireLogin(STAFF_WARMTH_FORM_PAGE);
  const initial = useRouter().params.form === 'aid' ? 'aid' : 'warmth';
  const [which, setWhich] = useState<Which>(initial);
  const F = FORMS[which];
  const [p, setP] = useState(() => ({ unionIndex: 0, ...defaultPeriod(initial) }));
  const [picked, setPicked] = useState<string | null>(null);
  const unions = useResource(async () => (await call(api.listUnions, { toast: false })).data, [], { enabled: signedIn });
  const unionId = unions.status === 'ready' ? unions.data[p.unionIndex]?.id : undefined;
  const q = { unionId: unionId ?? '', from: p.from, to: p.to };
  const { from, to } = p;
  const form = useResource(() => call(FORMS[which].read, { query: { unionId: unionId ?? '', from, to }, toast: false }), [unionId, from, to, which], { enabled: !!unionId });
  const item = form.status === 'ready' && picked ? form.data.items.find((i) => i.code === picked) : undefined;

  const saveEntry = async (value: number | null) => {
    if (!item) return;
    try {
      const body = { ...q, code: item.code, value };
      const next = which === 'aid' ? await call(api.setAidCentreFormEntry, { body, toast: false }) : await call(api.setWarmthFormEntry, { body, toast: false });
      form.setData(() => next);
      toast(value === null ? '已清除填报' : '已保存', 'success');
    } catch (e) {
      toast(errorText(e));
    }
  };

  return (
    <PageShell wide staffOnly className='gh-warmth-form'>
      <HeaderBand
        title={F.title}
        subtitle={which === 'aid' ? '按工会和统计期间从帮扶救助、脱困、爱心捐赠、便民服务等记录自动汇总（含下级工会），点击一项查看明细或填报' : '按工会和统计期间从走访、发放、捐赠、帮扶救助等记录自动汇总（含下级工会），点击一项查看明细或填报'}
      />
      <View className='gh-tabs gh-warmth-form__tabs' {...(process.env.TARO_ENV === 'h5' ? { role: 'tablist', 'aria-label': '统计表' } : {})}>
        {(Object.keys(FORMS) as Which[]).map((k) => (
          <View key={k} className={`gh-tabs__item gh-warmth-form__tab--${k} ${which === k ? 'gh-tabs__item--active' : ''}`} {...pressable(null, () => (setWhich(k), setPicked(null), setP((x) => ({ ...x, ...defaultPeriod(k) }))), { role: 'tab', checked: which === k })}>
            {FORMS[k].tab}
          </View>
        ))}
      </View>
      <View className='gh-card gh-card--overlap gh-warmth-form__filters'>
        <FormRow label='填报单位'>
          {unions.status === 'ready' ? <SelectField items={unions.data} value={p.unionIndex} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={(i) => (setP({ ...p, unionIndex: i }), setPicked(null))} className='gh-warmth-form__union' /> : <View />}
        </FormRow>
        <FormRow label='统计期间'>
          <View className='gh-inline'>
            <PickerField mode='date' value={p.from} onChange={(x) => setP({ ...p, from: x })} className='gh-warmth-form__from' />
            <Text className='gh-inline__unit'>至</Text>
            <PickerField mode='date' value={p.to} onChange={(x) => setP({ ...p, to: x })} className='gh-warmth-form__to' />
          </View>
        </FormRow>
        {form.status === 'ready' ? (
          <Button
            type='primary'
            className='gh-warmth-form__export'
            onClick={() => void downloadExport(F.xlsx, { query: q, filename: `${form.data.unionName}-${F.file}.xlsx` }).catch((e) => toast(errorText(e)))}
          >
            导出 Excel
          </Button>
        ) : null}
      </View>
      {form.status === 'loading' || unions.status === 'loading' ? <LoadingView /> : null}
      {form.status === 'error' ? <ErrorView error={form.error} onRetry={() => void form.reload()} /> : null}
      {form.status === 'ready' && form.data.mismatches > 0 ? (
        <View className='gh-card gh-warmth-form__warn' role='alert'>
          有 {form.data.mismatches} 项填报的合计与分项之和不符，已标出，请核对（系统不会自动更正）。
        </View>
      ) : null}
      {item ? (
        <View className='gh-card gh-warmth-form__detail'>
          <View className='gh-section-title'>
            {item.code} {item.name}：{item.display} {item.unit}
          </View>
          {item.enterable ? <EntryEditor key={`${item.code}-${item.value}`} item={item} onSave={saveEntry} /> : null}
          {item.origin !== 'manual' || item.source ? <Records q={q} item={item} which={which} /> : null}
          <Button fill='outline' className='gh-warmth-form__close' onClick={() => setPicked(null)}>
            收起
          </Button>
        </View>
      ) : null}
      {form.status === 'ready' ? (
        <View className='gh-card'>
          <DataTable columns={COLUMNS} rows={form.data.items} rowKey={(i) => i.code} onRowClick={(i) => setPicked(i.code)} className='gh-warmth-form__table' />
        </View>
      ) : null}
    </PageShell>
  );
}
