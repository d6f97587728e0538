import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './common';
import { MemberTag } from './members';
import { ARCHIVE_CATEGORIES } from '../rules/hardship';
import { OFFER_KINDS } from '../rules/campaigns';
import { LETTER_TEMPLATES } from '../rules/letters';
import { FUND_CODES, VISIT_CATEGORIES, WARMTH_FORM_CODES } from '../rules/warmth-form';
import { AID_FORM_CODES } from '../rules/aid-centre-form';

const page = { cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };

const fenOf = (label: string, min = 0) =>
  z
    .number({ error: `请填写${label}（元）` })
    .int(`${label}最多精确到分`)
    .min(min, min > 0 ? `${label}须为正数` : `${label}不能为负数`)
    .max(1_000_000_000, `${label}不能超过1000万元`);

export const OfferKindSchema = z.enum(OFFER_KINDS);
export const FundCodeSchema = z.enum(FUND_CODES);
export const VisitCategory = z.enum(VISIT_CATEGORIES as [string, ...string[]]);
export const ArchiveCategoryEnum = z.enum(ARCHIVE_CATEGORIES);
export const CampaignPhaseSchema = z.enum(['upcoming', 'running', 'ended']);

export const CampaignInput = z
  .object({
    unionId: z.uuid({ error: '请选择工会' }),
    name: z.string({ error: '请填写活动名称' }).trim().min(4, '活动名称至少4个字').max(40, '活动名称最多40个字'),
    startsOn: IsoDate,
    endsOn: IsoDate,
  })
  .strict();
export type CampaignInput = z.infer<typeof CampaignInput>;

export const OfferInput = z
  .object({
    kind: z.enum(OFFER_KINDS, { error: '请选择类型' }),
    title: z.string({ error: '请填写名称' }).trim().min(2, '名称至少2个字').max(30, '名称最多30个字'),
    description: z.string().trim().max(300, '说明最多300个字').default(''),
    /** What one pack or dinner is worth, counted in D and the fund's B item when handed over. */
    valueFen: fenOf('每份价值', 1),
    /** Who pays: a B item, or sponsors (their donations are counted in B4 when recorded). */
    fund: z.enum([...FUND_CODES, 'sponsored'], { error: '请选择资金来源' }),
    /** The form's group (C1–C11) each hand-over counts in. */
    category: VisitCategory,
    audience: z
      .object({
        unionId: z.uuid({ error: '请选择面向的工会' }),
        tags: z.array(MemberTag).max(5, '会员标签最多选5个').default([]),
        archiveCategories: z.array(ArchiveCategoryEnum).max(7).default([]),
      })
      .strict(),
    pickupPoints: z.array(z.string().trim().min(2, '领取地点至少2个字').max(40, '领取地点最多40个字')).min(1, '请至少填写一个领取地点').max(10, '领取地点最多10个'),
    pickupFrom: IsoDate,
    pickupTo: IsoDate,
    delivery: z.boolean().default(false),
    /** 送春联 only (and required there): how many sets there are to grab. */
    stock: z.number({ error: '请填写数量' }).int('数量须为整数').min(1, '数量至少为1').max(100_000, '数量最多100000').nullable().default(null),
  })
  .strict();
export type OfferInput = z.infer<typeof OfferInput>;

export const SponsorInput = z
  .object({
    donorName: z.string({ error: '请填写捐赠方' }).trim().min(2, '捐赠方至少2个字').max(40, '捐赠方最多40个字'),
    donorKind: z.enum(['enterprise', 'individual'], { error: '请选择捐赠方类型' }),
    moneyFen: fenOf('捐赠资金'),
    goodsFen: fenOf('物资折价'),
    goods: z.string().trim().max(100, '物资说明最多100个字').default(''),
    offerId: Id.nullable().default(null),
    receivedOn: IsoDate,
  })
  .strict()
  .refine((s) => s.moneyFen + s.goodsFen > 0, { message: '请填写捐赠资金或物资折价', path: ['moneyFen'] });
export type SponsorInput = z.infer<typeof SponsorInput>;

