import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys derived from GONGHUI_SECRET, one per purpose. */
export interface Keys {
  /** AES-256-GCM for personal data at rest. */
  encryption: Buffer;
  /** HMAC for blind indexes (find a row by ID number without storing it in clear). */
  index: Buffer;
  /** HMAC for signed tickets and short-lived codes. */
  signing: Buffer;
}

export function deriveKeys(secret: string): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'gonghui', info, 32));
  return { encryption: derive('pii-encryption-v1'), index: derive('blind-index-v1'), signing: derive('signing-v1') };
}

/** "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encrypt(keys: Keys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decrypt(keys: Keys, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function blindIndex(keys: Keys, value: string): string {
  return createHmac('sha256', keys.index).update(value).digest('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** 128-bit random session token. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A compact signed payload "<b64 json>.<hmac>" with an expiry, for tickets that travel via the client. */
export function signTicket(keys: Keys, payload: Record<string, unknown>, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: expiresAt.getTime() })).toString('base64url');
  const mac = createHmac('sha256', keys.signing).update(body).digest('base64url');
  return `${body}.${mac}`;
}

export function verifyTicket(keys: Keys, ticket: string, now: Date): Record<string, unknown> | null {
  const [body, mac] = ticket.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', keys.signing).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof payload.exp !== 'number' || payload.exp < now.getTime()) return null;
    return payload;
  } catch {
    return null;
  }
}

/** A 6-digit code from a CSPRNG. */
export function sixDigitCode(): string {
  return String(randomBytes(4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

const SEALED_BYTES = Buffer.from('GHB1');

/** Bytes sealed with the same AES-256-GCM key as personal data: "GHB1" | iv (12) | tag (16) | ciphertext. */
export function encryptBytes(keys: Keys, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([SEALED_BYTES, iv, cipher.getAuthTag(), ct]);
}

export function decryptBytes(keys: Keys, sealed: Buffer): Buffer {
  if (sealed.length < 32 || !sealed.subarray(0, 4).equals(SEALED_BYTES)) throw new Error('unknown sealed-bytes format');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, sealed.subarray(4, 16));
  decipher.setAuthTag(sealed.subarray(16, 32));
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
}
