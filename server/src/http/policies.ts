import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError, type StaffRole } from '@gonghui/shared';
import type { Auth } from './state';

/**
 * Union scope: a staff member sees and changes only the subtrees of the unions they hold a
 * role in. Paths are materialised ("/<root>/<child>/"), so a subtree is a path prefix.
 */
export function scopePrefixes(auth: Auth): string[] {
  return auth.staff.map((s) => s.path);
}

export function pathInScope(auth: Auth, path: string): boolean {
  return auth.staff.some((s) => path.startsWith(s.path));
}

/** SQL condition "this union path lies in the caller's scope". */
export function inScopeSql(auth: Auth, pathColumn: AnyPgColumn): SQL {
  const prefixes = scopePrefixes(auth);
  if (prefixes.length === 0) return sql`false`;
  return sql`(${sql.join(
    prefixes.map((p) => sql`${pathColumn} like ${p + '%'}`),
    sql` or `,
  )})`;
}

/** The strongest role the caller holds over a union path (admin beats operator), or null. */
export function roleOver(auth: Auth, path: string): StaffRole | null {
  const roles = auth.staff.filter((s) => path.startsWith(s.path)).map((s) => s.role);
  return roles.includes('admin') ? 'admin' : (roles[0] ?? null);
}

/** Operators prepare (drafts, reviews); admins commit what costs money: publishing, closing, signing merchants. */
export function requireAdminOver(auth: Auth, path: string): void {
  if (roleOver(auth, path) !== 'admin') throw new AppError('ADMIN_REQUIRED');
}
