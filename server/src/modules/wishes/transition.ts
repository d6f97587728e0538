import { and, desc, eq, ne } from 'drizzle-orm';
import { AppError, nextWishStatus, NOTICE_PAGES, wishStatusLabels, type WishAction, type WishActor } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';
import type { WishRow } from '../../policies/wishes';
import { audit } from '../audit/service';
import { field, notify } from '../notices/notify';

const { wishes, wishEvents, wishAdoptions, members } = schema;

/** What a transition needs of its caller: a request's scope, or a job's (no one signed in). */
export interface WishScope {
  db: Db;
  now: Date;
  requestId: string;
  auth?: { userId: string } | undefined;
}

type Message = (w: WishRow) => { title: string; body: string };

/** What the wisher is told, per transition (nothing for their own steps). */
const TO_WISHER: Partial<Record<WishAction, Message>> = {
  request_changes: (w) => ({ title: '心愿需要修改', body: `工会请您修改“${w.title}”：${w.reviewNote ?? ''}` }),
  approve: (w) => ({ title: '心愿已发布', body: `您的心愿“${w.title}”已通过审核，正在等待爱心人士认领。` }),
  reject: (w) => ({ title: '心愿未通过审核', body: `您的心愿“${w.title}”未通过审核：${w.reviewNote ?? ''}` }),
  adopt: (w) => ({ title: '心愿被认领了', body: `有爱心人士认领了您的心愿“${w.title}”。` }),
  release: (w) => ({ title: '认领已取消', body: `“${w.title}”的认领已取消，心愿重新等待认领。` }),
  deliver: (w) => ({ title: '心愿已送到工会', body: `爱心人士已把“${w.title}”送到工会站点，工会确认后会通知您领取。` }),
  confirm_handover: (w) => ({ title: '请领取您的心愿', body: `“${w.title}”已在工会站点，请联系工会领取，收到后请在这里确认。` }),
  expire: (w) => ({ title: '心愿已到期', body: `“${w.title}”到期未被认领，您可以重新提交新的心愿。` }),
};

/** What the donor is told (the adoption's donor; nothing for their own steps). */
const TO_DONOR: Partial<Record<WishAction, Message>> = {
  release: (w) => ({ title: '认领已取消', body: `您认领的心愿“${w.publicTitle ?? ''}”已取消认领（超过送达期限或由工会取消）。` }),
  confirm_handover: (w) => ({ title: '工会已确认收到', body: `您送达的“${w.publicTitle ?? ''}”工会已确认收到，将转交心愿人。` }),
  confirm_receipt: (w) => ({ title: '心愿人已收到', body: `您认领的“${w.publicTitle ?? ''}”心愿人已确认收到，谢谢您！` }),
  thank: (w) => ({ title: '收到一封感谢信', body: `“${w.publicTitle ?? ''}”的心愿人给您写了感谢的话。` }),
};

async function tell(scope: WishScope, userId: string, w: WishRow, action: WishAction, msg: { title: string; body: string }, page: 'myWish' | 'donorWish') {
  await notify(scope, {
    userId,
    kind: `wish.${action}`,
    title: msg.title,
    body: msg.body,
    link: { page: NOTICE_PAGES[page], id: w.id },
    subscribe: {
      template: 'wish_progress',
      data: { thing1: field.thing(page === 'myWish' ? w.title : (w.publicTitle ?? w.title)), phrase2: field.phrase(wishStatusLabels[w.status]), time3: field.time(scope.now), thing4: field.thing(msg.title) },
    },
  });
}

/**
 * Takes one transition of the table: the conditional update (the status it was read in, so a
 * concurrent change makes this one 409), the timeline row, the audit record and the notices to
 * each side, all in the caller's transaction.
 */
export async function wishTransition(
  scope: WishScope,
  w: WishRow,
  action: WishAction,
  by: { actor: WishActor; note?: string | null; set?: Partial<typeof wishes.$inferInsert> },
): Promise<WishRow> {
  const to = nextWishStatus(action, w.status);
  if (!to) throw new AppError('WISH_INVALID_STATE', { status: w.status, action });
  const [row] = await scope.db
    .update(wishes)
    .set({ ...by.set, status: to, updatedAt: scope.now })
    .where(and(eq(wishes.id, w.id), eq(wishes.status, w.status)))
    .returning();
  if (!row) throw new AppError('WISH_INVALID_STATE', { status: w.status, action });
  await scope.db.insert(wishEvents).values({
    wishId: w.id,
    at: scope.now,
    actorUserId: by.actor === 'system' ? null : (scope.auth?.userId ?? null),
    actor: by.actor,
    action,
    fromStatus: w.status,
    toStatus: to,
    note: by.note ?? null,
  });
  await audit(scope, `wish.${action}`, { type: 'wish', id: w.id }, { from: w.status, to, actor: by.actor });

  const toWisher = TO_WISHER[action];
  if (toWisher && by.actor !== 'wisher') {
    const [m] = await scope.db.select({ userId: members.userId }).from(members).where(eq(members.id, w.memberId));
    if (m) await tell(scope, m.userId, row, action, toWisher(row), 'myWish');
  }
  const toDonor = TO_DONOR[action];
  if (toDonor && by.actor !== 'donor') {
    const [a] = await scope.db
      .select({ donor: wishAdoptions.donorUserId })
      .from(wishAdoptions)
      .where(and(eq(wishAdoptions.wishId, w.id), action === 'release' ? eq(wishAdoptions.status, 'released') : ne(wishAdoptions.status, 'released')))
      .orderBy(desc(wishAdoptions.adoptedAt))
      .limit(1);
    if (a) await tell(scope, a.donor, row, action, toDonor(row), 'donorWish');
  }
  return row;
}

/** The first timeline row of a wish: written as a draft by the wisher or by staff for them. */
export async function wishCreated(scope: WishScope, w: WishRow, actor: 'wisher' | 'staff'): Promise<void> {
  await scope.db.insert(wishEvents).values({ wishId: w.id, at: scope.now, actorUserId: scope.auth?.userId ?? null, actor, action: 'create', fromStatus: null, toStatus: w.status });
  await audit(scope, 'wish.create', { type: 'wish', id: w.id }, { actor });
}
