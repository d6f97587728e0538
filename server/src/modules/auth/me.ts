import { eq, inArray } from 'drizzle-orm';
import { maskName, maskPhone, type Me, type MemberCard } from '@gonghui/shared';
import { schema } from '../../db/index';
import type { Deps } from '../../deps';
import { loadAuth } from '../../http/auth';

const { users, members, unions, merchants, donors } = schema;

/** Union ids along a materialised path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export async function memberCard(deps: Deps, memberId: string): Promise<MemberCard | null> {
  const [row] = await deps.db
    .select({ m: members, unionName: unions.name, unionPath: unions.path })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, memberId));
  if (!row) return null;
  const ids = pathIds(row.unionPath);
  const names = await deps.db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, ids));
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

export async function loadMe(deps: Deps, userId: string, sessionId: string): Promise<Me> {
  const auth = await loadAuth(deps, sessionId);
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
  const staffUnions = auth.staff.length
    ? await deps.db.select({ id: unions.id, name: unions.name, kind: unions.kind }).from(unions).where(inArray(unions.id, auth.staff.map((s) => s.unionId)))
    : [];
  const [merchant] = auth.merchantIds.length
    ? await deps.db.select({ id: merchants.id, name: merchants.name }).from(merchants).where(inArray(merchants.id, auth.merchantIds)).limit(1)
    : [];
  const [donor] = auth.donor ? await deps.db.select().from(donors).where(eq(donors.userId, userId)) : [];
  const member = auth.memberId ? await memberCard(deps, auth.memberId) : null;
  const unionById = new Map(staffUnions.map((u) => [u.id, u]));
  return {
    user: {
      id: userId,
      displayName: member?.nameMasked ?? donor?.displayName ?? (user!.displayName || maskPhone(user!.phone)),
      phoneMasked: maskPhone(user!.phone),
      careMode: user!.careMode,
    },
    member,
    staffRoles: auth.staff.map((s) => ({
      unionId: s.unionId,
      unionName: unionById.get(s.unionId)?.name ?? '',
      unionKind: unionById.get(s.unionId)?.kind ?? 'grassroots',
      role: s.role,
    })),
    merchant: merchant ? { merchantId: merchant.id, merchantName: merchant.name } : null,
    donor: donor ? { kind: donor.kind, displayName: donor.displayName } : null,
    serverTime: deps.clock.now().toISOString(),
  };
}

export async function careModeSetter(deps: Deps, userId: string, careMode: boolean): Promise<void> {
  await deps.db.update(users).set({ careMode }).where(eq(users.id, userId));
}

