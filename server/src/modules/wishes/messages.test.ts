import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';
import { CITY_ADMIN, donor, noticesOf, phonesIn, publishedWish, userIdOf } from '../../testing/wishes';

const START = '2026-12-01T02:00:00Z';
const EQUIP = '湖州吴兴智能装备有限公司工会';
const NANXUN = '南浔区总工会';

describe.each(storageKinds)('messages relayed between wisher and donor on %s', (kind) => {
  const app = useTestApp(kind, { now: START });
  let staff: string;
  let member: string;
  let memberPhone: string;
  let memberName: string;
  beforeAll(async () => {
    staff = await app().login(CITY_ADMIN);
    memberPhone = (await phonesIn(app(), EQUIP, 1, 5))[0]!;
    member = await app().login(memberPhone);
    memberName = (await app().call(api.me, { token: member })).body.member!.name;
  });

  async function adopted(donorPhone: string) {
    const id = await publishedWish(app(), member, staff, { title: '一个新书包' });
    const d = await donor(app(), donorPhone);
    expect((await app().call(api.adoptWish, { params: { id }, token: d })).status).toBe(201);
    return { id, d };
  }
  const consent = (side: 'wisher' | 'donor', token: string, id: string, agree: boolean) =>
    app().call(side === 'wisher' ? api.myContactConsent : api.donorContactConsent, { params: { id }, body: { agree }, token });
  const send = (side: 'wisher' | 'donor', token: string, id: string, text: string) =>
    app().call(side === 'wisher' ? api.mySendMessage : api.donorSendMessage, { params: { id }, body: { text }, token });

  it('should return 409 WISH_CONTACT_CLOSED for a message before both agreed, and tell the other side when one agrees', async () => {
    const { id, d } = await adopted('13600000201');
    expect((await send('donor', d, id, '您好')).error?.code).toBe('WISH_CONTACT_CLOSED');
    const asked = await consent('donor', d, id, true);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ meAgreed: true, otherAgreed: false, open: false, canAgree: true, messages: [] });
    expect((await send('donor', d, id, '您好')).error?.code).toBe('WISH_CONTACT_CLOSED');
    const notices = await noticesOf(app(), await userIdOf(app(), memberPhone));
    expect(notices.filter((n) => n.kind === 'wish.message' && n.link_id === id).map((n) => n.title)).toEqual(['爱心人士想与您留言联系']);
    const mine = await app().call(api.myConversation, { params: { id }, token: member });
    expect(mine.body).toMatchObject({ meAgreed: false, otherAgreed: true, open: false });
  });

  it('relays messages both ways once both agreed, naming the wisher only masked', async () => {
    const { id, d } = await adopted('13600000202');
    await consent('donor', d, id, true);
    expect((await consent('wisher', member, id, true)).body.open).toBe(true);
    expect((await send('donor', d, id, '书包周六送到工会服务站，可以吗？')).status).toBe(201);
    const reply = await send('wisher', member, id, '可以的，谢谢您！');
    expect(reply.status).toBe(201);
    expect(reply.body.messages.map((m) => [m.from, m.mine, m.text])).toEqual([
      ['donor', false, '书包周六送到工会服务站，可以吗？'],
      ['wisher', true, '可以的，谢谢您！'],
    ]);
    const seen = await app().call(api.donorConversation, { params: { id }, token: d });
    expect(seen.body.otherName).toMatch(/^心愿人 \S\*\*$/);
    const wire = JSON.stringify(seen.body);
    expect(wire).not.toContain(memberPhone);
    expect(wire).not.toContain(memberName);
    expect((await noticesOf(app(), await userIdOf(app(), '13600000202'))).some((n) => n.kind === 'wish.message' && n.title === '心愿人给您留言')).toBe(true);
  });

  it('should return 422 for a message with a phone number or WeChat account, or one naming the wisher, and store nothing', async () => {
    const { id, d } = await adopted('13600000203');
    await consent('donor', d, id, true);
    await consent('wisher', member, id, true);
    expect((await send('donor', d, id, '我的电话138 0013 8000')).error?.code).toBe('WISH_MESSAGE_CONTACT');
    expect((await send('wisher', member, id, '加我微信 wang_88888')).error?.code).toBe('WISH_MESSAGE_CONTACT');
    expect((await send('wisher', member, id, `我是${memberName}`)).error?.code).toBe('WISH_TEXT_IDENTIFIES');
    expect((await app().call(api.myConversation, { params: { id }, token: member })).body.messages).toEqual([]);
  });

  it('closes for both when either side withdraws, and when the adoption is released', async () => {
    const { id, d } = await adopted('13600000204');
    await consent('donor', d, id, true);
    await consent('wisher', member, id, true);
    expect((await consent('wisher', member, id, false)).body.open).toBe(false);
    expect((await send('donor', d, id, '还在吗')).error?.code).toBe('WISH_CONTACT_CLOSED');
    await consent('wisher', member, id, true);
    expect((await send('donor', d, id, '还在吗')).status).toBe(201);
    expect((await app().call(api.releaseAdoption, { params: { id }, body: {}, token: d })).status).toBe(200);
    expect((await send('donor', d, id, '抱歉')).error?.code).toBe('WISH_CONTACT_CLOSED');
    const after = await app().call(api.donorConversation, { params: { id }, token: d });
    expect(after.body).toMatchObject({ open: false, canAgree: false });
    expect(after.body.messages).toHaveLength(1);
    // the wisher's conversation now belongs to no adoption: nothing of the released one shows
    expect((await app().call(api.myConversation, { params: { id }, token: member })).body).toMatchObject({ open: false, canAgree: false, messages: [] });
  });

  it('should return 404 to another donor, to a stranger on the wisher side, and to staff of another union; own staff read it', async () => {
    const { id, d } = await adopted('13600000205');
    await consent('donor', d, id, true);
    await consent('wisher', member, id, true);
    await send('donor', d, id, '您好');
    const other = await donor(app(), '13600000206');
    expect((await app().call(api.donorConversation, { params: { id }, token: other })).status).toBe(404);
    expect((await app().call(api.myConversation, { params: { id }, token: d })).status).toBe(404);
    expect((await consent('donor', other, id, true)).status).toBe(404);
    const elsewhere = await staffToken(app(), '13900000089', NANXUN, 'admin');
    expect((await app().call(api.staffConversation, { params: { id }, token: elsewhere })).status).toBe(404);
    const read = await app().call(api.staffConversation, { params: { id }, token: staff });
    expect(read.status).toBe(200);
    expect(read.body.messages.map((m) => m.text)).toEqual(['您好']);
  });
});
