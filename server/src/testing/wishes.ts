/* Wishes and donors for tests, made through the API as people would; accounts without a role are inserted (SMS sign-up is tested elsewhere). */
import { sql } from 'drizzle-orm';
import { api, shanghaiDate, type DonorProfileInput, type WishInput } from '@gonghui/shared';
import { queryRows, schema } from '../db/index';
import type { TestApp } from './harness';

export const DAY = 86400_000;
export const CITY_ADMIN = '13900000001';

export const dateIn = (app: TestApp, days: number) => shanghaiDate(new Date(app.clock.now().getTime() + days * DAY));

export function wishInput(app: TestApp, o: Partial<WishInput> = {}): WishInput {
  return { category: 'study', kind: 'material', title: '孩子的学习用品', story: '孩子上小学三年级，想要一个新书包和一套文具。', valueFen: 20_000, wishedBy: dateIn(app, 30), submit: true, ...o };
}

function ok<T extends { status: number; text: string }>(r: T, want: number, what: string): T {
  if (r.status !== want) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r;
}

/** A member's wish, submitted to their union. */
export async function submittedWish(app: TestApp, memberToken: string, o: Partial<WishInput> = {}): Promise<string> {
  return ok(await app.call(api.createWish, { body: wishInput(app, o), token: memberToken }), 201, 'create wish').body.id;
}

export async function approveWish(app: TestApp, staffToken: string, id: string): Promise<void> {
  ok(await app.call(api.reviewWish, { params: { id }, body: { decision: 'approve' }, token: staffToken }), 200, 'approve');
}

export async function publishedWish(app: TestApp, memberToken: string, staffToken: string, o: Partial<WishInput> = {}): Promise<string> {
  const id = await submittedWish(app, memberToken, o);
  await approveWish(app, staffToken, id);
  return id;
}

/** A signed-in account with no role at all (anyone may become a donor). */
export async function plainUser(app: TestApp, phone: string): Promise<string> {
  await app.deps.db.insert(schema.users).values({ phone }).onConflictDoNothing();
  return app.login(phone);
}

export async function donor(app: TestApp, phone: string, profile: DonorProfileInput = { kind: 'individual', displayName: '爱心人士甲', showName: true }): Promise<string> {
  const token = await plainUser(app, phone);
  const r = await app.call(api.createDonorProfile, { body: profile, token });
  if (r.status !== 201 && r.error?.code !== 'DONOR_PROFILE_EXISTS') throw new Error(`donor: ${r.status} ${r.text}`);
  return token;
}

/** Phones of active members of a union (by name), in a stable order. */
export async function phonesIn(app: TestApp, unionName: string, n: number, offset = 0): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id join unions un on un.id = m.union_id
        where un.name = ${unionName} and m.status = 'active' order by u.phone offset ${offset} limit ${n}`,
  );
  return rows.map((r) => r.phone);
}

export async function userIdOf(app: TestApp, phone: string): Promise<string> {
  const [u] = await queryRows<{ id: string }>(app.deps.db, sql`select id from users where phone = ${phone}`);
  return u!.id;
}

/** The timeline rows of a wish, oldest first. */
export function eventsOf(app: TestApp, wishId: string) {
  return queryRows<{ action: string; from_status: string | null; to_status: string; actor: string; actor_user_id: string | null; note: string | null }>(
    app.deps.db,
    sql`select action, from_status, to_status, actor, actor_user_id, note from wish_events where wish_id = ${wishId} order by id`,
  );
}

export function noticesOf(app: TestApp, userId: string) {
  return queryRows<{ kind: string; title: string; link_page: string | null; link_id: string | null }>(app.deps.db, sql`select kind, title, link_page, link_id from notices where user_id = ${userId} order by created_at, id`);
}
