/* What anyone sees: published wishes (masked), a wish, the thank-you wall and a union's totals. */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { AppError, maskWisherName, type WishCategory, type WishTotals } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { publicWishRow } from '../../policies/wishes';
import type { PublicScope } from '../../scope/scope';
import { publicUnions } from './presenters';
import { donorLooks, publicViews, unionFactsFor, wishersOf } from './views';

const { wishes, wishAdoptions, unions } = schema;

async function unionPath(db: Db, id: string): Promise<string> {
  const [u] = await db.select({ path: unions.path }).from(unions).where(eq(unions.id, id));
  if (!u) throw new AppError('UNION_NOT_FOUND');
  return u.path;
}

/** Wishes waiting for a donor, newest first, by category and district. */
export async function publicWishList(scope: PublicScope, q: { category?: WishCategory; districtId?: string; cursor?: string; limit: number }) {
  const where: (SQL | undefined)[] = [eq(wishes.status, 'published'), afterCursor(q.cursor, wishes.publishedAt, wishes.id)];
  if (q.category) where.push(eq(wishes.category, q.category));
  if (q.districtId) where.push(sql`${wishes.unionPath} like ${(await unionPath(scope.db, q.districtId)) + '%'}`);
  const rows = await scope.db
    .select()
    .from(wishes)
    .where(and(...where))
    .orderBy(desc(wishes.publishedAt), desc(wishes.id))
    .limit(q.limit + 1);
  const views = new Map((await publicViews(scope.db, rows)).map((v) => [v.id, v]));
  return pageOf(rows, q.limit, (w) => views.get(w.id)!, (w) => [w.publishedAt!.toISOString(), w.id]);
}

export async function publicWish(scope: PublicScope, { id }: { id: string }) {
  const [view] = await publicViews(scope.db, [await publicWishRow(scope.db, id)]);
  return view!;
}

/** Fulfilled wishes with the wisher's thanks, masked like every public view, donors as they chose to appear. */
export async function thanksWall(scope: PublicScope, q: { cursor?: string; limit: number }) {
  const rows = await scope.db
    .select({ w: wishes, donor: wishAdoptions.donorUserId })
    .from(wishes)
    .innerJoin(wishAdoptions, and(eq(wishAdoptions.wishId, wishes.id), eq(wishAdoptions.status, 'completed')))
    .where(and(eq(wishes.status, 'thanked'), afterCursor(q.cursor, wishes.thankedAt, wishes.id)))
    .orderBy(desc(wishes.thankedAt), desc(wishes.id))
    .limit(q.limit + 1);
  const facts = await unionFactsFor(scope.db, rows.map((r) => r.w));
  const wishers = await wishersOf(scope.db, rows.map((r) => r.w.memberId));
  const looks = await donorLooks(scope.db, rows.map((r) => r.donor));
  return pageOf(
    rows,
    q.limit,
    ({ w, donor }) => ({
      id: w.id,
      wisherNameMasked: maskWisherName(wishers.get(w.memberId)?.name ?? ''),
      districtUnionName: publicUnions(w, facts).districtUnionName,
      category: w.category,
      title: w.publicTitle ?? '',
      valueFen: w.valueFen,
      donorName: looks(donor)?.displayName ?? '爱心人士',
      message: w.thanksMessage ?? '',
      thankedAt: w.thankedAt!.toISOString(),
    }),
    ({ w }) => [w.thankedAt!.toISOString(), w.id],
  );
}

/** A union's totals over its subtree (the city federation when none is named). */
export async function wishTotals(scope: PublicScope, q: { unionId?: string }): Promise<WishTotals> {
  const [u] = await scope.db
    .select({ id: unions.id, name: unions.name, path: unions.path })
    .from(unions)
    .where(q.unionId ? eq(unions.id, q.unionId) : isNull(unions.parentId))
    .limit(1);
  if (!u) throw new AppError('UNION_NOT_FOUND');
  const [t] = await queryRows<{ published: number; in_progress: number; fulfilled: number; value: number; donors: number }>(
    scope.db,
    sql`select count(*) filter (where w.status = 'published')::int as published,
               count(*) filter (where w.status in ('adopted','delivered','handed_over'))::int as in_progress,
               count(*) filter (where w.status in ('received','thanked'))::int as fulfilled,
               coalesce(sum(w.value_fen) filter (where w.status in ('received','thanked')), 0)::bigint as value,
               (select count(distinct a.donor_user_id)::int from ${wishAdoptions} a join ${wishes} w2 on w2.id = a.wish_id
                 where a.status = 'completed' and w2.union_path like ${u.path + '%'}) as donors
          from ${wishes} w where w.union_path like ${u.path + '%'}`,
  );
  return { unionId: u.id, unionName: u.name, published: Number(t?.published ?? 0), inProgress: Number(t?.in_progress ?? 0), fulfilled: Number(t?.fulfilled ?? 0), fulfilledValueFen: Number(t?.value ?? 0), donors: Number(t?.donors ?? 0) };
}

/** The district and industry unions under the city federation: the square's district filter and the totals' choice. */
export async function wishDistricts(scope: PublicScope) {
  const rows = await scope.db
    .select({ id: unions.id, name: unions.name })
    .from(unions)
    .where(eq(unions.depth, 1))
    .orderBy(unions.path);
  return { data: rows };
}
