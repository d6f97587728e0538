import { useEffect, useMemo, useState, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  batchProblems,
  batchStatusLabels,
  batchWindow,
  fromShanghai,
  memberTagLabels,
  nextBenefitDay,
  parseYuan,
  unionKindLabels,
  voucherKindLabels,
  type BatchSchedule,
  type BatchValidity,
  type ErrorCode,
  type MemberTag,
  type ResponseOf,
  type UnionNode,
  type VoucherBatchAdminView,
  type VoucherBatchInput,
  type VoucherBatchPatch,
  type VoucherKind,
} from '@gonghui/shared';
import { api, call, isApiError } from '../../../../api';
import { serverNow, useServerClock } from '../../../../stores/server-clock';
import { PageShell, HeaderBand } from '../../../../components/PageShell';
import { VoucherTicket } from '../../../../components/VoucherTicket';
import { Toggle } from '../../../../components/Toggle';
import { Chips, FormRow, PickerField, SelectField } from '../../../../components/Form';
import { EmptyView, ErrorView, LoadingView, errorText } from '../../../../components/StatusView';
import { StatusBadge } from '../../../../components/StatusBadge';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { confirmDialog, scrollToFirstError, toast } from '../../../../dialogs';
import { shanghaiClock, shanghaiDate, validityRuleText, windowText, yuanText } from '../../../../format';
import { BATCH_EDIT_PAGE, BATCH_STATS_PAGE, withQuery } from '../../../../routes';
import './index.scss';

type Merchant = ResponseOf<typeof api.listMerchants>['data'][number];

interface Form {
  title: string;
  description: string;
  kind: VoucherKind;
  threshold: string;
  faceValue: string;
  stackable: boolean;
  stockTotal: string;
  perMemberLimit: string;
  unionId: string;
  tags: MemberTag[];
  merchantMode: 'all' | 'some';
  merchantIds: string[];
  scheduleType: BatchSchedule['type'];
  month: string;
  startTime: string;
  startDate: string;
  startClock: string;
  endDate: string;
  endClock: string;
  validityType: BatchValidity['type'];
  days: string;
  untilDate: string;
}

type Errors = Partial<Record<string, string>>;

const DAY_MS = 86400_000;
const TAG_OPTIONS = (Object.keys(memberTagLabels) as MemberTag[]).map((k) => ({ key: k, label: memberTagLabels[k] }));

function blankForm(now: Date): Form {
  return {
    title: '',
    description: '',
    kind: 'threshold',
    threshold: '',
    faceValue: '',
    stackable: false,
    stockTotal: '500',
    perMemberLimit: '1',
    unionId: '',
    tags: [],
    merchantMode: 'all',
    merchantIds: [],
    scheduleType: 'benefitDay',
    month: nextBenefitDay(now).period,
    startTime: '10:00',
    startDate: shanghaiDate(now),
    startClock: '10:00',
    endDate: shanghaiDate(new Date(now.getTime() + 7 * DAY_MS)),
    endClock: '23:59',
    validityType: 'days',
    days: '30',
    untilDate: shanghaiDate(new Date(now.getTime() + 30 * DAY_MS)),
  };
}

function formOf(b: VoucherBatchAdminView, now: Date): Form {
  const f = blankForm(now);
  return {
    ...f,
    title: b.title,
    description: b.description,
    kind: b.kind,
    threshold: b.thresholdFen ? yuanText(b.thresholdFen) : '',
    faceValue: yuanText(b.faceValueFen),
    stackable: b.stackable,
    stockTotal: String(b.stockTotal),
    perMemberLimit: String(b.perMemberLimit),
    unionId: b.audience.unionId,
    tags: b.audience.tags,
    merchantMode: b.merchantIds.length ? 'some' : 'all',
    merchantIds: b.merchantIds,
    scheduleType: b.schedule.type,
    ...(b.schedule.type === 'benefitDay'
      ? { month: b.schedule.month, startTime: b.schedule.startTime }
      : {
          startDate: shanghaiDate(new Date(b.schedule.startsAt)),
          startClock: shanghaiClock(b.schedule.startsAt),
          endDate: shanghaiDate(new Date(b.schedule.endsAt)),
          endClock: shanghaiClock(b.schedule.endsAt),
        }),
    validityType: b.validity.type,
    ...(b.validity.type === 'days' ? { days: String(b.validity.days) } : { untilDate: shanghaiDate(new Date(b.validity.endsAt)) }),
  };
}

