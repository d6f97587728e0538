import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, TERMS_VERSION } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { claim, publishedBatch } from '../../testing/factories';
import { memberIdByPhone, useTestApp } from '../../testing/harness';
import { activePhones } from '../../testing/people';
import { CITY_ADMIN, donor, phonesIn, publishedWish } from '../../testing/wishes';

describe.each(storageKinds)('the account on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-02T02:00:00Z' });

  it('records the agreement version a sign-in accepts, and a later acceptance', async () => {
    const first = await app().call(api.demoLogin, { body: { phone: '13800000011' } });
    expect(first.body.me.user.termsAccepted).toBeNull();
    const accepted = await app().call(api.demoLogin, { body: { phone: '13800000011', acceptTerms: TERMS_VERSION } });
    expect(accepted.body.me.user.termsAccepted).toBe(TERMS_VERSION);
    const other = await app().call(api.updateMe, { body: { acceptTerms: TERMS_VERSION }, token: first.body.token });
    expect(other.body.user.termsAccepted).toBe(TERMS_VERSION);
    const stale = await app().call(api.demoLogin, { body: { phone: '13800000011', acceptTerms: '2020-01-01' as never } });
    expect(stale.status).toBe(400);
  });

  it('refuses a join without the separate consent to process the ID number (400) and saves nothing', async () => {
    app().clock.advance(61_000);
    await app().call(api.smsCode, { body: { phone: '13500000601' } });
    const token = (await app().call(api.smsLogin, { body: { phone: '13500000601', code: app().sms.lastCodeFor('13500000601') } })).body.token;
    const r = await app().request('POST', '/api/members/join', { token, body: { joinCode: 'HZWXEQUIP2', name: '钱多多', idNumber: '330502199001011237', employer: '某公司' } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('idNumberConsent');
    const [row] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from members m join users u on u.id = m.user_id where u.phone = '13500000601'`);
    expect(row!.n).toBe(0);
  });

  it('deletes an account: no more sign-in, unused vouchers return their stock, and the union keeps a masked record', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { stockTotal: 5, schedule: { type: 'window', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' } });
    const [phone] = await activePhones(app(), 1, 120);
    const memberId = await memberIdByPhone(app(), phone!);
    const token = await app().login(phone!);
    expect((await claim(app(), token, b.id)).status).toBe(201);
    const [before] = await queryRows<{ name: string; member_no: string }>(app().deps.db, sql`select name, member_no from members where id = ${memberId}`);

    const unconfirmed = await app().request('DELETE', '/api/me', { token, body: { confirm: 'yes' } });
    expect(unconfirmed.status).toBe(400);
    const deleted = await app().call(api.deleteAccount, { body: { confirm: '注销' }, token });
    expect(deleted.status).toBe(200);

    expect((await app().call(api.me, { token })).status).toBe(401);
    expect((await app().call(api.demoLogin, { body: { phone: phone! } })).error?.code).toBe('ACCOUNT_NOT_FOUND');
    // a new sign-in with the same phone is a new, empty account
    app().clock.advance(61_000);
    await app().call(api.smsCode, { body: { phone: phone! } });
    const fresh = await app().call(api.smsLogin, { body: { phone: phone!, code: app().sms.lastCodeFor(phone!) } });
    expect(fresh.body.me.member).toBeNull();

    const [kept] = await queryRows<{ status: string; name: string; member_no: string; id_number_enc: string; id_number_masked: string; employer: string }>(
      app().deps.db,
      sql`select status, name, member_no, id_number_enc, id_number_masked, employer from members where id = ${memberId}`,
    );
    expect(kept).toMatchObject({ status: 'left', member_no: before!.member_no, id_number_enc: '', employer: '' });
    expect(kept!.name).not.toBe(before!.name);
    expect(kept!.name).toContain('*');
    expect(kept!.id_number_masked).toMatch(/\*{6,}/);
    const [stock] = await queryRows<{ claimed: number }>(app().deps.db, sql`select stock_claimed as claimed from voucher_batches where id = ${b.id}`);
    expect(stock!.claimed).toBe(0);
    const [trail] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = 'account.delete'`);
    expect(trail!.n).toBeGreaterThanOrEqual(1);
  });

  it('deletes a donor with a profile, an adoption under way and messages: the wish goes back to the square, their messages go', async () => {
    const staff = await app().login(CITY_ADMIN);
    const member = await app().login((await phonesIn(app(), '湖州吴兴智能装备有限公司工会', 1, 7))[0]!);
    const id = await publishedWish(app(), member, staff);
    const d = await donor(app(), '13600000301');
    expect((await app().call(api.adoptWish, { params: { id }, token: d })).status).toBe(201);
    await app().call(api.donorContactConsent, { params: { id }, body: { agree: true }, token: d });
    await app().call(api.myContactConsent, { params: { id }, body: { agree: true }, token: member });
    expect((await app().call(api.donorSendMessage, { params: { id }, body: { text: '周六送到' }, token: d })).status).toBe(201);
    const r = await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: d });
    expect(r.status).toBe(200);
    const [w] = await queryRows<{ status: string }>(app().deps.db, sql`select status from wishes where id = ${id}`);
    expect(w!.status).toBe('published');
    const [left] = await queryRows<{ profiles: number; messages: number }>(
      app().deps.db,
      sql`select (select count(*)::int from donor_profiles p join users u on u.id = p.user_id where u.deleted_at is not null and u.id in (select donor_user_id from wish_adoptions where wish_id = ${id})) as profiles,
                 (select count(*)::int from wish_messages m join wish_adoptions a on a.id = m.adoption_id where a.wish_id = ${id}) as messages`,
    );
    expect(left).toEqual({ profiles: 0, messages: 0 });
    expect((await app().call(api.publicWish, { params: { id } })).body.status).toBe('published');
  });

  it('withdraws the wishes of a deleted member that nobody adopted yet, and tells no donor anything of them', async () => {
    const staff = await app().login(CITY_ADMIN);
    const member = await app().login((await phonesIn(app(), '湖州吴兴智能装备有限公司工会', 1, 8))[0]!);
    const id = await publishedWish(app(), member, staff);
    expect((await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: member })).status).toBe(200);
    const [w] = await queryRows<{ status: string }>(app().deps.db, sql`select status from wishes where id = ${id}`);
    expect(w!.status).toBe('withdrawn');
    expect((await app().call(api.publicWish, { params: { id } })).status).toBe(404);
  });

  it('replaces the words of a deleted member in their 聆听 requests, and keeps the request for the statistics', async () => {
    const phone = (await phonesIn(app(), '湖州吴兴智能装备有限公司工会', 1, 9))[0]!;
    const member = await app().login(phone);
    const sent = await app().call(api.sendFeedback, { body: { category: 'rights', text: '车间主任王某某长期拖欠我的加班费，请工会帮忙。', bypassGrassroots: false }, token: member });
    expect(sent.status).toBe(201);
    expect((await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: member })).status).toBe(200);
    const staff = await app().login('13900000003');
    const read = await app().call(api.staffFeedback, { params: { id: sent.body.id }, token: staff });
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('加班费');
    expect(read.body.messages.filter((m) => m.author === 'member').map((m) => m.text)).toEqual(['（职工已注销账号，内容已删除）']);
  });

  it('refuses to delete the account of union staff or a cashier until their admin removes the role (409)', async () => {
    for (const phone of ['13900000003', '13900000013']) {
      const r = await app().call(api.deleteAccount, { body: { confirm: '注销' }, token: await app().login(phone) });
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('ACCOUNT_HAS_ROLES');
    }
  });
});
