import { z } from 'zod';
import { Id, IsoDateTime, Month, Phone } from './common';
import { MemberTag } from './members';

export const VoucherKind = z.enum(['threshold', 'direct']);
export type VoucherKind = z.infer<typeof VoucherKind>;

/** An amount in fen with the field's own Chinese messages (the form shows them under the field). */
const fenOf = (label: string) =>
  z
    .number({ error: `请填写${label}（元）` })
    .int(`${label}最多精确到分`)
    .min(1, `${label}须为正数`)
    .max(100_000_000, `${label}不能超过100万元`);

/** `benefitDay`: the 20th of `month` from `startTime` to 23:59:59 Shanghai; `window`: explicit instants. */
export const BatchSchedule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('benefitDay'), month: Month, startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 10:00').default('10:00') }).strict(),
  z.object({ type: z.literal('window'), startsAt: IsoDateTime, endsAt: IsoDateTime }).strict(),
]);
export type BatchSchedule = z.infer<typeof BatchSchedule>;

export const BatchValidity = z.discriminatedUnion('type', [
  z.object({ type: z.literal('days'), days: z.number({ error: '请填写有效天数（1–366）' }).int('有效天数为1–366天').min(1, '有效天数为1–366天').max(366, '有效天数为1–366天') }).strict(),
  z.object({ type: z.literal('until'), endsAt: IsoDateTime }).strict(),
]);
export type BatchValidity = z.infer<typeof BatchValidity>;

/** `firstCome` (先到先得): claims while stock lasts; `lottery` (摇号): members register, a draw at `drawAt` picks the winners. */
export const BatchMode = z.enum(['firstCome', 'lottery']);
export type BatchMode = z.infer<typeof BatchMode>;

export const BatchAudience = z.object({ unionId: z.uuid({ error: '请选择发放工会' }), tags: z.array(MemberTag).max(5, '会员标签最多选5个').default([]) }).strict();

const batchFields = {
  title: z.string({ error: '请填写券名称' }).trim().min(1, '请填写券名称').min(2, '券名称至少2个字').max(40, '券名称最多40个字'),
  description: z.string().trim().max(500, '使用说明最多500个字'),
  kind: z.enum(VoucherKind.options, { error: '请选择券类型' }),
  thresholdFen: fenOf('使用门槛').nullable(),
  faceValueFen: fenOf('面额'),
  stackable: z.boolean(),
  stockTotal: z.number({ error: '请填写发放总量（张）' }).int('发放总量须为整数').min(1, '发放总量至少1张').max(10_000_000, '发放总量最多1000万张'),
  perMemberLimit: z.number({ error: '请填写每人限领张数' }).int('每人限领1–20张').min(1, '每人限领1–20张').max(20, '每人限领1–20张'),
  audience: BatchAudience,
  merchantIds: z.array(Id).max(500, '最多选择500个商户'),
  schedule: BatchSchedule,
  validity: BatchValidity,
  mode: z.enum(BatchMode.options, { error: '请选择发放方式' }),
  /** Lottery only: registration runs from the schedule's start until this instant, when the draw runs. */
  drawAt: IsoDateTime.nullable(),
};

export const VoucherBatchInput = z
  .object({
    ...batchFields,
    description: batchFields.description.default(''),
    thresholdFen: batchFields.thresholdFen.default(null),
    stackable: batchFields.stackable.default(false),
    perMemberLimit: batchFields.perMemberLimit.default(1),
    merchantIds: batchFields.merchantIds.default([]),
    mode: batchFields.mode.default('firstCome'),
    drawAt: batchFields.drawAt.default(null),
  })
  .strict();
export type VoucherBatchInput = z.infer<typeof VoucherBatchInput>;

/** Only the fields sent (no defaults: a PATCH never resets what it does not name). Drafts change freely; published batches only in what does not alter a claimed voucher's value. */
export const VoucherBatchPatch = z.object(batchFields).partial().strict();
export type VoucherBatchPatch = z.infer<typeof VoucherBatchPatch>;
export const PUBLISHED_PATCHABLE = ['title', 'description', 'stockTotal', 'merchantIds'] as const;

/** A lottery batch is never `open`: it is `registering` (报名中), `awaiting_draw` (开奖中) and then `drawn` (已开奖). */
export const BatchStatus = z.enum(['draft', 'scheduled', 'open', 'registering', 'awaiting_draw', 'drawn', 'ended', 'closed']);
export type BatchStatus = z.infer<typeof BatchStatus>;

