import { and, desc, eq, like, sql } from 'drizzle-orm';
import { AppError, maskPhone, type StaffDuty, type StaffGrantBody, type StaffMemberView, type StaffRole, type UnionStaff } from '@gonghui/shared';
import { schema } from '../../db/index';
import { scopedUnion, unionPolicy, type UnionRow } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';

const { staffRoles, staffDuties, users, merchantStaff, auditLog } = schema;

/** The duties of a union's staff, by user. */
async function dutiesOf(scope: Scope, unionId: string): Promise<Map<string, StaffDuty[]>> {
  const rows = await scope.db.select({ userId: staffDuties.userId, duty: staffDuties.duty }).from(staffDuties).where(eq(staffDuties.unionId, unionId)).orderBy(staffDuties.duty);
  const out = new Map<string, StaffDuty[]>();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.duty]);
  return out;
}

/** Who may manage a union's staff: its admins and those of the unions above it. Others see the union's staff list only. */
async function manageableUnion(scope: Scope, unionId: string): Promise<UnionRow> {
  const u = await scopedUnion(scope, unionId);
  unionPolicy.authorize(scope, 'manage', u);
  return u;
}

async function staffRow(scope: Scope, unionId: string, userId: string) {
  const [row] = await scope.db
    .select({ userId: staffRoles.userId, role: staffRoles.role, since: staffRoles.createdAt, name: staffRoles.displayName, phone: users.phone })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.unionId, unionId), eq(staffRoles.userId, userId)))
    .limit(1);
  if (!row) throw new AppError('STAFF_NOT_FOUND');
  return row;
}

function present(scope: Scope, r: { userId: string; role: StaffRole; since: Date; name: string; phone: string }, duties: StaffDuty[] = []): StaffMemberView {
  return { userId: r.userId, name: r.name || maskPhone(r.phone), phoneMasked: maskPhone(r.phone), role: r.role, duties, since: r.since.toISOString(), self: r.userId === scope.auth.userId };
}

export async function unionStaff(scope: Scope, { id }: { id: string }): Promise<UnionStaff> {
  const u = await scopedUnion(scope, id);
  const rows = await scope.db
    .select({ userId: staffRoles.userId, role: staffRoles.role, since: staffRoles.createdAt, name: staffRoles.displayName, phone: users.phone })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(eq(staffRoles.unionId, id))
    .orderBy(staffRoles.role, staffRoles.createdAt);
  const duties = await dutiesOf(scope, id);
  const changes = await scope.db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      detail: auditLog.detail,
      // the actor as named on a union's staff (their own union's, when they still hold a role)
      actorName: sql<string | null>`(select r.display_name from ${staffRoles} r where r.user_id = ${auditLog.actorUserId} order by r.created_at limit 1)`,
    })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'union'), eq(auditLog.targetId, id), like(auditLog.action, 'staff.%')))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(50);
  return {
    unionId: u.id,
    unionName: u.name,
    data: rows.map((r) => present(scope, r, duties.get(r.userId))),
    changes: changes.map((c) => ({
      at: c.at.toISOString(),
      action: c.action.slice('staff.'.length) as 'grant' | 'change' | 'revoke' | 'duty_grant' | 'duty_revoke',
      actorName: c.actorName || '上级工会管理员',
      subjectName: String(c.detail.subjectName ?? ''),
      role: (c.detail.role as StaffRole | undefined) ?? null,
      duty: (c.detail.duty as StaffDuty | undefined) ?? null,
    })),
    abilities: { manage: unionPolicy.can(scope, 'manage', u) },
  };
}

