/* What deleting an account (注销) does to 聆听: the member's own words go; the union keeps that a request was made. */
import { and, eq, inArray } from 'drizzle-orm';
import { encrypt } from '../../crypto';
import { schema } from '../../db/index';
import type { Scope } from '../../scope/scope';

const { feedbackRequests, feedbackMessages } = schema;
export const DELETED_TEXT = '（职工已注销账号，内容已删除）';

/** The member's lines in every request they sent are replaced; category, dates and staff replies stay for the statistics. */
export async function feedbackOfDeletedAccount(scope: Scope): Promise<void> {
  const mine = scope.db.select({ id: feedbackRequests.id }).from(feedbackRequests).where(eq(feedbackRequests.userId, scope.auth.userId));
  await scope.db
    .update(feedbackMessages)
    .set({ textEnc: encrypt(scope.deps.keys, DELETED_TEXT) })
    .where(and(inArray(feedbackMessages.requestId, mine), eq(feedbackMessages.author, 'member')));
}
