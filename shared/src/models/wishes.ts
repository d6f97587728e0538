import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, Phone } from './common';
import { WISH_STATUSES, WISH_TRANSITIONS, WISH_VALUE_CAP_FEN, type WishAction as WishActionName } from '../rules/wishes';

export const WishStatus = z.enum(WISH_STATUSES);
export const WishAction = z.enum(Object.keys(WISH_TRANSITIONS) as [WishActionName, ...WishActionName[]]);
export const WishActor = z.enum(['wisher', 'staff', 'donor', 'system']);
export type WishStatus = z.infer<typeof WishStatus>;
export type WishAction = z.infer<typeof WishAction>;
export type WishActor = z.infer<typeof WishActor>;
/** Material needs and also job-seeking, counselling and skills training (seed 004). */
export const WishCategory = z.enum(['study', 'living', 'health', 'skills', 'job', 'counselling', 'care', 'other']);
export type WishCategory = z.infer<typeof WishCategory>;
export const WishKind = z.enum(['material', 'service']);
export type WishKind = z.infer<typeof WishKind>;

const title = z.string({ error: '请填写心愿标题' }).trim().min(2, '心愿标题至少2个字').max(30, '心愿标题最多30个字');
const story = z.string({ error: '请写一写心愿的故事' }).trim().min(10, '心愿故事至少10个字').max(500, '心愿故事最多500个字');
const note = z.string().trim().max(200, '说明最多200个字');

const wishFields = {
  category: z.enum(WishCategory.options, { error: '请选择心愿类别' }),
  kind: z.enum(WishKind.options, { error: '请选择物品或服务' }),
  title,
  story,
  valueFen: z
    .number({ error: '请填写预计价值（元）' })
    .int('预计价值最多精确到分')
    .min(100, '预计价值至少1元')
    .max(WISH_VALUE_CAP_FEN, `每个心愿预计价值不超过${WISH_VALUE_CAP_FEN / 100}元`),
  wishedBy: IsoDate,
};

/** A member's new wish: saved as a draft, or submitted to the union at once (the default). */
export const WishInput = z.object({ ...wishFields, submit: z.boolean().default(true) }).strict();
export type WishInput = z.infer<typeof WishInput>;
/** Staff filing for a worker who does not use a phone: the member is one of their subtree. */
export const StaffWishInput = WishInput.extend({ memberId: Id }).strict();
export type StaffWishInput = z.infer<typeof StaffWishInput>;
export const WishPatch = z
  .object(wishFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export type WishPatch = z.infer<typeof WishPatch>;

/** Approving may replace the public text to remove identifying details; the wisher's own text stays private. */
export const ReviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), publicTitle: title.optional(), publicStory: story.optional(), note: note.optional() }).strict(),
  z.object({ decision: z.literal('request_changes'), note: note.min(2, '请说明需要修改的地方') }).strict(),
  z.object({ decision: z.literal('reject'), note: note.min(2, '请说明不通过的原因') }).strict(),
]);
export type ReviewBody = z.infer<typeof ReviewBody>;
export const NoteBody = z.object({ note: note.optional() }).strict();
export const ThanksBody = z.object({ message: z.string({ error: '请写下感谢的话' }).trim().min(2, '感谢的话至少2个字').max(200, '感谢的话最多200个字') }).strict();

const page = { cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };
export const PublicWishQuery = z.object({ category: WishCategory.optional(), districtId: Id.optional(), ...page }).strict();
export const StaffWishQuery = z.object({ status: WishStatus.optional(), overdue: z.enum(['true', 'false']).optional(), unionId: Id.optional(), ...page }).strict();
export const TotalsQuery = z.object({ unionId: Id.optional() }).strict();
export const AdoptManyBody = z.object({ wishIds: z.array(Id).min(1).max(20) }).strict();

/**
 * What a donor and the public see of a wish: a masked name (王**), the district-level union, the
 * union's edited text and the value. Never the member id, phone, real name, ID number, employer,
 * address, or a grassroots union small enough to point at the person. Strict: an added field
 * fails the answer instead of leaving.
 */
