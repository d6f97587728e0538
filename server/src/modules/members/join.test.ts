import { queryRows } from '../../db/index';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, idNumberCheckChar } from '@gonghui/shared';
import { decrypt } from '../../crypto';
import { storageKinds } from '../../testing/database';
import { useTestApp, type TestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';

const validId = (body17: string) => body17 + idNumberCheckChar(body17);

async function smsSignIn(app: TestApp, phone: string): Promise<string> {
  app.clock.advance(61_000);
  await app.call(api.smsCode, { body: { phone } });
  const r = await app.call(api.smsLogin, { body: { phone, code: app.sms.lastCodeFor(phone) } });
  return r.body.token;
}

describe.each(storageKinds)('real-name joining on %s', (kind) => {
  const app = useTestApp(kind);

  it('shows the union behind a QR join code without signing in', async () => {
    const r = await app().call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' } });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('湖州吴兴智能装备有限公司工会');
    expect(r.body.parentName).toBe('吴兴区总工会');
  });

  it('joins an auto-approving union at once, encrypting the ID number at rest', async () => {
    const token = await smsSignIn(app(), '13600000100');
    const idNumber = validId('33050219880312123');
    const r = await app().call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '李新华', idNumber, employer: '湖州吴兴智能装备有限公司', idNumberConsent: true }, token });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('active');
    expect(r.body.idNumberMasked).toBe(`3305**********${idNumber.slice(-4)}`);
    expect(JSON.stringify(r.body)).not.toContain(idNumber);
    const rows = await queryRows<{ id_number_enc: string }>(app().deps.db, sql`select id_number_enc from members where id = ${r.body.id}`);
    expect(rows[0]!.id_number_enc).not.toContain(idNumber);
    expect(decrypt(app().deps.keys, rows[0]!.id_number_enc)).toBe(idNumber);
    const me = await app().call(api.me, { token });
    expect(me.body.member!.unionName).toBe('湖州吴兴智能装备有限公司工会');
  });

  it('puts a join to a manually approving union on hold', async () => {
    const token = await smsSignIn(app(), '13600000101');
    const r = await app().call(api.join, { body: { joinCode: 'HZWXKIDS2', name: '王春梅', idNumber: validId('33050219900101222'), employer: '织里镇星童服饰有限公司', idNumberConsent: true }, token });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('pending');
  });

  it('sends a join with an ID number another member holds to staff review, telling the caller nothing', async () => {
    const squatter = await smsSignIn(app(), '13600000102');
    // 33050219880312123 belongs to a seeded, active member
    const r = await app().call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '李新华', idNumber: validId('33050219880312123'), employer: '某公司', idNumberConsent: true }, token: squatter });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('pending'); // even though this union approves joins automatically
    expect(JSON.stringify(r.body)).not.toMatch(/已入会|ALREADY/);
    const district = await app().login('13900000002');
    const view = await app().call(api.getMember, { params: { id: r.body.id }, token: district });
    expect(view.body).toMatchObject({ status: 'pending', idConflict: true, abilities: { review: true } });
    // approving would make two admitted members with one ID: the database refuses, staff are told why
    const approve = await app().call(api.updateMember, { params: { id: r.body.id }, body: { status: 'active' }, token: district });
    expect(approve.status).toBe(409);
    expect(approve.error?.code).toBe('MEMBER_ID_CONFLICT');
    expect((await app().call(api.getMember, { params: { id: r.body.id }, token: district })).body.status).toBe('pending');
  });

  it('lets an admin revoke a squatter who was admitted first, so the real owner of the ID number can be admitted', async () => {
    const idNumber = validId('33050219870909888');
    const squatter = await smsSignIn(app(), '13600000110');
    const taken = await app().call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '冒名者', idNumber, employer: '某公司', idNumberConsent: true }, token: squatter });
    expect(taken.body.status).toBe('active'); // an auto-approving union, and nobody held the number yet
    const owner = await smsSignIn(app(), '13600000111');
    const applied = await app().call(api.join, { body: { joinCode: 'HZWXKIDS2', name: '真本人', idNumber, employer: '织里镇星童服饰有限公司', idNumberConsent: true }, token: owner });
    expect(applied.body.status).toBe('pending');
    const district = await app().login('13900000002');
    // both sides are flagged, each naming the other
    const ownerView = await app().call(api.getMember, { params: { id: applied.body.id }, token: district });
    expect(ownerView.body).toMatchObject({ idConflict: true, conflictsWith: [{ memberNo: taken.body.memberNo, status: 'active' }] });
    const squatterView = await app().call(api.getMember, { params: { id: taken.body.id }, token: district });
    expect(squatterView.body).toMatchObject({ idConflict: true, conflictsWith: [{ memberNo: applied.body.memberNo, status: 'pending' }] });
    expect((await app().call(api.updateMember, { params: { id: applied.body.id }, body: { status: 'active' }, token: district })).error?.code).toBe('MEMBER_ID_CONFLICT');
    // an operator may not end a membership; an admin may, with a reason
    const operator = await staffToken(app(), '13600000112', '吴兴区总工会', 'operator');
    const byOperator = await app().call(api.updateMember, { params: { id: taken.body.id }, body: { status: 'left', reason: '冒用他人身份证号' }, token: operator });
    expect(byOperator.error?.code).toBe('ADMIN_REQUIRED');
    const revoked = await app().call(api.updateMember, { params: { id: taken.body.id }, body: { status: 'left', reason: '冒用他人身份证号' }, token: district });
    expect(revoked.body.status).toBe('left');
    expect((await app().call(api.me, { token: squatter })).body.member).toBeNull();
    const admitted = await app().call(api.updateMember, { params: { id: applied.body.id }, body: { status: 'active' }, token: district });
    expect(admitted.status).toBe(200);
    expect(admitted.body.status).toBe('active');
  });

  it('answers two simultaneous joins with one ID number in an auto-approving union: one admitted, one waiting, no 500', async () => {
    const idNumber = validId('33050219860606555');
    const [a, b] = [await smsSignIn(app(), '13600000113'), await smsSignIn(app(), '13600000114')];
    const rs = await Promise.all(
      [a, b].map((token) => app().call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '同号人', idNumber, employer: '某公司', idNumberConsent: true }, token })),
    );
    expect(rs.map((r) => r.status)).toEqual([201, 201]);
    expect(rs.map((r) => r.body.status).sort()).toEqual(['active', 'pending']);
  });

  it('lets a rejected applicant apply again, with the same account and ID number', async () => {
    const phone = '13600000105';
    const idNumber = validId('33050219930707666');
    const token = await smsSignIn(app(), phone);
    const first = await app().call(api.join, { body: { joinCode: 'HZWXKIDS2', name: '孙丽', idNumber, employer: '织里镇星童服饰有限公司', idNumberConsent: true }, token });
    expect(first.body.status).toBe('pending');
    const district = await app().login('13900000002');
    const rejected = await app().call(api.updateMember, { params: { id: first.body.id }, body: { status: 'rejected', reason: '单位名称与工会不符' }, token: district });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const me = (await app().call(api.me, { token })).body;
    expect(me.member).toBeNull();
    expect(me.lastApplication).toEqual({ unionName: '织里童装产业园联合工会', status: 'rejected', reason: '单位名称与工会不符' });
    const again = await app().call(api.join, { body: { joinCode: 'HZWXKIDS2', name: '孙丽', idNumber, employer: '织里镇星童服饰有限公司', idNumberConsent: true }, token });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('pending');
    expect(again.body.id).not.toBe(first.body.id);
    const approved = await app().call(api.updateMember, { params: { id: again.body.id }, body: { status: 'active' }, token: district });
    expect(approved.body.status).toBe('active');
    // a decided application is not reviewed twice
    const twice = await app().call(api.updateMember, { params: { id: first.body.id }, body: { status: 'active' }, token: district });
    expect(twice.status).toBe(409);
    expect(twice.error?.code).toBe('MEMBER_INVALID_STATE');
  });

  it('answers 429 after 20 unknown join codes from one address, and still serves a known code elsewhere', async () => {
    for (let i = 0; i < 20; i++) expect((await app().call(api.joinInfo, { params: { joinCode: `NOPE${1000 + i}` } })).status).toBe(404);
    const limited = await app().call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' } });
    expect(limited.status).toBe(429);
    expect(limited.error?.code).toBe('RATE_LIMITED');
    app().clock.advance(11 * 60_000);
    expect((await app().call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' } })).status).toBe(200);
  });

  it('rejects an ID number with a wrong check digit with 422 and writes nothing', async () => {
    const token = await smsSignIn(app(), '13600000103');
    const good = validId('33050219920505333');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const [before] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from members`);
    const r = await app().call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '赵刚', idNumber: bad, employer: '某公司', idNumberConsent: true }, token });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('ID_NUMBER_INVALID');
    const [after] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from members`);
    expect(after!.n).toBe(before!.n);
  });

  it('rejects joining a district union (only grassroots unions take members)', async () => {
    const token = await smsSignIn(app(), '13600000104');
    const r = await app().call(api.join, { body: { joinCode: 'HZWUXING1', name: '赵刚', idNumber: validId('33050219920505444'), employer: '某公司', idNumberConsent: true }, token });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('UNION_NOT_GRASSROOTS');
  });

  it('rejects a member who already joined with 409 MEMBER_ALREADY_JOINED', async () => {
    const token = await app().login('13800000001');
    const r = await app().call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '张晓明', idNumber: validId('33050219920505555'), employer: '某公司', idNumberConsent: true }, token });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('MEMBER_ALREADY_JOINED');
  });
});
