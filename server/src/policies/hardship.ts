/*
 * Who sees the hardship archive: staff of a union subtree where they hold the 困难职工帮扶 duty
 * (`staff_duties`), and the member themself. Everyone else finds nothing: 404 on every resource,
 * lists included, so not even the existence of a record leaks.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '@gonghui/shared';
import type { Auth } from '../scope/auth';

/** The union paths where the caller holds the hardship duty. */
export function hardshipPaths(auth: Auth): string[] {
  return auth.staff.filter((s) => s.duties?.includes('hardship')).map((s) => s.path);
}

export function hardshipMayRead(auth: Auth, unionPath: string): boolean {
  return hardshipPaths(auth).some((p) => unionPath.startsWith(p));
}

/** The caller holds the duty somewhere, or the resource does not exist for them. */
export function assertHardshipDuty(auth: Auth): void {
  if (hardshipPaths(auth).length === 0) throw new AppError('HARDSHIP_NOT_FOUND');
}

/** SQL: this union path lies under one of the caller's hardship unions. */
export function hardshipScopeSql(auth: Auth, pathColumn: AnyPgColumn | SQL): SQL {
  const paths = hardshipPaths(auth);
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`${pathColumn} like ${p + '%'}`),
    sql` or `,
  )})`;
}

/** The caller's hardship union a record is handled for (the nearest above it), for the audit. */
export function hardshipUnionFor(auth: Auth, unionPath: string): string | null {
  const mine = auth.staff.filter((s) => s.duties?.includes('hardship') && unionPath.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length);
  return mine[0]?.unionId ?? null;
}

/** The caller's topmost hardship union: where their pushed-list sources live. */
export function hardshipHomeUnion(auth: Auth): { unionId: string; path: string } {
  const mine = auth.staff.filter((s) => s.duties?.includes('hardship')).sort((a, b) => a.path.length - b.path.length);
  if (!mine[0]) throw new AppError('HARDSHIP_NOT_FOUND');
  return { unionId: mine[0].unionId, path: mine[0].path };
}

/**
 * The thresholds (低保 standard, multiples, medical line, two-person line) are the city's: only staff
 * holding the duty at a top-level union (the city federation) change them, for that union or an
 * area union (district, county) below it. The two-person line is a control on the people who
 * record relief, so those it controls below the city do not set it.
 */
export function hardshipMaySetThresholds(auth: Auth, unionPath: string): boolean {
  return auth.staff.some((s) => s.duties?.includes('hardship') && s.path.split('/').filter(Boolean).length === 1 && unionPath.startsWith(s.path));
}
