/* Union staff: publishing, the sign-up list and its export, check-in at the door. */
import ExcelJS from 'exceljs';
import { and, asc, count, desc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { AppError, activityProblems, capacityProblems, enrollmentStatusLabels, formatShanghai, isCheckInDay, NOTICE_PAGES, type ActivityInput, type ActivityUpdate, type EnrollmentStatus } from '@gonghui/shared';
import { schema } from '../../db/index';
import type { BinaryFile } from '../../http/route';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import { decodeCursor, encodeCursor } from '../../lib/pagination';
import { XLSX_TYPE, styleHeader } from '../../lib/xlsx';
import { activityPolicy, staffActivityRow, type ActivityRow } from '../../policies/activities';
import { inScopeSql, pathInScope } from '../../policies/staff';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { notify } from '../notices/notify';
import { waitlistPromoter } from './member';
import { staffActivityView, staffActivityViews, staffEnrollmentViews } from './views';

const { activities, activityEnrollments, memberCodes, unions } = schema;

type Times = Pick<ActivityRow, 'startsAt' | 'endsAt' | 'signupStartsAt' | 'signupEndsAt' | 'cancelDeadline'>;

const timesOf = (input: ActivityUpdate): Times => ({
  startsAt: new Date(input.startsAt),
  endsAt: new Date(input.endsAt),
  signupStartsAt: new Date(input.signupStartsAt),
  signupEndsAt: new Date(input.signupEndsAt),
  cancelDeadline: new Date(input.cancelDeadline),
});

function assertValid(scope: Scope, times: Times, capacity: number, more: { path: string; message: string }[] = []): void {
  const problems = [...activityProblems({ ...times, capacity }), ...more];
  if (times.endsAt.getTime() <= scope.now.getTime()) problems.push({ path: 'endsAt', message: '不能发布已结束的活动' });
  if (problems.length) throw new AppError('ACTIVITY_INVALID', { issues: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
}

/** Everyone holding a place or waiting for one. */
async function liveSignUps(scope: Scope, activityId: string) {
  return scope.db
    .select({ id: activityEnrollments.id, userId: activityEnrollments.userId })
    .from(activityEnrollments)
    .where(and(eq(activityEnrollments.activityId, activityId), inArray(activityEnrollments.status, ['enrolled', 'waitlisted'])));
}

/** Publishes an activity for a union of the caller's subtree (and, optionally, only members with some tags). */
export async function activityCreator(scope: Scope, input: ActivityInput, topicId: string | null = null) {
  const [u] = await scope.db.select({ id: unions.id, path: unions.path }).from(unions).where(eq(unions.id, input.audience.unionId));
  if (!u || !pathInScope(scope.auth, u.path)) throw new AppError('UNION_NOT_FOUND');
  const times = timesOf(input);
  assertValid(scope, times, input.capacity);
  const [row] = await scope.db
    .insert(activities)
    .values({
      unionId: u.id,
      unionPath: u.path,
      audienceTags: input.audience.tags,
      title: input.title,
      category: input.category,
      description: input.description,
      place: input.place,
      ...times,
      capacity: input.capacity,
      waitlist: input.waitlist,
      topicId,
      createdBy: scope.auth.userId,
      createdAt: scope.now,
    })
    .returning();
  await audit(scope, 'activity.create', { type: 'activity', id: row!.id }, { unionId: u.id, capacity: input.capacity });
  return row!;
}

export async function activityPublisher(scope: Scope, input: ActivityInput) {
  return staffActivityView(scope, await activityCreator(scope, input));
}

/**
 * Changes a published activity before it ends. Places already taken are never taken back; extra
 * places go to the waitlist in arrival order (each promoted member is told); a new time or place
 * is told to everyone signed up or waiting. The audience stays as it was.
 */
export async function activityUpdater(scope: Scope, { id, input }: { id: string; input: ActivityUpdate }) {
  const a = await staffActivityRow(scope, id, { forUpdate: true });
  activityPolicy.authorize(scope, 'edit', a);
  const times = timesOf(input);
  const [w] = await scope.db
    .select({ n: count() })
    .from(activityEnrollments)
    .where(and(eq(activityEnrollments.activityId, a.id), eq(activityEnrollments.status, 'waitlisted')));
  assertValid(scope, times, input.capacity, capacityProblems(input, a.enrolledCount, Number(w?.n ?? 0)));
  const [row] = await scope.db
    .update(activities)
    .set({ title: input.title, category: input.category, description: input.description, place: input.place, ...times, capacity: input.capacity, waitlist: input.waitlist })
    .where(eq(activities.id, a.id))
    .returning();
  let enrolledCount = row!.enrolledCount;
  while (enrolledCount < row!.capacity) {
    const next = await waitlistPromoter(scope, { ...row!, enrolledCount });
    if (next === enrolledCount) break;
    enrolledCount = next;
  }
  const moved = a.startsAt.getTime() !== times.startsAt.getTime() || a.endsAt.getTime() !== times.endsAt.getTime() || a.place !== input.place;
  if (moved) {
    for (const e of await liveSignUps(scope, a.id)) {
      await notify(scope, {
        userId: e.userId,
        kind: 'activity.changed',
        title: '活动时间或地点有变',
        body: `您报名的活动「${input.title}」改为：${formatShanghai(times.startsAt)}，${input.place}。如不能参加，请在取消截止前取消报名。`,
        link: { page: NOTICE_PAGES.activity, id: a.id },
        dedupeKey: `activity-changed:${a.id}:${e.id}:${scope.now.getTime()}`,
      });
    }
  }
  const changed: string[] = (['title', 'category', 'description', 'place', 'capacity', 'waitlist'] as const).filter((k) => a[k] !== input[k]);
  for (const k of Object.keys(times) as (keyof Times)[]) if (a[k].getTime() !== times[k].getTime()) changed.push(k);
  await audit(scope, 'activity.update', { type: 'activity', id: a.id }, { changed, promoted: enrolledCount - row!.enrolledCount });
  return staffActivityView(scope, { ...row!, enrolledCount });
}

/** Cancels an activity before it ends; everyone signed up or waiting is told why. Sign-ups stay on record. */
export async function activityCanceller(scope: Scope, { id, reason }: { id: string; reason: string }) {
  const a = await staffActivityRow(scope, id, { forUpdate: true });
  activityPolicy.authorize(scope, 'edit', a);
  const [row] = await scope.db.update(activities).set({ status: 'cancelled' }).where(eq(activities.id, a.id)).returning();
  for (const e of await liveSignUps(scope, a.id)) {
    await notify(scope, {
      userId: e.userId,
      kind: 'activity.cancelled',
      title: '活动已取消',
      body: `您报名的活动「${a.title}」（${formatShanghai(a.startsAt)}）已取消。原因：${reason}`,
      link: { page: NOTICE_PAGES.activity, id: a.id },
      dedupeKey: `activity-cancelled:${e.id}`,
    });
  }
  await audit(scope, 'activity.cancel', { type: 'activity', id: a.id }, { reason });
  return staffActivityView(scope, row!);
}

/** The subtree's activities: upcoming soonest first, past latest first, or all newest first. */
export async function staffActivityList(scope: Scope, q: { when: 'upcoming' | 'past' | 'all'; cursor?: string; limit: number }) {
  const where = [inScopeSql(scope.auth, activities.unionPath)];
  if (q.when === 'upcoming') where.push(gt(activities.endsAt, scope.now));
  if (q.when === 'past') where.push(lte(activities.endsAt, scope.now));
  const offset = q.cursor ? Number(decodeCursor(q.cursor, ['string'])[0]) || 0 : 0;
  const order = q.when === 'upcoming' ? [asc(activities.startsAt), asc(activities.id)] : [desc(activities.startsAt), desc(activities.id)];
  const rows = await scope.db.select().from(activities).where(and(...where)).orderBy(...order).limit(q.limit + 1).offset(offset);
  const data = await staffActivityViews(scope, rows.slice(0, q.limit));
  return { data, pagination: { nextCursor: rows.length > q.limit ? encodeCursor([String(offset + q.limit)]) : null, limit: q.limit } };
}

export async function staffActivity(scope: Scope, { id }: { id: string }) {
  return staffActivityView(scope, await staffActivityRow(scope, id));
}

export async function enrollmentList(scope: Scope, { id, status, cursor, limit }: { id: string; status?: EnrollmentStatus; cursor?: string; limit: number }) {
  const a = await staffActivityRow(scope, id);
  const offset = cursor ? Number(decodeCursor(cursor, ['string'])[0]) || 0 : 0;
  const rows = await staffEnrollmentViews(scope.db, a.id, status ? eq(activityEnrollments.status, status) : undefined, { limit: limit + 1, offset });
  return { data: rows.slice(0, limit), pagination: { nextCursor: rows.length > limit ? encodeCursor([String(offset + limit)]) : null, limit } };
}

/** The sign-up sheet for the door and the union's records: names masked, as every export. */
export async function enrollmentsXlsx(scope: Scope, { id }: { id: string }): Promise<BinaryFile> {
  const a = await staffActivityRow(scope, id);
  const rows = await staffEnrollmentViews(scope.db, a.id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui';
  const sheet = wb.addWorksheet('报名名单');
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '会员', key: 'name', width: 10 },
    { header: '会员号', key: 'no', width: 14 },
    { header: '所在工会', key: 'union', width: 28 },
    { header: '状态', key: 'status', width: 10 },
    { header: '报名时间', key: 'at', width: 18 },
    { header: '签到时间', key: 'checkedIn', width: 18 },
  ];
  styleHeader(sheet);
  rows.forEach((r, i) =>
    sheet.addRow({
      n: i + 1,
      name: r.memberName,
      no: r.memberNo,
      union: r.unionName,
      status: r.status === 'waitlisted' ? `候补第${r.waitlistPosition}位` : enrollmentStatusLabels[r.status],
      at: formatShanghai(r.enrolledAt, true),
      checkedIn: r.checkedInAt ? formatShanghai(r.checkedInAt, true) : '',
    }),
  );
  await audit(scope, 'activity.export_enrollments', { type: 'activity', id: a.id }, { rows: rows.length });
  return { filename: 'enrollments.xlsx', chineseName: `${a.title}-报名名单.xlsx`, contentType: XLSX_TYPE, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/**
 * At the door: the member shows their 会员码, staff scan or type it. Unknown or expired codes are
 * one answer (404) and are counted per staff account, as at the member-code lookup.
 */
export async function checkInTaker(scope: Scope, { id, code }: { id: string; code: string }) {
  const a = await staffActivityRow(scope, id, { forUpdate: true });
  activityPolicy.authorize(scope, 'checkIn', a);
  const bucket = `member-code-miss:${scope.auth.userId}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.redeemMiss);
  const [hit] = await scope.db.select({ memberId: memberCodes.memberId }).from(memberCodes).where(and(eq(memberCodes.code, code), gt(memberCodes.expiresAt, scope.now))).limit(1);
  if (!hit) {
    scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw new AppError('MEMBER_CODE_EXPIRED');
  }
  if (!isCheckInDay(a, scope.now)) throw new AppError('ACTIVITY_CHECKIN_NOT_TODAY');
  const [e] = await scope.db
    .select()
    .from(activityEnrollments)
    .where(and(eq(activityEnrollments.activityId, a.id), eq(activityEnrollments.memberId, hit.memberId), eq(activityEnrollments.status, 'enrolled')))
    .limit(1)
    .for('update');
  if (!e) throw new AppError('ACTIVITY_NOT_ENROLLED');
  const done = await scope.db
    .update(activityEnrollments)
    .set({ checkedInAt: scope.now, checkedInBy: scope.auth.userId })
    .where(and(eq(activityEnrollments.id, e.id), isNull(activityEnrollments.checkedInAt)))
    .returning({ id: activityEnrollments.id });
  if (done.length === 0) throw new AppError('ACTIVITY_ALREADY_CHECKED_IN');
  await audit(scope, 'activity.check_in', { type: 'activity', id: a.id }, { enrollmentId: e.id });
  const [view] = await staffEnrollmentViews(scope.db, a.id, eq(activityEnrollments.id, e.id));
  return view!;
}
