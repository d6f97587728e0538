import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { pruneExpired, PRUNE_BATCH } from '../../maintenance';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';

/** WeChat answers every code with the same person. */
const oneWechatUser = { code2Session: async () => ({ openid: 'o-replayed-openid' }) };

describe.each(storageKinds)('sign-in limits on %s', (kind) => {
  const app = useTestApp(kind, { wechat: oneWechatUser });

  it('refuses a second SMS code within 60 seconds (429 at 30 s) and sends one at 60 s', async () => {
    const phone = '13500000301';
    expect((await app().call(api.smsCode, { body: { phone } })).status).toBe(200);
    app().clock.advance(30_000);
    const early = await app().call(api.smsCode, { body: { phone } });
    expect(early.status).toBe(429);
    expect(early.error?.code).toBe('SMS_RATE_LIMITED');
    app().clock.advance(30_000);
    expect((await app().call(api.smsCode, { body: { phone } })).status).toBe(200);
  });

  it('binds WeChat with a ticket once: the same ticket cannot move the openid again', async () => {
    const wechat = await app().call(api.wechatLogin, { body: { code: 'code-first' } });
    expect(wechat.body).toMatchObject({ needsBinding: true });
    const ticket = (wechat.body as { bindTicket: string }).bindTicket;
    app().clock.advance(61_000);
    await app().call(api.smsCode, { body: { phone: '13500000302' } });
    const bound = await app().call(api.smsLogin, { body: { phone: '13500000302', code: app().sms.lastCodeFor('13500000302'), bindTicket: ticket } });
    expect(bound.status).toBe(200);
    // within the ticket's ten minutes, someone with the ticket tries to take the openid to their account
    app().clock.advance(61_000);
    await app().call(api.smsCode, { body: { phone: '13500000303' } });
    const replay = await app().call(api.smsLogin, { body: { phone: '13500000303', code: app().sms.lastCodeFor('13500000303'), bindTicket: ticket } });
    expect(replay.status).toBe(401);
    expect(replay.error?.code).toBe('WECHAT_BIND_EXPIRED');
    const [owner] = await queryRows<{ phone: string }>(app().deps.db, sql`select phone from users where wechat_openid = 'o-replayed-openid'`);
    expect(owner!.phone).toBe('13500000302');
    // the refused attempt did not burn the SMS code: it still signs in without the ticket
    expect((await app().call(api.smsLogin, { body: { phone: '13500000303', code: app().sms.lastCodeFor('13500000303') } })).status).toBe(200);
  });

  it('prunes SMS codes, dead sessions and spent tickets after their retention, in bounded batches, keeping fresh rows', async () => {
    const db = app().deps.db;
    const now = app().clock.now();
    const old = new Date(now.getTime() - 30 * 24 * 3600_000).toISOString();
    const n = PRUNE_BATCH + 7; // more than one batch
    await db.execute(sql`insert into sms_codes (phone, code_hash, ip, created_at, expires_at) select '135' || lpad(g::text, 8, '0'), 'x', '127.0.0.1', ${old}, ${old} from generate_series(1, ${n}) g`);
    const [user] = await queryRows<{ id: string }>(db, sql`select id from users limit 1`);
    await db.execute(sql`insert into sessions (token_hash, user_id, channel, created_at, expires_at) values ('old-session-hash', ${user!.id}, 'sms', ${old}, ${old})`);
    await db.execute(sql`insert into used_tickets (ticket_hash, expires_at) values ('old-ticket', ${old})`);
    const fresh = await app().login('13800000009');
    const pruned = await pruneExpired(db, now);
    expect(pruned.smsCodes).toBeGreaterThanOrEqual(n);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(pruned.usedTickets).toBeGreaterThanOrEqual(1);
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sms_codes where created_at = ${old}`);
    expect(left!.n).toBe(0);
    expect((await app().call(api.me, { token: fresh })).status).toBe(200);
  });
});
