/* What deleting an account (注销) does to the wishes side: nobody is left waiting on a person who is gone. */
import { and, eq, inArray } from 'drizzle-orm';
import { schema } from '../../db/index';
import type { Scope } from '../../scope/scope';
import { adoptionReleaser } from './adoptions';
import { wishTransition } from './transition';

const { wishes, wishAdoptions, wishMessages, donorProfiles } = schema;
const BEFORE_ADOPTION = ['draft', 'submitted', 'changes_requested', 'published'] as const;

/**
 * A donor: undelivered adoptions are released (the wishes go back to the square and their wishers
 * are told), the profile goes. A wisher: wishes nobody adopted yet are withdrawn. Either side: the
 * messages they wrote go. Adoptions already delivered stay, so the wisher still receives the item.
 */
export async function wishesOfDeletedAccount(scope: Scope, memberIds: string[]): Promise<void> {
  const { db, auth } = scope;
  const held = await db
    .select({ w: wishes })
    .from(wishAdoptions)
    .innerJoin(wishes, eq(wishes.id, wishAdoptions.wishId))
    .where(and(eq(wishAdoptions.donorUserId, auth.userId), eq(wishAdoptions.status, 'active')))
    .for('update');
  for (const { w } of held) await adoptionReleaser(scope, w, { actor: 'system', releasedBy: 'donor', note: '爱心人士已注销账号，认领自动取消' });
  await db.delete(donorProfiles).where(eq(donorProfiles.userId, auth.userId));
  await db.delete(wishMessages).where(eq(wishMessages.senderUserId, auth.userId));
  if (memberIds.length === 0) return;
  const open = await db
    .select()
    .from(wishes)
    .where(and(inArray(wishes.memberId, memberIds), inArray(wishes.status, [...BEFORE_ADOPTION])))
    .for('update');
  for (const w of open) await wishTransition(scope, w, 'withdraw', { actor: 'system', note: '心愿人已注销账号' });
}
