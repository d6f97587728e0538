import { and, desc, eq, inArray } from 'drizzle-orm';
import { maskName, maskPhone, type Me, type MemberCard } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import { authBySession } from '../../scope/auth';
import type { PublicScope, Scope } from '../../scope/scope';

const { users, members, unions, merchants, donors } = schema;

/** Union ids along a materialised path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export async function memberCard(db: Db, memberId: string): Promise<MemberCard | null> {
  const [row] = await db
    .select({ m: members, unionName: unions.name, unionPath: unions.path })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, memberId));
  if (!row) return null;
  const ids = pathIds(row.unionPath);
  const names = await db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, ids));
  const byId = new Map(names.map((n) => [n.id, n.name]));
  const m = row.m;
  return {
    id: m.id,
    name: m.name,
    nameMasked: maskName(m.name),
    memberNo: m.memberNo,
    status: m.status,
    unionId: m.unionId,
    unionName: row.unionName,
    unionPathNames: ids.map((id) => byId.get(id) ?? ''),
    employer: m.employer,
    tags: m.tags,
    idNumberMasked: m.idNumberMasked,
    joinedAt: m.joinedAt.toISOString(),
  };
}

export async function loadMe(scope: Pick<PublicScope, 'db' | 'now'>, userId: string, sessionId: string): Promise<Me> {
  const { db } = scope;
  const auth = await authBySession(db, sessionId);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const staffUnions = auth.staff.length
    ? await db.select({ id: unions.id, name: unions.name, kind: unions.kind }).from(unions).where(inArray(unions.id, auth.staff.map((s) => s.unionId)))
    : [];
  const [merchant] = auth.merchantIds.length
    ? await db.select({ id: merchants.id, name: merchants.name }).from(merchants).where(inArray(merchants.id, auth.merchantIds)).limit(1)
    : [];
  const [donor] = auth.donor ? await db.select().from(donors).where(eq(donors.userId, userId)) : [];
  const member = auth.memberId ? await memberCard(db, auth.memberId) : null;
  const [last] = member
    ? []
    : await db
        .select({ unionName: unions.name, status: members.status, reason: members.rejectionReason })
        .from(members)
        .innerJoin(unions, eq(unions.id, members.unionId))
        .where(and(eq(members.userId, userId), inArray(members.status, ['rejected', 'left'])))
        .orderBy(desc(members.joinedAt))
        .limit(1);
  const unionById = new Map(staffUnions.map((u) => [u.id, u]));
  return {
    user: {
      id: userId,
      displayName: member?.nameMasked ?? donor?.displayName ?? (user!.displayName || maskPhone(user!.phone)),
      phoneMasked: maskPhone(user!.phone),
      careMode: user!.careMode,
      termsAccepted: user!.termsVersion,
    },
    member,
    lastApplication: last ? { unionName: last.unionName, status: last.status as 'rejected' | 'left', reason: last.reason } : null,
    staffRoles: auth.staff.map((s) => ({
      unionId: s.unionId,
      unionName: unionById.get(s.unionId)?.name ?? '',
      unionKind: unionById.get(s.unionId)?.kind ?? 'grassroots',
      role: s.role,
      duties: (s.duties ?? []).filter((d): d is 'hardship' => d === 'hardship'),
    })),
    merchant: merchant ? { merchantId: merchant.id, merchantName: merchant.name } : null,
    donor: donor ? { kind: donor.kind, displayName: donor.displayName } : null,
    serverTime: scope.now.toISOString(),
  };
}

/** Care mode, and accepting a new version of the user agreement and privacy policy. */
export async function meUpdater(scope: Scope, patch: { careMode?: boolean; acceptTerms?: string }): Promise<Me> {
  await scope.db
    .update(users)
    .set({
      ...(patch.careMode === undefined ? {} : { careMode: patch.careMode }),
      ...(patch.acceptTerms ? { termsVersion: patch.acceptTerms, termsAcceptedAt: scope.now } : {}),
    })
    .where(eq(users.id, scope.auth.userId));
  return loadMe(scope, scope.auth.userId, scope.auth.sessionId);
}

