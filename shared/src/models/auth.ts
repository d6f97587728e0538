import { z } from 'zod';
import { Id, IsoDateTime, Phone } from './common';
import { MemberCard } from './members';
import { StaffRole, UnionKind } from './unions';
import { TERMS_VERSION } from '../labels';

const AcceptTerms = z.literal(TERMS_VERSION).optional();

export const SmsCodeBody = z.object({ phone: Phone }).strict();
export const SmsLoginBody = z
  .object({
    phone: Phone,
    code: z.string().regex(/^\d{6}$/, '请输入6位验证码'),
    /** From a WeChat login whose openid is not bound yet: binds it to this phone's account. */
    bindTicket: z.string().max(400).optional(),
    acceptTerms: AcceptTerms,
  })
  .strict();
export const WechatLoginBody = z.object({ code: z.string().min(1).max(128), acceptTerms: AcceptTerms }).strict();
export const DemoLoginBody = z.object({ phone: Phone, acceptTerms: AcceptTerms }).strict();

export const StaffRoleView = z
  .object({ unionId: Id, unionName: z.string(), unionKind: UnionKind, role: StaffRole, duties: z.array(z.enum(['hardship'])) })
  .strict();
export type StaffRoleView = z.infer<typeof StaffRoleView>;

export const MerchantRoleView = z.object({ merchantId: Id, merchantName: z.string() }).strict();
export const DonorView = z
  .object({ kind: z.enum(['individual', 'enterprise']), displayName: z.string() })
  .strict();

export const Me = z
  .object({
    user: z
      .object({
        id: Id,
        displayName: z.string(),
        phoneMasked: z.string(),
        careMode: z.boolean(),
        /** The agreement version this user accepted, or null: the client asks again when it differs from TERMS_VERSION. */
        termsAccepted: z.string().nullable(),
      })
      .strict(),
    member: MemberCard.nullable(),
    /** Without a membership: the latest application that was not admitted, and why (the applicant may apply again). */
    lastApplication: z.object({ unionName: z.string(), status: z.enum(['rejected', 'left']), reason: z.string().nullable() }).strict().nullable(),
    staffRoles: z.array(StaffRoleView),
    merchant: MerchantRoleView.nullable(),
    donor: DonorView.nullable(),
    /** The server's clock: what is open is decided there, never by the phone's clock. */
    serverTime: IsoDateTime,
  })
  .strict();
export type Me = z.infer<typeof Me>;

export const MePatch = z
  .object({ careMode: z.boolean(), acceptTerms: z.literal(TERMS_VERSION) })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });

/** Deleting one's account is confirmed by typing 注销. */
export const DeleteAccountBody = z.object({ confirm: z.literal('注销', { message: '请输入“注销”确认' }) }).strict();

export const SessionResponse = z
  .object({ token: z.string(), expiresAt: IsoDateTime, me: Me })
  .strict();
export type SessionResponse = z.infer<typeof SessionResponse>;

/** WeChat login for an openid not yet bound: the client verifies a phone by SMS next. */
export const WechatLoginResponse = z.union([
  SessionResponse.extend({ needsBinding: z.literal(false) }),
  z.object({ needsBinding: z.literal(true), bindTicket: z.string(), expiresAt: IsoDateTime }).strict(),
]);
export type WechatLoginResponse = z.infer<typeof WechatLoginResponse>;

export const SmsCodeResponse = z.object({ sent: z.literal(true), resendAfterSeconds: z.number().int() }).strict();
