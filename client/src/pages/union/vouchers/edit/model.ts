/**
 * The batch editor's form model, free of Taro and React: what the form holds (text as typed),
 * how a batch fills it, what it sends, what is wrong with it by field, and what the preview shows.
 */
import {
  batchProblems,
  batchWindow,
  fromShanghai,
  memberTagLabels,
  nextBenefitDay,
  parseYuan,
  validate,
  VoucherBatchInput,
  type BatchMode,
  type BatchSchedule,
  type BatchValidity,
  type FieldErrors,
  type MemberTag,
  type Validated,
  type VoucherBatchAdminView,
  type VoucherBatchPatch,
  type VoucherKind,
} from '@gonghui/shared';
import { shanghaiClock, shanghaiDate, validityRuleText, windowText, yuanText } from '../../../../format';

export interface BatchForm {
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
  mode: BatchMode;
  drawDate: string;
  drawClock: string;
}

/** The keys errors are shown under: the request body's own fields (a server 400 names the same). */
export const BATCH_FIELDS = [
  'title',
  'description',
  'kind',
  'thresholdFen',
  'faceValueFen',
  'stockTotal',
  'perMemberLimit',
  'audience',
  'merchantIds',
  'schedule',
  'validity',
  'mode',
  'drawAt',
] as const;
export type BatchField = (typeof BATCH_FIELDS)[number];
export type BatchErrors = FieldErrors<BatchField>;

/** Form values that feed another field of the body; the rest feed their namesake (`title`). */
const FEEDS: Partial<Record<keyof BatchForm, BatchField | null>> = {
  threshold: 'thresholdFen',
  faceValue: 'faceValueFen',
  unionId: 'audience',
  tags: 'audience',
  merchantMode: 'merchantIds',
  scheduleType: 'schedule',
  month: 'schedule',
  startTime: 'schedule',
  startDate: 'schedule',
  startClock: 'schedule',
  endDate: 'schedule',
  endClock: 'schedule',
  validityType: 'validity',
  days: 'validity',
  untilDate: 'validity',
  drawDate: 'drawAt',
  drawClock: 'drawAt',
  stackable: null,
};

/** Which error an edit of a form value clears. */
export function fieldOf(key: keyof BatchForm): BatchField | null {
  const fed = FEEDS[key];
  return fed === undefined ? (key as BatchField) : fed;
}

/** Server refusals that belong to one field of the form. */
export const BATCH_ERROR_FIELDS: Record<string, BatchField> = {
  VOUCHER_STOCK_BELOW_CLAIMED: 'stockTotal',
  MERCHANT_NOT_FOUND: 'merchantIds',
  VOUCHER_MERCHANT_IN_USE: 'merchantIds',
};

const DAY_MS = 86400_000;
const PICK_MERCHANT = '请至少选择一个商户，或选择“本地区全部合作商户”';
export const TAG_OPTIONS = (Object.keys(memberTagLabels) as MemberTag[]).map((k) => ({ key: k, label: memberTagLabels[k] }));

export function blankForm(now: Date): BatchForm {
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
    mode: 'firstCome',
    drawDate: shanghaiDate(now),
    drawClock: '10:00',
  };
}

export function formOf(b: VoucherBatchAdminView, now: Date): BatchForm {
  return {
    ...blankForm(now),
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
    mode: b.mode,
    ...(b.drawAt ? { drawDate: shanghaiDate(new Date(b.drawAt)), drawClock: shanghaiClock(b.drawAt) } : {}),
  };
}

/** "2026-12-20" + "10:00" (Shanghai) → ISO instant; the end of that day with `endOfDay`. */
export function atShanghai(date: string, clock: string, endOfDay = false): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return null;
  if (endOfDay) return new Date(fromShanghai(Number(d[1]), Number(d[2]), Number(d[3]) + 1).getTime() - 1000).toISOString();
  const c = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!c) return null;
  return fromShanghai(Number(d[1]), Number(d[2]), Number(d[3]), Number(c[1]), Number(c[2])).toISOString();
}

/** A whole number as typed, or undefined (so the schema asks for it). */
const intOf = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : undefined);

export function scheduleOf(f: BatchForm): BatchSchedule | null {
  if (f.scheduleType === 'benefitDay') return { type: 'benefitDay', month: f.month, startTime: f.startTime };
  const startsAt = atShanghai(f.startDate, f.startClock);
  const endsAt = atShanghai(f.endDate, f.endClock);
  return startsAt && endsAt ? { type: 'window', startsAt, endsAt } : null;
}

/** The validity as the form holds it; `days` may still be missing (the schema says so). */
function validityDraft(f: BatchForm): { type: 'days'; days: number | undefined } | { type: 'until'; endsAt: string } | null {
  if (f.validityType === 'days') return { type: 'days', days: intOf(f.days) };
  const endsAt = atShanghai(f.untilDate, '', true);
  return endsAt ? { type: 'until', endsAt } : null;
}

export function validityOf(f: BatchForm): BatchValidity | null {
  const v = validityDraft(f);
  if (!v) return null;
  if (v.type === 'until') return v;
  return v.days ? { type: 'days', days: v.days } : null;
}

/** Rules of the form itself, before the schema: a choice it offers that the body cannot say. */
function formRules(f: BatchForm): BatchErrors {
  const errors: BatchErrors = {};
  if (f.kind === 'threshold' && parseYuan(f.threshold) === null) errors.thresholdFen = '请填写使用门槛（元），例如满 1000 元可用';
  if (f.merchantMode === 'some' && f.merchantIds.length === 0) errors.merchantIds = PICK_MERCHANT;
  if (!scheduleOf(f)) errors.schedule = '请选择领取时间';
  if (!validityDraft(f)) errors.validity = '请选择截止日期';
  if (f.mode === 'lottery' && !atShanghai(f.drawDate, f.drawClock)) errors.drawAt = '请选择开奖时间';
  return errors;
}

