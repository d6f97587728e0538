/** Display helpers for vouchers: amounts, conditions, windows and codes, all in Chinese. */
import { formatFen, formatShanghai, shanghaiParts, type BatchValidity, type VoucherKind } from '@gonghui/shared';
import { serverNow } from './stores/server-clock';

/** 10000 → "100", 1250 → "12.50" (formatFen without the ¥, for the big ticket amount). */
export function yuanText(fen: number): string {
  return formatFen(fen).replace('¥', '');
}

/** "满1000可用" or "无门槛". */
export function conditionText(face: { kind: VoucherKind; thresholdFen: number | null }): string {
  if (face.kind === 'threshold' && face.thresholdFen) return `满${yuanText(face.thresholdFen)}可用`;
  return '无门槛';
}

const sameDay = (a: Date, b: Date) => {
  const pa = shanghaiParts(a);
  const pb = shanghaiParts(b);
  return pa.year === pb.year && pa.month === pb.month && pa.day === pb.day;
};

const clock = (at: Date) => formatShanghai(at).split(' ')[1] ?? '';

const toDate = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at);
const otherYear = (at: Date, now: Date) => shanghaiParts(at).year !== shanghaiParts(now).year;

/**
 * For staff lists: "12月20日 10:00" this year, "2025年12月20日 10:00" in another (Shanghai years,
 * this one by the server's clock: a phone set to the wrong year must not drop or add years).
 */
export function listDateTime(at: Date | string, now: Date = serverNow()): string {
  const d = toDate(at);
  return formatShanghai(d, otherYear(d, now));
}

/** For staff lists: "12月20日" this year, "2025年12月20日" in another (see listDateTime). */
export function listDate(at: Date | string, now: Date = serverNow()): string {
  const d = toDate(at);
  const p = shanghaiParts(d);
  return `${otherYear(d, now) ? `${p.year}年` : ''}${p.month}月${p.day}日`;
}

/**
 * "12月20日 10:00–23:59", or "11月30日 10:00 至 12月21日 10:00" across days. Given `now` (staff
 * lists), a date in another year than now's carries its year.
 */
export function windowText(opensAt: string, closesAt: string, now?: Date): string {
  const a = new Date(opensAt);
  const b = new Date(closesAt);
  const day = (d: Date) => (now ? listDateTime(d, now) : formatShanghai(d));
  if (sameDay(a, b)) return `${day(a)}–${clock(b)}`;
  return `${day(a)} 至 ${day(b)}`;
}

/** How long a claimed voucher stays valid, as staff set it. */
export function validityRuleText(validity: BatchValidity): string {
  return validity.type === 'days' ? `领取后${validity.days}天内有效` : `有效期至${formatShanghai(validity.endsAt)}`;
}

/** "1234567890" → "12345 67890" (easier to read out at the counter). */
export function groupCode(code: string): string {
  return code.replace(/(\d{5})(?=\d)/g, '$1 ');
}

/** A typed or scanned code: "12345 67890", "GH1:1234567890" → "1234567890"; null if not 10 digits. */
export function normalizeCode(raw: string): string | null {
  const digits = raw.replace(/^\s*GH1:/i, '').replace(/[\s-]+/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date in Shanghai as "2026-12-20". */
export function shanghaiDate(at: Date): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "10:05" in Shanghai time. */
export function shanghaiClock(at: Date | string): string {
  return clock(typeof at === 'string' ? new Date(at) : at);
}