export const MerchantRef = z.object({ id: Id, name: z.string(), category: z.string(), address: z.string() }).strict();
export type MerchantRef = z.infer<typeof MerchantRef>;

/** What a batch promises, the same in every view of it. */
const batchFaceView = {
  id: Id,
  title: z.string(),
  description: z.string(),
  kind: VoucherKind,
  thresholdFen: z.number().int().nullable(),
  faceValueFen: z.number().int(),
  stackable: z.boolean(),
  mode: BatchMode,
  drawAt: IsoDateTime.nullable(),
};

/** What the calling staff member may do to a batch now (the client hides what is false). */
export const BatchAbilities = z.object({ update: z.boolean(), publish: z.boolean(), close: z.boolean() }).strict();
export type BatchAbilities = z.infer<typeof BatchAbilities>;

export const VoucherBatchAdminView = z
  .object({
    ...batchFaceView,
    stockTotal: z.number().int(),
    stockClaimed: z.number().int(),
    perMemberLimit: z.number().int(),
    audience: z.object({ unionId: Id, unionName: z.string(), tags: z.array(MemberTag) }).strict(),
    merchantIds: z.array(Id),
    schedule: BatchSchedule,
    validity: BatchValidity,
    period: z.string(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    status: BatchStatus,
    createdAt: IsoDateTime,
    publishedAt: IsoDateTime.nullable(),
    /** Lottery: SHA-256 of the seed drawn at publication; the seed itself is public once drawn. */
    seedHash: z.string().nullable(),
    drawnAt: IsoDateTime.nullable(),
    abilities: BatchAbilities,
  })
  .strict();
export type VoucherBatchAdminView = z.infer<typeof VoucherBatchAdminView>;

/** What the claim button says. */
/** `lottery`: not claimable; the member registers and learns the result (see the lottery endpoints). */
export const ClaimState = z.enum(['claimable', 'claimed', 'sold_out', 'not_started', 'ended', 'lottery']);
export type ClaimState = z.infer<typeof ClaimState>;

export const VoucherBatchMemberView = z
  .object({
    ...batchFaceView,
    stockTotal: z.number().int(),
    stockRemaining: z.number().int(),
    perMemberLimit: z.number().int(),
    myClaimed: z.number().int(),
    myRemaining: z.number().int(),
    period: z.string(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    status: BatchStatus,
    claimState: ClaimState,
    publisherName: z.string(),
  })
  .strict();
export type VoucherBatchMemberView = z.infer<typeof VoucherBatchMemberView>;

/** Without a session nothing is known about the caller: an open batch with stock asks to sign in. */
export const VisitorClaimState = z.enum(['sign_in_required', 'sold_out', 'not_started', 'ended', 'lottery']);
export type VisitorClaimState = z.infer<typeof VisitorClaimState>;

/** A city-wide batch as a signed-out visitor sees it: what it promises and when, nothing about any member. */
export const VoucherBatchVisitorView = z
  .object({
    ...batchFaceView,
    stockTotal: z.number().int(),
    stockRemaining: z.number().int(),
    perMemberLimit: z.number().int(),
    period: z.string(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    status: BatchStatus,
    claimState: VisitorClaimState,
    publisherName: z.string(),
  })
  .strict();
export type VoucherBatchVisitorView = z.infer<typeof VoucherBatchVisitorView>;

export const VoucherStatus = z.enum(['unused', 'used', 'expired', 'returned']);
export type VoucherStatus = z.infer<typeof VoucherStatus>;

export const VoucherView = z
  .object({
    id: Id,
    batchId: Id,
    title: z.string(),
    kind: VoucherKind,
    thresholdFen: z.number().int().nullable(),
    faceValueFen: z.number().int(),
    stackable: z.boolean(),
    period: z.string(),
    status: VoucherStatus,
    claimedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    usedAt: IsoDateTime.nullable(),
    merchantName: z.string().nullable(),
    orderAmountFen: z.number().int().nullable(),
    discountFen: z.number().int().nullable(),
    /** Returning gives stock and quota back while the batch is still open. */
    returnable: z.boolean(),
  })
  .strict();
export type VoucherView = z.infer<typeof VoucherView>;

export const VoucherDetail = VoucherView.extend({ description: z.string(), merchants: z.array(MerchantRef), allMerchantsInArea: z.boolean() }).strict();
export type VoucherDetail = z.infer<typeof VoucherDetail>;

export const VoucherCode = z.object({ qr: z.string(), shortCode: z.string(), expiresAt: IsoDateTime }).strict();
export type VoucherCode = z.infer<typeof VoucherCode>;

export const MyVouchersQuery = z
  .object({ status: VoucherStatus.optional(), cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) })
  .strict();

export const ShortCode = z.string().regex(/^\d{10}$/, '券码为10位数字');

export const RedemptionBody = z
  .object({
    code: z.string().trim().transform((s) => s.replace(/\s+/g, '')).pipe(ShortCode),
    orderAmountFen: fenOf('订单金额'),
    /** The presented voucher alone unless the cashier picks more of the member's vouchers of this batch (stacking) from the preview. */
    voucherIds: z.array(Id).min(1).max(20).optional(),
  })
  .strict();
export type RedemptionBody = z.infer<typeof RedemptionBody>;

export const RedemptionResult = z
  .object({
    redemptionId: Id.nullable(),
    orderAmountFen: z.number().int(),
    discountFen: z.number().int(),
    payableFen: z.number().int(),
    memberNameMasked: z.string(),
    batchTitle: z.string(),
    vouchers: z.array(z.object({ id: Id, faceValueFen: z.number().int() }).strict()),
    /** The member's other unused vouchers of this batch that the cashier may add (stackable batches only). */
    stackable: z.array(z.object({ id: Id, faceValueFen: z.number().int(), expiresAt: IsoDateTime }).strict()),
  })
  .strict();
export type RedemptionResult = z.infer<typeof RedemptionResult>;

export const MerchantRedemptionRow = z
  .object({
    id: Id,
    at: IsoDateTime,
    batchTitle: z.string(),
    memberNameMasked: z.string(),
    voucherCount: z.number().int(),
    orderAmountFen: z.number().int(),
    discountFen: z.number().int(),
    payableFen: z.number().int(),
  })
  .strict();

export const MerchantInput = z
  .object({
    name: z.string({ error: '请输入商户名称' }).trim().min(1, '请输入商户名称').min(2, '商户名称至少2个字').max(60, '商户名称最多60个字'),
    category: z.string({ error: '请选择类别' }).trim().min(1, '请选择或填写类别').max(20, '类别最多20个字'),
    address: z.string().trim().max(120, '地址最多120个字').default(''),
    unionId: z.uuid({ error: '请选择所属工会' }),
    staffPhones: z.array(Phone).max(20, '最多20个店员手机号').default([]),
  })
  .strict();

export const MerchantAdminView = MerchantRef.extend({ unionId: Id, unionName: z.string(), active: z.boolean(), staffCount: z.number().int() }).strict();
export type MerchantAdminView = z.infer<typeof MerchantAdminView>;

export const CashierView = z.object({ userId: Id, name: z.string(), phoneMasked: z.string() }).strict();
/** One merchant as the union that signed it sees it: its cashiers, and whether the caller may change it. */
export const MerchantDetail = MerchantAdminView.extend({ cashiers: z.array(CashierView), abilities: z.object({ manage: z.boolean() }).strict() }).strict();
export type MerchantDetail = z.infer<typeof MerchantDetail>;
export const MerchantPatch = z
  .object({ name: MerchantInput.shape.name, category: MerchantInput.shape.category, address: z.string().trim().max(120, '地址最多120个字'), active: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export type MerchantPatch = z.infer<typeof MerchantPatch>;
export const CashierBody = z.object({ phone: Phone }).strict();

export const BatchStats = z
  .object({
    batchId: Id,
    stockTotal: z.number().int(),
    claimed: z.number().int(),
    redeemed: z.number().int(),
    remaining: z.number().int(),
    discountFen: z.number().int(),
    byUnion: z.array(z.object({ unionId: Id, unionName: z.string(), claimed: z.number().int(), redeemed: z.number().int() }).strict()),
    /** Shanghai hours "2026-12-20 10:00". */
    byHour: z.array(z.object({ hour: z.string(), claimed: z.number().int(), redeemed: z.number().int() }).strict()),
    /** Lottery batches: who registered, how many were in the draw, how many won. */
    lottery: z.object({ registrations: z.number().int(), drawn: z.number().int(), winners: z.number().int(), drawAt: IsoDateTime, drawnAt: IsoDateTime.nullable() }).strict().nullable(),
  })
  .strict();
export type BatchStats = z.infer<typeof BatchStats>;
