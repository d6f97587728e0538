import { z } from 'zod';
import { Id } from './common';

export const UnionKind = z.enum(['federation', 'district', 'industry', 'grassroots']);
export type UnionKind = z.infer<typeof UnionKind>;

export const JoinApproval = z.enum(['auto', 'manual']);
export type JoinApproval = z.infer<typeof JoinApproval>;

export const StaffRole = z.enum(['admin', 'operator']);
export type StaffRole = z.infer<typeof StaffRole>;

export const UnionNode = z
  .object({
    id: Id,
    name: z.string(),
    kind: UnionKind,
    parentId: Id.nullable(),
    depth: z.number().int(),
    joinApproval: JoinApproval,
    joinCode: z.string(),
    /** Members of this union and every union below it. */
    memberCount: z.number().int(),
    /** Applications waiting for this union's review (grassroots unions take members). */
    pendingCount: z.number().int(),
    /** What the caller may do here: change join approval, sign merchants. */
    abilities: z.object({ manage: z.boolean(), signMerchants: z.boolean() }).strict(),
  })
  .strict();
export type UnionNode = z.infer<typeof UnionNode>;

/** Public facts a joining worker sees after scanning a union's QR link. */
export const UnionJoinInfo = z
  .object({ id: Id, name: z.string(), parentName: z.string().nullable(), joinApproval: JoinApproval })
  .strict();
export type UnionJoinInfo = z.infer<typeof UnionJoinInfo>;
