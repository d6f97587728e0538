import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { AppError, type SessionResponse } from '@gonghui/shared';
import { blindIndex, newToken, sha256, signTicket, sixDigitCode, verifyTicket } from '../../crypto';
import { schema, type Db } from '../../db/index';
import type { Deps } from '../../deps';
import { LIMITS, assertUnderLimit, recordFailure } from '../../http/rateLimit';
import { loadMe } from './me';

const { users, sessions, smsCodes } = schema;

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_RESEND_AFTER_S = 60;
export const SMS_PER_PHONE_PER_HOUR = 5;
export const SMS_PER_IP_PER_HOUR = 20;
export const SMS_MAX_FAILED_ATTEMPTS = 5;
const BIND_TICKET_TTL_MS = 10 * 60_000;

const codeHash = (deps: Deps, phone: string, code: string) => blindIndex(deps.keys, `sms:${phone}:${code}`);

/** Issues a login code; rate-limited per phone (1/min, 5/h) and per IP (20/h), counted in the database so every process agrees. */
export async function smsCodeSender(deps: Deps, phone: string, ip: string): Promise<{ sent: true; resendAfterSeconds: number }> {
  const now = deps.clock.now();
  const code = sixDigitCode();
  const id = await deps.db.transaction(async (tx) => {
    // One request per IP and per phone at a time (always in this order), so parallel requests cannot both pass a count.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'sms-ip:' + ip}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'sms:' + phone}))`);
    const hourAgo = new Date(now.getTime() - 3600_000);
    const [perPhone] = await tx
      .select({ n: sql<number>`count(*)::int`, last: sql<Date | null>`max(${smsCodes.createdAt})` })
      .from(smsCodes)
      .where(and(eq(smsCodes.phone, phone), gt(smsCodes.createdAt, hourAgo)));
    const [perIp] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(smsCodes)
      .where(and(eq(smsCodes.ip, ip), gt(smsCodes.createdAt, hourAgo)));
    const last = perPhone?.last ? new Date(perPhone.last).getTime() : 0;
    if (now.getTime() - last < SMS_RESEND_AFTER_S * 1000) throw new AppError('SMS_RATE_LIMITED', { retryAfterSeconds: SMS_RESEND_AFTER_S });
    if ((perPhone?.n ?? 0) >= SMS_PER_PHONE_PER_HOUR || (perIp?.n ?? 0) >= SMS_PER_IP_PER_HOUR) throw new AppError('SMS_RATE_LIMITED');
    const [row] = await tx
      .insert(smsCodes)
      .values({ phone, ip, codeHash: codeHash(deps, phone, code), createdAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS) })
      .returning({ id: smsCodes.id });
    return row!.id;
  });
  try {
    await deps.sms.send(phone, code);
  } catch (err) {
    // A code the person never received must not count as usable.
    await deps.db.update(smsCodes).set({ consumedAt: now }).where(eq(smsCodes.id, id));
    throw err instanceof AppError ? err : new AppError('SMS_UNAVAILABLE');
  }
  return { sent: true, resendAfterSeconds: SMS_RESEND_AFTER_S };
}

type CodeCheck = 'ok' | 'invalid' | 'expired';

/** Checks and consumes the latest code for a phone: single use even under parallel attempts. */
async function consumeSmsCode(deps: Deps, phone: string, code: string): Promise<CodeCheck> {
  const now = deps.clock.now();
  const [latest] = await deps.db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), isNull(smsCodes.consumedAt)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!latest || latest.expiresAt.getTime() <= now.getTime() || latest.failedAttempts >= SMS_MAX_FAILED_ATTEMPTS) return 'expired';
  // Both outcomes are single conditional updates, so parallel guesses cannot exceed the limit
  // and a right code is consumed once.
  const used = await deps.db
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(
      and(
        eq(smsCodes.id, latest.id),
        isNull(smsCodes.consumedAt),
        eq(smsCodes.codeHash, codeHash(deps, phone, code)),
        lt(smsCodes.failedAttempts, SMS_MAX_FAILED_ATTEMPTS),
        gt(smsCodes.expiresAt, now),
      ),
    )
    .returning({ id: smsCodes.id });
  if (used.length === 1) return 'ok';
  if (latest.codeHash === codeHash(deps, phone, code)) return 'expired'; // right code, but used or expired meanwhile
  const counted = await deps.db
    .update(smsCodes)
    .set({ failedAttempts: sql`${smsCodes.failedAttempts} + 1` })
    .where(and(eq(smsCodes.id, latest.id), isNull(smsCodes.consumedAt), lt(smsCodes.failedAttempts, SMS_MAX_FAILED_ATTEMPTS)))
    .returning({ id: smsCodes.id });
  return counted.length === 1 ? 'invalid' : 'expired';
}