export const PublicWishView = z
  .object({
    id: Id,
    category: WishCategory,
    kind: WishKind,
    title: z.string(),
    story: z.string(),
    valueFen: z.number().int(),
    wishedBy: IsoDate,
    status: WishStatus,
    wisherNameMasked: z.string().regex(/^[^*\s]\*\*$/),
    districtUnionId: Id,
    districtUnionName: z.string(),
    /** Only when the grassroots union has 50 members or more. */
    grassrootsUnionName: z.string().nullable(),
    publishedAt: IsoDateTime,
  })
  .strict();
export type PublicWishView = z.infer<typeof PublicWishView>;

/** A donor as they chose to appear: their name, the enterprise's (once its licence is checked), or 爱心人士. */
export const DonorAppearance = z.object({ displayName: z.string(), kind: z.enum(['individual', 'enterprise']) }).strict();

/** One timeline row without notes or names: what donors see. */
/** `create` is the wish's first row (a draft written by the wisher or by staff for them). */
export const TimelineAction = z.enum([...WishAction.options, 'create']);
export const PublicTimelineEntry = z.object({ action: TimelineAction, toStatus: WishStatus, at: IsoDateTime, actor: WishActor }).strict();
export const TimelineEntry = PublicTimelineEntry.extend({ fromStatus: WishStatus.nullable(), actorLabel: z.string(), note: z.string().nullable() }).strict();
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const AdoptionStatus = z.enum(['active', 'delivered', 'completed', 'released']);
export const AdoptionView = z.object({ status: AdoptionStatus, adoptedAt: IsoDateTime, dueAt: IsoDateTime, deliveredAt: IsoDateTime.nullable() }).strict();

/** A wish the donor adopted: the public view, the adoption, where to deliver, and the thanks once written. */
export const DonorWishView = z
  .object({
    wish: PublicWishView,
    adoption: AdoptionView,
    /** Delivery goes through the union: the district-level union's station. */
    stationUnionName: z.string(),
    thanks: z.object({ message: z.string(), at: IsoDateTime }).strict().nullable(),
    timeline: z.array(PublicTimelineEntry),
    abilities: z.object({ deliver: z.boolean(), release: z.boolean() }).strict(),
  })
  .strict();
export type DonorWishView = z.infer<typeof DonorWishView>;

const wishCore = {
  id: Id,
  category: WishCategory,
  kind: WishKind,
  title: z.string(),
  valueFen: z.number().int(),
  wishedBy: IsoDate,
  status: WishStatus,
  publicTitle: z.string().nullable(),
  publicStory: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** Filed by union staff on the member's behalf. */
  onBehalf: z.boolean(),
  donor: DonorAppearance.nullable(),
  adoptionDueAt: IsoDateTime.nullable(),
  thanksMessage: z.string().nullable(),
  createdAt: IsoDateTime,
};

/** The wisher's own view. */
export const MyWishView = z
  .object({
    ...wishCore,
    story: z.string(),
    abilities: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), confirmReceipt: z.boolean(), thank: z.boolean() }).strict(),
  })
  .strict();
export type MyWishView = z.infer<typeof MyWishView>;
export const MyWishDetail = MyWishView.extend({ timeline: z.array(TimelineEntry) }).strict();
export type MyWishDetail = z.infer<typeof MyWishDetail>;

export const StaffWishAbilities = z.object({ review: z.boolean(), confirmHandover: z.boolean(), release: z.boolean(), actForWisher: z.boolean() }).strict();
/** Union staff's list row: the member masked as everywhere in staff lists (张*明). */
export const StaffWishView = z
  .object({ ...wishCore, memberNameMasked: z.string(), memberNo: z.string(), unionId: Id, unionName: z.string(), overdue: z.boolean(), abilities: StaffWishAbilities })
  .strict();
export type StaffWishView = z.infer<typeof StaffWishView>;
/** The detail adds the wisher's own story (read is audited), the full timeline and the donor's masked contact. */
export const StaffWishDetail = StaffWishView.extend({
  story: z.string(),
  timeline: z.array(TimelineEntry),
  donorContact: z.object({ displayName: z.string(), phoneMasked: z.string() }).strict().nullable(),
}).strict();
export type StaffWishDetail = z.infer<typeof StaffWishDetail>;

