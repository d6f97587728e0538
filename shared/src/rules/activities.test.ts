import { describe, expect, it } from 'vitest';
import { fromShanghai } from '../time';
import { activityPhase, activityProblems, enrollmentDecision, isCheckInDay, mayCancel, topicUnionPath } from './activities';

// 青田县总工会 "你点我送" 职工阳光课堂: a 清明粽 class, 20 places, Saturday 3 April 2027 14:00–16:00.
const cls = {
  status: 'published' as const,
  startsAt: fromShanghai(2027, 4, 3, 14),
  endsAt: fromShanghai(2027, 4, 3, 16),
  signupStartsAt: fromShanghai(2027, 3, 25, 9),
  signupEndsAt: fromShanghai(2027, 4, 2, 18),
  cancelDeadline: fromShanghai(2027, 4, 2, 12),
};

describe('an activity’s phase', () => {
  it('goes not_open → signup → signup_closed → running → ended by the clock', () => {
    expect(activityPhase(cls, fromShanghai(2027, 3, 24))).toBe('not_open');
    expect(activityPhase(cls, fromShanghai(2027, 3, 25, 9))).toBe('signup');
    expect(activityPhase(cls, fromShanghai(2027, 4, 2, 18))).toBe('signup_closed');
    expect(activityPhase(cls, fromShanghai(2027, 4, 3, 14, 30))).toBe('running');
    expect(activityPhase(cls, fromShanghai(2027, 4, 3, 16))).toBe('ended');
    expect(activityPhase({ ...cls, status: 'cancelled' }, fromShanghai(2027, 3, 26))).toBe('cancelled');
  });
});

describe('signing up', () => {
  it('takes the 20th place and waitlists the 21st, or refuses them without a waitlist', () => {
    expect(enrollmentDecision(19, 20, true)).toBe('enrolled');
    expect(enrollmentDecision(20, 20, true)).toBe('waitlisted');
    expect(enrollmentDecision(20, 20, false)).toBe('full');
  });

  it('lets an enrolled member cancel until the deadline and a waitlisted one until the start', () => {
    expect(mayCancel('enrolled', cls, fromShanghai(2027, 4, 2, 11, 59))).toBe(true);
    expect(mayCancel('enrolled', cls, fromShanghai(2027, 4, 2, 12))).toBe(false);
    expect(mayCancel('waitlisted', cls, fromShanghai(2027, 4, 3, 13))).toBe(true);
    expect(mayCancel('cancelled', cls, fromShanghai(2027, 3, 26))).toBe(false);
  });
});

describe('check-in day', () => {
  it('is the activity’s Shanghai day, from early morning to midnight, not the day before', () => {
    expect(isCheckInDay(cls, fromShanghai(2027, 4, 3, 7))).toBe(true);
    expect(isCheckInDay(cls, fromShanghai(2027, 4, 3, 23, 59))).toBe(true);
    expect(isCheckInDay(cls, fromShanghai(2027, 4, 2, 23, 59))).toBe(false);
    expect(isCheckInDay(cls, fromShanghai(2027, 4, 4, 0))).toBe(false);
  });

  it('is any day of a 劳模疗休养 trip of several days', () => {
    const trip = { startsAt: fromShanghai(2027, 5, 10, 8), endsAt: fromShanghai(2027, 5, 14, 18) };
    expect(isCheckInDay(trip, fromShanghai(2027, 5, 12, 9))).toBe(true);
    expect(isCheckInDay(trip, fromShanghai(2027, 5, 15, 9))).toBe(false);
  });
});

describe('the form', () => {
  it('refuses a sign-up that closes after the start and a cancellation deadline after the start', () => {
    const bad = activityProblems({ ...cls, signupEndsAt: fromShanghai(2027, 4, 3, 15), cancelDeadline: fromShanghai(2027, 4, 3, 15), capacity: 20 });
    expect(bad.map((p) => p.path)).toEqual(['signupEndsAt', 'cancelDeadline']);
    expect(activityProblems({ ...cls, capacity: 20 })).toEqual([]);
  });
});

describe('你点我送 topics', () => {
  it('go to the union above the member’s grassroots union, and stay at the root for a member of the root', () => {
    expect(topicUnionPath('/c/w/e/')).toBe('/c/w/');
    expect(topicUnionPath('/c/')).toBe('/c/');
  });
});
