import { z } from 'zod';
import { Id, IsoDateTime, Phone } from './common';
import { MemberCard } from './members';
import { StaffRole, UnionKind } from './unions';

export const SmsCodeBody = z.object({ phone: Phone }).strict();
export const SmsLoginBody = z
  .object({
    phone: Phone,
    code: z.string().regex(/^\d{6}$/, '请输入6位验证码'),
    /** From a WeChat login whose openid is not bound yet: binds it to this phone's account. */
    bindTicket: z.string().max(400).optional(),
  })
  .strict();
export const WechatLoginBody = z.object({ code: z.string().min(1).max(128) }).strict();
export const DemoLoginBody = z.object({ phone: Phone }).strict();

export const StaffRoleView = z
  .object({ unionId: Id, unionName: z.string(), unionKind: UnionKind, role: StaffRole })
  .strict();
export type StaffRoleView = z.infer<typeof StaffRoleView>;

export const MerchantRoleView = z.object({ merchantId: Id, merchantName: z.string() }).strict();
export const DonorView = z
  .object({ kind: z.enum(['individual', 'enterprise']), displayName: z.string() })
  .strict();

export const Me = z
  .object({
    user: z
      .object({ id: Id, displayName: z.string(), phoneMasked: z.string(), careMode: z.boolean() })
      .strict(),
    member: MemberCard.nullable(),
    staffRoles: z.array(StaffRoleView),
    merchant: MerchantRoleView.nullable(),
    donor: DonorView.nullable(),
    /** The server's clock: what is open is decided there, never by the phone's clock. */
    serverTime: IsoDateTime,
  })
  .strict();
export type Me = z.infer<typeof Me>;

export const MePatch = z.object({ careMode: z.boolean() }).strict();

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