export async function sessionOpener(deps: Deps, userId: string, channel: 'sms' | 'wechat' | 'demo'): Promise<SessionResponse> {
  const token = newToken();
  const expiresAt = new Date(deps.clock.now().getTime() + deps.config.sessionTtlMs);
  const [s] = await deps.db
    .insert(sessions)
    .values({ tokenHash: sha256(token), userId, channel, expiresAt, createdAt: deps.clock.now() })
    .returning({ id: sessions.id });
  return { token, expiresAt: expiresAt.toISOString(), me: await loadMe(deps, userId, s!.id) };
}

async function findOrCreateUser(db: Db, phone: string): Promise<string> {
  await db.insert(users).values({ phone }).onConflictDoNothing({ target: users.phone });
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  return u!.id;
}

/** SMS login; signs up a new account on first use, and binds a pending WeChat openid if a ticket comes along. */
export async function smsLoginer(deps: Deps, phone: string, code: string, ip: string, bindTicket?: string): Promise<SessionResponse> {
  const bucket = `sms-login:${ip}`;
  await assertUnderLimit(deps.db, deps.clock, bucket, LIMITS.smsLoginFail);
  let openid: string | undefined;
  if (bindTicket) {
    const payload = verifyTicket(deps.keys, bindTicket, deps.clock.now());
    if (!payload || payload.purpose !== 'wechat-bind' || typeof payload.openid !== 'string') throw new AppError('WECHAT_BIND_EXPIRED');
    openid = payload.openid;
  }
  const check = await consumeSmsCode(deps, phone, code);
  if (check !== 'ok') await recordFailure(deps.db, deps.clock, bucket);
  if (check === 'invalid') throw new AppError('SMS_CODE_INVALID');
  if (check === 'expired') throw new AppError('SMS_CODE_EXPIRED');
  const userId = await findOrCreateUser(deps.db, phone);
  if (openid) {
    await deps.db.transaction(async (tx) => {
      // The person proved both the WeChat identity and the phone: the openid moves to this account.
      await tx.update(users).set({ wechatOpenid: null }).where(eq(users.wechatOpenid, openid!));
      await tx.update(users).set({ wechatOpenid: openid! }).where(eq(users.id, userId));
    });
  }
  return sessionOpener(deps, userId, 'sms');
}

export async function wechatLoginer(deps: Deps, code: string) {
  const { openid } = await deps.wechat.code2Session(code);
  const [user] = await deps.db.select({ id: users.id }).from(users).where(eq(users.wechatOpenid, openid)).limit(1);
  if (user) return { needsBinding: false as const, ...(await sessionOpener(deps, user.id, 'wechat')) };
  const expiresAt = new Date(deps.clock.now().getTime() + BIND_TICKET_TTL_MS);
  return {
    needsBinding: true as const,
    bindTicket: signTicket(deps.keys, { purpose: 'wechat-bind', openid }, expiresAt),
    expiresAt: expiresAt.toISOString(),
  };
}

/** Demo mode only: sign in as a seeded account by phone. */
export async function demoLoginer(deps: Deps, phone: string): Promise<SessionResponse> {
  const [user] = await deps.db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).limit(1);
  if (!user) throw new AppError('ACCOUNT_NOT_FOUND');
  return sessionOpener(deps, user.id, 'demo');
}

export async function sessionRevoker(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.update(sessions).set({ revokedAt: deps.clock.now() }).where(eq(sessions.id, sessionId));
}
