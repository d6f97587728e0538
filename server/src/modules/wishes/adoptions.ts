/* Donors adopt, deliver to the union station, or release; the database keeps one live adoption per wish and each donor within their cap. */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { adoptionDueAt, AppError, type WishActor } from '@gonghui/shared';
import { isUniqueViolation, schema } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { donorWishRow, publicWishRow, type WishRow } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';
import { wishTransition, type WishScope } from './transition';
import { donorWishView } from './views';

const { wishes, wishAdoptions, donorProfiles, members } = schema;
const LIVE = ['adopted', 'delivered', 'handed_over'];

/** One adoption inside the caller's transaction; the loser of a race gets WISH_ALREADY_ADOPTED from the unique index. */
async function adoptOne(scope: Scope, wishId: string): Promise<WishRow> {
  const w = await publicWishRow(scope.db, wishId);
  const [m] = await scope.db.select({ userId: members.userId }).from(members).where(eq(members.id, w.memberId));
  if (m?.userId === scope.auth.userId) throw new AppError('WISH_OWN');
  if (w.status !== 'published') throw new AppError(LIVE.includes(w.status) ? 'WISH_ALREADY_ADOPTED' : 'WISH_INVALID_STATE', { status: w.status });
  await scope.db
    .insert(wishAdoptions)
    .values({ wishId: w.id, donorUserId: scope.auth.userId, adoptedAt: scope.now, dueAt: adoptionDueAt(scope.now) })
    .catch((err: unknown) => {
      throw isUniqueViolation(err, 'wish_adoptions_one_live_key') ? new AppError('WISH_ALREADY_ADOPTED') : err;
    });
  // the cap: one conditional update of the donor's counter (the table's check backs it)
  const held = await scope.db
    .update(donorProfiles)
    .set({ activeAdoptions: sql`${donorProfiles.activeAdoptions} + 1` })
    .where(and(eq(donorProfiles.userId, scope.auth.userId), lt(donorProfiles.activeAdoptions, donorProfiles.adoptionCap)))
    .returning({ cap: donorProfiles.adoptionCap });
  if (held.length === 0) {
    const [p] = await scope.db.select({ cap: donorProfiles.adoptionCap }).from(donorProfiles).where(eq(donorProfiles.userId, scope.auth.userId));
    throw p ? new AppError('WISH_DONOR_LIMIT', { cap: p.cap }) : new AppError('DONOR_NOT_FOUND');
  }
  return wishTransition(scope, w, 'adopt', { actor: 'donor' }).catch((err: unknown) => {
    // read as published, changed since: someone adopted it in between
    throw err instanceof AppError && err.code === 'WISH_INVALID_STATE' ? new AppError('WISH_ALREADY_ADOPTED') : err;
  });
}

async function viewOf(scope: Scope, wishId: string) {
  const { w, a } = await donorWishRow(scope, wishId);
  return donorWishView(scope, w, a);
}

export async function wishAdopter(scope: Scope, { id }: { id: string }) {
  await adoptOne(scope, id);
  return viewOf(scope, id);
}

/** An enterprise adopting several at once: all or none (the first refusal rolls every adoption back). */
export async function wishesAdopter(scope: Scope, { wishIds }: { wishIds: string[] }) {
  const ids = [...new Set(wishIds)];
  for (const id of ids) {
    try {
      await adoptOne(scope, id);
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, { wishId: id, ...(err.details as object) });
      throw err;
    }
  }
  return { data: await Promise.all(ids.map((id) => viewOf(scope, id))) };
}

/** The donor's adoptions, newest first. */
export async function donorWishList(scope: Scope, q: { cursor?: string; limit: number }) {
  const where = [eq(wishAdoptions.donorUserId, scope.auth.userId), afterCursor(q.cursor, wishAdoptions.adoptedAt, wishAdoptions.id)];
  const rows = await scope.db
    .select({ a: wishAdoptions, w: wishes })
    .from(wishAdoptions)
    .innerJoin(wishes, eq(wishes.id, wishAdoptions.wishId))
    .where(and(...where))
    .orderBy(desc(wishAdoptions.adoptedAt), desc(wishAdoptions.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => r, (r) => [r.a.adoptedAt.toISOString(), r.a.id]);
  return { data: await Promise.all(page.data.map((r) => donorWishView(scope, r.w, r.a))), pagination: page.pagination };
}

export async function donorWish(scope: Scope, { id }: { id: string }) {
  return viewOf(scope, id);
}

/** The donor handed the item or service to the union station; the adoption no longer counts against the cap. */
export async function wishDeliverer(scope: Scope, { id, note }: { id: string; note?: string }) {
  const { w, a } = await donorWishRow(scope, id, { forUpdate: true });
  if (a.status !== 'active') throw new AppError('WISH_INVALID_STATE', { status: w.status, action: 'deliver' });
  const row = await wishTransition(scope, w, 'deliver', { actor: 'donor', note });
  await scope.db.update(wishAdoptions).set({ status: 'delivered', deliveredAt: scope.now }).where(eq(wishAdoptions.id, a.id));
  await freeSlot(scope, a.donorUserId);
  return donorWishView(scope, row, { ...a, status: 'delivered', deliveredAt: scope.now });
}

async function freeSlot(scope: WishScope, donorUserId: string) {
  await scope.db
    .update(donorProfiles)
    .set({ activeAdoptions: sql`${donorProfiles.activeAdoptions} - 1` })
    .where(eq(donorProfiles.userId, donorUserId));
}

/** Cancels the live undelivered adoption (donor, staff or the overdue job) and puts the wish back to published. */
export async function adoptionReleaser(scope: WishScope, w: WishRow, by: { actor: WishActor; releasedBy: 'donor' | 'staff' | 'overdue'; note?: string }) {
  const [a] = await scope.db
    .update(wishAdoptions)
    .set({ status: 'released', releasedAt: scope.now, releasedBy: by.releasedBy })
    .where(and(eq(wishAdoptions.wishId, w.id), eq(wishAdoptions.status, 'active')))
    .returning();
  if (!a) throw new AppError('WISH_INVALID_STATE', { status: w.status, action: 'release' });
  await freeSlot(scope, a.donorUserId);
  return wishTransition(scope, w, 'release', { actor: by.actor, note: by.note ?? (by.releasedBy === 'overdue' ? '超过送达期限，自动取消认领' : null) });
}

export async function donorReleaser(scope: Scope, { id, note }: { id: string; note?: string }) {
  const { w, a } = await donorWishRow(scope, id, { forUpdate: true });
  if (a.status !== 'active') throw new AppError('WISH_INVALID_STATE', { status: w.status, action: 'release' });
  await adoptionReleaser(scope, w, { actor: 'donor', releasedBy: 'donor', note });
  return { released: true as const };
}

/** Live adoptions past their deadline, oldest first (the overdue job's work list). */
export function overdueAdoptions(scope: WishScope, limit: number) {
  return scope.db
    .select({ w: wishes })
    .from(wishAdoptions)
    .innerJoin(wishes, eq(wishes.id, wishAdoptions.wishId))
    .where(and(eq(wishAdoptions.status, 'active'), lt(wishAdoptions.dueAt, scope.now), inArray(wishes.status, ['adopted'])))
    .orderBy(wishAdoptions.dueAt)
    .limit(limit)
    .for('update', { of: [wishAdoptions, wishes], skipLocked: true });
}