/** What the form would send; an amount it cannot read is left undefined, so the schema names the field. */
export function draftBody(f: BatchForm): Record<string, unknown> {
  return {
    title: f.title,
    description: f.description,
    kind: f.kind,
    thresholdFen: f.kind === 'threshold' ? parseYuan(f.threshold) : null,
    faceValueFen: parseYuan(f.faceValue) ?? undefined,
    stackable: f.stackable,
    stockTotal: intOf(f.stockTotal),
    perMemberLimit: intOf(f.perMemberLimit),
    audience: { unionId: f.unionId, tags: f.tags },
    merchantIds: f.merchantMode === 'some' ? f.merchantIds : [],
    schedule: scheduleOf(f) ?? undefined,
    validity: validityDraft(f) ?? undefined,
    mode: f.mode,
    // registration runs from the schedule's start to the draw
    drawAt: f.mode === 'lottery' ? (atShanghai(f.drawDate, f.drawClock) ?? undefined) : null,
  };
}

/**
 * A new batch or a draft: the request body, or what is wrong by field. The contract schema first,
 * then the rules the server applies too (threshold above face value, window in the future…).
 */
export function batchInputOf(f: BatchForm, now: Date): Validated<VoucherBatchInput> {
  const own = formRules(f);
  const r = validate(VoucherBatchInput, draftBody(f));
  if (!r.ok) return { ok: false, fieldErrors: { ...r.fieldErrors, ...own } };
  const errors: FieldErrors = { ...own };
  for (const p of batchProblems(r.data, now)) errors[p.path] ??= p.message;
  return Object.keys(errors).length ? { ok: false, fieldErrors: errors } : r;
}

const PublishedFields = VoucherBatchInput.pick({ title: true, description: true, stockTotal: true, merchantIds: true });

/**
 * A published batch: only the fields the server still takes (PUBLISHED_PATCHABLE), and only
 * those changed; `patch` is null when nothing changed.
 */
export function publishedPatchOf(f: BatchForm, b: VoucherBatchAdminView): { ok: true; patch: VoucherBatchPatch | null } | { ok: false; fieldErrors: BatchErrors } {
  const own: BatchErrors = {};
  if (f.merchantMode === 'some' && f.merchantIds.length === 0) own.merchantIds = PICK_MERCHANT;
  const r = validate(PublishedFields, { title: f.title, description: f.description, stockTotal: intOf(f.stockTotal), merchantIds: f.merchantMode === 'some' ? f.merchantIds : [] });
  const errors: BatchErrors = { ...(r.ok ? {} : r.fieldErrors), ...own };
  if (r.ok && r.data.stockTotal < b.stockClaimed) errors.stockTotal = `发放总量不能少于已领取数量（已领取 ${b.stockClaimed} 张）`;
  if (!r.ok || Object.keys(errors).length) return { ok: false, fieldErrors: errors };

  const v = r.data;
  const patch: VoucherBatchPatch = {};
  if (v.title !== b.title) patch.title = v.title;
  if (v.description !== b.description) patch.description = v.description;
  if (v.stockTotal !== b.stockTotal) patch.stockTotal = v.stockTotal;
  if (v.merchantIds.length !== b.merchantIds.length || v.merchantIds.some((id) => !b.merchantIds.includes(id))) patch.merchantIds = v.merchantIds;
  return { ok: true, patch: Object.keys(patch).length ? patch : null };
}

/** The merchants a batch names, for a read-only view. */
export function merchantsText(f: BatchForm, merchants: readonly { id: string; name: string }[]): string {
  if (f.merchantMode === 'all') return '本地区全部合作商户';
  const names = f.merchantIds.map((id) => merchants.find((m) => m.id === id)?.name).filter((n): n is string => Boolean(n));
  const others = f.merchantIds.length - names.length;
  return [...names, ...(others > 0 ? [`其他 ${others} 家`] : [])].join('、');
}

/** "2026-12" → "2026年12月20日" (the Benefit Day of that month). */
export function monthLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月20日`;
}

/** What the live preview shows: the ticket as members will see it, with dashes for what is not filled in yet. */
export interface BatchPreview {
  face: { kind: VoucherKind; thresholdFen: number | null; faceValueFen: number; stackable: boolean };
  /** Set when the face value is not filled in. */
  amountText?: string;
  /** Set for a 满减券 without its threshold yet. */
  conditionText?: string;
  title: string;
  remaining: number;
  window: string | null;
  perMemberLimit: number;
  validity: string;
}

export function previewOf(f: BatchForm, claimed: number): BatchPreview {
  const schedule = scheduleOf(f);
  const validity = validityOf(f);
  const w = schedule ? batchWindow(schedule) : null;
  const face = parseYuan(f.faceValue);
  const threshold = f.kind === 'threshold' ? parseYuan(f.threshold) : null;
  return {
    face: { kind: f.kind, thresholdFen: threshold, faceValueFen: face ?? 0, stackable: f.stackable },
    amountText: face ? undefined : '—',
    conditionText: f.kind === 'threshold' && !threshold ? '满—元可用' : undefined,
    title: f.title.trim() || '请填写券名称',
    remaining: Math.max(0, (intOf(f.stockTotal) ?? 0) - claimed),
    window: w ? windowText(w.startsAt.toISOString(), w.endsAt.toISOString()) : null,
    perMemberLimit: intOf(f.perMemberLimit) ?? 1,
    validity: validity ? validityRuleText(validity) : '有效期未设置',
  };
}
