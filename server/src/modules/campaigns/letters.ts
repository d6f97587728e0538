/* 慰问信: staff send a letter to every targeted member (filled with their name); members open it; families read a shared copy. */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, fillLetter, maskName, NOTICE_PAGES, shanghaiDate, unknownPlaceholders, type LetterInput, type StaffLetterView } from '@gonghui/shared';
import { queryRows, schema } from '../../db/index';
import { assertArchiveAudience, campaignPolicy, staffCampaignRow } from '../../policies/campaigns';
import { pathInScope } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import type { PublicScope, Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { notify } from '../notices/notify';

const { campaignLetters, campaignLetterRecipients, members, unions } = schema;
type LetterRow = typeof campaignLetters.$inferSelect;

const textArray = (values: readonly string[]) => (values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`);

async function letterView(scope: Scope, l: LetterRow, unionName: string): Promise<StaffLetterView> {
  const [c] = await queryRows<{ n: number; opened: number }>(scope.db, sql`select count(*)::int as n, count(opened_at)::int as opened from campaign_letter_recipients where letter_id = ${l.id}`);
  return { id: l.id, title: l.title, template: l.template as StaffLetterView['template'], unionName, sentAt: l.sentAt.toISOString(), recipients: Number(c?.n ?? 0), opened: Number(c?.opened ?? 0) };
}

/**
 * Sends the letter to every active member of the audience (the same groups as an offer: tags or
 * archive categories, none = everyone), each with a notice in the same transaction.
 */
export async function letterSender(scope: Scope, { id, input }: { id: string; input: LetterInput }): Promise<StaffLetterView> {
  const c = await staffCampaignRow(scope, id);
  campaignPolicy.authorize(scope, 'addOffer', c);
  const u = await scopedUnion(scope, input.audience.unionId);
  const problems: { path: string; message: string }[] = [];
  if (!u.path.startsWith(c.unionPath)) problems.push({ path: 'audience.unionId', message: '收信的工会须在本活动的工会范围内' });
  assertArchiveAudience(scope.auth, u.path, input.audience.archiveCategories);
  const unknown = unknownPlaceholders(`${input.title}${input.body}`);
  if (unknown.length) problems.push({ path: 'body', message: `无法识别的占位符：${unknown.join('、')}（可用：{姓名}、{工会}、{年份}）` });
  if (problems.length) throw new AppError('LETTER_INVALID', { issues: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
  const { tags, archiveCategories } = input.audience;
  const anyone = tags.length === 0 && archiveCategories.length === 0;
  const audience = await queryRows<{ id: string; user_id: string; name: string }>(
    scope.db,
    sql`select m.id, m.user_id, m.name from members m join unions un on un.id = m.union_id
        where m.status = 'active' and un.path like ${`${u.path}%`}
          and (${anyone} or m.tags && ${textArray(tags)}
               or exists (select 1 from hardship_archive ha where ha.member_id = m.id and ha.status = 'active' and ha.category = any(${textArray(archiveCategories)})))
        order by m.member_no`,
  );
  if (audience.length === 0) throw new AppError('LETTER_NO_RECIPIENTS');
  const [sender] = await scope.db.select({ name: unions.name }).from(unions).where(eq(unions.id, c.unionId));
  const year = Number(c.endsOn.slice(0, 4));
  const [l] = await scope.db
    .insert(campaignLetters)
    .values({ campaignId: c.id, unionId: c.unionId, unionPath: c.unionPath, template: input.template, title: input.title, body: input.body, year, sentBy: scope.auth.userId, sentAt: scope.now })
    .returning();
  await scope.db.insert(campaignLetterRecipients).values(audience.map((m) => ({ letterId: l!.id, memberId: m.id, userId: m.user_id, memberName: m.name, shareToken: randomBytes(18).toString('base64url'), createdAt: scope.now })));
  const recipients = await scope.db.select({ id: campaignLetterRecipients.id, userId: campaignLetterRecipients.userId }).from(campaignLetterRecipients).where(eq(campaignLetterRecipients.letterId, l!.id));
  for (const r of recipients) {
    await notify(scope, { userId: r.userId, kind: 'campaign.letter', title: `${sender?.name ?? ''}给您的${input.title}`, body: '点击阅读工会的新春慰问信，也可以转给家人看。', link: { page: NOTICE_PAGES.letter, id: r.id } });
  }
  await audit(scope, 'campaign.send_letter', { type: 'campaign', id: c.id }, { letterId: l!.id, recipients: recipients.length });
  return letterView(scope, l!, sender?.name ?? '');
}

export async function campaignLetterList(scope: Scope, { id }: { id: string }) {
  const c = await staffCampaignRow(scope, id);
  const rows = await scope.db.select().from(campaignLetters).where(eq(campaignLetters.campaignId, c.id)).orderBy(desc(campaignLetters.sentAt));
  const [u] = await scope.db.select({ name: unions.name }).from(unions).where(eq(unions.id, c.unionId));
  return { data: await Promise.all(rows.map((l) => letterView(scope, l, u?.name ?? ''))) };
}

/** Who got the letter and who opened it (names masked). */
export async function letterRecipientList(scope: Scope, { id }: { id: string }) {
  const [l] = await scope.db.select().from(campaignLetters).where(eq(campaignLetters.id, id)).limit(1);
  if (!l || !pathInScope(scope.auth, l.unionPath)) throw new AppError('LETTER_NOT_FOUND');
  const rows = await scope.db
    .select({ name: campaignLetterRecipients.memberName, memberNo: members.memberNo, unionName: unions.name, openedAt: campaignLetterRecipients.openedAt })
    .from(campaignLetterRecipients)
    .innerJoin(members, eq(members.id, campaignLetterRecipients.memberId))
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(campaignLetterRecipients.letterId, l.id))
    .orderBy(members.memberNo);
  return { data: rows.map((r) => ({ memberName: maskName(r.name), memberNo: r.memberNo, unionName: r.unionName, openedAt: r.openedAt?.toISOString() ?? null })) };
}

async function filled(scope: { db: Scope['db'] }, recipient: { letterId: string; memberName: string }) {
  const [l] = await scope.db.select().from(campaignLetters).where(eq(campaignLetters.id, recipient.letterId));
  const [u] = await scope.db.select({ name: unions.name }).from(unions).where(eq(unions.id, l!.unionId));
  const f = { name: recipient.memberName, union: u?.name ?? '', year: l!.year };
  return { l: l!, unionName: f.union, title: fillLetter(l!.title, f), body: fillLetter(l!.body, f) };
}

/** The member's own letter; the first read is recorded as opened. Anyone else's is 404. */
export async function myLetterReader(scope: Scope, { id }: { id: string }) {
  const [r] = await scope.db.select().from(campaignLetterRecipients).where(and(eq(campaignLetterRecipients.id, id), eq(campaignLetterRecipients.userId, scope.auth.userId))).limit(1);
  if (!r) throw new AppError('LETTER_NOT_FOUND');
  if (!r.openedAt) await scope.db.update(campaignLetterRecipients).set({ openedAt: scope.now }).where(and(eq(campaignLetterRecipients.id, r.id), sql`${campaignLetterRecipients.openedAt} is null`));
  const f = await filled(scope, r);
  return { id: r.id, title: f.title, body: f.body, unionName: f.unionName, sentAt: f.l.sentAt.toISOString(), shareToken: r.shareToken };
}

/** The family's copy, by the share token only: the letter's words and the union, nothing else. */
export async function familyLetterReader(scope: PublicScope, { token }: { token: string }) {
  const [r] = await scope.db.select().from(campaignLetterRecipients).where(eq(campaignLetterRecipients.shareToken, token)).limit(1);
  if (!r) throw new AppError('LETTER_NOT_FOUND');
  const f = await filled(scope, r);
  return { title: f.title, body: f.body, unionName: f.unionName, sentOn: shanghaiDate(f.l.sentAt) };
}