export const OfferView = z
  .object({
    id: Id,
    campaignId: Id,
    kind: OfferKindSchema,
    title: z.string(),
    description: z.string(),
    valueFen: z.number().int(),
    fund: z.string(),
    category: z.string(),
    audience: z.object({ unionId: Id, unionName: z.string(), tags: z.array(MemberTag), archiveCategories: z.array(ArchiveCategoryEnum) }).strict(),
    pickupPoints: z.array(z.string()),
    pickupFrom: IsoDate,
    pickupTo: IsoDate,
    delivery: z.boolean(),
    claimedCount: z.number().int(),
    handedOverCount: z.number().int(),
    /** 送春联: the stock and what is left of it; null for the other kinds. */
    stock: z.object({ total: z.number().int(), left: z.number().int() }).strict().nullable(),
    cancelled: z.boolean(),
  })
  .strict();
export type OfferView = z.infer<typeof OfferView>;

export const SponsorView = z
  .object({ id: Id, donorName: z.string(), donorKind: z.enum(['enterprise', 'individual']), moneyFen: z.number().int(), goodsFen: z.number().int(), goods: z.string(), offerTitle: z.string().nullable(), receivedOn: IsoDate })
  .strict();
export type SponsorView = z.infer<typeof SponsorView>;

export const StaffCampaignView = z
  .object({ id: Id, unionId: Id, unionName: z.string(), name: z.string(), startsOn: IsoDate, endsOn: IsoDate, phase: CampaignPhaseSchema, offerCount: z.number().int(), handedOverCount: z.number().int(), cancelled: z.boolean(), claimCount: z.number().int() })
  .strict();
export type StaffCampaignView = z.infer<typeof StaffCampaignView>;
export const StaffCampaignDetail = z.object({ campaign: StaffCampaignView, offers: z.array(OfferView), sponsors: z.array(SponsorView) }).strict();
export type StaffCampaignDetail = z.infer<typeof StaffCampaignDetail>;
export const StaffCampaignQuery = z.object({ ...page }).strict();

// the member's side
export const ClaimStatus = z.enum(['claimed', 'handed_over']);
export const MyOfferClaim = z
  .object({ status: ClaimStatus, pickupCode: z.string(), /** A QR code (data URL) of `GHP1:<code>` for the counter's scanner; null once handed over. */ pickupQr: z.string().nullable(), pickupPoint: z.string().nullable(), pickupDate: IsoDate.nullable(), deliveryAddress: z.string().nullable(), claimedAt: IsoDateTime, handedOverAt: IsoDateTime.nullable() })
  .strict();
export const MemberOfferView = z
  .object({
    id: Id,
    campaignName: z.string(),
    campaignEndsOn: IsoDate,
    kind: OfferKindSchema,
    title: z.string(),
    description: z.string(),
    valueFen: z.number().int(),
    unionName: z.string(),
    pickupPoints: z.array(z.string()),
    pickupFrom: IsoDate,
    pickupTo: IsoDate,
    delivery: z.boolean(),
    /** 送春联: the stock and what is left of it (0: sold out); null for the other kinds. */
    stock: z.object({ total: z.number().int(), left: z.number().int() }).strict().nullable(),
    mine: MyOfferClaim.nullable(),
  })
  .strict();
export type MemberOfferView = z.infer<typeof MemberOfferView>;
export const MemberOfferList = z.object({ data: z.array(MemberOfferView) }).strict();

/** Pick up at a point on a day, or have it delivered (where the offer allows). */
export const OfferClaimInput = z.discriminatedUnion('way', [
  z.object({ way: z.literal('pickup'), pickupPoint: z.string({ error: '请选择领取地点' }).trim().min(1, '请选择领取地点').max(40), pickupDate: IsoDate }).strict(),
  z.object({ way: z.literal('delivery'), address: z.string({ error: '请填写送达地址' }).trim().min(6, '送达地址至少6个字').max(100, '送达地址最多100个字') }).strict(),
]);
export type OfferClaimInput = z.infer<typeof OfferClaimInput>;

