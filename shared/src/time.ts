/**
 * The Asia/Shanghai calendar. Storage is UTC; rules and display are Shanghai time.
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const BENEFIT_DAY = 20;

export interface ShanghaiParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function shanghaiParts(at: Date): ShanghaiParts {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The UTC instant of a Shanghai wall-clock time. */
export function fromShanghai(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A period is a Shanghai calendar month: "2026-12". */
export type Period = string;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/**
 * The one range of years the product accepts anywhere (input, rules and output): a month or an
 * instant outside it is refused at the edge, so nothing saved can later fail an answer's check.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function isPeriodInRange(period: string): boolean {
  if (!PERIOD_PATTERN.test(period)) return false;
  const year = Number(period.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

export function periodOf(at: Date): Period {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}`;
}

export function parsePeriod(period: Period): { year: number; month: number } {
  if (!isPeriodInRange(period)) throw new RangeError(`bad period ${period}`);
  const [y, m] = period.split('-');
  return { year: Number(y), month: Number(m) };
}

export function addMonths(period: Period, n: number): Period {
  const { year, month } = parsePeriod(period);
  const idx = year * 12 + (month - 1) + n;
  return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
}

/** "10:00" → [10, 0]. */
export function parseClock(hhmm: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`bad time ${hhmm}`);
  return [Number(m[1]), Number(m[2])];
}

/** The Benefit Day (the 20th) of a month opens at startTime and lasts to the end of 23:59:59.999 Shanghai. */
export function benefitDayWindow(period: Period, startTime = '10:00'): { startsAt: Date; endsAt: Date } {
  const { year, month } = parsePeriod(period);
  const [h, m] = parseClock(startTime);
  return {
    startsAt: fromShanghai(year, month, BENEFIT_DAY, h, m, 0),
    endsAt: new Date(fromShanghai(year, month, BENEFIT_DAY + 1, 0, 0, 0).getTime() - 1),
  };
}

/** The next Benefit Day window that has not ended at `now` (this month's if still ahead). */
export function nextBenefitDay(now: Date, startTime = '10:00'): { period: Period; startsAt: Date; endsAt: Date } {
  let period = periodOf(now);
  let w = benefitDayWindow(period, startTime);
  if (now.getTime() > w.endsAt.getTime()) {
    period = addMonths(period, 1);
    w = benefitDayWindow(period, startTime);
  }
  return { period, ...w };
}

/** "12月20日 10:00" in Shanghai time. */
export function formatShanghai(at: Date | string, withYear = false): string {
  const p = shanghaiParts(typeof at === 'string' ? new Date(at) : at);
  return `${withYear ? p.year + '年' : ''}${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

export function formatShanghaiDate(at: Date | string): string {
  const p = shanghaiParts(typeof at === 'string' ? new Date(at) : at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
