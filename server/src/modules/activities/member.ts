/* The member's side: activities open to them, signing up (or onto the waitlist) and giving a place back. */
import { and, asc, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { AppError, activityPhase, formatShanghai, mayCancel, NOTICE_PAGES, type ActivityCategory } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import { decodeCursor, pageOf } from '../../lib/pagination';
import { memberActivityRow, openToMemberSql, type ActivityRow } from '../../policies/activities';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { notify } from '../notices/notify';
import { memberActivityView, memberActivityViews } from './views';

const { activities, activityEnrollments } = schema;

/** Upcoming (not yet ended) soonest first, or past ones latest first. */
export async function activityList(scope: Scope, q: { category?: ActivityCategory; when: 'upcoming' | 'past'; cursor?: string; limit: number }) {
  const upcoming = q.when === 'upcoming';
  const where = [openToMemberSql(scope.auth), upcoming ? gt(activities.endsAt, scope.now) : lte(activities.endsAt, scope.now)];
  if (q.category) where.push(eq(activities.category, q.category));
  if (q.cursor) {
    const [t, id] = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string];
    const at = new Date(t);
    where.push(upcoming ? or(gt(activities.startsAt, at), and(eq(activities.startsAt, at), gt(activities.id, id)))! : or(lt(activities.startsAt, at), and(eq(activities.startsAt, at), lt(activities.id, id)))!);
  }
  const order = upcoming ? [asc(activities.startsAt), asc(activities.id)] : [desc(activities.startsAt), desc(activities.id)];
  const rows = await scope.db.select().from(activities).where(and(...where)).orderBy(...order).limit(q.limit + 1);
  const views = new Map((await memberActivityViews(scope, rows.slice(0, q.limit))).map((v) => [v.id, v]));
  return pageOf(rows, q.limit, (a) => views.get(a.id)!, (a) => [a.startsAt.toISOString(), a.id]);
}

export async function activityDetail(scope: Scope, { id }: { id: string }) {
  return memberActivityView(scope, await memberActivityRow(scope, id));
}

async function liveEnrollment(db: Db, activityId: string, memberId: string) {
  const [e] = await db
    .select()
    .from(activityEnrollments)
    .where(and(eq(activityEnrollments.activityId, activityId), eq(activityEnrollments.memberId, memberId), inArray(activityEnrollments.status, ['enrolled', 'waitlisted'])))
    .limit(1);
  return e;
}

/**
 * A place while there is one, else the waitlist (or ACTIVITY_FULL). The activity's row lock
 * queues sign-ups one by one; the counter's conditional update and its check constraint keep
 * enrolments within capacity whatever happens above them.
 */
export async function enroller(scope: Scope, { id }: { id: string }) {
  const a = await memberActivityRow(scope, id, { forUpdate: true });
  if (!scope.auth.memberActive) throw new AppError('ACTIVITY_MEMBER_NOT_ACTIVE');
  if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
  if (activityPhase(a, scope.now) !== 'signup') throw new AppError('ACTIVITY_SIGNUP_CLOSED');
  const memberId = scope.auth.memberId!;
  if (await liveEnrollment(scope.db, a.id, memberId)) throw new AppError('ACTIVITY_ALREADY_ENROLLED');
  const [took] = await scope.db
    .update(activities)
    .set({ enrolledCount: sql`${activities.enrolledCount} + 1` })
    .where(and(eq(activities.id, a.id), lt(activities.enrolledCount, activities.capacity)))
    .returning({ enrolledCount: activities.enrolledCount });
  if (!took && !a.waitlist) throw new AppError('ACTIVITY_FULL');
  const status = took ? 'enrolled' : 'waitlisted';
  await scope.db.insert(activityEnrollments).values({ activityId: a.id, memberId, userId: scope.auth.userId, status, createdAt: scope.now });
  await audit(scope, `activity.${status === 'enrolled' ? 'enroll' : 'waitlist'}`, { type: 'activity', id: a.id });
  return memberActivityView(scope, { ...a, enrolledCount: took?.enrolledCount ?? a.enrolledCount });
}

