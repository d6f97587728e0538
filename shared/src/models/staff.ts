import { z } from 'zod';
import { Id, IsoDateTime, Phone } from './common';
import { StaffRole } from './unions';
import { StaffDuty } from './hardship';

/** One staff member of a union, as its admins see them. */
export const StaffMemberView = z
  .object({
    userId: Id,
    name: z.string(),
    phoneMasked: z.string(),
    role: StaffRole,
    /** Duties on top of the role (困难职工帮扶), granted and removed by the union's admins. */
    duties: z.array(StaffDuty),
    since: IsoDateTime,
    /** The caller themself: nobody changes or removes their own role (another admin must). */
    self: z.boolean(),
  })
  .strict();
export type StaffMemberView = z.infer<typeof StaffMemberView>;

export const StaffChangeAction = z.enum(['grant', 'change', 'revoke', 'duty_grant', 'duty_revoke']);

/** The audit trail of a union's staff, newest first. */
export const StaffChangeView = z
  .object({ at: IsoDateTime, action: StaffChangeAction, actorName: z.string(), subjectName: z.string(), role: StaffRole.nullable(), duty: StaffDuty.nullable() })
  .strict();
export type StaffChangeView = z.infer<typeof StaffChangeView>;

export const UnionStaff = z
  .object({
    unionId: Id,
    unionName: z.string(),
    data: z.array(StaffMemberView),
    changes: z.array(StaffChangeView),
    abilities: z.object({ manage: z.boolean() }).strict(),
  })
  .strict();
export type UnionStaff = z.infer<typeof UnionStaff>;

const PersonName = z.string({ error: '请输入姓名' }).trim().min(2, '请输入姓名').max(20, '姓名最多20个字');

export const StaffGrantBody = z.object({ phone: Phone, name: PersonName, role: z.enum(StaffRole.options, { error: '请选择角色' }) }).strict();
export type StaffGrantBody = z.infer<typeof StaffGrantBody>;
export const StaffRoleBody = z.object({ role: StaffRole }).strict();
