/*
 * Messages relayed between a wisher and the donor of the wish's current adoption. Delivery goes
 * through the union station by default; the two sides talk only when both agreed, and then only
 * here: neither learns the other's phone, name or workplace (contact details are refused).
 */
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { AppError, contactAllowed, contactDetailsIn, conversationOpen, maskWisherName, NOTICE_PAGES, type WishConversation } from '@gonghui/shared';
import { schema } from '../../db/index';
import { donorWishRow, ownWishRow, staffWishRow, type AdoptionRow, type WishRow } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { notify } from '../notices/notify';
import { assertAnonymous } from './identity';
import { donorLooks, wishersOf } from './views';

const { wishAdoptions, wishMessages, members } = schema;
type Side = 'wisher' | 'donor';
type Lock = { forUpdate?: boolean };

/** The adoption a wisher's conversation belongs to: the latest one not released, or none. */
async function liveAdoption(scope: Scope, wishId: string, opts: Lock): Promise<AdoptionRow | null> {
  const q = scope.db
    .select()
    .from(wishAdoptions)
    .where(and(eq(wishAdoptions.wishId, wishId), ne(wishAdoptions.status, 'released')))
    .orderBy(desc(wishAdoptions.adoptedAt))
    .limit(1);
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  return a ?? null;
}

/** The wish and adoption as this side may see them, or 404 (a stranger, another donor, the wisher's own union staff excepted). */
async function sideOf(scope: Scope, side: Side, wishId: string, opts: Lock = {}): Promise<{ w: WishRow; a: AdoptionRow | null }> {
  if (side === 'donor') return donorWishRow(scope, wishId, opts);
  const w = await ownWishRow(scope, wishId, opts);
  return { w, a: await liveAdoption(scope, w.id, opts) };
}

async function conversationOf(scope: Scope, viewer: Side | 'staff', w: WishRow, a: AdoptionRow | null): Promise<WishConversation> {
  const wisherAgreed = !!a?.wisherContactAt;
  const donorAgreed = !!a?.donorContactAt;
  const rows = a ? await scope.db.select().from(wishMessages).where(eq(wishMessages.adoptionId, a.id)).orderBy(asc(wishMessages.id)) : [];
  const other = viewer === 'donor' ? `心愿人 ${maskWisherName((await wishersOf(scope.db, [w.memberId])).get(w.memberId)?.name ?? '')}` : ((await donorLooks(scope.db, [a?.donorUserId ?? null]))(a?.donorUserId ?? null)?.displayName ?? '爱心人士');
  return {
    otherName: other,
    meAgreed: viewer === 'donor' ? donorAgreed : viewer === 'wisher' ? wisherAgreed : false,
    otherAgreed: viewer === 'donor' ? wisherAgreed : viewer === 'wisher' ? donorAgreed : false,
    open: !!a && conversationOpen(a.status, w.status, wisherAgreed, donorAgreed),
    canAgree: viewer !== 'staff' && !!a && contactAllowed(a.status, w.status),
    messages: rows.map((m) => ({ id: String(m.id), from: m.sender, mine: m.sender === viewer, text: m.body, at: m.at.toISOString() })),
  };
}

/** Who gets the notice for this side's step: the donor's account, or the wisher's member account. */
async function otherUser(scope: Scope, side: Side, w: WishRow, a: AdoptionRow): Promise<string | null> {
  if (side === 'wisher') return a.donorUserId;
  const [m] = await scope.db.select({ userId: members.userId }).from(members).where(eq(members.id, w.memberId));
  return m?.userId ?? null;
}

async function tellOther(scope: Scope, side: Side, w: WishRow, a: AdoptionRow, title: string, body: string) {
  const userId = await otherUser(scope, side, w, a);
  if (!userId) return;
  const page = side === 'wisher' ? NOTICE_PAGES.donorWish : NOTICE_PAGES.myWish;
  await notify(scope, { userId, kind: 'wish.message', title, body, link: { page, id: w.id } });
}

export async function conversation(scope: Scope, side: Side, id: string): Promise<WishConversation> {
  const { w, a } = await sideOf(scope, side, id);
  return conversationOf(scope, side, w, a);
}

/** Agrees to talk (the other side is told), or withdraws: the conversation closes for both. */
export async function contactConsenter(scope: Scope, side: Side, id: string, agree: boolean): Promise<WishConversation> {
  const { w, a } = await sideOf(scope, side, id, { forUpdate: true });
  if (!a || (agree && !contactAllowed(a.status, w.status))) throw new AppError('WISH_INVALID_STATE', { status: w.status, action: 'contact' });
  const column = side === 'wisher' ? 'wisherContactAt' : 'donorContactAt';
  const was = !!a[column];
  const [row] = await scope.db
    .update(wishAdoptions)
    .set({ [column]: agree ? (a[column] ?? scope.now) : null })
    .where(eq(wishAdoptions.id, a.id))
    .returning();
  if (agree && !was) {
    const title = side === 'wisher' ? '心愿人同意与您留言联系' : '爱心人士想与您留言联系';
    await tellOther(scope, side, w, a, title, `关于“${side === 'wisher' ? (w.publicTitle ?? '') : w.title}”，对方同意通过平台留言沟通（不会显示双方的电话和身份）。`);
  }
  if (was !== agree) await audit(scope, agree ? 'wish.contact_agree' : 'wish.contact_withdraw', { type: 'wish', id: w.id }, { side });
  return conversationOf(scope, side, w, row!);
}

/** One relayed message: only while the conversation is open, and never carrying contact details or the wisher's identity. */
export async function messageSender(scope: Scope, side: Side, id: string, text: string): Promise<WishConversation> {
  const { w, a } = await sideOf(scope, side, id, { forUpdate: true });
  if (!a || !conversationOpen(a.status, w.status, !!a.wisherContactAt, !!a.donorContactAt)) throw new AppError('WISH_CONTACT_CLOSED');
  const found = contactDetailsIn(text);
  if (found.length) throw new AppError('WISH_MESSAGE_CONTACT', { issues: [{ path: 'body.text', message: '为保护双方隐私，留言里请不要写手机号、微信号或证件号' }] });
  if (side === 'wisher') await assertAnonymous(scope, w, scope.deps, { text });
  await scope.db.insert(wishMessages).values({ adoptionId: a.id, sender: side, senderUserId: scope.auth.userId, body: text, at: scope.now });
  const preview = Array.from(text).length > 30 ? Array.from(text).slice(0, 29).join('') + '…' : text;
  await tellOther(scope, side, w, a, side === 'wisher' ? '心愿人给您留言' : '爱心人士给您留言', preview);
  return conversationOf(scope, side, w, a);
}

/** Staff of the wish's subtree read the conversation (safeguarding); the read is audited. */
export async function staffConversation(scope: Scope, id: string): Promise<WishConversation> {
  const w = await staffWishRow(scope, id);
  const a = await liveAdoption(scope, w.id, {});
  await audit(scope, 'wish.read_messages', { type: 'wish', id: w.id });
  return conversationOf(scope, 'staff', w, a);
}
