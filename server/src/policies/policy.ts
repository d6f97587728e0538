import { AppError, type ErrorCode } from '@gonghui/shared';
import type { Auth } from '../scope/auth';

/** A rule answers `true` (allowed) or the error the caller gets (403 for roles, 409 for states). */
export type Rule<S> = (auth: Auth, subject: S, now: Date) => true | ErrorCode;

export interface Policy<S, A extends string> {
  /** Throws the rule's error unless `action` on `subject` is allowed. */
  authorize(scope: { auth: Auth; now: Date }, action: A, subject: S): void;
  can(scope: { auth: Auth; now: Date }, action: A, subject: S): boolean;
  /** Every action's answer, for staff views: the client hides what is false. */
  abilities(scope: { auth: Auth; now: Date }, subject: S): Record<A, boolean>;
}

/** One vocabulary for every domain: `batchPolicy.authorize(scope, 'publish', batch)`. */
export function definePolicy<S, A extends string>(rules: Record<A, Rule<S>>): Policy<S, A> {
  const check = (scope: { auth: Auth; now: Date }, action: A, subject: S) => rules[action](scope.auth, subject, scope.now);
  return {
    authorize(scope, action, subject) {
      const verdict = check(scope, action, subject);
      if (verdict !== true) throw new AppError(verdict);
    },
    can: (scope, action, subject) => check(scope, action, subject) === true,
    abilities(scope, subject) {
      const out = {} as Record<A, boolean>;
      for (const action of Object.keys(rules) as A[]) out[action] = check(scope, action, subject) === true;
      return out;
    },
  };
}

/** Rules in order: the first that does not allow decides. */
export function all<S>(...rules: Rule<S>[]): Rule<S> {
  return (auth, subject, now) => {
    for (const rule of rules) {
      const verdict = rule(auth, subject, now);
      if (verdict !== true) return verdict;
    }
    return true;
  };
}
