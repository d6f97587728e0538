/* The wisher's steps, taken by the member or (on wishes filed for them) by union staff. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { AppError, wishEditable, type WishInput, type WishPatch } from '@gonghui/shared';
import { decrypt, encrypt } from '../../crypto';
import { schema } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { ownWishRow, type WishRow } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { assertAnonymous, assertFutureDate } from './identity';
import { currentAdoption, presentMyWish } from './presenters';
import { wishCreated, wishTransition } from './transition';
import { adoptionsOf, donorLooks, myWishDetail } from './views';

const { wishes, members, wishAdoptions, unions } = schema;

/** Writes a wish for a member (as a draft, submitted at once unless asked not to). */
export async function createWish(scope: Scope, memberId: string, input: WishInput, actor: 'wisher' | 'staff'): Promise<WishRow> {
  const [m] = await scope.db
    .select({ id: members.id, status: members.status, unionId: members.unionId, unionPath: unions.path })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, memberId));
  if (!m) throw new AppError('MEMBER_NOT_FOUND');
  if (m.status !== 'active') throw new AppError('WISH_MEMBER_NOT_ACTIVE');
  assertFutureDate(input.wishedBy, scope.now);
  const [row] = await scope.db
    .insert(wishes)
    .values({
      memberId: m.id,
      unionId: m.unionId,
      unionPath: m.unionPath,
      filedBy: actor === 'staff' ? scope.auth.userId : null,
      category: input.category,
      kind: input.kind,
      title: input.title,
      storyEnc: encrypt(scope.deps.keys, input.story),
      valueFen: input.valueFen,
      wishedBy: input.wishedBy,
      status: 'draft',
      createdAt: scope.now,
      updatedAt: scope.now,
    })
    .returning();
  await wishCreated(scope, row!, actor);
  return input.submit ? wishTransition(scope, row!, 'submit', { actor }) : row!;
}

export async function wishCreator(scope: Scope, input: WishInput) {
  return myWishDetail(scope, await createWish(scope, scope.auth.memberId!, input, 'wisher'));
}

/** The caller's wishes, newest first, whichever membership they were made under. */
export async function myWishList(scope: Scope, q: { cursor?: string; limit: number }) {
  const mine = scope.db.select({ id: members.id }).from(members).where(eq(members.userId, scope.auth.userId));
  const where = [inArray(wishes.memberId, mine)];
  const after = afterCursor(q.cursor, wishes.createdAt, wishes.id);
  if (after) where.push(after);
  const rows = await scope.db.select().from(wishes).where(and(...where)).orderBy(desc(wishes.createdAt), desc(wishes.id)).limit(q.limit + 1);
  const adoptions = await adoptionsOf(scope.db, rows.map((r) => r.id));
  const current = new Map(rows.map((r) => [r.id, currentAdoption(adoptions(r.id))]));
  const looks = await donorLooks(scope.db, [...current.values()].map((a) => a?.donorUserId ?? null));
  return pageOf(
    rows,
    q.limit,
    (w) => presentMyWish(w, decrypt(scope.deps.keys, w.storyEnc), current.get(w.id) ?? null, looks(current.get(w.id)?.donorUserId ?? null)),
    (w) => [w.createdAt.toISOString(), w.id],
  );
}

export async function myWish(scope: Scope, { id }: { id: string }) {
  return myWishDetail(scope, await ownWishRow(scope, id));
}

/** Drafts and wishes sent back for changes may be edited; nothing else. */
export async function myWishUpdater(scope: Scope, { id, patch }: { id: string; patch: WishPatch }) {
  const w = await ownWishRow(scope, id, { forUpdate: true });
  if (!wishEditable(w.status)) throw new AppError('WISH_INVALID_STATE', { status: w.status, action: 'edit' });
  if (patch.wishedBy) assertFutureDate(patch.wishedBy, scope.now);
  const { story, ...rest } = patch;
  const [row] = await scope.db
    .update(wishes)
    .set({ ...rest, ...(story ? { storyEnc: encrypt(scope.deps.keys, story) } : {}), updatedAt: scope.now })
    .where(eq(wishes.id, id))
    .returning();
  await audit(scope, 'wish.edit', { type: 'wish', id }, { fields: Object.keys(patch) });
  return myWishDetail(scope, row!);
}

type Actor = 'wisher' | 'staff';

export function wishSubmitter(scope: Scope, w: WishRow, actor: Actor) {
  if (w.status === 'changes_requested' || w.status === 'draft') assertFutureDate(w.wishedBy, scope.now);
  return wishTransition(scope, w, 'submit', { actor });
}

/** Before adoption only (the table says so). */
export function wishWithdrawer(scope: Scope, w: WishRow, actor: Actor, note?: string) {
  return wishTransition(scope, w, 'withdraw', { actor, note });
}

/** The wisher got the item or service from the union station: the adoption is complete. */
export async function receiptConfirmer(scope: Scope, w: WishRow, actor: Actor, note?: string) {
  const row = await wishTransition(scope, w, 'confirm_receipt', { actor, note });
  await scope.db
    .update(wishAdoptions)
    .set({ status: 'completed', completedAt: scope.now })
    .where(and(eq(wishAdoptions.wishId, w.id), eq(wishAdoptions.status, 'delivered')));
  return row;
}

/** The thank-you goes on the public wall, so it may not name the wisher either. */
export async function thanksWriter(scope: Scope, w: WishRow, actor: Actor, message: string) {
  await assertAnonymous(scope, w, scope.deps, { message });
  return wishTransition(scope, w, 'thank', { actor, set: { thanksMessage: message, thankedAt: scope.now } });
}

/** The member's own step: load their wish (404 for anyone else), act, answer their view. */
export async function asWisher(scope: Scope, id: string, act: (w: WishRow) => Promise<WishRow>) {
  return myWishDetail(scope, await act(await ownWishRow(scope, id, { forUpdate: true })));
}
