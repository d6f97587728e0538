import { z } from 'zod';
import { Id, IsoDateTime } from './common';

export const MemberTag = z.enum(['model_worker', 'frontline', 'new_form', 'migrant', 'hardship']);
export type MemberTag = z.infer<typeof MemberTag>;

export const MemberStatus = z.enum(['pending', 'active', 'rejected', 'suspended', 'left']);
export type MemberStatus = z.infer<typeof MemberStatus>;

const ChineseName = z
  .string({ error: '请输入真实姓名' })
  .trim()
  .min(2, '请输入真实姓名')
  .max(20, '姓名最多20个字')
  .regex(/^[\u4e00-\u9fa5·]+$/, '请输入中文姓名');

/** Real-name joining by a union's QR link; the phone is the signed-in, verified one. */
export const JoinBody = z
  .object({
    joinCode: z.string().min(4).max(32),
    name: ChineseName,
    idNumber: z.string({ error: '请输入身份证号码' }).trim().min(1, '请输入身份证号码').min(15, '身份证号码不正确').max(18, '身份证号码不正确'),
    employer: z.string({ error: '请输入工作单位' }).trim().min(2, '请输入工作单位全称').max(60, '工作单位最多60个字'),
    /** Separate consent to process the ID number (PIPL art. 29): the join page asks for it on its own. */
    idNumberConsent: z.literal(true, { message: '请阅读并同意身份证号处理说明' }),
  })
  .strict();
export type JoinBody = z.infer<typeof JoinBody>;

/** What a member sees of themselves (the member card). */
export const MemberCard = z
  .object({
    id: Id,
    name: z.string(),
    nameMasked: z.string(),
    memberNo: z.string(),
    status: MemberStatus,
    unionId: Id,
    unionName: z.string(),
    unionPathNames: z.array(z.string()),
    employer: z.string(),
    tags: z.array(MemberTag),
    idNumberMasked: z.string(),
    joinedAt: IsoDateTime,
  })
  .strict();
export type MemberCard = z.infer<typeof MemberCard>;

/** What union staff see in lists: ID number and phone always masked. */
export const MemberAdminView = z
  .object({
    id: Id,
    name: z.string(),
    memberNo: z.string(),
    status: MemberStatus,
    unionId: Id,
    unionName: z.string(),
    employer: z.string(),
    tags: z.array(MemberTag),
    phoneMasked: z.string(),
    idNumberMasked: z.string(),
    joinedAt: IsoDateTime,
    /** Another application or membership carries the same ID number: staff check who is who. */
    idConflict: z.boolean(),
    /** The other holders of this ID number (member number only where the caller may see that member). */
    conflictsWith: z.array(z.object({ memberNo: z.string().nullable(), unionName: z.string(), status: MemberStatus }).strict()),
    /** review: decide an application; update: tags, suspend, reinstate; revoke: end an admitted membership (admins). */
    abilities: z.object({ review: z.boolean(), update: z.boolean(), revoke: z.boolean() }).strict(),
  })
  .strict();
export type MemberAdminView = z.infer<typeof MemberAdminView>;

export const MemberPatch = z
  .object({
    /** approve (active) or reject an application; suspend or reinstate a member; revoke (left) a membership */
    status: z.enum(['active', 'rejected', 'suspended', 'left']).optional(),
    tags: z.array(MemberTag).max(5).optional(),
    /** Why an application was rejected or a membership revoked; recorded and audited. */
    reason: z.string().trim().min(2).max(200).optional(),
  })
  .strict()
  .refine((v) => v.status !== undefined || v.tags !== undefined, { message: '没有要修改的内容' })
  .refine((v) => v.reason === undefined || v.status === 'rejected' || v.status === 'left', { message: '只有驳回申请或撤销会员资格时需要填写原因', path: ['reason'] })
  .refine((v) => v.status !== 'left' || v.reason !== undefined, { message: '撤销会员资格须填写原因', path: ['reason'] });
export type MemberPatch = z.infer<typeof MemberPatch>;

export const MemberListQuery = z
  .object({
    unionId: Id.optional(),
    q: z.string().trim().max(30).optional(),
    status: MemberStatus.optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type MemberListQuery = z.infer<typeof MemberListQuery>;

/** The electronic member card's code: a QR and the digits staff may type, valid one minute. */
export const MemberCode = z.object({ qr: z.string(), shortCode: z.string(), expiresAt: IsoDateTime }).strict();
export type MemberCode = z.infer<typeof MemberCode>;
export const MemberShortCode = z.string().trim().transform((s) => s.replace(/\s+/g, '')).pipe(z.string().regex(/^\d{12}$/, '会员码为12位数字'));
