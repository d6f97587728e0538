import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, maskIdNumber, type WishCategory } from '@gonghui/shared';
import { blindIndex, encrypt } from '../../crypto';
import { queryRows, schema } from '../../db/index';
import { GIVEN, SURNAMES, makeIdNumber, pick, prng } from '../../seed/names';
import { storageKinds } from '../../testing/database';
import { NANXUN } from '../../testing/factories';
import { unionIdByName, useTestApp, type TestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';
import { CITY_ADMIN, dateIn, donor, phonesIn, publishedWish, wishInput } from '../../testing/wishes';

interface Person {
  memberId: string;
  phone: string;
  name: string;
  idNumber: string;
  employer: string;
  unionName: string;
  small: boolean;
  token: string;
}

const EMPLOYER_WORDS = ['华丰', '永盛', '东方', '宏达', '金桥', '瑞祥'];
const CATEGORIES: WishCategory[] = ['study', 'living', 'health', 'skills', 'job', 'care'];

/** A grassroots union under 南浔区 with `size` members of random names, phones, ID numbers and employers. */
async function unionWithMembers(app: TestApp, rand: () => number, name: string, size: number, phoneBase: number): Promise<Person[]> {
  const [district] = await queryRows<{ id: string; path: string }>(app.deps.db, sql`select id, path from unions where name = ${NANXUN}`);
  const id = randomUUID();
  await app.deps.db.insert(schema.unions).values({ id, name, kind: 'grassroots', parentId: district!.id, path: `${district!.path}${id}/`, depth: 2, joinCode: `PRIV${phoneBase}` });
  const people: Person[] = [];
  for (let i = 0; i < size; i++) {
    const person = { name: pick(rand, SURNAMES) + pick(rand, GIVEN), phone: `135${String(phoneBase + i).padStart(8, '0')}`, idNumber: makeIdNumber('330503', { y: 1970 + (i % 30), m: 1 + (i % 12), d: 1 + (i % 28) }, Math.floor(phoneBase / 1_000_000) * 100 + i), employer: `湖州${pick(rand, EMPLOYER_WORDS)}${pick(rand, EMPLOYER_WORDS)}纺织有限公司` };
    const [u] = await app.deps.db.insert(schema.users).values({ phone: person.phone, displayName: person.name }).returning({ id: schema.users.id });
    const [m] = await app.deps.db
      .insert(schema.members)
      .values({ userId: u!.id, unionId: id, name: person.name, idNumberEnc: encrypt(app.deps.keys, person.idNumber), idNumberHash: blindIndex(app.deps.keys, person.idNumber), idNumberMasked: maskIdNumber(person.idNumber), employer: person.employer, memberNo: sql`'HZ' || nextval('member_no_seq')` as unknown as string, status: 'active' })
      .returning({ id: schema.members.id });
    people.push({ ...person, memberId: m!.id, unionName: name, small: size < 50, token: '' });
  }
  return people;
}

/** Every page of a list endpoint, as raw text (what leaves the server). */
async function allPages(app: TestApp, fetchPage: (cursor?: string) => Promise<{ text: string; body: { pagination: { nextCursor: string | null } } }>): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const r = await fetchPage(cursor);
    texts.push(r.text);
    cursor = r.body.pagination.nextCursor ?? undefined;
  } while (cursor);
  return texts;
}