/** An admin adds a person, by phone, to their union or a union below it, as admin or operator. */
export async function staffGranter(scope: Scope, { unionId, body }: { unionId: string; body: StaffGrantBody }): Promise<StaffMemberView> {
  const u = await manageableUnion(scope, unionId);
  await scope.db.insert(users).values({ phone: body.phone, displayName: body.name }).onConflictDoNothing({ target: users.phone });
  // An account that already exists is neither confirmed nor named: the list shows the name typed here.
  const [user] = await scope.db.select({ id: users.id }).from(users).where(eq(users.phone, body.phone));
  // The person at a merchant's till never also holds the union's purse.
  const [cashier] = await scope.db.select({ userId: merchantStaff.userId }).from(merchantStaff).where(eq(merchantStaff.userId, user!.id)).limit(1);
  if (cashier) throw new AppError('STAFF_IS_CASHIER');
  const added = await scope.db
    .insert(staffRoles)
    .values({ userId: user!.id, unionId: u.id, role: body.role, displayName: body.name, createdAt: scope.now })
    .onConflictDoNothing()
    .returning({ userId: staffRoles.userId });
  if (added.length === 0) throw new AppError('STAFF_EXISTS');
  await audit(scope, 'staff.grant', { type: 'union', id: u.id }, { subjectUserId: user!.id, subjectName: body.name, role: body.role });
  return present(scope, await staffRow(scope, u.id, user!.id));
}

function notSelf(scope: Scope, userId: string) {
  if (userId === scope.auth.userId) throw new AppError('STAFF_SELF_CHANGE');
}

export async function staffChanger(scope: Scope, { unionId, userId, role }: { unionId: string; userId: string; role: StaffRole }): Promise<StaffMemberView> {
  const u = await manageableUnion(scope, unionId);
  notSelf(scope, userId);
  const before = await staffRow(scope, u.id, userId);
  await scope.db.update(staffRoles).set({ role }).where(and(eq(staffRoles.unionId, u.id), eq(staffRoles.userId, userId)));
  await audit(scope, 'staff.change', { type: 'union', id: u.id }, { subjectUserId: userId, subjectName: before.name, role, fromRole: before.role });
  return present(scope, { ...before, role }, (await dutiesOf(scope, u.id)).get(userId));
}

export async function staffRevoker(scope: Scope, { unionId, userId }: { unionId: string; userId: string }): Promise<{ ok: true }> {
  const u = await manageableUnion(scope, unionId);
  notSelf(scope, userId);
  const before = await staffRow(scope, u.id, userId);
  // the duties go with the role
  await scope.db.delete(staffDuties).where(and(eq(staffDuties.unionId, u.id), eq(staffDuties.userId, userId)));
  await scope.db.delete(staffRoles).where(and(eq(staffRoles.unionId, u.id), eq(staffRoles.userId, userId)));
  // The person's open sessions keep working, but their next request no longer carries this role.
  await audit(scope, 'staff.revoke', { type: 'union', id: u.id }, { subjectUserId: userId, subjectName: before.name, role: before.role });
  return { ok: true };
}

/**
 * A union's admins grant or remove a duty (困难职工帮扶) of one of its staff, audited and listed
 * with the other changes. Nobody grants a duty to themselves: the hardship archive is opened to a
 * person by someone else.
 */
export async function staffDutySetter(scope: Scope, { unionId, userId, duty, on }: { unionId: string; userId: string; duty: StaffDuty; on: boolean }): Promise<StaffMemberView> {
  const u = await manageableUnion(scope, unionId);
  notSelf(scope, userId);
  const before = await staffRow(scope, u.id, userId);
  const changed = on
    ? await scope.db.insert(staffDuties).values({ userId, unionId: u.id, duty, grantedBy: scope.auth.userId, createdAt: scope.now }).onConflictDoNothing().returning({ userId: staffDuties.userId })
    : await scope.db.delete(staffDuties).where(and(eq(staffDuties.unionId, u.id), eq(staffDuties.userId, userId), eq(staffDuties.duty, duty))).returning({ userId: staffDuties.userId });
  if (changed.length > 0) await audit(scope, on ? 'staff.duty_grant' : 'staff.duty_revoke', { type: 'union', id: u.id }, { subjectUserId: userId, subjectName: before.name, duty });
  return present(scope, before, (await dutiesOf(scope, u.id)).get(userId));
}
