import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { CITY_ADMIN, DAY, dateIn, donor, eventsOf, noticesOf, phonesIn, publishedWish, userIdOf } from '../../testing/wishes';
import { expireUnadoptedWishes, releaseOverdueAdoptions } from './maintenance';

const START = '2026-12-01T02:00:00Z';
const EQUIP = '湖州吴兴智能装备有限公司工会';

describe.each(storageKinds)('adopting wishes on %s', (kind) => {
  const app = useTestApp(kind, { now: START });
  let staff: string;
  let member: string;
  let memberPhone: string;
  beforeAll(async () => {
    staff = await app().login(CITY_ADMIN);
    memberPhone = (await phonesIn(app(), EQUIP, 1, 3))[0]!;
    member = await app().login(memberPhone!);
  });
  beforeEach(() => app().clock.set(START));

  const adopt = (token: string, id: string) => app().call(api.adoptWish, { params: { id }, token });
  const wishStatus = async (id: string) => (await queryRows<{ status: string }>(app().deps.db, sql`select status from wishes where id = ${id}`))[0]!.status;

  it('gives a wish to one of ten donors tapping at once; nine hear it is taken', async () => {
    const id = await publishedWish(app(), member, staff, { title: '一件厚实的冬衣' });
    const donors = await Promise.all(Array.from({ length: 10 }, (_, i) => donor(app(), `136000000${String(i + 10)}`)));
    const results = await Promise.all(donors.map((t) => adopt(t, id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.error?.code === 'WISH_ALREADY_ADOPTED')).toHaveLength(9);
    const [row] = await queryRows<{ live: number }>(app().deps.db, sql`select count(*)::int as live from wish_adoptions where wish_id = ${id} and status in ('active','delivered')`);
    expect(Number(row!.live)).toBe(1);
    expect(await wishStatus(id)).toBe('adopted');
    expect((await eventsOf(app(), id)).filter((e) => e.action === 'adopt')).toHaveLength(1);
    const [counters] = await queryRows<{ total: number }>(app().deps.db, sql`select sum(active_adoptions)::int as total from donor_profiles p join users u on u.id = p.user_id where u.phone like '136000000%'`);
    expect(Number(counters!.total)).toBe(1);
  });

  it('holds an individual donor to five undelivered adoptions, and frees a slot on delivery', async () => {
    const d = await donor(app(), '13600000101');
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await publishedWish(app(), member, staff, { title: `心愿上限测试${i}` }));
    for (const id of ids.slice(0, 5)) expect((await adopt(d, id)).status).toBe(201);
    const sixth = await adopt(d, ids[5]!);
    expect(sixth.status).toBe(409);
    expect(sixth.error?.code).toBe('WISH_DONOR_LIMIT');
    expect(await wishStatus(ids[5]!)).toBe('published');
    expect((await app().call(api.deliverWish, { params: { id: ids[0]! }, body: {}, token: d })).status).toBe(200);
    expect((await adopt(d, ids[5]!)).status).toBe(201);
    expect((await app().call(api.donorProfile, { token: d })).body).toMatchObject({ adoptionCap: 5, activeAdoptions: 5 });
  });

  it('releases an adoption past its fourteen days, tells both sides, and gives the donor the slot back', async () => {
    const d = await donor(app(), '13600000102');
    const id = await publishedWish(app(), member, staff, { title: '超期测试心愿', wishedBy: dateIn(app(), 60) });
    expect((await adopt(d, id)).status).toBe(201);
    expect(await releaseOverdueAdoptions(app().deps.db, new Date(new Date(START).getTime() + 14 * DAY - 60_000))).toBe(0);
    expect(await wishStatus(id)).toBe('adopted');
    expect(await releaseOverdueAdoptions(app().deps.db, new Date(new Date(START).getTime() + 14 * DAY + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await wishStatus(id)).toBe('published');
    const [a] = await queryRows<{ status: string; released_by: string }>(app().deps.db, sql`select status, released_by from wish_adoptions where wish_id = ${id}`);
    expect(a).toEqual({ status: 'released', released_by: 'overdue' });
    expect((await eventsOf(app(), id)).at(-1)).toMatchObject({ action: 'release', actor: 'system', from_status: 'adopted', to_status: 'published', actor_user_id: null });
    expect((await noticesOf(app(), await userIdOf(app(), '13600000102'))).map((n) => n.kind)).toContain('wish.release');
    expect((await noticesOf(app(), await userIdOf(app(), memberPhone!))).filter((n) => n.kind === 'wish.release' && n.link_id === id)).toHaveLength(1);
    expect((await app().call(api.donorProfile, { token: d })).body.activeAdoptions).toBe(0);
    // the wish can be adopted again
    expect((await adopt(await donor(app(), '13600000103'), id)).status).toBe(201);
  });

  it('expires a published wish nobody adopted by its date, and leaves adopted ones alone', async () => {
    const lonely = await publishedWish(app(), member, staff, { title: '到期测试心愿', wishedBy: dateIn(app(), 2) });
    const taken = await publishedWish(app(), member, staff, { title: '已认领不过期', wishedBy: dateIn(app(), 2) });
    expect((await adopt(await donor(app(), '13600000104'), taken)).status).toBe(201);
    expect(await expireUnadoptedWishes(app().deps.db, new Date(new Date(START).getTime() + 2 * DAY))).toBe(0);
    expect(await expireUnadoptedWishes(app().deps.db, new Date(new Date(START).getTime() + 3 * DAY))).toBeGreaterThanOrEqual(1);
    expect(await wishStatus(lonely)).toBe('expired');
    expect(await wishStatus(taken)).toBe('adopted');
    expect((await eventsOf(app(), lonely)).at(-1)).toMatchObject({ action: 'expire', actor: 'system' });
    expect((await noticesOf(app(), await userIdOf(app(), memberPhone!))).filter((n) => n.kind === 'wish.expire' && n.link_id === lonely)).toHaveLength(1);
  });

  it('lets an enterprise adopt several at once, all or none', async () => {
    const ent = await donor(app(), '13600000105', { kind: 'enterprise', enterpriseName: '湖州爱心测试有限公司', contactName: '王经理', contactPhone: '13600000105', showName: true });
    const [a, b, c] = [await publishedWish(app(), member, staff), await publishedWish(app(), member, staff), await publishedWish(app(), member, staff)];
    const first = await app().call(api.adoptWishes, { body: { wishIds: [a, b] }, token: ent });
    expect(first.status).toBe(201);
    expect(first.body.data.map((v) => v.wish.id)).toEqual([a, b]);
    const second = await app().call(api.adoptWishes, { body: { wishIds: [c, a] }, token: ent });
    expect(second.status).toBe(409);
    expect(second.error?.code).toBe('WISH_ALREADY_ADOPTED');
    expect(await wishStatus(c!)).toBe('published');
    expect((await app().call(api.donorProfile, { token: ent })).body).toMatchObject({ adoptionCap: 20, activeAdoptions: 2, appearsAs: '爱心企业' });
  });

  it('refuses a member adopting their own wish', async () => {
    const id = await publishedWish(app(), member, staff);
    const self = await donor(app(), memberPhone!);
    const r = await adopt(self, id);
    expect(r.error?.code).toBe('WISH_OWN');
  });
});
