/** Masking of personal data for every response that does not need the full value. */

/** "330502199001011234" → "3305**********1234". */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** "13800000001" → "138****0001". */
export function maskPhone(phone: string): string {
  // Seven characters or fewer would show every digit around the stars: mask them whole.
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** "张三" → "张*", "张小明" → "张*明", "欧阳小明" → "欧**明". */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Bank card: "6222021234567890123" → "6222 **** **** 0123". */
export function maskBankCard(card: string): string {
  if (card.length <= 8) return '*'.repeat(card.length);
  return `${card.slice(0, 4)} **** **** ${card.slice(-4)}`;
}
