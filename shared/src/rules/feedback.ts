/** Pure 聆听 rules: categories, the 24-hour first-reply target, escalation and where a request goes first. */

export const FEEDBACK_CATEGORIES = ['rights', 'labour_relations', 'hardship', 'suggestion', 'other'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

/** pending: waiting for a first reply; replied: the union answered; closed: done (rated or not). */
export const FEEDBACK_STATUSES = ['pending', 'replied', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** 湖州 "聆听" 职情直通车: every request gets a first reply within 24 hours. */
export const FIRST_REPLY_TARGET_MS = 24 * 3600_000;

/** When the union now holding a request must have replied: 24 hours from when it got it. */
export function replyDueAt(assignedAt: Date): Date {
  return new Date(assignedAt.getTime() + FIRST_REPLY_TARGET_MS);
}

/** Milliseconds left against the target (negative when overdue); null once answered or closed. */
export function replyTimeLeftMs(status: FeedbackStatus, dueAt: Date, now: Date): number | null {
  return status === 'pending' ? dueAt.getTime() - now.getTime() : null;
}

/** A pending request past its target moves up one level; the root union keeps it. */
export function shouldEscalate(status: FeedbackStatus, dueAt: Date, hasParent: boolean, now: Date): boolean {
  return status === 'pending' && hasParent && now.getTime() >= dueAt.getTime();
}

/**
 * Where a request goes first: the member's grassroots union, or, sent 不经本单位工会, the union
 * above it (the grassroots union sits inside the employer), so nobody at the workplace sees it.
 */
export function firstUnionPath(memberUnionPath: string, bypassGrassroots: boolean): string {
  if (!bypassGrassroots) return memberUnionPath;
  const ids = memberUnionPath.split('/').filter(Boolean);
  return ids.length <= 1 ? memberUnionPath : `/${ids.slice(0, -1).join('/')}/`;
}

/**
 * Staff read a request when the union holding it lies in their subtree, or when the member's own
 * union does, unless the member bypassed it: then the workplace's union never learns of it.
 */
export function staffMayRead(staffPaths: readonly string[], f: { handlingPath: string; memberUnionPath: string; bypassGrassroots: boolean }): boolean {
  const inScope = (p: string) => staffPaths.some((s) => p.startsWith(s));
  return inScope(f.handlingPath) || (!f.bypassGrassroots && inScope(f.memberUnionPath));
}

/** Only staff over the union holding it act on it (reply, hand over, close). */
export function staffMayAct(staffPaths: readonly string[], handlingPath: string): boolean {
  return staffPaths.some((s) => handlingPath.startsWith(s));
}

/** A bypassing request may not be handed to the member's own union or anything under it. */
export function handoverAllowed(targetPath: string, f: { memberUnionPath: string; bypassGrassroots: boolean }): boolean {
  return !(f.bypassGrassroots && targetPath.startsWith(f.memberUnionPath));
}

/** Median of a list of numbers (first-reply minutes); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
