import { and, desc, eq, like, sql } from 'drizzle-orm';
import { AppError, maskPhone, type StaffGrantBody, type StaffMemberView, type StaffRole, type UnionStaff } from '@gonghui/shared';
import { schema } from '../../db/index';
import { scopedUnion, unionPolicy, type UnionRow } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';

const { staffRoles, users, merchantStaff, auditLog } = schema;

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

function present(scope: Scope, r: { userId: string; role: StaffRole; since: Date; name: string; phone: string }): StaffMemberView {
  return { userId: r.userId, name: r.name || maskPhone(r.phone), phoneMasked: maskPhone(r.phone), role: r.role, since: r.since.toISOString(), self: r.userId === scope.auth.userId };
}

export async function unionStaff(scope: Scope, { id }: { id: string }): Promise<UnionStaff> {
  const u = await scopedUnion(scope, id);
  const rows = await scope.db
    .select({ userId: staffRoles.userId, role: staffRoles.role, since: staffRoles.createdAt, name: staffRoles.displayName, phone: users.phone })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(eq(staffRoles.unionId, id))
    .orderBy(staffRoles.role, staffRoles.createdAt);
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
    data: rows.map((r) => present(scope, r)),
    changes: changes.map((c) => ({
      at: c.at.toISOString(),
      action: c.action.slice('staff.'.length) as 'grant' | 'change' | 'revoke',
      actorName: c.actorName || '上级工会管理员',
      subjectName: String(c.detail.subjectName ?? ''),
      role: (c.detail.role as StaffRole | undefined) ?? null,
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
  return present(scope, { ...before, role });
}

export async function staffRevoker(scope: Scope, { unionId, userId }: { unionId: string; userId: string }): Promise<{ ok: true }> {
  const u = await manageableUnion(scope, unionId);
  notSelf(scope, userId);
  const before = await staffRow(scope, u.id, userId);
  await scope.db.delete(staffRoles).where(and(eq(staffRoles.unionId, u.id), eq(staffRoles.userId, userId)));
  // The person's open sessions keep working, but their next request no longer carries this role.
  await audit(scope, 'staff.revoke', { type: 'union', id: u.id }, { subjectUserId: userId, subjectName: before.name, role: before.role });
  return { ok: true };
}
