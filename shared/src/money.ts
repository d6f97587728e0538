/** Money is integer fen everywhere; these helpers only format and parse for people. */
export type Fen = number;

export function isFen(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** 10000 → "¥100", 1250 → "¥12.50" (two decimals only where not whole). */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${yuan}${cents === 0 ? '' : '.' + String(cents).padStart(2, '0')}`;
}

/** "12.5" → 1250; rejects more than two decimals or non-numbers. */
export function parseYuan(text: string): Fen | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
