/** A typed or scanned member code: "1234 5678 9012", "GHM1:123456789012" → "123456789012"; null if not 12 digits. */
export function normalizeMemberCode(raw: string): string | null {
  const digits = raw.replace(/^\s*GHM1:/i, '').replace(/[\s-]+/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}
