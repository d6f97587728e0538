import { eq } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { schema } from '../db/index';
import type { Scope } from '../scope/scope';
import { definePolicy } from './policy';
import { adminOver, pathInScope, staffOver } from './staff';

const { unions } = schema;
export type UnionRow = typeof unions.$inferSelect;

export const unionPolicy = definePolicy<UnionRow, 'read' | 'manage' | 'signMerchants'>({
  read: staffOver((u) => u.path),
  /** Join approval mode (and, later, staff and join codes). */
  manage: adminOver((u) => u.path),
  signMerchants: adminOver((u) => u.path),
});

/** A union the caller may see, or 404 (never 403: others' unions are not even confirmed to exist). */
export async function scopedUnion(scope: Scope, unionId: string): Promise<UnionRow> {
  const [u] = await scope.db.select().from(unions).where(eq(unions.id, unionId)).limit(1);
  if (!u || !pathInScope(scope.auth, u.path)) throw new AppError('UNION_NOT_FOUND');
  return u;
}