describe.each(storageKinds)('wishers stay unknown to donors and the public on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let staff: string;
  beforeAll(async () => {
    staff = await app().login(CITY_ADMIN);
  });

  it('never shows a member id, phone, real name, ID number, employer or a small union in list, detail, thank-you wall, totals or the donor’s views (random wishers and texts)', async () => {
    const rand = prng(20261201);
    const people = [...(await unionWithMembers(app(), rand, '南浔测试小微企业联合工会', 12, 70_000_000)), ...(await unionWithMembers(app(), rand, '南浔测试大型制造企业工会', 55, 71_000_000))];
    const wishers = people.filter((_, i) => i % 3 === 0);
    const donors = [await donor(app(), '13600000301'), await donor(app(), '13600000302', { kind: 'enterprise', enterpriseName: '湖州隐私测试有限公司', contactName: '赵经理', contactPhone: '13600000302', showName: true })];
    let published = 0;
    let refused = 0;
    for (const [i, p] of wishers.entries()) {
      p.token = await app().login(p.phone);
      const leaks = [p.name, p.phone, p.employer, p.idNumber, p.unionName].filter(() => rand() < 0.3);
      const story = `想要一套冬季保暖用品，${leaks.join('，')}谢谢大家。`;
      const created = await app().call(api.createWish, { body: wishInput(app(), { story, category: pick(rand, CATEGORIES), title: `测试心愿${i}`, valueFen: 100 + Math.floor(rand() * 49_900) }), token: p.token });
      expect(created.status).toBe(201);
      const edited = rand() < 0.5 ? { publicStory: `一位职工想要冬季保暖用品${rand() < 0.3 ? '，' + p.name : ''}。` } : {};
      const review = await app().call(api.reviewWish, { params: { id: created.body.id }, body: { decision: 'approve', ...edited }, token: staff });
      if (review.status === 422) {
        expect(review.error?.code).toBe('WISH_TEXT_IDENTIFIES');
        refused++;
        const again = await app().call(api.reviewWish, { params: { id: created.body.id }, body: { decision: 'approve', publicStory: '一位职工想要一套冬季保暖用品，谢谢大家。' }, token: staff });
        expect(again.status).toBe(200);
      } else expect(review.status).toBe(200);
      published++;
      if (rand() < 0.6) {
        const d = donors[i % 2]!;
        const id = created.body.id;
        expect((await app().call(api.adoptWish, { params: { id }, token: d })).status).toBe(201);
        expect((await app().call(api.deliverWish, { params: { id }, body: {}, token: d })).status).toBe(200);
        expect((await app().call(api.confirmHandover, { params: { id }, body: {}, token: staff })).status).toBe(200);
        expect((await app().call(api.confirmReceipt, { params: { id }, body: {}, token: p.token })).status).toBe(200);
        const named = await app().call(api.thankDonor, { params: { id }, body: { message: `谢谢您！我是${p.name}` }, token: p.token });
        expect(named.error?.code).toBe('WISH_TEXT_IDENTIFIES');
        expect((await app().call(api.thankDonor, { params: { id }, body: { message: '谢谢您的帮助，温暖了整个冬天！' }, token: p.token })).status).toBe(200);
      }
    }
    expect(published).toBe(wishers.length);
    expect(refused).toBeGreaterThan(0);

    const texts: string[] = [];
    texts.push(...(await allPages(app(), (cursor) => app().call(api.publicWishes, { query: { cursor, limit: 7 } }))));
    texts.push(...(await allPages(app(), (cursor) => app().call(api.publicWishes, { query: { cursor, limit: 50, districtId: undefined, category: 'living' } }))));
    texts.push(...(await allPages(app(), (cursor) => app().call(api.thanksWall, { query: { cursor, limit: 5 } }))));
    for (const d of donors) texts.push(...(await allPages(app(), (cursor) => app().call(api.donorWishes, { query: { cursor, limit: 4 }, token: d }))));
    const ids = await queryRows<{ id: string }>(app().deps.db, sql`select id from wishes where status in ('published','adopted','delivered','handed_over','received','thanked')`);
    for (const { id } of ids) texts.push((await app().call(api.publicWish, { params: { id } })).text);
    texts.push((await app().call(api.wishTotals, { query: { unionId: await unionIdByName(app(), NANXUN) } })).text);
    const all = texts.join('\n');

    const problems: string[] = [];
    for (const p of people) {
      for (const [what, value] of [['member id', p.memberId], ['phone', p.phone], ['name', p.name], ['ID number', p.idNumber], ['employer', p.employer]] as const) if (all.includes(value)) problems.push(`${what} of ${p.phone}`);
      if (p.small && all.includes(p.unionName)) problems.push(`small union ${p.unionName}`);
    }
    expect(problems).toEqual([]);
    // the large union is shown, and every wisher's name only as 王**
    expect(all).toContain('南浔测试大型制造企业工会');
    expect(all).toContain(NANXUN);
    for (const p of wishers) expect(all).toContain(`"${Array.from(p.name)[0]}**"`);
  });

  it('answers 404 to a donor asking for a wish’s private view', async () => {
    const [phone] = await phonesIn(app(), '湖州吴兴智能装备有限公司工会', 1, 7);
    const member = await app().login(phone!);
    const id = await publishedWish(app(), member, staff);
    const d = await donor(app(), '13600000303');
    const r = await app().call(api.myWish, { params: { id }, token: d });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe('WISH_NOT_FOUND');
    expect((await app().call(api.staffWish, { params: { id }, token: d })).status).toBe(403);
    expect((await app().call(api.donorWish, { params: { id }, token: d })).status).toBe(404);
  });

  it('answers 404 to staff of another union reviewing or reading a wish, and lists none of it', async () => {
    const [phone] = await phonesIn(app(), '湖州吴兴智能装备有限公司工会', 1, 8);
    const member = await app().login(phone!);
    const id = (await app().call(api.createWish, { body: wishInput(app(), { wishedBy: dateIn(app(), 20) }), token: member })).body.id;
    const other = await staffToken(app(), '13900000088', NANXUN, 'admin');
    const review = await app().call(api.reviewWish, { params: { id }, body: { decision: 'approve' }, token: other });
    expect(review.status).toBe(404);
    expect(review.error?.code).toBe('WISH_NOT_FOUND');
    expect((await app().call(api.staffWish, { params: { id }, token: other })).status).toBe(404);
    expect((await app().call(api.confirmHandover, { params: { id }, body: {}, token: other })).status).toBe(404);
    const list = await app().call(api.staffWishes, { query: { limit: 100 }, token: other });
    expect(list.body.data.map((w) => w.id)).not.toContain(id);
    const [row] = await queryRows<{ status: string }>(app().deps.db, sql`select status from wishes where id = ${id}`);
    expect(row!.status).toBe('submitted');
  });
});