/** The first on the waitlist takes a freed place, exactly once (under the activity's lock), and is told. */
export async function waitlistPromoter(scope: { db: Db; now: Date }, a: ActivityRow): Promise<number> {
  const [next] = await scope.db
    .select()
    .from(activityEnrollments)
    .where(and(eq(activityEnrollments.activityId, a.id), eq(activityEnrollments.status, 'waitlisted')))
    .orderBy(asc(activityEnrollments.seq))
    .limit(1)
    .for('update');
  if (!next) return a.enrolledCount;
  const [took] = await scope.db
    .update(activities)
    .set({ enrolledCount: sql`${activities.enrolledCount} + 1` })
    .where(and(eq(activities.id, a.id), lt(activities.enrolledCount, activities.capacity)))
    .returning({ enrolledCount: activities.enrolledCount });
  if (!took) return a.enrolledCount;
  const promoted = await scope.db
    .update(activityEnrollments)
    .set({ status: 'enrolled', promotedAt: scope.now })
    .where(and(eq(activityEnrollments.id, next.id), eq(activityEnrollments.status, 'waitlisted')))
    .returning({ id: activityEnrollments.id });
  if (promoted.length !== 1) throw new Error('waitlisted enrolment changed under the activity lock');
  await notify(scope, {
    userId: next.userId,
    kind: 'activity.promoted',
    title: '候补成功，已为您报名',
    body: `您候补的活动「${a.title}」有了空余名额，已为您报名：${formatShanghai(a.startsAt)}，${a.place}。请凭会员码签到。`,
    link: { page: NOTICE_PAGES.activity, id: a.id },
    dedupeKey: `activity-promoted:${next.id}`,
  });
  return took.enrolledCount;
}

/** A place given back before the deadline goes to the first on the waitlist; leaving the waitlist frees nothing. */
export async function enrollmentCanceller(scope: Scope, { id }: { id: string }) {
  const a = await memberActivityRow(scope, id, { forUpdate: true });
  const e = await liveEnrollment(scope.db, a.id, scope.auth.memberId!);
  if (!e) throw new AppError('ENROLLMENT_NOT_FOUND');
  if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
  if (e.checkedInAt || !mayCancel(e.status, a, scope.now)) throw new AppError('ACTIVITY_CANCEL_CLOSED');
  await scope.db.update(activityEnrollments).set({ status: 'cancelled', cancelledAt: scope.now }).where(eq(activityEnrollments.id, e.id));
  let enrolledCount = a.enrolledCount;
  if (e.status === 'enrolled') {
    const [freed] = await scope.db
      .update(activities)
      .set({ enrolledCount: sql`${activities.enrolledCount} - 1` })
      .where(eq(activities.id, a.id))
      .returning({ enrolledCount: activities.enrolledCount });
    enrolledCount = await waitlistPromoter(scope, { ...a, enrolledCount: freed!.enrolledCount });
  }
  await audit(scope, 'activity.cancel_enrollment', { type: 'activity', id: a.id }, { was: e.status });
  return memberActivityView(scope, { ...a, enrolledCount });
}

/** An account deleted: its places in activities not yet started are given back (and go to the waitlist). */
export async function enrollmentsReleaser(scope: Scope, { memberId }: { memberId: string }): Promise<void> {
  const live = await scope.db
    .select({ id: activityEnrollments.id, activityId: activityEnrollments.activityId, status: activityEnrollments.status })
    .from(activityEnrollments)
    .innerJoin(activities, eq(activities.id, activityEnrollments.activityId))
    .where(and(eq(activityEnrollments.memberId, memberId), inArray(activityEnrollments.status, ['enrolled', 'waitlisted']), gt(activities.startsAt, scope.now)));
  for (const e of live) {
    const [a] = await scope.db.select().from(activities).where(eq(activities.id, e.activityId)).for('update');
    // Read again under the activity's lock: a cancellation or a promotion may have changed the place
    // since the list above; act only on the status the row had when this update took it.
    const [was] = await scope.db
      .select({ status: activityEnrollments.status })
      .from(activityEnrollments)
      .where(and(eq(activityEnrollments.id, e.id), inArray(activityEnrollments.status, ['enrolled', 'waitlisted'])))
      .for('update');
    if (!was) continue;
    await scope.db.update(activityEnrollments).set({ status: 'cancelled', cancelledAt: scope.now }).where(eq(activityEnrollments.id, e.id));
    if (was.status !== 'enrolled') continue;
    const [freed] = await scope.db
      .update(activities)
      .set({ enrolledCount: sql`${activities.enrolledCount} - 1` })
      .where(eq(activities.id, a!.id))
      .returning({ enrolledCount: activities.enrolledCount });
    await waitlistPromoter(scope, { ...a!, enrolledCount: freed!.enrolledCount });
  }
}
