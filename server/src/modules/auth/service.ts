import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { AppError, type SessionResponse } from '@gonghui/shared';
import { blindIndex, newToken, sha256, signTicket, sixDigitCode, verifyTicket } from '../../crypto';
import { schema } from '../../db/index';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import { announce } from '../../rush/signals';
import type { PublicScope, Scope } from '../../scope/scope';
import { loadMe } from './me';

const { users, sessions, smsCodes, usedTickets } = schema;

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_RESEND_AFTER_S = 60;
export const SMS_PER_PHONE_PER_HOUR = 5;
export const SMS_PER_IP_PER_HOUR = 20;
export const SMS_MAX_FAILED_ATTEMPTS = 5;
const BIND_TICKET_TTL_MS = 10 * 60_000;

const codeHash = (scope: PublicScope, phone: string, code: string) => blindIndex(scope.deps.keys, `sms:${phone}:${code}`);

/** Issues a login code; rate-limited per phone (1/min, 5/h) and per IP (20/h), counted in the database so every process agrees. */
export async function smsCodeSender(scope: PublicScope, { phone }: { phone: string }): Promise<{ sent: true; resendAfterSeconds: number }> {
  const { db, now, ip } = scope;
  const code = sixDigitCode();
  // One request per IP and per phone at a time (always in this order), so parallel requests cannot both pass a count.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'sms-ip:' + ip}))`);
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'sms:' + phone}))`);
  const hourAgo = new Date(now.getTime() - 3600_000);
  const [perPhone] = await db
    .select({ n: sql<number>`count(*)::int`, last: sql<Date | null>`max(${smsCodes.createdAt})` })
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), gt(smsCodes.createdAt, hourAgo)));
  const [perIp] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(smsCodes)
    .where(and(eq(smsCodes.ip, ip), gt(smsCodes.createdAt, hourAgo)));
  const last = perPhone?.last ? new Date(perPhone.last).getTime() : 0;
  if (now.getTime() - last < SMS_RESEND_AFTER_S * 1000) throw new AppError('SMS_RATE_LIMITED', { retryAfterSeconds: SMS_RESEND_AFTER_S });
  if ((perPhone?.n ?? 0) >= SMS_PER_PHONE_PER_HOUR || (perIp?.n ?? 0) >= SMS_PER_IP_PER_HOUR) throw new AppError('SMS_RATE_LIMITED');
  const [row] = await db
    .insert(smsCodes)
    .values({ phone, ip, codeHash: codeHash(scope, phone, code), createdAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS) })
    .returning({ id: smsCodes.id });
  // The gateway is called once the code is saved, never while the transaction holds the database.
  scope.afterCommit(async (pool) => {
    try {
      await scope.deps.sms.send(phone, code);
    } catch (err) {
      // A code the person never received must not count as usable.
      await pool.update(smsCodes).set({ consumedAt: now }).where(eq(smsCodes.id, row!.id));
      throw err instanceof AppError ? err : new AppError('SMS_UNAVAILABLE');
    }
  });
  return { sent: true, resendAfterSeconds: SMS_RESEND_AFTER_S };
}

/**
 * Checks and consumes the latest code for a phone: single use even under parallel attempts. A
 * wrong guess is counted after the refusal rolls the request back, by one conditional update, so
 * parallel guesses cannot exceed the limit.
 */
async function consumeSmsCode(scope: PublicScope, phone: string, code: string): Promise<'ok' | 'invalid' | 'expired'> {
  const { db, now } = scope;
  const [latest] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), isNull(smsCodes.consumedAt)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!latest || latest.expiresAt.getTime() <= now.getTime() || latest.failedAttempts >= SMS_MAX_FAILED_ATTEMPTS) return 'expired';
  const hash = codeHash(scope, phone, code);
  const used = await db
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(and(eq(smsCodes.id, latest.id), isNull(smsCodes.consumedAt), eq(smsCodes.codeHash, hash), lt(smsCodes.failedAttempts, SMS_MAX_FAILED_ATTEMPTS), gt(smsCodes.expiresAt, now)))
    .returning({ id: smsCodes.id });
  if (used.length === 1) return 'ok';
  if (latest.codeHash === hash) return 'expired'; // right code, but used or expired meanwhile
  scope.onRefusal(async (db) => {
    const counted = await db
      .update(smsCodes)
      .set({ failedAttempts: sql`${smsCodes.failedAttempts} + 1` })
      .where(and(eq(smsCodes.id, latest.id), isNull(smsCodes.consumedAt), lt(smsCodes.failedAttempts, SMS_MAX_FAILED_ATTEMPTS)))
      .returning({ id: smsCodes.id });
    // Parallel guesses used up the code's tries meanwhile: this one is told the code is gone.
    if (counted.length === 0) return new AppError('SMS_CODE_EXPIRED');
  });
  return 'invalid';
}

/** Opens a session; a sign-in that carries the accepted agreement version records it. */
export async function sessionOpener(scope: PublicScope, userId: string, channel: 'sms' | 'wechat' | 'demo', acceptTerms?: string): Promise<SessionResponse> {
  if (acceptTerms) await scope.db.update(users).set({ termsVersion: acceptTerms, termsAcceptedAt: scope.now }).where(eq(users.id, userId));
  const token = newToken();
  const expiresAt = new Date(scope.now.getTime() + scope.deps.config.sessionTtlMs);
  const [s] = await scope.db.insert(sessions).values({ tokenHash: sha256(token), userId, channel, expiresAt, createdAt: scope.now }).returning({ id: sessions.id });
  return { token, expiresAt: expiresAt.toISOString(), me: await loadMe(scope, userId, s!.id) };
}

async function findOrCreateUser(scope: PublicScope, phone: string): Promise<string> {
  await scope.db.insert(users).values({ phone }).onConflictDoNothing({ target: users.phone });
  const [u] = await scope.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  return u!.id;
}

/** A WeChat binding ticket is good once: spending it is recorded in the same transaction as the binding. */
async function spendBindTicket(scope: PublicScope, ticket: string): Promise<string> {
  const payload = verifyTicket(scope.deps.keys, ticket, scope.now);
  if (!payload || payload.purpose !== 'wechat-bind' || typeof payload.openid !== 'string' || typeof payload.exp !== 'number') throw new AppError('WECHAT_BIND_EXPIRED');
  // The signed part names the ticket: the signature's base64 may be spelled several ways.
  const spent = await scope.db
    .insert(usedTickets)
    .values({ ticketHash: sha256(ticket.split('.')[0]!), expiresAt: new Date(payload.exp) })
    .onConflictDoNothing()
    .returning({ ticketHash: usedTickets.ticketHash });
  if (spent.length === 0) throw new AppError('WECHAT_BIND_EXPIRED');
  return payload.openid;
}

/** SMS login; signs up a new account on first use, and binds a pending WeChat openid if a ticket comes along. */
export async function smsLoginer(scope: PublicScope, body: { phone: string; code: string; bindTicket?: string; acceptTerms?: string }): Promise<SessionResponse> {
  const bucket = `sms-login:${scope.ip}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.smsLoginFail);
  const check = await consumeSmsCode(scope, body.phone, body.code);
  if (check !== 'ok') {
    scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw new AppError(check === 'invalid' ? 'SMS_CODE_INVALID' : 'SMS_CODE_EXPIRED');
  }
  const openid = body.bindTicket ? await spendBindTicket(scope, body.bindTicket) : undefined;
  const userId = await findOrCreateUser(scope, body.phone);
  if (openid) {
    // The person proved both the WeChat identity and the phone: the openid moves to this account.
    await scope.db.update(users).set({ wechatOpenid: null }).where(eq(users.wechatOpenid, openid));
    await scope.db.update(users).set({ wechatOpenid: openid }).where(eq(users.id, userId));
  }
  return sessionOpener(scope, userId, 'sms', body.acceptTerms);
}

