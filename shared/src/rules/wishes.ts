/** Pure micro-wish rules: the one table of allowed transitions, deadlines, caps and what a public text may not say. */
import { fromShanghai, shanghaiParts } from '../time';

export const WISH_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'published',
  'adopted',
  /** The donor handed the item or service to the union station. */
  'delivered',
  /** Union staff confirmed the station holds it for the wisher. */
  'handed_over',
  'received',
  'thanked',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export type WishActor = 'wisher' | 'staff' | 'donor' | 'system';

interface Transition {
  readonly from: readonly WishStatus[];
  readonly to: WishStatus;
  /** Who may take it; the server's policy decides which wisher, staff member or donor. */
  readonly by: readonly WishActor[];
}

/**
 * Every allowed transition, and nothing else: any (action, status) pair not here answers 409
 * WISH_INVALID_STATE. `release` is the adoption cancelled (by the donor, by staff, or overdue):
 * the wish goes back to published. Staff act for a wisher only on wishes they filed on the
 * wisher's behalf.
 */
export const WISH_TRANSITIONS = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', by: ['wisher', 'staff'] },
  request_changes: { from: ['submitted'], to: 'changes_requested', by: ['staff'] },
  approve: { from: ['submitted'], to: 'published', by: ['staff'] },
  reject: { from: ['submitted', 'changes_requested'], to: 'rejected', by: ['staff'] },
  withdraw: { from: ['draft', 'submitted', 'changes_requested', 'published'], to: 'withdrawn', by: ['wisher', 'staff'] },
  adopt: { from: ['published'], to: 'adopted', by: ['donor'] },
  release: { from: ['adopted'], to: 'published', by: ['donor', 'staff', 'system'] },
  deliver: { from: ['adopted'], to: 'delivered', by: ['donor'] },
  confirm_handover: { from: ['delivered'], to: 'handed_over', by: ['staff'] },
  confirm_receipt: { from: ['handed_over'], to: 'received', by: ['wisher', 'staff'] },
  thank: { from: ['received'], to: 'thanked', by: ['wisher', 'staff'] },
  expire: { from: ['published'], to: 'expired', by: ['system'] },
} as const satisfies Record<string, Transition>;

export type WishAction = keyof typeof WISH_TRANSITIONS;
export const WISH_ACTIONS = Object.keys(WISH_TRANSITIONS) as WishAction[];

