import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, nextWishStatus, WISH_STATUSES, WISH_TRANSITIONS, type WishAction, type WishStatus } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { useTestApp, type TestApp } from '../../testing/harness';
import { CITY_ADMIN, DAY, dateIn, donor, eventsOf, phonesIn, userIdOf, wishInput } from '../../testing/wishes';
import { expireUnadoptedWishes } from './maintenance';

const EQUIP = '湖州吴兴智能装备有限公司工会';
const PRIVATE: WishStatus[] = ['draft', 'submitted', 'changes_requested', 'rejected', 'withdrawn', 'expired'];

/** Puts a fresh wish straight into `status`, with the adoption that status implies (by `donorId`) and a counter that matches. */
async function wishIn(app: TestApp, member: string, donorId: string, status: WishStatus): Promise<string> {
  const r = await app.call(api.createWish, { body: wishInput(app, { submit: false }), token: member });
  const id = r.body.id;
  await app.deps.db.execute(sql`update wishes set status = ${status}, public_title = title, public_story = '一个心愿的公开说明', published_at = ${app.clock.now().toISOString()} where id = ${id}`);
  const adoption: Partial<Record<WishStatus, string>> = { adopted: 'active', delivered: 'delivered', handed_over: 'delivered', received: 'completed', thanked: 'completed' };
  await app.deps.db.execute(
    sql`insert into wish_adoptions (wish_id, donor_user_id, status, adopted_at, due_at) values (${id}, ${donorId}, ${adoption[status] ?? 'released'}, ${app.clock.now().toISOString()}, ${new Date(app.clock.now().getTime() + 14 * DAY).toISOString()})`,
  );
  await app.deps.db.execute(sql`update donor_profiles set active_adoptions = (select count(*) from wish_adoptions where donor_user_id = ${donorId} and status = 'active') where user_id = ${donorId}`);
  return id;
}

describe.each(storageKinds)('the wish transition table over HTTP on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let member: string;
  let staff: string;
  let donorToken: string;
  let donorId: string;
  beforeAll(async () => {
    const [phone] = await phonesIn(app(), EQUIP, 1, 5);
    member = await app().login(phone!);
    staff = await app().login(CITY_ADMIN);
    donorToken = await donor(app(), '13600000201', { kind: 'enterprise', enterpriseName: '湖州状态测试有限公司', contactName: '李经理', contactPhone: '13600000201', showName: true });
    donorId = await userIdOf(app(), '13600000201');
  });

  /** Each action as its actor takes it, through its endpoint. */
  const take: Record<Exclude<WishAction, 'expire'>, [actor: string, call: (id: string) => Promise<{ status: number; error?: { code: string } }>]> = {
    submit: ['wisher', (id) => app().call(api.submitMyWish, { params: { id }, token: member })],
    request_changes: ['staff', (id) => app().call(api.reviewWish, { params: { id }, body: { decision: 'request_changes', note: '请补充说明' }, token: staff })],
    approve: ['staff', (id) => app().call(api.reviewWish, { params: { id }, body: { decision: 'approve' }, token: staff })],
    reject: ['staff', (id) => app().call(api.reviewWish, { params: { id }, body: { decision: 'reject', note: '不属于帮扶范围' }, token: staff })],
    withdraw: ['wisher', (id) => app().call(api.withdrawMyWish, { params: { id }, body: {}, token: member })],
    adopt: ['donor', (id) => app().call(api.adoptWish, { params: { id }, token: donorToken })],
    release: ['donor', (id) => app().call(api.releaseAdoption, { params: { id }, body: {}, token: donorToken })],
    deliver: ['donor', (id) => app().call(api.deliverWish, { params: { id }, body: {}, token: donorToken })],
    confirm_handover: ['staff', (id) => app().call(api.confirmHandover, { params: { id }, body: {}, token: staff })],
    confirm_receipt: ['wisher', (id) => app().call(api.confirmReceipt, { params: { id }, body: {}, token: member })],
    thank: ['wisher', (id) => app().call(api.thankDonor, { params: { id }, body: { message: '谢谢您的帮助，我们全家都很感动！' }, token: member })],
  };

  for (const action of Object.keys(take) as (keyof typeof take)[]) {
    it(`${action}: 409 WISH_INVALID_STATE from every state the table does not list, a timeline row from every state it does`, async () => {
      const [actor, call] = take[action];
      const wrong: string[] = [];
      for (const from of WISH_STATUSES) {
        const id = await wishIn(app(), member, donorId, from);
        const before = (await eventsOf(app(), id)).length;
        const r = await call(id);
        const to = nextWishStatus(action, from);
        const [row] = await queryRows<{ status: string }>(app().deps.db, sql`select status from wishes where id = ${id}`);
        const events = await eventsOf(app(), id);
        if (to) {
          const last = events.at(-1)!;
          if (r.status >= 300 || row!.status !== to || events.length !== before + 1 || last.action !== action || last.from_status !== from || last.to_status !== to || last.actor !== actor || !last.actor_user_id)
            wrong.push(`${from}: legal, got ${r.status} ${r.error?.code ?? ''} status ${row!.status}`);
        } else {
          // a donor is never shown a wish that is not public: 404 before any state is told
          const want = action === 'adopt' && PRIVATE.includes(from) ? [404] : [409];
          const codes = action === 'adopt' ? ['WISH_INVALID_STATE', 'WISH_ALREADY_ADOPTED', 'WISH_NOT_FOUND'] : ['WISH_INVALID_STATE'];
          if (!want.includes(r.status) || !codes.includes(r.error?.code ?? '') || row!.status !== from || events.length !== before)
            wrong.push(`${from}: illegal, got ${r.status} ${r.error?.code ?? ''} status ${row!.status}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('expire: the job moves only published wishes past their date, with a system row', async () => {
    const ids = new Map<WishStatus, string>();
    for (const from of WISH_STATUSES) ids.set(from, await wishIn(app(), member, donorId, from));
    await app().deps.db.execute(sql`update wishes set wished_by = ${dateIn(app(), -1)} where id in (${sql.join([...ids.values()].map((i) => sql`${i}`), sql`, `)})`);
    await expireUnadoptedWishes(app().deps.db, app().clock.now());
    for (const [from, id] of ids) {
      const [row] = await queryRows<{ status: string }>(app().deps.db, sql`select status from wishes where id = ${id}`);
      expect(row!.status, from).toBe(nextWishStatus('expire', from) ?? from);
    }
    expect((await eventsOf(app(), ids.get('published')!)).at(-1)).toMatchObject({ action: 'expire', actor: 'system', from_status: 'published', to_status: 'expired' });
  });

  it('covers every action of the table', () => {
    expect(new Set([...Object.keys(take), 'expire'])).toEqual(new Set(Object.keys(WISH_TRANSITIONS)));
  });
});
