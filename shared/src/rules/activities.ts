/** Pure activity rules: categories, the sign-up decision, the cancellation deadline, check-in day and who an activity is for. */
import { shanghaiParts } from '../time';

export const ACTIVITY_CATEGORIES = ['public_class', 'skills', 'culture_sports', 'rest_trip', 'model_talk', 'convenience'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** Stored: an activity is published when created (staff fill one form), or cancelled by staff. */
export type ActivityStatus = 'published' | 'cancelled';
/** What people see, from the stored status and the clock. */
export type ActivityPhase = 'cancelled' | 'not_open' | 'signup' | 'signup_closed' | 'running' | 'ended';
export type EnrollmentStatus = 'enrolled' | 'waitlisted' | 'cancelled';

export interface ActivityTimes {
  status: ActivityStatus;
  startsAt: Date;
  endsAt: Date;
  signupStartsAt: Date;
  signupEndsAt: Date;
}

export function activityPhase(a: ActivityTimes, now: Date): ActivityPhase {
  const t = now.getTime();
  if (a.status === 'cancelled') return 'cancelled';
  if (t >= a.endsAt.getTime()) return 'ended';
  if (t >= a.startsAt.getTime()) return 'running';
  if (t < a.signupStartsAt.getTime()) return 'not_open';
  if (t < a.signupEndsAt.getTime()) return 'signup';
  return 'signup_closed';
}

/** Staff may change or cancel an activity until it ends; a cancelled one stays cancelled. */
export function activityEditable(a: { status: ActivityStatus; endsAt: Date }, now: Date): boolean {
  return a.status === 'published' && now.getTime() < a.endsAt.getTime();
}

/**
 * A new capacity and waitlist setting against the sign-ups already taken: places are never taken
 * back, and the waitlist is not closed on people waiting in it.
 */
export function capacityProblems(next: { capacity: number; waitlist: boolean }, enrolled: number, waiting: number): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (next.capacity < enrolled) out.push({ path: 'capacity', message: `已有${enrolled}人报名，名额不能少于${enrolled}人` });
  if (!next.waitlist && waiting > 0) out.push({ path: 'waitlist', message: `有${waiting}人在候补，不能关闭候补` });
  return out;
}

/**
 * A sign-up takes a place while there is one; past capacity it joins the waitlist where the
 * activity keeps one, and is refused otherwise. The database's counter has the last word.
 */
export function enrollmentDecision(enrolled: number, capacity: number, waitlist: boolean): 'enrolled' | 'waitlisted' | 'full' {
  if (enrolled < capacity) return 'enrolled';
  return waitlist ? 'waitlisted' : 'full';
}

/** A place may be given back until the cancellation deadline; a waitlisted member may leave any time before the start. */
export function mayCancel(status: EnrollmentStatus, a: { cancelDeadline: Date; startsAt: Date }, now: Date): boolean {
  if (status === 'enrolled') return now.getTime() < a.cancelDeadline.getTime();
  if (status === 'waitlisted') return now.getTime() < a.startsAt.getTime();
  return false;
}

const dayKey = (at: Date) => {
  const p = shanghaiParts(at);
  return p.year * 10000 + p.month * 100 + p.day;
};

/** Check-in at the door happens on the activity's day (in Shanghai); a trip of several days takes any of its days. */
export function isCheckInDay(a: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  const today = dayKey(now);
  return today >= dayKey(a.startsAt) && today <= dayKey(new Date(a.endsAt.getTime() - 1));
}

/** What the form must hold together: the windows in order, places for at least one person. */
export function activityProblems(a: { startsAt: Date; endsAt: Date; signupStartsAt: Date; signupEndsAt: Date; cancelDeadline: Date; capacity: number }): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (a.endsAt.getTime() <= a.startsAt.getTime()) out.push({ path: 'endsAt', message: '结束时间应晚于开始时间' });
  if (a.signupEndsAt.getTime() <= a.signupStartsAt.getTime()) out.push({ path: 'signupEndsAt', message: '报名截止应晚于报名开始' });
  if (a.signupEndsAt.getTime() > a.startsAt.getTime()) out.push({ path: 'signupEndsAt', message: '报名截止不能晚于活动开始' });
  if (a.cancelDeadline.getTime() > a.startsAt.getTime()) out.push({ path: 'cancelDeadline', message: '取消截止不能晚于活动开始' });
  if (a.capacity < 1) out.push({ path: 'capacity', message: '名额至少1人' });
  return out;
}

/** 你点我送: a member proposes a topic to the union above their own (the district or industry union), where it gathers votes. */
export function topicUnionPath(memberUnionPath: string): string {
  const ids = memberUnionPath.split('/').filter(Boolean);
  return ids.length <= 1 ? memberUnionPath : `/${ids.slice(0, -1).join('/')}/`;
}