// the counter
export const PickupCodeBody = z.object({ code: z.string({ error: '请扫描或输入领取码' }).trim().regex(/^\d{8}$/, '领取码为8位数字') }).strict();
export const PickupView = z
  .object({ id: Id, memberName: z.string(), memberNo: z.string(), unionName: z.string(), offerTitle: z.string(), kind: OfferKindSchema, pickupPoint: z.string().nullable(), pickupDate: IsoDate.nullable(), deliveryAddress: z.string().nullable(), handedOverAt: IsoDateTime })
  .strict();
export type PickupView = z.infer<typeof PickupView>;

// visits (走访慰问)
export const VisitInput = z
  .object({
    unionId: z.uuid({ error: '请选择工会' }),
    visitedOn: IsoDate,
    target: z.enum(['enterprise', 'person'], { error: '请选择走访对象' }),
    name: z.string({ error: '请填写走访对象' }).trim().min(2, '名称至少2个字').max(40, '名称最多40个字'),
    /** The form's group for a person (C1–C11); an enterprise has none. */
    category: VisitCategory.nullable().default(null),
    newForm: z.boolean().default(false),
    moneyFen: fenOf('慰问金'),
    goodsFen: fenOf('慰问品折价'),
    fund: z.enum(FUND_CODES, { error: '请选择资金来源' }),
    note: z.string().trim().max(200, '备注最多200个字').default(''),
  })
  .strict()
  .refine((v) => v.target === 'enterprise' || v.category !== null, { message: '请选择慰问对象类别', path: ['category'] });
export type VisitInput = z.infer<typeof VisitInput>;
export const VisitView = z
  .object({ id: Id, unionName: z.string(), visitedOn: IsoDate, target: z.enum(['enterprise', 'person']), name: z.string(), category: z.string().nullable(), newForm: z.boolean(), moneyFen: z.number().int(), goodsFen: z.number().int(), fund: FundCodeSchema, note: z.string() })
  .strict();
export type VisitView = z.infer<typeof VisitView>;
export const VisitQuery = z.object({ unionId: Id.optional(), ...page }).strict();

// the form
export const FormCode = z.enum(WARMTH_FORM_CODES as [string, ...string[]]);
export const FormQuery = z.object({ unionId: Id, from: IsoDate, to: IsoDate }).strict();
export type FormQuery = z.infer<typeof FormQuery>;
export const FormItemView = z
  .object({ code: z.string(), no: z.string(), name: z.string(), unit: z.string(), value: z.number().int(), display: z.string(), origin: z.enum(['records', 'manual', 'sum']), source: z.string().nullable(), enterable: z.boolean(), mismatch: z.object({ expected: z.number().int(), display: z.string() }).nullable() })
  .strict();
export const WarmthFormView = z.object({ unionId: Id, unionName: z.string(), from: IsoDate, to: IsoDate, items: z.array(FormItemView), mismatches: z.number().int() }).strict();
export type WarmthFormView = z.infer<typeof WarmthFormView>;
export const FormRecordsQuery = z.object({ unionId: Id, from: IsoDate, to: IsoDate, code: FormCode, ...page }).strict();
export const FormRecordView = z.object({ kind: z.enum(['visit', 'handover', 'sponsor', 'checkin', 'relief', 'entry', 'exit']), id: Id, on: IsoDate, unionName: z.string(), label: z.string(), persons: z.number().int(), amountFen: z.number().int() }).strict();
export type FormRecordView = z.infer<typeof FormRecordView>;
/** A hand-entered figure for the union's own form (null clears it); money in fen, the rest in counts. */
export const FormEntryInput = z.object({ unionId: Id, from: IsoDate, to: IsoDate, code: FormCode, value: z.number().int().min(0, '数值不能为负数').max(1_000_000_000_000).nullable() }).strict();

