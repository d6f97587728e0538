/* Activities as the wire shows them: counts, the member's own place, union names. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { activityPhase, maskName, mayCancel, type ActivityView, type MyEnrollment, type StaffActivityView, type StaffEnrollmentView } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import { activityPolicy, type ActivityRow } from '../../policies/activities';
import type { Scope } from '../../scope/scope';

const { activityEnrollments, unions } = schema;
type EnrollmentRow = typeof activityEnrollments.$inferSelect;

async function unionNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: unions.id, name: unions.name }).from(unions).where(inArray(unions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

interface Counts {
  waitlisted: number;
  checkedIn: number;
}
async function countsOf(db: Db, ids: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(ids.map((id) => [id, { waitlisted: 0, checkedIn: 0 }]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      id: activityEnrollments.activityId,
      waitlisted: sql<number>`count(*) filter (where ${activityEnrollments.status} = 'waitlisted')::int`,
      checkedIn: sql<number>`count(${activityEnrollments.checkedInAt})::int`,
    })
    .from(activityEnrollments)
    .where(inArray(activityEnrollments.activityId, ids))
    .groupBy(activityEnrollments.activityId);
  for (const r of rows) out.set(r.id, { waitlisted: Number(r.waitlisted), checkedIn: Number(r.checkedIn) });
  return out;
}

/** 候补第 N 位 for one member on each activity where they wait: the waitlisted sign-ups that arrived before theirs, plus one (one query). */
async function waitlistPositions(db: Db, memberId: string, activityIds: string[]): Promise<Map<string, number>> {
  if (!activityIds.length) return new Map();
  const rows = await queryRows<{ activity_id: string; n: number }>(
    db,
    sql`select w.activity_id, count(*)::int as n
          from activity_enrollments w
          join activity_enrollments m on m.activity_id = w.activity_id and m.member_id = ${memberId} and m.status = 'waitlisted'
         where w.status = 'waitlisted' and w.seq <= m.seq and w.activity_id in ${activityIds}
         group by w.activity_id`,
  );
  return new Map(rows.map((r) => [r.activity_id, Number(r.n)]));
}

const base = (a: ActivityRow, unionName: string, now: Date) => ({
  id: a.id,
  title: a.title,
  category: a.category,
  description: a.description,
  place: a.place,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
  signupStartsAt: a.signupStartsAt.toISOString(),
  signupEndsAt: a.signupEndsAt.toISOString(),
  cancelDeadline: a.cancelDeadline.toISOString(),
  capacity: a.capacity,
  enrolledCount: a.enrolledCount,
  waitlist: a.waitlist,
  phase: activityPhase(a, now),
  unionName,
  audienceTags: a.audienceTags,
});

/** The member's views of activities, with their own live sign-up (or their last cancelled one). */
export async function memberActivityViews(scope: Scope, rows: ActivityRow[]): Promise<ActivityView[]> {
  const ids = rows.map((a) => a.id);
  const [names, counts] = await Promise.all([unionNames(scope.db, rows.map((a) => a.unionId)), countsOf(scope.db, ids)]);
  const mine = new Map<string, EnrollmentRow>();
  if (ids.length && scope.auth.memberId) {
    const es = await scope.db
      .select()
      .from(activityEnrollments)
      .where(and(inArray(activityEnrollments.activityId, ids), eq(activityEnrollments.memberId, scope.auth.memberId)))
      .orderBy(activityEnrollments.seq);
    for (const e of es) if (!mine.has(e.activityId) || e.status !== 'cancelled') mine.set(e.activityId, e);
  }
  const waiting = [...mine.values()].filter((e) => e.status === 'waitlisted').map((e) => e.activityId);
  const places = scope.auth.memberId ? await waitlistPositions(scope.db, scope.auth.memberId, waiting) : new Map<string, number>();
  const out: ActivityView[] = [];
  for (const a of rows) {
    const e = mine.get(a.id);
    let my: MyEnrollment | null = null;
    if (e) {
      my = {
        status: e.status,
        waitlistPosition: e.status === 'waitlisted' ? (places.get(a.id) ?? null) : null,
        checkedInAt: e.checkedInAt?.toISOString() ?? null,
        mayCancel: a.status === 'published' && mayCancel(e.status, a, scope.now),
        promotedAt: e.promotedAt?.toISOString() ?? null,
      };
    }
    out.push({ ...base(a, names.get(a.unionId) ?? '', scope.now), mine: my, waitlistCount: counts.get(a.id)?.waitlisted ?? 0 });
  }
  return out;
}

export async function memberActivityView(scope: Scope, a: ActivityRow): Promise<ActivityView> {
  return (await memberActivityViews(scope, [a]))[0]!;
}

export async function staffActivityViews(scope: Scope, rows: ActivityRow[]): Promise<StaffActivityView[]> {
  const [names, counts] = await Promise.all([unionNames(scope.db, rows.map((a) => a.unionId)), countsOf(scope.db, rows.map((a) => a.id))]);
  return rows.map((a) => {
    const c = counts.get(a.id) ?? { waitlisted: 0, checkedIn: 0 };
    const ended = scope.now.getTime() >= a.endsAt.getTime();
    return {
      ...base(a, names.get(a.unionId) ?? '', scope.now),
      unionId: a.unionId,
      waitlistCount: c.waitlisted,
      checkedInCount: c.checkedIn,
      noShowCount: ended ? a.enrolledCount - c.checkedIn : null,
      topicId: a.topicId,
      editable: activityPolicy.can(scope, 'edit', a),
    };
  });
}

export async function staffActivityView(scope: Scope, a: ActivityRow): Promise<StaffActivityView> {
  return (await staffActivityViews(scope, [a]))[0]!;
}

/** Sign-ups for staff: names masked, the member number to match the card at the door. */
export async function staffEnrollmentViews(db: Db, activityId: string, where?: ReturnType<typeof eq>, page?: { limit: number; offset: number }): Promise<StaffEnrollmentView[]> {
  const q = db
    .select({
      e: activityEnrollments,
      name: schema.members.name,
      memberNo: schema.members.memberNo,
      unionName: unions.name,
      // place in its own status, in arrival order: a page of the list still says 候补第 N 位 right
      place: sql<number>`row_number() over (partition by ${activityEnrollments.status} order by ${activityEnrollments.seq})::int`,
    })
    .from(activityEnrollments)
    .innerJoin(schema.members, eq(schema.members.id, activityEnrollments.memberId))
    .innerJoin(unions, eq(unions.id, schema.members.unionId))
    .where(and(eq(activityEnrollments.activityId, activityId), where))
    .orderBy(activityEnrollments.seq);
  const rows = page ? await q.limit(page.limit).offset(page.offset) : await q;
  return rows.map(({ e, name, memberNo, unionName, place }) => ({
    id: e.id,
    memberId: e.memberId,
    memberName: maskName(name),
    memberNo,
    unionName,
    status: e.status,
    waitlistPosition: e.status === 'waitlisted' ? Number(place) : null,
    enrolledAt: e.createdAt.toISOString(),
    checkedInAt: e.checkedInAt?.toISOString() ?? null,
  }));
}