/** Where `action` takes a wish in `status`, or null when the table does not allow it. */
export function nextWishStatus(action: WishAction, status: WishStatus): WishStatus | null {
  const t: Transition = WISH_TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** States a donor or the public may see: published and everything that follows adoption. */
export const PUBLIC_WISH_STATUSES = ['published', 'adopted', 'delivered', 'handed_over', 'received', 'thanked'] as const satisfies readonly WishStatus[];
export function isPublicWishStatus(s: WishStatus): boolean {
  return (PUBLIC_WISH_STATUSES as readonly WishStatus[]).includes(s);
}

/** The wisher's text may be edited only while nobody has published it. */
export function wishEditable(s: WishStatus): boolean {
  return s === 'draft' || s === 'changes_requested';
}

/** Default cap on one wish's estimated value: ¥500. */
export const WISH_VALUE_CAP_FEN = 50_000;
/** A donor delivers within this many days of adopting, or the wish is released. */
export const ADOPTION_DAYS = 14;
/** Active (undelivered) adoptions a donor may hold at once, so wishes are not hoarded. */
export const DONOR_ADOPTION_CAP = { individual: 5, enterprise: 20 } as const;
/** A grassroots union this small would point at the person: show the district-level union instead. */
export const SMALL_UNION_MEMBERS = 50;
/** Members are told this long before a claimed voucher expires. */
export const VOUCHER_EXPIRY_NOTICE_MS = 3 * 24 * 3600_000;

export function adoptionDueAt(adoptedAt: Date): Date {
  return new Date(adoptedAt.getTime() + ADOPTION_DAYS * 24 * 3600_000);
}

/** A wish waits for a donor until the end of its wished-for Shanghai day. */
export function wishExpiresAt(wishedBy: string): Date {
  const [y, m, d] = wishedBy.split('-').map(Number) as [number, number, number];
  return fromShanghai(y, m, d + 1);
}

/** Today's Shanghai date "2026-12-01". */
export function shanghaiDate(at: Date): string {
  const p = shanghaiParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** "王芳" → "王**", "欧阳小明" → "欧**": the surname's first character and always two stars, so the length tells nothing. */
export function maskWisherName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}**` : '**';
}

/** What would point at the wisher if it appeared in a public text. */
export interface WisherFacts {
  name: string;
  phone: string;
  idNumber: string;
  employer: string;
  /** The grassroots union's name when it is small enough to identify the person, else null. */
  smallUnionName: string | null;
}

const compact = (s: string) => s.replace(/[\s\-·.,，。、]/g, '');

/**
 * The identifying facts a public text contains (name, given name of two characters or more,
 * phone, ID number, employer, a small union's name), as the reasons to show. Spaces and
 * punctuation inside a number or name do not hide it.
 */
export function identifyingFacts(text: string, f: WisherFacts): ('name' | 'phone' | 'idNumber' | 'employer' | 'union')[] {
  const t = compact(text);
  const found: ('name' | 'phone' | 'idNumber' | 'employer' | 'union')[] = [];
  const name = compact(f.name);
  const given = Array.from(name).slice(1).join('');
  if ((name.length >= 2 && t.includes(name)) || (Array.from(given).length >= 2 && t.includes(given))) found.push('name');
  if (f.phone && (t.includes(f.phone) || t.includes(f.phone.slice(-8)))) found.push('phone');
  if (f.idNumber && (t.toUpperCase().includes(f.idNumber.toUpperCase()) || t.includes(f.idNumber.slice(-8)))) found.push('idNumber');
  if (f.employer && t.includes(compact(f.employer))) found.push('employer');
  if (f.smallUnionName && t.includes(compact(f.smallUnionName))) found.push('union');
  return found;
}

/** A wish is overdue for staff when an adoption passed its deadline or its wished-for date passed unfulfilled. */
export function wishOverdue(status: WishStatus, wishedBy: string, adoptionDueAt: Date | null, now: Date): boolean {
  if (status === 'adopted' && adoptionDueAt && adoptionDueAt.getTime() < now.getTime()) return true;
  const open: WishStatus[] = ['submitted', 'changes_requested', 'published', 'adopted', 'delivered', 'handed_over'];
  return open.includes(status) && wishExpiresAt(wishedBy).getTime() <= now.getTime();
}

/**
 * Contact details in a relayed message: a mobile or landline number, an ID number, a WeChat or QQ
 * account. Messages stay inside the app so that neither side learns who the other is.
 */
export function contactDetailsIn(text: string): ('phone' | 'idNumber' | 'account')[] {
  const t = text.replace(/[\s\-－—·.。,，()（）]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const found: ('phone' | 'idNumber' | 'account')[] = [];
  if (/\d{17}[\dXx]/.test(t)) found.push('idNumber');
  else if (/1[3-9]\d{9}/.test(t) || /0\d{2,3}\d{7,8}/.test(t)) found.push('phone');
  if (/(微信|威信|vx|wx|weixin|wechat|qq|扣扣)[号:：]*[a-z0-9_]{5,}/i.test(t)) found.push('account');
  return found;
}

type AdoptionState = 'active' | 'delivered' | 'completed' | 'released';
/** Either side may agree to talk while the adoption is live and the wish not yet thanked. */
export function contactAllowed(adoption: AdoptionState, wish: WishStatus): boolean {
  return adoption !== 'released' && wish !== 'thanked';
}
/** Messages go through only when both agreed and talking is still allowed. */
export function conversationOpen(adoption: AdoptionState, wish: WishStatus, wisherAgreed: boolean, donorAgreed: boolean): boolean {
  return contactAllowed(adoption, wish) && wisherAgreed && donorAgreed;
}