// Annex 2 (帮扶中心工作统计表): the same shapes as Annex 1, its own item codes
export const AidFormCode = z.enum(AID_FORM_CODES as [string, ...string[]]);
export const AidFormView = WarmthFormView;
export type AidFormView = WarmthFormView;
export const AidFormRecordsQuery = z.object({ unionId: Id, from: IsoDate, to: IsoDate, code: AidFormCode, ...page }).strict();
export const AidFormEntryInput = z.object({ unionId: Id, from: IsoDate, to: IsoDate, code: AidFormCode, value: z.number().int().min(0, '数值不能为负数').max(1_000_000_000_000).nullable() }).strict();

// 慰问信
export const LetterInput = z
  .object({
    template: z.enum(LETTER_TEMPLATES, { error: '请选择模板' }),
    title: z.string({ error: '请填写标题' }).trim().min(2, '标题至少2个字').max(30, '标题最多30个字'),
    body: z.string({ error: '请填写正文' }).trim().min(20, '正文至少20个字').max(3000, '正文最多3000个字'),
    audience: z
      .object({
        unionId: z.uuid({ error: '请选择工会' }),
        tags: z.array(MemberTag).max(5).default([]),
        archiveCategories: z.array(ArchiveCategoryEnum).max(7).default([]),
      })
      .strict(),
  })
  .strict();
export type LetterInput = z.infer<typeof LetterInput>;
export const StaffLetterView = z.object({ id: Id, title: z.string(), template: z.enum(LETTER_TEMPLATES), unionName: z.string(), sentAt: IsoDateTime, recipients: z.number().int(), opened: z.number().int() }).strict();
export type StaffLetterView = z.infer<typeof StaffLetterView>;
export const LetterRecipientView = z.object({ memberName: z.string(), memberNo: z.string(), unionName: z.string(), openedAt: IsoDateTime.nullable() }).strict();
export type LetterRecipientView = z.infer<typeof LetterRecipientView>;
export const MyLetterView = z.object({ id: Id, title: z.string(), body: z.string(), unionName: z.string(), sentAt: IsoDateTime, shareToken: z.string() }).strict();
export type MyLetterView = z.infer<typeof MyLetterView>;
/** What the family's shareable page shows: the letter, nothing else about the member. */
export const FamilyLetterView = z.object({ title: z.string(), body: z.string(), unionName: z.string(), sentOn: IsoDate }).strict();
export const ShareTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) }).strict();

/**
 * Changing a campaign: anything before a member claimed; after, only its name and a later end.
 * Fields left out stay as they are.
 */
export const CampaignPatch = z
  .object({
    name: z.string({ error: '请填写活动名称' }).trim().min(4, '活动名称至少4个字').max(40, '活动名称最多40个字').optional(),
    startsOn: IsoDate.optional(),
    endsOn: IsoDate.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: '请至少修改一项' });
export type CampaignPatch = z.infer<typeof CampaignPatch>;

/**
 * Changing an offer: anything but its kind, its group and its audience before a member claimed;
 * after, only the title, the description and a later last pickup day.
 */
export const OfferPatch = z
  .object({
    title: z.string({ error: '请填写名称' }).trim().min(2, '名称至少2个字').max(30, '名称最多30个字').optional(),
    description: z.string().trim().max(300, '说明最多300个字').optional(),
    valueFen: fenOf('每份价值', 1).optional(),
    pickupPoints: z.array(z.string().trim().min(2, '领取地点至少2个字').max(40, '领取地点最多40个字')).min(1, '请至少填写一个领取地点').max(10, '领取地点最多10个').optional(),
    pickupFrom: IsoDate.optional(),
    pickupTo: IsoDate.optional(),
    delivery: z.boolean().optional(),
    stock: z.number({ error: '请填写数量' }).int('数量须为整数').min(1, '数量至少为1').max(100_000, '数量最多100000').optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: '请至少修改一项' });
export type OfferPatch = z.infer<typeof OfferPatch>;

/** A claim to be posted: who (masked), where to, and the code that marks it posted at the counter endpoint. */
export const DeliveryView = z.object({ id: Id, memberName: z.string(), address: z.string(), pickupCode: z.string(), claimedAt: IsoDateTime }).strict();
export type DeliveryView = z.infer<typeof DeliveryView>;
