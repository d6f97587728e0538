/* Union staff: file for a worker without a phone, review, confirm the station's hand-over, and follow their subtree. */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { shanghaiDate, wishOverdue, type ReviewBody, type StaffWishInput, type WishStatus } from '@gonghui/shared';
import { schema } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { memberPolicy, scopedMember } from '../../policies/members';
import { inScopeSql } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import { staffWishRow, wishPolicy, type WishRow } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';
import { adoptionReleaser } from './adoptions';
import { assertAnonymous, assertFutureDate } from './identity';
import { currentAdoption, presentStaffWish } from './presenters';
import { storyOf } from './story';
import { wishTransition } from './transition';
import { createWish } from './wisher';
import { adoptionsOf, donorLooks, staffAbilities, staffWishDetail, wishersOf } from './views';

const { wishes, wishAdoptions, unions } = schema;

export async function wishFiler(scope: Scope, input: StaffWishInput) {
  const { memberId, ...wish } = input;
  const m = await scopedMember(scope, memberId);
  memberPolicy.authorize(scope, 'read', m);
  return staffWishDetail(scope, await createWish(scope, m.m.id, wish, 'staff'));
}

const OPEN: WishStatus[] = ['submitted', 'changes_requested', 'published', 'adopted', 'delivered', 'handed_over'];

/** Overdue: an adoption past its deadline, or an unfulfilled wish past its date (the same rule as wishOverdue). */
function overdueSql(now: Date): SQL {
  return sql`((${wishes.status} = 'adopted' and exists (select 1 from ${wishAdoptions} a where a.wish_id = ${wishes.id} and a.status = 'active' and a.due_at < ${now.toISOString()}))
    or (${inArray(wishes.status, OPEN)} and ${wishes.wishedBy} < ${shanghaiDate(now)}))`;
}

/** The caller's subtree, newest first, by state, union or overdue. */
export async function staffWishList(scope: Scope, q: { status?: WishStatus; overdue?: 'true' | 'false'; unionId?: string; cursor?: string; limit: number }) {
  const where: SQL[] = [inScopeSql(scope.auth, wishes.unionPath)];
  if (q.status) where.push(eq(wishes.status, q.status));
  if (q.overdue === 'true') where.push(overdueSql(scope.now));
  if (q.unionId) where.push(sql`${wishes.unionPath} like ${(await scopedUnion(scope, q.unionId)).path + '%'}`);
  const after = afterCursor(q.cursor, wishes.createdAt, wishes.id);
  if (after) where.push(after);
  const rows = await scope.db
    .select({ w: wishes, unionName: unions.name })
    .from(wishes)
    .innerJoin(unions, eq(unions.id, wishes.unionId))
    .where(and(...where))
    .orderBy(desc(wishes.createdAt), desc(wishes.id))
    .limit(q.limit + 1);
  const ws = rows.map((r) => r.w);
  const adoptions = await adoptionsOf(scope.db, ws.map((w) => w.id));
  const wishers = await wishersOf(scope.db, ws.map((w) => w.memberId));
  const current = new Map(ws.map((w) => [w.id, currentAdoption(adoptions(w.id))]));
  const looks = await donorLooks(scope.db, [...current.values()].map((a) => a?.donorUserId ?? null));
  return pageOf(
    rows,
    q.limit,
    ({ w, unionName }) => {
      const a = current.get(w.id) ?? null;
      const overdue = wishOverdue(w.status, w.wishedBy, a?.status === 'active' ? a.dueAt : null, scope.now);
      return presentStaffWish(w, wishers.get(w.memberId)!, unionName, a, looks(a?.donorUserId ?? null), overdue, staffAbilities(scope, w));
    },
    ({ w }) => [w.createdAt.toISOString(), w.id],
  );
}

export async function staffWish(scope: Scope, { id }: { id: string }) {
  const w = await staffWishRow(scope, id);
  wishPolicy.authorize(scope, 'read', w);
  return staffWishDetail(scope, w);
}

/**
 * Approve (publishing the union's edited text, which may not identify the wisher), send back for
 * changes, or reject with a reason. Only staff over the wisher's union; others get 404.
 */
export async function wishReviewer(scope: Scope, { id, review }: { id: string; review: ReviewBody }) {
  const w = await staffWishRow(scope, id, { forUpdate: true });
  wishPolicy.authorize(scope, review.decision === 'reject' ? 'reject' : 'review', w);
  let row: WishRow;
  if (review.decision === 'approve') {
    const publicTitle = review.publicTitle ?? w.title;
    const publicStory = review.publicStory ?? w.publicStory ?? storyOf(scope, w);
    assertFutureDate(w.wishedBy, scope.now);
    await assertAnonymous(scope, w, scope.deps, { publicTitle, publicStory });
    row = await wishTransition(scope, w, 'approve', { actor: 'staff', note: review.note ?? null, set: { publicTitle, publicStory, publishedAt: scope.now, reviewNote: review.note ?? null } });
  } else {
    row = await wishTransition(scope, w, review.decision, { actor: 'staff', note: review.note, set: { reviewNote: review.note } });
  }
  return staffWishDetail(scope, row);
}

/** The donor brought it to the union station: staff confirm they hold it for the wisher. */
export async function handoverConfirmer(scope: Scope, { id, note }: { id: string; note?: string }) {
  const w = await staffWishRow(scope, id, { forUpdate: true });
  wishPolicy.authorize(scope, 'confirmHandover', w);
  return staffWishDetail(scope, await wishTransition(scope, w, 'confirm_handover', { actor: 'staff', note }));
}

/** A donor who cannot be reached: staff cancel the adoption and the wish waits for another. */
export async function staffAdoptionReleaser(scope: Scope, { id, note }: { id: string; note?: string }) {
  const w = await staffWishRow(scope, id, { forUpdate: true });
  wishPolicy.authorize(scope, 'release', w);
  return staffWishDetail(scope, await adoptionReleaser(scope, w, { actor: 'staff', releasedBy: 'staff', note }));
}

/** Staff taking the wisher's step on a wish they filed for them: policy first, then the same service the member uses. */
export async function forWisher(scope: Scope, id: string, ability: 'submit' | 'withdraw' | 'confirmReceipt' | 'thank', act: (w: WishRow) => Promise<WishRow>) {
  const w = await staffWishRow(scope, id, { forUpdate: true });
  wishPolicy.authorize(scope, ability, w);
  return staffWishDetail(scope, await act(w));
}
