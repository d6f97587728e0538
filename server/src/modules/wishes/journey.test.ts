import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, NOTICE_PAGES } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { memberIdByPhone, useTestApp } from '../../testing/harness';
import { CITY_ADMIN, donor, noticesOf, phonesIn, plainUser, userIdOf, wishInput } from '../../testing/wishes';

const EQUIP = '湖州吴兴智能装备有限公司工会';

describe.each(storageKinds)('a wish from asking to thanks on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let staff: string;
  let memberPhone: string;
  let member: string;
  beforeAll(async () => {
    staff = await app().login('13900000003'); // admin of the member's grassroots union
    memberPhone = (await phonesIn(app(), EQUIP, 1, 10))[0]!;
    member = await app().login(memberPhone!);
  });

  it('goes member → staff → donor → staff → member → donor, each step on the timeline and each side told in the same transaction', async () => {
    const d = await donor(app(), '13600000401', { kind: 'individual', displayName: '刘先生', showName: true });
    const created = await app().call(api.createWish, { body: wishInput(app(), { title: '一双劳保鞋', story: '在车间上班，鞋子磨破了，想要一双防砸劳保鞋，我叫什么不重要。' }), token: member });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', onBehalf: false, abilities: { withdraw: true, edit: false } });
    const id = created.body.id;
    const approved = await app().call(api.reviewWish, { params: { id }, body: { decision: 'approve', publicStory: '一位一线职工的劳保鞋磨破了，想要一双防砸劳保鞋。' }, token: staff });
    expect(approved.body.status).toBe('published');
    expect((await app().call(api.publicWish, { params: { id } })).body.story).toBe('一位一线职工的劳保鞋磨破了，想要一双防砸劳保鞋。');
    const adopted = await app().call(api.adoptWish, { params: { id }, token: d });
    expect(adopted.body).toMatchObject({ adoption: { status: 'active' }, abilities: { deliver: true }, stationUnionName: '吴兴区总工会' });
    expect((await app().call(api.deliverWish, { params: { id }, body: { note: '已送到吴兴区职工服务中心' }, token: d })).body.adoption.status).toBe('delivered');
    expect((await app().call(api.confirmHandover, { params: { id }, body: {}, token: staff })).body.status).toBe('handed_over');
    expect((await app().call(api.confirmReceipt, { params: { id }, body: {}, token: member })).body.status).toBe('received');
    const thanked = await app().call(api.thankDonor, { params: { id }, body: { message: '鞋子很合脚，谢谢您！' }, token: member });
    expect(thanked.body).toMatchObject({ status: 'thanked', donor: { displayName: '刘先生' } });
    expect(thanked.body.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'approve', 'adopt', 'deliver', 'confirm_handover', 'confirm_receipt', 'thank']);
    expect(thanked.body.timeline.find((e) => e.action === 'deliver')).toMatchObject({ actorLabel: '刘先生', note: '已送到吴兴区职工服务中心' });

    const seen = await app().call(api.donorWish, { params: { id }, token: d });
    expect(seen.body.thanks?.message).toBe('鞋子很合脚，谢谢您！');
    expect(seen.body.timeline.map((e) => e.action)).toEqual(['approve', 'adopt', 'deliver', 'confirm_handover', 'confirm_receipt', 'thank']);
    const wall = await app().call(api.thanksWall, { query: { limit: 100 } });
    expect(wall.body.data.find((e) => e.id === id)).toMatchObject({ donorName: '刘先生', message: '鞋子很合脚，谢谢您！', districtUnionName: '吴兴区总工会' });

    const wisherNotices = (await noticesOf(app(), await userIdOf(app(), memberPhone!))).filter((n) => n.link_id === id);
    expect(wisherNotices.map((n) => n.kind).sort()).toEqual(['wish.adopt', 'wish.approve', 'wish.confirm_handover', 'wish.deliver']);
    expect(wisherNotices.every((n) => n.link_page === NOTICE_PAGES.myWish)).toBe(true);
    const donorNotices = (await noticesOf(app(), await userIdOf(app(), '13600000401'))).filter((n) => n.link_id === id);
    expect(donorNotices.map((n) => n.kind).sort()).toEqual(['wish.confirm_handover', 'wish.confirm_receipt', 'wish.thank']);
    const [outbox] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from subscribe_outbox where page like ${'%' + id}`);
    expect(Number(outbox!.n)).toBe(7);
    const totals = await app().call(api.wishTotals, { query: {} });
    expect(totals.body.fulfilled).toBeGreaterThanOrEqual(1);
  });

  it('writes no notice when the change is refused: a wish approved with the wisher’s name in it stays submitted and untold', async () => {
    const [phone] = await phonesIn(app(), EQUIP, 1, 11);
    const token = await app().login(phone!);
    const me = await app().call(api.me, { token });
    const id = (await app().call(api.createWish, { body: wishInput(app()), token })).body.id;
    const r = await app().call(api.reviewWish, { params: { id }, body: { decision: 'approve', publicStory: `${me.body.member!.name}的孩子想要一套学习用品。` }, token: staff });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('WISH_TEXT_IDENTIFIES');
    expect((await noticesOf(app(), me.body.user.id)).filter((n) => n.link_id === id)).toEqual([]);
    expect((await app().call(api.myWish, { params: { id }, token })).body.status).toBe('submitted');
  });

  it('lets staff file a wish for a worker without a phone; the member sees it as theirs, and staff act for them', async () => {
    const [phone] = await phonesIn(app(), EQUIP, 1, 12);
    const memberId = await memberIdByPhone(app(), phone!);
    const filed = await app().call(api.fileWish, { body: { ...wishInput(app(), { title: '上门理发服务', category: 'care', kind: 'service', story: '老人是退休劳模，腿脚不便，想请人上门理发。', submit: false }), memberId }, token: staff });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'draft', onBehalf: true, abilities: { actForWisher: true } });
    const id = filed.body.id;
    expect((await app().call(api.staffSubmitWish, { params: { id }, token: staff })).body.status).toBe('submitted');
    const member2 = await app().login(phone!);
    const mine = await app().call(api.myWishes, { token: member2 });
    expect(mine.body.data.find((w) => w.id === id)).toMatchObject({ onBehalf: true, title: '上门理发服务', story: '老人是退休劳模，腿脚不便，想请人上门理发。' });
    const detail = await app().call(api.myWish, { params: { id }, token: member2 });
    expect(detail.body.timeline.map((e) => [e.action, e.actor])).toEqual([['create', 'staff'], ['submit', 'staff']]);
    // on a wish the member filed themselves, staff may not act for them
    const own = (await app().call(api.createWish, { body: wishInput(app()), token: member2 })).body.id;
    expect((await app().call(api.staffWithdrawWish, { params: { id: own }, body: {}, token: staff })).error?.code).toBe('WISH_NOT_ON_BEHALF');
  });

  it('shows an enterprise by name only after the city federation checks its licence', async () => {
    const ent = await donor(app(), '13600000402', { kind: 'enterprise', enterpriseName: '湖州核验测试有限公司', contactName: '孙经理', contactPhone: '13600000402', licenceNo: '91330502MA2B3C4D5F', showName: true });
    expect((await app().call(api.donorProfile, { token: ent })).body).toMatchObject({ licenceStatus: 'pending', appearsAs: '爱心企业', licenceNoMasked: '9133**********4D5F' });
    const district = await app().login('13900000002');
    expect((await app().call(api.listDonors, { query: { licence: 'pending' }, token: district })).status).toBe(403);
    const city = await app().login(CITY_ADMIN);
    const pending = await app().call(api.listDonors, { query: { licence: 'pending' }, token: city });
    const entry = pending.body.data.find((x) => x.enterpriseName === '湖州核验测试有限公司')!;
    expect((await app().call(api.reviewLicence, { params: { id: entry.userId }, body: { decision: 'verified' }, token: city })).body.appearsAs).toBe('湖州核验测试有限公司');
    expect((await app().call(api.donorProfile, { token: ent })).body.appearsAs).toBe('湖州核验测试有限公司');

    // Editing the contact keeps the check; a new name waits for it again, shown as 爱心企业 meanwhile.
    const edit = { kind: 'enterprise' as const, enterpriseName: '湖州核验测试有限公司', contactName: '孙主任', showName: true };
    const kept = await app().call(api.updateDonorProfile, { body: edit, token: ent });
    expect(kept.body).toMatchObject({ contactName: '孙主任', contactPhoneMasked: '136****0402', licenceStatus: 'verified', appearsAs: '湖州核验测试有限公司' });
    const renamed = await app().call(api.updateDonorProfile, { body: { ...edit, enterpriseName: '湖州核验测试集团有限公司' }, token: ent });
    expect(renamed.body).toMatchObject({ licenceStatus: 'pending', appearsAs: '爱心企业', licenceNoMasked: '9133**********4D5F' });
    const switched = await app().call(api.updateDonorProfile, { body: { kind: 'individual', displayName: '孙先生', showName: true }, token: ent });
    expect(switched.error?.code).toBe('DONOR_KIND_FIXED');
    expect((await app().call(api.donorProfile, { token: ent })).body.enterpriseName).toBe('湖州核验测试集团有限公司');
  });

  it('lists the district and industry unions for the square, each with its own totals inside the city totals', async () => {
    const list = await app().call(api.wishDistricts, {});
    const names = list.body.data.map((d) => d.name);
    expect(names).toContain('吴兴区总工会');
    expect(names.some((n) => n.endsWith('有限公司工会'))).toBe(false);
    const city = (await app().call(api.wishTotals, { query: {} })).body;
    const wuxing = (await app().call(api.wishTotals, { query: { unionId: list.body.data.find((d) => d.name === '吴兴区总工会')!.id } })).body;
    expect(wuxing.unionName).toBe('吴兴区总工会');
    expect(wuxing.fulfilled).toBeLessThanOrEqual(city.fulfilled);
    expect(wuxing.published + wuxing.inProgress + wuxing.fulfilled).toBeGreaterThan(0);
  });

  it('lets an individual donor rename themselves or hide their name', async () => {
    const t = await donor(app(), '13600000404');
    const hidden = await app().call(api.updateDonorProfile, { body: { kind: 'individual', displayName: '陈女士', showName: false }, token: t });
    expect(hidden.body).toMatchObject({ displayName: '陈女士', appearsAs: '爱心人士', showName: false });
    const plain = await plainUser(app(), '13600000405');
    expect((await app().call(api.updateDonorProfile, { body: { kind: 'individual', displayName: '陈女士', showName: true }, token: plain })).status).toBe(403);
  });

  it('lets anyone signed in become a donor once, with no union membership', async () => {
    const t = await plainUser(app(), '13600000403');
    expect((await app().call(api.adoptWish, { params: { id: '00000000-0000-4000-8000-000000000000' }, token: t })).status).toBe(403);
    expect((await app().call(api.createDonorProfile, { body: { kind: 'individual', displayName: '匿名', showName: false }, token: t })).body).toMatchObject({ appearsAs: '爱心人士', adoptionCap: 5 });
    expect((await app().call(api.createDonorProfile, { body: { kind: 'individual', displayName: '匿名', showName: false }, token: t })).error?.code).toBe('DONOR_PROFILE_EXISTS');
  });
});
