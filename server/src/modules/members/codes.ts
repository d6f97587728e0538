import { randomInt } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import QRCode from 'qrcode';
import { AppError, type MemberAdminView, type MemberCode } from '@gonghui/shared';
import { isUniqueViolation, schema } from '../../db/index';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import { pathInScope } from '../../policies/staff';
import type { Scope } from '../../scope/scope';
import { memberForStaff } from './service';

const { memberCodes, members, unions } = schema;
export const MEMBER_CODE_TTL_MS = 60_000;

/** A fresh 12-digit code and its QR for the member card, valid one minute. */
export async function memberCodeIssuer(scope: Scope): Promise<MemberCode> {
  const { db, now } = scope;
  const memberId = scope.auth.memberId!;
  const expiresAt = new Date(now.getTime() + MEMBER_CODE_TTL_MS);
  await db.delete(memberCodes).where(and(eq(memberCodes.memberId, memberId), lte(memberCodes.expiresAt, now)));
  for (let attempt = 0; attempt < 5; attempt++) {
    const shortCode = String(randomInt(0, 1_000_000)).padStart(6, '0') + String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await db.insert(memberCodes).values({ code: shortCode, memberId, issuedAt: now, expiresAt });
    } catch (err) {
      if (isUniqueViolation(err)) continue;
      throw err;
    }
    const qr = await QRCode.toDataURL(`GHM1:${shortCode}`, { margin: 1, width: 280, errorCorrectionLevel: 'M' });
    return { qr, shortCode, expiresAt: expiresAt.toISOString() };
  }
  throw new Error('could not allocate a member code');
}

/**
 * Staff scan or type a member's code. A code that is unknown, expired or belongs to a member
 * outside the caller's subtree is one answer (404), counted per staff account so live codes
 * cannot be guessed.
 */
export async function memberCodeLookup(scope: Scope, { code }: { code: string }): Promise<MemberAdminView> {
  const bucket = `member-code-miss:${scope.auth.userId}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.redeemMiss);
  const [hit] = await scope.db
    .select({ memberId: memberCodes.memberId, unionPath: unions.path })
    .from(memberCodes)
    .innerJoin(members, eq(members.id, memberCodes.memberId))
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(and(eq(memberCodes.code, code), gt(memberCodes.expiresAt, scope.now)))
    .limit(1);
  if (!hit || !pathInScope(scope.auth, hit.unionPath)) {
    scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw new AppError('MEMBER_CODE_EXPIRED');
  }
  return memberForStaff(scope, { id: hit.memberId });
}
