import { eq } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { schema } from '../db/index';
import type { Scope } from '../scope/scope';
import { all, definePolicy } from './policy';
import { adminOver, pathInScope, staffOver } from './staff';

const { members, unions } = schema;
export type MemberRow = typeof members.$inferSelect;
export interface ScopedMember {
  m: MemberRow;
  unionPath: string;
  unionName: string;
}

const byPath = (s: ScopedMember) => s.unionPath;

const admitted = (_a: unknown, s: ScopedMember) => (s.m.status === 'active' || s.m.status === 'suspended' ? true : ('MEMBER_INVALID_STATE' as const));

export const memberPolicy = definePolicy<ScopedMember, 'read' | 'review' | 'update' | 'revoke'>({
  read: staffOver(byPath),
  /** Approving or rejecting an application: operators review too. */
  review: all(staffOver(byPath), (_a, s) => (s.m.status === 'pending' ? true : 'MEMBER_INVALID_STATE')),
  /** Tags, suspending and reinstating a member who was admitted. */
  update: all(staffOver(byPath), admitted),
  /** Ending an admitted membership (a squatted ID number, a member who left the employer): admins only. */
  revoke: all(adminOver(byPath), admitted),
});

/** A member of the caller's subtree, or 404. */
export async function scopedMember(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<ScopedMember> {
  const q = scope.db
    .select({ m: members, unionPath: unions.path, unionName: unions.name })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, id))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update', { of: members }) : await q;
  if (!row || !pathInScope(scope.auth, row.unionPath)) throw new AppError('MEMBER_NOT_FOUND');
  return row;
}
