import { and, eq, notInArray, sql } from 'drizzle-orm';
import { AppError, maskName } from '@gonghui/shared';
import { schema } from '../../db/index';
import { announce } from '../../rush/signals';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { enrollmentsReleaser } from '../activities/member';
import { unusedVoucherReleaser } from '../vouchers/claims';
import { wishesOfDeletedAccount } from '../wishes/account-deletion';
import { feedbackOfDeletedAccount } from '../feedback/account-deletion';
import { hardshipOfDeletedAccount } from '../hardship/applications';
import { pledgesOfDeletedAccount } from '../pledges/service';

const { users, sessions, members, donors, staffRoles, merchantStaff, memberCodes } = schema;

/**
 * Deletes the caller's account (注销账号). What goes: the phone number, the WeChat binding, every
 * session, the full name, the employer, the encrypted ID number and its blind index, the donor
 * profile and its undelivered adoptions (the wishes return to the square), wishes nobody adopted
 * yet (withdrawn), the messages they wrote, their words in 聆听 requests (replaced; the requests stay for
 * the statistics), unused vouchers of batches still open (their stock
 * returns), places in activities not yet started (the waitlist moves up). What the union keeps, masked: the membership
 * record (member number, union, dates, masked name and ID number) for its membership statistics,
 * and redemptions already made, which settle money with merchants (kept under the accounting
 * archive rules). Staff and cashiers are removed by their admin first.
 */
export async function deleteAccount(scope: Scope): Promise<{ ok: true }> {
  const { db, now, auth } = scope;
  const [role] = await db.select({ userId: staffRoles.userId }).from(staffRoles).where(eq(staffRoles.userId, auth.userId)).limit(1);
  const [till] = await db.select({ userId: merchantStaff.userId }).from(merchantStaff).where(eq(merchantStaff.userId, auth.userId)).limit(1);
  if (role || till) throw new AppError('ACCOUNT_HAS_ROLES');

  // Locked first: a claim from another session either finished (and its voucher is released
  // below) or waits and then sees the member gone.
  const mine = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.userId, auth.userId), notInArray(members.status, ['left'])))
    .for('update');
  for (const m of mine) {
    await unusedVoucherReleaser(scope, { memberId: m.id });
    await enrollmentsReleaser(scope, { memberId: m.id });
    await db.delete(memberCodes).where(eq(memberCodes.memberId, m.id));
    await db
      .update(members)
      .set({ status: 'left', name: maskName(m.name), employer: '', idNumberEnc: '', idNumberHash: `deleted:${m.id}`, tags: [] })
      .where(eq(members.id, m.id));
  }
  await wishesOfDeletedAccount(scope, mine.map((m) => m.id));
  await feedbackOfDeletedAccount(scope);
  await hardshipOfDeletedAccount(scope, mine.map((m) => m.id));
  await pledgesOfDeletedAccount(scope);
  await db.delete(donors).where(eq(donors.userId, auth.userId));
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, auth.userId), sql`${sessions.revokedAt} is null`));
  await announce(db, { kind: 'user', id: auth.userId });
  await db
    .update(users)
    .set({ phone: `deleted:${auth.userId}`, displayName: '', wechatOpenid: null, deletedAt: now })
    .where(eq(users.id, auth.userId));
  await audit(scope, 'account.delete', { type: 'user', id: auth.userId }, { memberIds: mine.map((m) => m.id) });
  return { ok: true };
}

