import { and, eq, isNull } from 'drizzle-orm';
import { AppError, type Audience } from '@gonghui/shared';
import { sha256 } from '../crypto';
import { schema } from '../db/index';
import type { Deps } from '../deps';
import type { AppContext, Auth } from './state';

const { sessions, members, staffRoles, unions, merchantStaff, donors } = schema;

function bearer(ctx: AppContext): string | null {
  const h = ctx.get('authorization');
  const m = /^Bearer ([A-Za-z0-9_-]{16,64})$/.exec(h);
  return m ? m[1]! : null;
}

/** Loads the caller from the bearer token; an unknown, revoked or expired token is a 401. */
export async function authenticate(deps: Deps, ctx: AppContext): Promise<Auth | undefined> {
  if (ctx.state.auth) return ctx.state.auth;
  const hasHeader = ctx.get('authorization') !== '';
  const token = bearer(ctx);
  if (!token) {
    if (hasHeader) throw new AppError('UNAUTHENTICATED');
    return undefined;
  }
  const now = deps.clock.now();
  const [session] = await deps.db
    .select({ id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)))
    .limit(1);
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (session.expiresAt.getTime() <= now.getTime()) throw new AppError('SESSION_EXPIRED');
  ctx.state.auth = await loadAuth(deps, session.id, session.userId);
  return ctx.state.auth;
}

export async function loadAuth(deps: Deps, sessionId: string, userId: string): Promise<Auth> {
  const [member, staff, merchant, donor] = await Promise.all([
    deps.db.select({ id: members.id, unionId: members.unionId, status: members.status }).from(members).where(eq(members.userId, userId)).limit(1),
    deps.db
      .select({ unionId: staffRoles.unionId, role: staffRoles.role, path: unions.path })
      .from(staffRoles)
      .innerJoin(unions, eq(unions.id, staffRoles.unionId))
      .where(eq(staffRoles.userId, userId)),
    deps.db.select({ merchantId: merchantStaff.merchantId }).from(merchantStaff).where(eq(merchantStaff.userId, userId)),
    deps.db.select({ userId: donors.userId }).from(donors).where(eq(donors.userId, userId)).limit(1),
  ]);
  const m = member[0];
  return {
    sessionId,
    userId,
    memberId: m?.id ?? null,
    memberUnionId: m?.unionId ?? null,
    memberActive: m?.status === 'active',
    staff,
    merchantIds: merchant.map((r) => r.merchantId),
    donor: donor.length > 0,
  };
}

/** Audience check: 401 when nobody is signed in, 403 when the caller lacks the role. */
export function requireAudience(audience: Audience, auth: Auth | undefined): void {
  if (audience === 'public') return;
  if (!auth) throw new AppError('UNAUTHENTICATED');
  const allowed =
    audience === 'user' ||
    (audience === 'member' && auth.memberId !== null) ||
    (audience === 'staff' && auth.staff.length > 0) ||
    (audience === 'merchant' && auth.merchantIds.length > 0) ||
    (audience === 'donor' && auth.donor);
  if (!allowed) throw new AppError(audience === 'member' ? 'NOT_A_MEMBER' : 'FORBIDDEN');
}

