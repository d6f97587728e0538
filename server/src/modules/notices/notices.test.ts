import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, NOTICE_PAGES } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { activePhones } from '../../testing/people';
import { CITY_ADMIN, DAY, phonesIn, publishedWish, userIdOf } from '../../testing/wishes';
import { httpWechatClient } from '../auth/wechat';
import { drainSubscribeOutbox, wechatSubscribeSender, type SubscribeMessage, type SubscribeSender } from './subscribe';
import { voucherExpiryNotices } from './voucher-expiry';

describe.each(storageKinds)('the notice centre on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let staff: string;
  let member: string;
  let memberUserId: string;
  beforeAll(async () => {
    staff = await app().login(CITY_ADMIN);
    const [phone] = await phonesIn(app(), '湖州吴兴智能装备有限公司工会', 1, 14);
    member = await app().login(phone!);
    memberUserId = await userIdOf(app(), phone!);
  });

  it('lists the notices a change wrote, counts the unread, and marks one and then all read', async () => {
    const before = (await app().call(api.unreadNotices, { token: member })).body.unread;
    const id = await publishedWish(app(), member, staff);
    const unread = await app().call(api.unreadNotices, { token: member });
    expect(unread.body.unread).toBe(before + 1);
    const list = await app().call(api.notices, { query: { unread: 'true' }, token: member });
    const n = list.body.data.find((x) => x.link?.id === id)!;
    expect(n).toMatchObject({ kind: 'wish.approve', title: '心愿已发布', link: { page: NOTICE_PAGES.myWish, id }, readAt: null });
    const read = await app().call(api.readNotice, { params: { id: n.id }, token: member });
    expect(read.body).toEqual({ marked: 1, unread: before });
    expect((await app().call(api.readNotice, { params: { id: n.id }, token: member })).body.marked).toBe(0);
    expect((await app().call(api.readNotice, { params: { id: n.id }, token: staff })).status).toBe(404);
    await publishedWish(app(), member, staff);
    const all = await app().call(api.readAllNotices, { token: member });
    expect(all.body.unread).toBe(0);
    expect(all.body.marked).toBeGreaterThanOrEqual(1);
    expect((await app().call(api.unreadNotices, { token: member })).body.unread).toBe(0);
    expect((await app().call(api.notices, { query: { unread: 'true' }, token: member })).body.data).toEqual([]);
  });

  it('tells a member once when a claimed voucher expires within three days', async () => {
    const [phone] = await activePhones(app(), 1, 150);
    const userId = await userIdOf(app(), phone!);
    const [v] = await queryRows<{ id: string }>(
      app().deps.db,
      sql`insert into vouchers (batch_id, member_id, period, ordinal, status, claimed_at, expires_at)
          select b.id, m.id, b.period, 1, 'unused', ${app().clock.now().toISOString()}, ${new Date(app().clock.now().getTime() + 4 * DAY).toISOString()}
          from voucher_batches b, members m join users u on u.id = m.user_id where u.phone = ${phone} and b.title like '吴兴区%' limit 1 returning id`,
    );
    const expiring = async () => (await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from notices where user_id = ${userId} and kind = 'voucher.expiring' and link_id = ${v!.id}`))[0]!.n;
    await voucherExpiryNotices(app().deps.db, app().clock.now());
    expect(Number(await expiring())).toBe(0);
    const soon = new Date(app().clock.now().getTime() + 1.5 * DAY);
    await voucherExpiryNotices(app().deps.db, soon);
    await voucherExpiryNotices(app().deps.db, new Date(soon.getTime() + 3600_000));
    expect(Number(await expiring())).toBe(1);
    const token = await app().login(phone!);
    const n = (await app().call(api.notices, { token })).body.data.find((x) => x.kind === 'voucher.expiring')!;
    expect(n.link).toEqual({ page: NOTICE_PAGES.voucher, id: v!.id });
    const [outbox] = await queryRows<{ template: string; data: unknown; status: string }>(app().deps.db, sql`select template, data, status from subscribe_outbox where user_id = ${userId} and template = 'voucher_expiring'`);
    expect(outbox).toMatchObject({ template: 'voucher_expiring', status: 'pending' });
  });

  it('records every subscribe message in the outbox, and a sender drains it once (skipping users without WeChat)', async () => {
    await app().deps.db.execute(sql`update users set wechat_openid = 'o-test-openid' where id = ${memberUserId}`);
    await publishedWish(app(), member, staff, { title: '订阅消息测试' });
    const [row] = await queryRows<{ page: string; data: Record<string, { value: string }> }>(
      app().deps.db,
      sql`select page, data from subscribe_outbox where user_id = ${memberUserId} and template = 'wish_progress' order by id desc limit 1`,
    );
    expect(row!.page).toMatch(/^pages\/wishes\/mine\/detail\/index\?id=/);
    expect(row!.data).toMatchObject({ thing1: { value: '订阅消息测试' }, phrase2: { value: '待认领' }, thing4: { value: '心愿已发布' } });
    const sent: SubscribeMessage[] = [];
    const sender: SubscribeSender = { send: async (m) => (sent.push(m), { status: 'sent' }) };
    const first = await drainSubscribeOutbox(app().deps.db, sender, app().clock.now(), 1000);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(sent.every((m) => m.touser === 'o-test-openid')).toBe(true);
    expect(first.skipped).toBeGreaterThanOrEqual(1); // seeded members signed in by SMS have no openid
    expect(await drainSubscribeOutbox(app().deps.db, sender, app().clock.now(), 1000)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    const [left] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from subscribe_outbox where status in ('pending','sending')`);
    expect(Number(left!.n)).toBe(0);
  });

  it('takes back a message a dead process left in sending after ten minutes, and sends it', async () => {
    await app().deps.db.execute(sql`update users set wechat_openid = 'o-test-openid' where id = ${memberUserId}`);
    await publishedWish(app(), member, staff, { title: '中断发送测试' });
    const now = app().clock.now();
    // a sender claimed it and died before recording the answer
    await app().deps.db.execute(sql`update subscribe_outbox set status = 'sending', attempts = 1, claimed_at = ${now.toISOString()} where status = 'pending'`);
    const sent: SubscribeMessage[] = [];
    const sender: SubscribeSender = { send: async (m) => (sent.push(m), { status: 'sent' }) };
    expect((await drainSubscribeOutbox(app().deps.db, sender, new Date(now.getTime() + 5 * 60_000), 1000)).sent).toBe(0);
    expect((await drainSubscribeOutbox(app().deps.db, sender, new Date(now.getTime() + 11 * 60_000), 1000)).sent).toBeGreaterThanOrEqual(1);
    expect(sent.some((m) => m.data.thing1?.value === '中断发送测试')).toBe(true);
    const [left] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from subscribe_outbox where status = 'sending'`);
    expect(Number(left!.n)).toBe(0);
  });
});

describe('WeChat subscribeMessage.send', () => {
  let server: Server;
  let base: string;
  const calls: { path: string; body: any }[] = [];
  let answer: { errcode: number; errmsg: string } = { errcode: 0, errmsg: 'ok' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push({ path: req.url ?? '', body: body ? JSON.parse(body) : null });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(req.url?.startsWith('/cgi-bin/stable_token') ? { access_token: 'TOKEN', expires_in: 7200 } : answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const message: SubscribeMessage = { touser: 'o-1', template: 'wish_progress', page: 'pages/wishes/mine/detail/index?id=x', data: { thing1: { value: '冬衣' } } };

  it('posts the configured template with the cached token, and calls a refused subscription skipped', async () => {
    const sender = wechatSubscribeSender(httpWechatClient({ apiBase: base, appId: 'wx1', secret: 's' }), { wish_progress: 'TMPL-WISH' }, base);
    expect(await sender.send(message)).toEqual({ status: 'sent' });
    const sent = calls.find((c) => c.path.startsWith('/cgi-bin/message/subscribe/send'))!;
    expect(sent.path).toContain('access_token=TOKEN');
    expect(sent.body).toMatchObject({ touser: 'o-1', template_id: 'TMPL-WISH', page: message.page, data: message.data });
    answer = { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    expect((await sender.send(message)).status).toBe('skipped');
    answer = { errcode: -1, errmsg: 'system error' };
    expect((await sender.send(message)).status).toBe('failed');
    expect((await sender.send({ ...message, template: 'voucher_expiring' })).status).toBe('skipped');
  });
});