export const ThanksWallEntry = z
  .object({
    id: Id,
    wisherNameMasked: z.string().regex(/^[^*\s]\*\*$/),
    districtUnionName: z.string(),
    category: WishCategory,
    title: z.string(),
    valueFen: z.number().int(),
    donorName: z.string(),
    message: z.string(),
    thankedAt: IsoDateTime,
  })
  .strict();
export type ThanksWallEntry = z.infer<typeof ThanksWallEntry>;

export const WishTotals = z
  .object({
    unionId: Id,
    unionName: z.string(),
    published: z.number().int(),
    inProgress: z.number().int(),
    fulfilled: z.number().int(),
    fulfilledValueFen: z.number().int(),
    donors: z.number().int(),
  })
  .strict();
export type WishTotals = z.infer<typeof WishTotals>;

const showName = z.boolean().default(true);
/** Anyone signed in may become a donor; an enterprise's name shows only after staff check its licence. */
export const DonorProfileInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('individual'), displayName: z.string().trim().min(1, '请填写称呼').max(20, '称呼最多20个字'), showName }).strict(),
  z
    .object({
      kind: z.literal('enterprise'),
      enterpriseName: z.string().trim().min(4, '请填写企业全称').max(60, '企业名称最多60个字'),
      contactName: z.string().trim().min(2, '请填写联系人').max(20, '联系人最多20个字'),
      contactPhone: Phone,
      licenceNo: z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码为18位').optional(),
      showName,
    })
    .strict(),
]);
export type DonorProfileInput = z.infer<typeof DonorProfileInput>;
export const LicenceStatus = z.enum(['none', 'pending', 'verified', 'rejected']);
/** Editing a profile: the kind stays; an enterprise leaves its phone and licence number blank to keep them. */
export const DonorProfileUpdate = z.discriminatedUnion('kind', [
  DonorProfileInput.options[0],
  DonorProfileInput.options[1].extend({ contactPhone: Phone.optional() }).strict(),
]);
export type DonorProfileUpdate = z.infer<typeof DonorProfileUpdate>;

export const DonorProfileView = z
  .object({
    kind: z.enum(['individual', 'enterprise']),
    displayName: z.string(),
    enterpriseName: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhoneMasked: z.string().nullable(),
    licenceNoMasked: z.string().nullable(),
    licenceStatus: LicenceStatus,
    showName: z.boolean(),
    /** How the donor appears to wishers and on the thank-you wall now. */
    appearsAs: z.string(),
    adoptionCap: z.number().int(),
    activeAdoptions: z.number().int(),
  })
  .strict();
export type DonorProfileView = z.infer<typeof DonorProfileView>;
export const LicenceReviewBody = z.object({ decision: z.enum(['verified', 'rejected']), note: note.optional() }).strict();
export const DonorAdminView = DonorProfileView.extend({ userId: Id, createdAt: IsoDateTime }).strict();

/** Agreeing (or no longer agreeing) to talk with the other side through messages the app relays. */
export const ContactBody = z.object({ agree: z.boolean({ error: '请选择是否同意联系' }) }).strict();
export const MessageBody = z
  .object({ text: z.string({ error: '请写下要说的话' }).trim().min(1, '请写下要说的话').max(300, '一条消息最多300个字') })
  .strict();
export const WishMessage = z.object({ id: z.string(), from: z.enum(['wisher', 'donor']), mine: z.boolean(), text: z.string(), at: IsoDateTime }).strict();
export type WishMessage = z.infer<typeof WishMessage>;
/**
 * The relayed conversation of a wish's current adoption, as one side sees it. It opens when both
 * agreed, and closes when either withdraws, the adoption is released or the wish is thanked; the
 * other side is named only as the wish's views name them (a masked wisher, a donor as they chose).
 */
export const WishConversation = z
  .object({
    otherName: z.string(),
    meAgreed: z.boolean(),
    otherAgreed: z.boolean(),
    open: z.boolean(),
    /** Whether this side may agree now (a live adoption, a wish not yet thanked). */
    canAgree: z.boolean(),
    messages: z.array(WishMessage),
  })
  .strict();
export type WishConversation = z.infer<typeof WishConversation>;
