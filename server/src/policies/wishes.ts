import { and, desc, eq, inArray } from 'drizzle-orm';
import { AppError, nextWishStatus, PUBLIC_WISH_STATUSES, type WishAction } from '@gonghui/shared';
import { schema, type Db } from '../db/index';
import type { Auth } from '../scope/auth';
import type { Scope } from '../scope/scope';
import { all, definePolicy, type Rule } from './policy';
import { pathInScope, staffOver } from './staff';

const { wishes, wishAdoptions, members } = schema;
export type WishRow = typeof wishes.$inferSelect;
export type AdoptionRow = typeof wishAdoptions.$inferSelect;

const byPath = (w: WishRow) => w.unionPath;
/** The state half of every rule comes from the one transition table. */
export const inState =
  (action: WishAction): Rule<WishRow> =>
  (_a, w) =>
    nextWishStatus(action, w.status) ? true : 'WISH_INVALID_STATE';
/** Staff act for the wisher only on wishes they filed for a worker without a phone. */
const filedOnBehalf: Rule<WishRow> = (_a, w) => (w.filedBy ? true : 'WISH_NOT_ON_BEHALF');
const forWisher = (action: WishAction) => all(staffOver(byPath), filedOnBehalf, inState(action));

/** What union staff may do to a wish of their subtree. */
export const wishPolicy = definePolicy<WishRow, 'read' | 'review' | 'reject' | 'confirmHandover' | 'release' | 'submit' | 'withdraw' | 'confirmReceipt' | 'thank'>({
  read: staffOver(byPath),
  review: all(staffOver(byPath), inState('approve')),
  reject: all(staffOver(byPath), inState('reject')),
  confirmHandover: all(staffOver(byPath), inState('confirm_handover')),
  release: all(staffOver(byPath), inState('release')),
  submit: forWisher('submit'),
  withdraw: forWisher('withdraw'),
  confirmReceipt: forWisher('confirm_receipt'),
  thank: forWisher('thank'),
});

type Lock = { forUpdate?: boolean };
async function wishById(db: Db, id: string, opts: Lock): Promise<WishRow | undefined> {
  const q = db.select().from(wishes).where(eq(wishes.id, id)).limit(1);
  const [w] = opts.forUpdate ? await q.for('update') : await q;
  return w;
}

/** A wish of the caller's union subtree, or 404 (a staff member of another union learns nothing). */
export async function staffWishRow(scope: Scope, id: string, opts: Lock = {}): Promise<WishRow> {
  const w = await wishById(scope.db, id, opts);
  if (!w || !pathInScope(scope.auth, w.unionPath)) throw new AppError('WISH_NOT_FOUND');
  return w;
}

/** One of the caller's own wishes (filed by them or for them), or 404: a donor or anyone else gets nothing. */
export async function ownWishRow(scope: Scope, id: string, opts: Lock = {}): Promise<WishRow> {
  const w = await wishById(scope.db, id, opts);
  if (!w) throw new AppError('WISH_NOT_FOUND');
  const [m] = await scope.db.select({ userId: members.userId }).from(members).where(eq(members.id, w.memberId));
  if (m?.userId !== scope.auth.userId) throw new AppError('WISH_NOT_FOUND');
  return w;
}

/** A wish the caller adopted (its latest adoption by them), or 404. */
export async function donorWishRow(scope: Scope, id: string, opts: Lock = {}): Promise<{ w: WishRow; a: AdoptionRow }> {
  const q = scope.db
    .select()
    .from(wishAdoptions)
    .where(and(eq(wishAdoptions.wishId, id), eq(wishAdoptions.donorUserId, scope.auth.userId)))
    .orderBy(desc(wishAdoptions.adoptedAt))
    .limit(1);
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  const w = a ? await wishById(scope.db, id, opts) : undefined;
  if (!a || !w) throw new AppError('WISH_NOT_FOUND');
  return { w, a };
}

/** A wish anyone may see (published or further along), or 404. */
export async function publicWishRow(db: Db, id: string): Promise<WishRow> {
  const [w] = await db
    .select()
    .from(wishes)
    .where(and(eq(wishes.id, id), inArray(wishes.status, [...PUBLIC_WISH_STATUSES])))
    .limit(1);
  if (!w) throw new AppError('WISH_NOT_FOUND');
  return w;
}

/** Staff of the city federation (the root): they check enterprise donors' licences. */
export function isCityStaff(auth: Auth): boolean {
  return auth.staff.some((s) => s.path.split('/').filter(Boolean).length === 1);
}