/** `openid` comes from WeChat's code2Session, called before the transaction (see the route). */
export async function wechatLoginer(scope: PublicScope, { openid, acceptTerms }: { openid: string; acceptTerms?: string }) {
  const [user] = await scope.db.select({ id: users.id }).from(users).where(eq(users.wechatOpenid, openid)).limit(1);
  if (user) return { needsBinding: false as const, ...(await sessionOpener(scope, user.id, 'wechat', acceptTerms)) };
  const expiresAt = new Date(scope.now.getTime() + BIND_TICKET_TTL_MS);
  return {
    needsBinding: true as const,
    bindTicket: signTicket(scope.deps.keys, { purpose: 'wechat-bind', openid }, expiresAt),
    expiresAt: expiresAt.toISOString(),
  };
}

/** Demo mode only: sign in as a seeded account by phone. */
export async function demoLoginer(scope: PublicScope, { phone, acceptTerms }: { phone: string; acceptTerms?: string }): Promise<SessionResponse> {
  const [user] = await scope.db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).limit(1);
  if (!user) throw new AppError('ACCOUNT_NOT_FOUND');
  return sessionOpener(scope, user.id, 'demo', acceptTerms);
}

export async function sessionRevoker(scope: Scope): Promise<{ ok: true }> {
  await scope.db.update(sessions).set({ revokedAt: scope.now }).where(eq(sessions.id, scope.auth.sessionId));
  await announce(scope.db, { kind: 'session', id: scope.auth.sessionId });
  return { ok: true };
}