/** "2026-12-20" + "10:00" (Shanghai) → ISO instant. */
function atShanghai(date: string, clock: string, endOfDay = false): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return null;
  if (endOfDay) return new Date(fromShanghai(Number(d[1]), Number(d[2]), Number(d[3]) + 1).getTime() - 1000).toISOString();
  const c = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!c) return null;
  return fromShanghai(Number(d[1]), Number(d[2]), Number(d[3]), Number(c[1]), Number(c[2])).toISOString();
}

const intOf = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : null);

function scheduleOf(f: Form): BatchSchedule | null {
  if (f.scheduleType === 'benefitDay') return { type: 'benefitDay', month: f.month, startTime: f.startTime };
  const startsAt = atShanghai(f.startDate, f.startClock);
  const endsAt = atShanghai(f.endDate, f.endClock);
  return startsAt && endsAt ? { type: 'window', startsAt, endsAt } : null;
}

function validityOf(f: Form): BatchValidity | null {
  if (f.validityType === 'days') {
    const days = intOf(f.days);
    return days ? { type: 'days', days } : null;
  }
  const endsAt = atShanghai(f.untilDate, '', true);
  return endsAt ? { type: 'until', endsAt } : null;
}

/** The request body, or what is wrong with the form (in Chinese, by field). */
function inputOf(f: Form, now: Date): { input: VoucherBatchInput | null; errors: Errors } {
  const errors: Errors = {};
  const title = f.title.trim();
  if (title.length < 2 || title.length > 40) errors.title = '请填写2–40个字的券名称';
  const faceValueFen = parseYuan(f.faceValue);
  if (!faceValueFen) errors.faceValueFen = '请填写面额（元），例如 100 或 12.50';
  let thresholdFen: number | null = null;
  if (f.kind === 'threshold') {
    thresholdFen = parseYuan(f.threshold);
    if (!thresholdFen) errors.thresholdFen = '请填写使用门槛（元），例如满 1000 元可用';
  }
  const stockTotal = intOf(f.stockTotal);
  if (!stockTotal || stockTotal < 1) errors.stockTotal = '请填写发放总量（张）';
  const perMemberLimit = intOf(f.perMemberLimit);
  if (!perMemberLimit || perMemberLimit > 20) errors.perMemberLimit = '每人限领 1–20 张';
  if (!f.unionId) errors.audience = '请选择发放工会';
  if (f.merchantMode === 'some' && f.merchantIds.length === 0) errors.merchantIds = '请至少选择一个商户，或选择“本地区全部合作商户”';
  const schedule = scheduleOf(f);
  if (!schedule) errors.schedule = '请选择领取时间';
  const validity = validityOf(f);
  if (!validity) errors.validity = f.validityType === 'days' ? '请填写有效天数（1–366）' : '请选择截止日期';
  if (Object.keys(errors).length > 0 || !faceValueFen || !stockTotal || !perMemberLimit || !schedule || !validity) return { input: null, errors };

  const input: VoucherBatchInput = {
    title,
    description: f.description.trim(),
    kind: f.kind,
    thresholdFen,
    faceValueFen,
    stackable: f.stackable,
    stockTotal,
    perMemberLimit,
    audience: { unionId: f.unionId, tags: f.tags },
    merchantIds: f.merchantMode === 'some' ? f.merchantIds : [],
    schedule,
    validity,
  };
  // The same rules the server applies (threshold above face value, window in the future…).
  for (const p of batchProblems(input, now)) errors[p.path] ??= p.message;
  return { input: Object.keys(errors).length ? null : input, errors };
}

/** Server validation issues ("body.thresholdFen") → form fields. */
function errorsOf(error: unknown): Errors {
  const out: Errors = {};
  if (!isApiError(error)) return out;
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  for (const i of issues) {
    const key = i.path.split('.')[1];
    if (key) out[key] ??= i.message;
  }
  return out;
}

