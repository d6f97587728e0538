/* Loads what the presenters need for a set of wishes, in a few queries, and builds each audience's view. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { maskPhone, wishOverdue, type DonorWishView, type MyWishDetail, type PublicWishView, type StaffWishDetail } from '@gonghui/shared';
import { decrypt } from '../../crypto';
import { schema, type Db } from '../../db/index';
import { wishPolicy } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';
import { pathIds } from '../auth/me';
import { audit } from '../audit/service';
import {
  currentAdoption,
  presentMyWish,
  presentPublicWish,
  presentStaffWish,
  presentTimeline,
  type AdoptionRow,
  type DonorLook,
  type UnionFacts,
  type WishRow,
} from './presenters';

const { unions, members, donors, donorProfiles, wishAdoptions, wishEvents, users } = schema;
const queryCount = sql<number>`count(*)::int`;

export async function unionFactsFor(db: Db, rows: Pick<WishRow, 'unionId' | 'unionPath'>[]): Promise<UnionFacts> {
  const ids = [...new Set(rows.flatMap((r) => pathIds(r.unionPath)))];
  const grassroots = [...new Set(rows.map((r) => r.unionId))];
  const names = ids.length ? await db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, ids)) : [];
  const counts = grassroots.length
    ? await db
        .select({ id: members.unionId, n: queryCount })
        .from(members)
        .where(and(inArray(members.unionId, grassroots), eq(members.status, 'active')))
        .groupBy(members.unionId)
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const countOf = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return { name: (id) => nameOf.get(id) ?? '', members: (id) => countOf.get(id) ?? 0 };
}

/** A donor as they chose to appear: 爱心人士 when they hide their name, an enterprise's name only once its licence is verified. */
export function appearanceOf(d: { kind: 'individual' | 'enterprise'; displayName: string }, p: { showName: boolean; licenceStatus: string; enterpriseName: string | null } | null): DonorLook {
  if (d.kind === 'enterprise') {
    const shown = p?.showName !== false && p?.licenceStatus === 'verified';
    return { kind: 'enterprise', displayName: shown ? (p?.enterpriseName ?? d.displayName) : '爱心企业' };
  }
  return { kind: 'individual', displayName: p?.showName === false ? '爱心人士' : d.displayName };
}

export async function donorLooks(db: Db, userIds: (string | null)[]): Promise<(userId: string | null) => DonorLook | null> {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  const rows = ids.length
    ? await db.select({ d: donors, p: donorProfiles }).from(donors).leftJoin(donorProfiles, eq(donorProfiles.userId, donors.userId)).where(inArray(donors.userId, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.d.userId, appearanceOf(r.d, r.p)]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

export async function adoptionsOf(db: Db, wishIds: string[]): Promise<(wishId: string) => AdoptionRow[]> {
  const rows = wishIds.length ? await db.select().from(wishAdoptions).where(inArray(wishAdoptions.wishId, wishIds)) : [];
  return (id) => rows.filter((r) => r.wishId === id);
}

export async function wishersOf(db: Db, memberIds: string[]): Promise<Map<string, { name: string; memberNo: string; userId: string }>> {
  const ids = [...new Set(memberIds)];
  const rows = ids.length ? await db.select({ id: members.id, name: members.name, memberNo: members.memberNo, userId: members.userId }).from(members).where(inArray(members.id, ids)) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

const eventsOf = (db: Db, wishId: string) => db.select().from(wishEvents).where(eq(wishEvents.wishId, wishId)).orderBy(asc(wishEvents.id));

/** Public views of many wishes at once. */
export async function publicViews(db: Db, rows: WishRow[]): Promise<PublicWishView[]> {
  const facts = await unionFactsFor(db, rows);
  const wishers = await wishersOf(db, rows.map((r) => r.memberId));
  return rows.map((w) => presentPublicWish(w, wishers.get(w.memberId)?.name ?? '', facts));
}

export async function myWishDetail(scope: Scope, w: WishRow): Promise<MyWishDetail> {
  const adoption = currentAdoption((await adoptionsOf(scope.db, [w.id]))(w.id));
  const events = await eventsOf(scope.db, w.id);
  const looks = await donorLooks(scope.db, [adoption?.donorUserId ?? null, ...events.map((e) => (e.actor === 'donor' ? e.actorUserId : null))]);
  return { ...presentMyWish(w, decrypt(scope.deps.keys, w.storyEnc), adoption, looks(adoption?.donorUserId ?? null)), timeline: presentTimeline(events, looks) };
}

/** Staff's detail: the wisher's own story is decrypted, so the read is audited. */
export async function staffWishDetail(scope: Scope, w: WishRow): Promise<StaffWishDetail> {
  const adoption = currentAdoption((await adoptionsOf(scope.db, [w.id]))(w.id));
  const events = await eventsOf(scope.db, w.id);
  const looks = await donorLooks(scope.db, [adoption?.donorUserId ?? null, ...events.map((e) => (e.actor === 'donor' ? e.actorUserId : null))]);
  const wisher = (await wishersOf(scope.db, [w.memberId])).get(w.memberId)!;
  const [u] = await scope.db.select({ name: unions.name }).from(unions).where(eq(unions.id, w.unionId));
  const [donorUser] = adoption ? await scope.db.select({ phone: users.phone }).from(users).where(eq(users.id, adoption.donorUserId)) : [];
  await audit(scope, 'wish.read_story', { type: 'wish', id: w.id });
  const donor = looks(adoption?.donorUserId ?? null);
  return {
    ...presentStaffWish(w, wisher, u?.name ?? '', adoption, donor, wishOverdue(w.status, w.wishedBy, adoption?.status === 'active' ? adoption.dueAt : null, scope.now), staffAbilities(scope, w)),
    story: decrypt(scope.deps.keys, w.storyEnc),
    timeline: presentTimeline(events, looks),
    donorContact: donor && donorUser ? { displayName: donor.displayName, phoneMasked: maskPhone(donorUser.phone) } : null,
  };
}

export function staffAbilities(scope: Scope, w: WishRow) {
  const can = (a: Parameters<typeof wishPolicy.can>[1]) => wishPolicy.can(scope, a, w);
  return { review: can('review'), confirmHandover: can('confirmHandover'), release: can('release'), actForWisher: !!w.filedBy && can('read') };
}

const DONOR_VISIBLE = new Set(['approve', 'adopt', 'release', 'deliver', 'confirm_handover', 'confirm_receipt', 'thank']);

/** The donor's view of a wish they adopted: nothing of the wisher beyond the public view. */
export async function donorWishView(scope: Scope, w: WishRow, a: AdoptionRow): Promise<DonorWishView> {
  const [view] = await publicViews(scope.db, [w]);
  const events = (await eventsOf(scope.db, w.id)).filter((e) => DONOR_VISIBLE.has(e.action));
  const mine = a.status !== 'released';
  return {
    wish: view!,
    adoption: { status: a.status, adoptedAt: a.adoptedAt.toISOString(), dueAt: a.dueAt.toISOString(), deliveredAt: a.deliveredAt?.toISOString() ?? null },
    stationUnionName: view!.districtUnionName,
    thanks: mine && w.thanksMessage && w.thankedAt ? { message: w.thanksMessage, at: w.thankedAt.toISOString() } : null,
    timeline: events.map((e) => ({ action: e.action, toStatus: e.toStatus, at: e.at.toISOString(), actor: e.actor })),
    abilities: { deliver: a.status === 'active' && w.status === 'adopted', release: a.status === 'active' && w.status === 'adopted' },
  };
}
