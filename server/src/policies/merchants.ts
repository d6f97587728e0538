import { eq } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { schema } from '../db/index';
import type { Scope } from '../scope/scope';
import { definePolicy } from './policy';
import { adminOver, pathInScope, staffOver } from './staff';

const { merchants, unions } = schema;
export type MerchantRow = typeof merchants.$inferSelect;
export interface ScopedMerchant {
  m: MerchantRow;
  unionPath: string;
  unionName: string;
}

export const merchantPolicy = definePolicy<ScopedMerchant, 'read' | 'manage'>({
  read: staffOver((s) => s.unionPath),
  manage: adminOver((s) => s.unionPath),
});

/** A merchant signed inside the caller's subtree, or 404. */
export async function scopedMerchant(scope: Scope, id: string): Promise<ScopedMerchant> {
  const [row] = await scope.db
    .select({ m: merchants, unionPath: unions.path, unionName: unions.name })
    .from(merchants)
    .innerJoin(unions, eq(unions.id, merchants.unionId))
    .where(eq(merchants.id, id))
    .limit(1);
  if (!row || !pathInScope(scope.auth, row.unionPath)) throw new AppError('MERCHANT_NOT_FOUND');
  return row;
}