/**
 * A published batch: only the fields the server still takes (PUBLISHED_PATCHABLE), and only
 * those changed; `null` when nothing changed.
 */
function publishedPatchOf(f: Form, b: VoucherBatchAdminView): { patch: VoucherBatchPatch | null; errors: Errors } {
  const errors: Errors = {};
  const patch: VoucherBatchPatch = {};
  const title = f.title.trim();
  if (title.length < 2 || title.length > 40) errors.title = '请填写2–40个字的券名称';
  else if (title !== b.title) patch.title = title;
  const description = f.description.trim();
  if (description !== b.description) patch.description = description;
  const stockTotal = intOf(f.stockTotal);
  if (!stockTotal) errors.stockTotal = '请填写发放总量（张）';
  else if (stockTotal < b.stockClaimed) errors.stockTotal = `发放总量不能少于已领取数量（已领取 ${b.stockClaimed} 张）`;
  else if (stockTotal !== b.stockTotal) patch.stockTotal = stockTotal;
  const merchantIds = f.merchantMode === 'some' ? f.merchantIds : [];
  if (f.merchantMode === 'some' && merchantIds.length === 0) errors.merchantIds = '请至少选择一个商户，或选择“本地区全部合作商户”';
  else if (merchantIds.length !== b.merchantIds.length || merchantIds.some((id) => !b.merchantIds.includes(id))) patch.merchantIds = merchantIds;
  return { patch: Object.keys(patch).length ? patch : null, errors };
}

/** Server answers that belong to one field of the form. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  VOUCHER_STOCK_BELOW_CLAIMED: 'stockTotal',
  MERCHANT_NOT_FOUND: 'merchantIds',
  VOUCHER_MERCHANT_IN_USE: 'merchantIds',
};

/** A value a published batch keeps: shown, not editable. */
function Fixed({ children, className }: { children: ReactNode; className?: string }) {
  return <View className={`gh-batch-edit__fixed ${className ?? ''}`}>{children}</View>;
}

/** The merchants a batch names, for a read-only view. */
function merchantsText(form: Form, merchants: Merchant[]): string {
  if (form.merchantMode === 'all') return '本地区全部合作商户';
  const names = form.merchantIds.map((id) => merchants.find((m) => m.id === id)?.name).filter((n): n is string => Boolean(n));
  const others = form.merchantIds.length - names.length;
  return [...names, ...(others > 0 ? [`其他 ${others} 家`] : [])].join('、');
}

function monthLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月20日`;
}

function Preview({ form, unionName, claimed, note }: { form: Form; unionName: string; claimed: number; note: string }) {
  const schedule = scheduleOf(form);
  const validity = validityOf(form);
  const w = schedule ? batchWindow(schedule) : null;
  const face = parseYuan(form.faceValue);
  const threshold = parseYuan(form.threshold);
  return (
    <View className='gh-batch-edit__preview'>
      <View className='gh-batch-edit__preview-title'>会员看到的样子</View>
      <VoucherTicket
        face={{
          kind: form.kind,
          thresholdFen: form.kind === 'threshold' ? parseYuan(form.threshold) : null,
          faceValueFen: face ?? 0,
          stackable: form.stackable,
        }}
        amountText={face ? undefined : '—'}
        conditionText={form.kind === 'threshold' && !threshold ? '满—元可用' : undefined}
        title={form.title.trim() || '请填写券名称'}
        className='gh-batch-edit__ticket'
        aside={<View>剩余 {Math.max(0, (intOf(form.stockTotal) ?? 0) - claimed)} 张</View>}
        action={
          <Button type='primary' className='gh-claim'>
            立即领取
          </Button>
        }
      >
        <View className='gh-batch-edit__publisher'>{unionName || '发放工会'}发放</View>
        {w ? <View>领取时间 {windowText(w.startsAt.toISOString(), w.endsAt.toISOString())}</View> : null}
        <View>
          每人限领 {intOf(form.perMemberLimit) ?? 1} 张 · {validity ? validityRuleText(validity) : '有效期未设置'}
        </View>
      </VoucherTicket>
      <View className='gh-batch-edit__preview-note'>{note}</View>
    </View>
  );
}

export default function BatchEditPage() {
  const router = useRouter();
  const routeId = router.params.id;
  const signedIn = useRequireLogin(withQuery(BATCH_EDIT_PAGE, { id: routeId }));
  const [savedId, setSavedId] = useState<string | undefined>(routeId);
  const [form, setForm] = useState<Form>(() => blankForm(serverNow()));
  const [errors, setErrors] = useState<Errors>({});
  const [loaded, setLoaded] = useState<{ status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; batch: VoucherBatchAdminView | null }>({
    status: 'loading',
  });
  const [unions, setUnions] = useState<UnionNode[]>([]);
  const [merchants, setMerchants] = useState<Merchant[]>([]);
  const [saving, setSaving] = useState<'draft' | 'publish' | 'changes' | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    setLoaded({ status: 'loading' });
    Promise.all([
      call(api.listUnions, { toast: false }),
      call(api.listMerchants, { toast: false }),
      routeId ? call(api.getBatch, { params: { id: routeId }, toast: false }) : Promise.resolve(null),
    ]).then(
      ([u, m, b]) => {
        if (!live) return;
        setUnions(u.data);
        setMerchants(m.data.filter((x) => x.active));
        setForm((f) => (b ? formOf(b, serverNow()) : { ...f, unionId: f.unionId || (u.data[0]?.id ?? '') }));
        setLoaded({ status: 'ready', batch: b });
      },
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [signedIn, routeId, attempt]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const errorKey = { threshold: 'thresholdFen', faceValue: 'faceValueFen', unionId: 'audience' }[key as string] ?? key;
    if (errors[errorKey]) setErrors((e) => ({ ...e, [errorKey]: undefined }));
  };
  const toggle = <T extends string>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  const minDepth = useMemo(() => Math.min(...unions.map((u) => u.depth)), [unions]);
  const unionIndex = unions.findIndex((u) => u.id === form.unionId);
  const unionName = unions[unionIndex]?.name ?? (loaded.status === 'ready' ? loaded.batch?.audience.unionName ?? '' : '');

  const save = async (publish: boolean) => {
    // Time checks (window already over) only with the server's clock; otherwise the server judges.
    const now = useServerClock.getState().synced ? serverNow() : new Date(0);
    const { input, errors: found } = inputOf(form, now);
    setErrors(found);
    if (!input) {
      toast('请检查标红的项目');
      scrollToFirstError();
      return;
    }
    if (publish) {
      const w = batchWindow(input.schedule);
      const ok = await confirmDialog({
        title: '发布这批工惠券？',
        content: `会员将于${windowText(w.startsAt.toISOString(), w.endsAt.toISOString())}领取，共${input.stockTotal}张。发布后面额、类型和领取时间不能再修改。`,
        confirmText: '确认发布',
      });
      if (!ok) return;
    }
    setSaving(publish ? 'publish' : 'draft');
    try {
      const saved = savedId
        ? await call(api.updateBatch, { params: { id: savedId }, body: input, toast: false })
        : await call(api.createBatch, { body: input, toast: false });
      setSavedId(saved.id);
      if (publish) {
        const published = await call(api.publishBatch, { params: { id: saved.id }, toast: false });
        toast('已发布', 'success');
        void Taro.redirectTo({ url: withQuery(BATCH_STATS_PAGE, { id: published.id }) });
      } else {
        toast('草稿已保存', 'success');
      }
    } catch (error) {
      const fields = errorsOf(error);
      setErrors((e) => ({ ...e, ...fields }));
      toast(errorText(error));
      if (Object.keys(fields).length) scrollToFirstError();
    } finally {
      setSaving(null);
    }
  };

  const batch = loaded.status === 'ready' ? loaded.batch : null;
  /** Scheduled or open: its name, description, stock and merchants can still change, nothing else. */
  const published = batch && (batch.status === 'scheduled' || batch.status === 'open') ? batch : null;
  const locked = batch && (batch.status === 'ended' || batch.status === 'closed') ? batch : null;
  /** A batch this staff member may not change (an operator and a published batch): every field shown, none editable. */
  const readOnly = batch && !locked && !batch.abilities.update ? batch : null;
  /** Value, kind, schedule and audience: kept by a published batch, and by a read-only one. */
  const fixed = published !== null || readOnly !== null;
  const shown = published ?? readOnly;
  // Publishing needs an admin over the audience union (the server's abilities): the loaded batch
  // says so for its own union; for a new batch or another union, the union's admin ability does.
  const selectedUnion = unions.find((u) => u.id === form.unionId);
  const canPublish =
    batch && batch.audience.unionId === form.unionId ? batch.abilities.publish : (selectedUnion?.abilities.manage ?? false);

  const backToStats = (id: string) => {
    const pages = Taro.getCurrentPages();
    const previous = pages[pages.length - 2];
    if (previous && (previous.route ?? previous.path ?? '').includes(BATCH_STATS_PAGE.slice(1))) void Taro.navigateBack();
    else void Taro.redirectTo({ url: withQuery(BATCH_STATS_PAGE, { id }) });
  };

  const saveChanges = async (b: VoucherBatchAdminView) => {
    const { patch, errors: found } = publishedPatchOf(form, b);
    setErrors(found);
    if (Object.keys(found).length) {
      toast('请检查标红的项目');
      scrollToFirstError();
      return;
    }
    if (!patch) {
      toast('没有修改');
      return;
    }
    setSaving('changes');
    try {
      await call(api.updateBatch, { params: { id: b.id }, body: patch, toast: false });
      toast('修改已保存', 'success');
      backToStats(b.id);
    } catch (error) {
      const fields = errorsOf(error);
      const field = isApiError(error) ? FIELD_OF_CODE[error.code as ErrorCode] : undefined;
      if (field) fields[field] ??= errorText(error);
      setErrors((e) => ({ ...e, ...fields }));
      toast(errorText(error));
      if (Object.keys(fields).length) scrollToFirstError();
    } finally {
      setSaving(null);
    }
  };

  return (
    <PageShell wide className='gh-batch-edit'>
      <HeaderBand
        title={readOnly ? '查看工惠券' : published ? '修改已发布的工惠券' : routeId ? '编辑工惠券草稿' : '新建工惠券'}
        subtitle={
          readOnly
            ? `这批券由${readOnly.audience.unionName}管理员修改，您可以查看`
            : published
              ? '可修改名称、使用说明、发放总量和可用商户'
              : '填写面额、数量、发放范围和领取时间；右侧实时预览会员看到的券'
        }
      />
      {loaded.status === 'loading' ? (
        <View className='gh-card gh-card--overlap'>
          <LoadingView />
        </View>
      ) : null}
      {loaded.status === 'error' ? (
        <View className='gh-card gh-card--overlap'>
          <ErrorView error={loaded.error} onRetry={() => setAttempt((n) => n + 1)} />
        </View>
      ) : null}
      {locked ? (
        <View className='gh-card gh-card--overlap'>
          <EmptyView
            title={`这批券${batchStatusLabels[locked.status]}，不能再修改`}
            hint='已结束或停发的工惠券不能再修改；已领取的券在有效期内仍可使用。'
            action={
              <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(BATCH_STATS_PAGE, { id: locked.id }) })}>
                查看实况
              </Button>
            }
          />
          <View className='gh-batch-edit__status'>
            <StatusBadge status={locked.status} />
          </View>
        </View>
      ) : null}

      {loaded.status === 'ready' && !locked ? (
        <View className='gh-batch-edit__layout'>
          <View className='gh-card gh-batch-edit__form'>
            {readOnly ? (
              <View className='gh-batch-edit__notice gh-batch-edit__readonly'>
                <View className='gh-batch-edit__notice-head'>
                  <StatusBadge status={readOnly.status} />
                  <Text className='gh-batch-edit__notice-title'>这批券您只能查看</Text>
                </View>
                <View className='gh-batch-edit__notice-hint'>
                  {readOnly.status === 'draft' ? '发布和修改' : '修改和停发'}需要{readOnly.audience.unionName}管理员。如需修改，请联系管理员。
                </View>
              </View>
            ) : published ? (
              <View className='gh-batch-edit__notice'>
                <View className='gh-batch-edit__notice-head'>
                  <StatusBadge status={published.status} />
                  <Text className='gh-batch-edit__notice-title'>已发布的工惠券不能修改面额、类型和领取时间</Text>
                </View>
                <View className='gh-batch-edit__notice-hint'>可以修改名称、使用说明、发放总量和可用商户，保存后会员立即看到。</View>
              </View>
            ) : null}
            <View className='gh-section-title'>券面</View>
            <FormRow label='券名称' error={errors.title}>
              {readOnly ? (
                <Fixed className='gh-batch-edit__title-fixed'>{form.title}</Fixed>
              ) : (
                <Input className='gh-input gh-batch-edit__title' placeholder='例如：家电以旧换新 满1000减100' maxLength={40} value={form.title} onChange={(v) => set('title', v)} />
              )}
            </FormRow>
            <FormRow label='券类型'>
              {fixed ? (
                <Fixed className='gh-batch-edit__kind-fixed'>{voucherKindLabels[form.kind]}</Fixed>
              ) : (
                <Chips
                options={[
                  { key: 'threshold', label: '满减券' },
                  { key: 'direct', label: '立减券（无门槛）' },
                ]}
                value={form.kind}
                  onChange={(k) => set('kind', k)}
                  className='gh-batch-edit__kind'
                />
              )}
            </FormRow>
            <FormRow label='面额' error={errors.faceValueFen}>
              {fixed ? (
                <Fixed className='gh-batch-edit__face-fixed'>{form.faceValue} 元</Fixed>
              ) : (
                <View className='gh-inline'>
                  <Input className='gh-input gh-batch-edit__face' type='digit' placeholder='例如 100' maxLength={10} value={form.faceValue} onChange={(v) => set('faceValue', v)} />
                  <Text className='gh-inline__unit'>元</Text>
                </View>
              )}
            </FormRow>
            {form.kind === 'threshold' ? (
              <FormRow label='使用门槛' error={errors.thresholdFen} hint={fixed ? undefined : '订单满多少元可用，须高于面额'}>
                {fixed ? (
                  <Fixed>满 {form.threshold} 元可用</Fixed>
                ) : (
                  <View className='gh-inline'>
                    <Text className='gh-inline__unit'>满</Text>
                    <Input className='gh-input gh-batch-edit__threshold' type='digit' placeholder='例如 1000' maxLength={10} value={form.threshold} onChange={(v) => set('threshold', v)} />
                    <Text className='gh-inline__unit'>元可用</Text>
                  </View>
                )}
              </FormRow>
            ) : null}
            <FormRow label='可叠加' hint={form.stackable ? '同一订单可同时使用多张本批券（满减券按门槛倍数）' : '每个订单只能用一张'}>
              {fixed ? (
                <Fixed>{form.stackable ? '可叠加使用' : '不可叠加'}</Fixed>
              ) : (
                <View className='gh-batch-edit__switch' onClick={() => set('stackable', !form.stackable)}>
                  <Toggle on={form.stackable} />
                  <Text>{form.stackable ? '可叠加使用' : '不可叠加'}</Text>
                </View>
              )}
            </FormRow>
            <FormRow label='使用说明'>
              {readOnly ? (
                <Fixed>{form.description || '—'}</Fixed>
              ) : (
                <TextArea
                  className='gh-input gh-input--area gh-batch-edit__desc'
                  placeholder='例如：全市合作家电门店可用，以旧换新专用'
                  maxLength={500}
                  value={form.description}
                  onChange={(v) => set('description', v)}
                />
              )}
            </FormRow>

            <View className='gh-section-title gh-batch-edit__section'>数量与范围</View>
            <FormRow
              label='发放总量'
              error={errors.stockTotal}
              hint={readOnly ? undefined : published ? `已领取 ${published.stockClaimed} 张，总量不能少于已领取数量` : undefined}
            >
              {readOnly ? (
                <Fixed className='gh-batch-edit__stock-fixed'>
                  {form.stockTotal} 张{readOnly.status !== 'draft' ? `（已领取 ${readOnly.stockClaimed} 张）` : ''}
                </Fixed>
              ) : (
                <View className='gh-inline'>
                  <Input className='gh-input gh-batch-edit__stock' type='number' maxLength={8} value={form.stockTotal} onChange={(v) => set('stockTotal', v.replace(/\D/g, ''))} />
                  <Text className='gh-inline__unit'>张</Text>
                </View>
              )}
            </FormRow>
            <FormRow label='每人限领' error={errors.perMemberLimit}>
              {fixed ? (
                <Fixed>{form.perMemberLimit} 张</Fixed>
              ) : (
                <View className='gh-inline'>
                  <Input className='gh-input gh-batch-edit__limit' type='number' maxLength={2} value={form.perMemberLimit} onChange={(v) => set('perMemberLimit', v.replace(/\D/g, ''))} />
                  <Text className='gh-inline__unit'>张</Text>
                </View>
              )}
            </FormRow>
            <FormRow label='发放工会' error={errors.audience} hint='该工会及其下级工会的会员可领取'>
              {fixed ? (
                <Fixed>{unionName}</Fixed>
              ) : (
                <SelectField
                  items={unions}
                  value={unionIndex}
                  label={(u) => `${'　'.repeat(Math.max(0, u.depth - minDepth))}${u.name}（${unionKindLabels[u.kind]}）`}
                  onChange={(i) => set('unionId', unions[i]?.id ?? '')}
                  className='gh-batch-edit__union'
                />
              )}
            </FormRow>
            <FormRow label='会员标签' hint={form.tags.length ? '有任一所选标签的会员可领取' : '不限：发放范围内所有会员可领取'}>
              {fixed ? (
                <Fixed>{form.tags.length ? form.tags.map((t) => memberTagLabels[t]).join('、') : '不限'}</Fixed>
              ) : (
                <Chips options={TAG_OPTIONS} value={form.tags} onChange={(k) => set('tags', toggle(form.tags, k))} className='gh-batch-edit__tags' />
              )}
            </FormRow>
            <FormRow
              label='可用商户'
              error={errors.merchantIds}
              hint={published && !readOnly && published.stockClaimed > 0 ? '已有会员领取：可以增加商户，不能移除已选的商户' : undefined}
            >
              {readOnly ? (
                <Fixed className='gh-batch-edit__merchants-fixed'>{merchantsText(form, merchants)}</Fixed>
              ) : (
                <>
                  <Chips
                    options={[
                      { key: 'all', label: '本地区全部合作商户' },
                      { key: 'some', label: '指定商户' },
                    ]}
                    value={form.merchantMode}
                    onChange={(k) => set('merchantMode', k)}
                  />
                  {form.merchantMode === 'some' ? (
                    <View className='gh-batch-edit__merchants'>
                      {merchants.length === 0 ? <View className='gh-muted'>还没有合作商户，请先在“合作商户”中添加。</View> : null}
                      {merchants.map((m) => {
                        const on = form.merchantIds.includes(m.id);
                        return (
                          <View key={m.id} className={`gh-check ${on ? 'gh-check--on' : ''}`} onClick={() => set('merchantIds', toggle(form.merchantIds, m.id))}>
                            <View className='gh-check__box'>{on ? '✓' : ''}</View>
                            <View className='gh-check__text'>
                              <View className='gh-check__title'>{m.name}</View>
                              <View className='gh-check__desc'>
                                {m.category} · {m.unionName}
                              </View>
                            </View>
                          </View>
                        );
                      })}
                    </View>
                  ) : null}
                </>
              )}
            </FormRow>

            <View className='gh-section-title gh-batch-edit__section'>领取与有效期</View>
            <FormRow label='领取时间' error={errors.schedule}>
              {shown ? (
                <Fixed className='gh-batch-edit__window-fixed'>
                  {shown.schedule.type === 'benefitDay' ? '工惠日 ' : ''}
                  {windowText(shown.opensAt, shown.closesAt)}
                </Fixed>
              ) : (
                <>
                  <Chips
                    options={[
                      { key: 'benefitDay', label: '工惠日（每月20日）' },
                      { key: 'window', label: '自定义时间' },
                    ]}
                    value={form.scheduleType}
                    onChange={(k) => set('scheduleType', k)}
                    className='gh-batch-edit__schedule'
                  />
                  {form.scheduleType === 'benefitDay' ? (
                    <View className='gh-inline gh-batch-edit__when'>
                      <PickerField mode='date' fields='month' value={form.month} display={monthLabel(form.month)} onChange={(v) => set('month', v.slice(0, 7))} />
                      <PickerField mode='time' value={form.startTime} display={`${form.startTime} 开抢`} onChange={(v) => set('startTime', v)} />
                    </View>
                  ) : (
                    <View className='gh-batch-edit__when'>
                      <View className='gh-inline'>
                        <Text className='gh-inline__unit'>从</Text>
                        <PickerField mode='date' value={form.startDate} onChange={(v) => set('startDate', v)} />
                        <PickerField mode='time' value={form.startClock} onChange={(v) => set('startClock', v)} />
                      </View>
                      <View className='gh-inline gh-batch-edit__until'>
                        <Text className='gh-inline__unit'>至</Text>
                        <PickerField mode='date' value={form.endDate} onChange={(v) => set('endDate', v)} />
                        <PickerField mode='time' value={form.endClock} onChange={(v) => set('endClock', v)} />
                      </View>
                    </View>
                  )}
                </>
              )}
            </FormRow>
            <FormRow label='有效期' error={errors.validity}>
              {shown ? (
                <Fixed>{validityRuleText(shown.validity)}</Fixed>
              ) : (
                <>
                  <Chips
                    options={[
                      { key: 'days', label: '领取后若干天' },
                      { key: 'until', label: '统一截止日期' },
                    ]}
                    value={form.validityType}
                    onChange={(k) => set('validityType', k)}
                  />
                  <View className='gh-inline gh-batch-edit__when'>
                    {form.validityType === 'days' ? (
                      <>
                        <Text className='gh-inline__unit'>领取后</Text>
                        <Input className='gh-input gh-batch-edit__days' type='number' maxLength={3} value={form.days} onChange={(v) => set('days', v.replace(/\D/g, ''))} />
                        <Text className='gh-inline__unit'>天内有效</Text>
                      </>
                    ) : (
                      <>
                        <PickerField mode='date' value={form.untilDate} display={`${form.untilDate} 23:59 前有效`} onChange={(v) => set('untilDate', v)} />
                      </>
                    )}
                  </View>
                </>
              )}
            </FormRow>

            {readOnly ? (
              <View className='gh-batch-edit__actions'>
                <Button type='primary' size='large' className='gh-batch-edit__back' onClick={() => backToStats(readOnly.id)}>
                  查看领取与核销实况
                </Button>
              </View>
            ) : published ? (
              <View className='gh-batch-edit__actions'>
                <Button fill='outline' size='large' disabled={saving !== null} className='gh-batch-edit__cancel' onClick={() => backToStats(published.id)}>
                  取消
                </Button>
                <Button type='primary' size='large' loading={saving === 'changes'} disabled={saving !== null} className='gh-batch-edit__save-changes' onClick={() => void saveChanges(published)}>
                  保存修改
                </Button>
              </View>
            ) : (
              <View className='gh-batch-edit__actions'>
                <Button
                  type={canPublish ? 'default' : 'primary'}
                  fill={canPublish ? 'outline' : 'solid'}
                  size='large'
                  loading={saving === 'draft'}
                  disabled={saving !== null}
                  className='gh-batch-edit__save'
                  onClick={() => void save(false)}
                >
                  保存草稿
                </Button>
                {canPublish ? (
                  <Button type='primary' size='large' loading={saving === 'publish'} disabled={saving !== null} className='gh-batch-edit__publish' onClick={() => void save(true)}>
                    发布
                  </Button>
                ) : null}
              </View>
            )}
            {!readOnly && !published && !canPublish ? (
              <View className='gh-batch-edit__publish-note'>
                发布需要{unionName || '发放工会'}管理员：保存草稿后，请联系管理员发布。
              </View>
            ) : null}
          </View>
          <View className='gh-batch-edit__side'>
            <Preview
              form={form}
              unionName={unionName}
              claimed={shown?.stockClaimed ?? 0}
              note={
                readOnly
                  ? '会员看到的就是这样。'
                  : published
                    ? '预览随填写实时更新；保存后会员立即看到新的名称、说明和数量。'
                    : '预览随填写实时更新；保存为草稿后，发布前会员看不到。'
              }
            />
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
