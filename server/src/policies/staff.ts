import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { StaffRole } from '@gonghui/shared';
import type { Auth } from '../scope/auth';
import type { Rule } from './policy';

/**
 * Union scope: a staff member sees and changes only the subtrees of the unions they hold a role
 * in. Paths are materialised ("/<root>/<child>/"), so a subtree is a path prefix.
 */
export function pathInScope(auth: Auth, path: string): boolean {
  return auth.staff.some((s) => path.startsWith(s.path));
}

/** SQL condition "this union path lies in the caller's scope". */
export function inScopeSql(auth: Auth, pathColumn: AnyPgColumn): SQL {
  if (auth.staff.length === 0) return sql`false`;
  return sql`(${sql.join(
    auth.staff.map((s) => sql`${pathColumn} like ${s.path + '%'}`),
    sql` or `,
  )})`;
}

/** The strongest role the caller holds over a union path (admin beats operator), or null. */
export function roleOver(auth: Auth, path: string): StaffRole | null {
  const roles = auth.staff.filter((s) => path.startsWith(s.path)).map((s) => s.role);
  return roles.includes('admin') ? 'admin' : (roles[0] ?? null);
}

/**
 * The two staff roles, declared once: operators prepare (drafts, reviews), admins commit what
 * costs money or changes who may act (publishing, closing, signing merchants, approval modes).
 */
export const staffOver = <S>(pathOf: (s: S) => string): Rule<S> => (auth, s) => (roleOver(auth, pathOf(s)) ? true : 'FORBIDDEN');
export const adminOver = <S>(pathOf: (s: S) => string): Rule<S> => (auth, s) => (roleOver(auth, pathOf(s)) === 'admin' ? true : 'ADMIN_REQUIRED');
