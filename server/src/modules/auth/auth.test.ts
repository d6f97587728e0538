import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/index';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type SessionResponse } from '@gonghui/shared';
import { httpWechatClient } from './wechat';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';

/** A local stand-in for api.weixin.qq.com's jscode2session, answering as WeChat documents. */
let wechatServer: Server;
let wechatBase = '';
const wechatCalls: URLSearchParams[] = [];
beforeAll(async () => {
  wechatServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    wechatCalls.push(url.searchParams);
    const code = url.searchParams.get('js_code') ?? '';
    const answers: Record<string, object> = {
      'code-ok': { openid: 'o-openid-001', session_key: 'sk' },
      'code-new': { openid: 'o-openid-new', session_key: 'sk' },
      'code-invalid': { errcode: 40029, errmsg: 'invalid code' },
      'code-ratelimit': { errcode: 45011, errmsg: 'api minute-quota reach limit' },
      'code-risky': { errcode: 40226, errmsg: 'high risk user' },
      'code-busy': { errcode: -1, errmsg: 'system error' },
    };
    res.setHeader('content-type', 'text/plain'); // WeChat labels its JSON as text/plain
    res.end(JSON.stringify(answers[code] ?? { errcode: 40029, errmsg: 'invalid code' }));
  });
  await new Promise<void>((r) => wechatServer.listen(0, '127.0.0.1', r));
  wechatBase = `http://127.0.0.1:${(wechatServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => wechatServer.close(() => r())));

describe.each(storageKinds)('auth on %s', (kind) => {
  const app = useTestApp(kind, {
    now: '2026-12-01T02:00:00Z',
    wechat: { code2Session: (code) => httpWechatClient({ apiBase: wechatBase, appId: 'wx-app', secret: 'wx-secret' }).code2Session(code) },
  });

  describe('WeChat login', () => {
    it('sends appid, secret and the code to jscode2session', async () => {
      await app().call(api.wechatLogin, { body: { code: 'code-new' } });
      const call = wechatCalls.at(-1)!;
      expect(call.get('appid')).toBe('wx-app');
      expect(call.get('secret')).toBe('wx-secret');
      expect(call.get('js_code')).toBe('code-new');
      expect(call.get('grant_type')).toBe('authorization_code');
    });

    it('asks an unbound openid to verify a phone, then binds it and signs in by WeChat next time', async () => {
      const first = await app().call(api.wechatLogin, { body: { code: 'code-ok' } });
      expect(first.status).toBe(200);
      expect(first.body.needsBinding).toBe(true);
      await app().call(api.smsCode, { body: { phone: '13800000002' } });
      const bindTicket = first.body.needsBinding ? first.body.bindTicket : undefined;
      const bound = await app().call(api.smsLogin, { body: { phone: '13800000002', code: app().sms.lastCodeFor('13800000002'), bindTicket } });
      expect(bound.status).toBe(200);
      const again = await app().call(api.wechatLogin, { body: { code: 'code-ok' } });
      expect(again.status).toBe(200);
      expect(again.body.needsBinding).toBe(false);
      expect((again.body as SessionResponse).me.member!.memberNo).toBe(bound.body.me.member!.memberNo);
    });

    it('rejects a forged bind ticket with 401 WECHAT_BIND_EXPIRED', async () => {
      await app().clock.advance(61_000);
      await app().call(api.smsCode, { body: { phone: '13800000003' } });
      const r = await app().call(api.smsLogin, { body: { phone: '13800000003', code: app().sms.lastCodeFor('13800000003'), bindTicket: 'eyJvcGVuaWQiOiJ4In0.forged' } });
      expect(r.status).toBe(401);
      expect(r.error?.code).toBe('WECHAT_BIND_EXPIRED');
    });

    it.each([
      ['code-invalid', 401, 'WECHAT_CODE_INVALID'],
      ['code-ratelimit', 429, 'WECHAT_RATE_LIMITED'],
      ['code-risky', 403, 'WECHAT_RISKY_USER'],
      ['code-busy', 503, 'WECHAT_UNAVAILABLE'],
    ])('maps WeChat %s to %i %s', async (code, status, errorCode) => {
      const r = await app().call(api.wechatLogin, { body: { code } });
      expect(r.status).toBe(status);
      expect(r.error?.code).toBe(errorCode);
      expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    });
  });

  describe('SMS login', () => {
    const phone = '13800000010';
    it('signs in with the code that was sent', async () => {
      const sent = await app().call(api.smsCode, { body: { phone } });
      expect(sent.status).toBe(200);
      const r = await app().call(api.smsLogin, { body: { phone, code: app().sms.lastCodeFor(phone) } });
      expect(r.status).toBe(200);
      expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(r.body.me.member!.unionName).toBeTruthy();
    });

    it('rejects a reused code with SMS_CODE_EXPIRED', async () => {
      const code = app().sms.lastCodeFor(phone);
      const r = await app().call(api.smsLogin, { body: { phone, code } });
      expect(r.status).toBe(401);
      expect(r.error?.code).toBe('SMS_CODE_EXPIRED');
    });

    it('rejects a wrong code with SMS_CODE_INVALID and stops after five wrong tries', async () => {
      app().clock.advance(61_000);
      await app().call(api.smsCode, { body: { phone } });
      const right = app().sms.lastCodeFor(phone);
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const r = await app().call(api.smsLogin, { body: { phone, code: wrong } });
        expect(r.status).toBe(401);
        expect(r.error?.code).toBe('SMS_CODE_INVALID');
      }
      const late = await app().call(api.smsLogin, { body: { phone, code: right } });
      expect(late.error?.code).toBe('SMS_CODE_EXPIRED');
    });

    it('rejects a code older than five minutes with SMS_CODE_EXPIRED', async () => {
      app().clock.advance(61_000);
      await app().call(api.smsCode, { body: { phone: '13800000011' } });
      const code = app().sms.lastCodeFor('13800000011');
      app().clock.advance(5 * 60_000 + 1000);
      const r = await app().call(api.smsLogin, { body: { phone: '13800000011', code } });
      expect(r.status).toBe(401);
      expect(r.error?.code).toBe('SMS_CODE_EXPIRED');
    });

    it('limits one code per minute and five per hour for a phone', async () => {
      const p = '13800000012';
      app().clock.advance(3600_000);
      expect((await app().call(api.smsCode, { body: { phone: p } })).status).toBe(200);
      const tooSoon = await app().call(api.smsCode, { body: { phone: p } });
      expect(tooSoon.status).toBe(429);
      expect(tooSoon.error?.code).toBe('SMS_RATE_LIMITED');
      for (let i = 0; i < 4; i++) {
        app().clock.advance(61_000);
        expect((await app().call(api.smsCode, { body: { phone: p } })).status).toBe(200);
      }
      app().clock.advance(61_000);
      expect((await app().call(api.smsCode, { body: { phone: p } })).status).toBe(429);
    });

    it('limits twenty codes per hour from one IP across phones', async () => {
      app().clock.advance(3600_000);
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await app().call(api.smsCode, { body: { phone: `1350000${String(i).padStart(4, '0')}` } })).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses[20]).toBe(429);
    });

    it('sends only one code when the same phone asks twice at once', async () => {
      app().clock.advance(3600_000);
      const before = app().sms.sent.length;
      const rs = await Promise.all([0, 1, 2, 3].map(() => app().call(api.smsCode, { body: { phone: '13600000001' } })));
      expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
      expect(app().sms.sent.length - before).toBe(1);
    });

    it('signs up an unknown phone as an account without membership', async () => {
      app().clock.advance(3600_000);
      await app().call(api.smsCode, { body: { phone: '13600000002' } });
      const r = await app().call(api.smsLogin, { body: { phone: '13600000002', code: app().sms.lastCodeFor('13600000002') } });
      expect(r.status).toBe(200);
      expect(r.body.me.member).toBeNull();
      expect(r.body.me.user.phoneMasked).toBe('136****0002');
    });
  });

  describe('sessions', () => {
    it('revokes the token on logout', async () => {
      const token = await app().login('13800000020');
      expect((await app().call(api.me, { token })).status).toBe(200);
      expect((await app().call(api.logout, { token })).status).toBe(200);
      const after = await app().call(api.me, { token });
      expect(after.status).toBe(401);
      expect(after.error?.code).toBe('UNAUTHENTICATED');
    });

    it('answers 401 SESSION_EXPIRED once the session has expired', async () => {
      const token = await app().login('13800000021');
      app().clock.advance(app().deps.config.sessionTtlMs + 1000);
      const r = await app().call(api.me, { token });
      expect(r.status).toBe(401);
      expect(r.error?.code).toBe('SESSION_EXPIRED');
    });

    it('answers 401 for a made-up token and for no token', async () => {
      expect((await app().call(api.me, { token: 'AAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(401);
      expect((await app().call(api.me, {})).status).toBe(401);
    });

    it('stores tokens hashed, never in clear', async () => {
      const token = await app().login('13800000022');
      // raw SQL on purpose: the column must not contain the token whatever the ORM does
      const rows = await queryRows<{ token_hash: string }>(app().database.db, sql`select token_hash from sessions`);
      expect(rows.some((r) => r.token_hash === token)).toBe(false);
    });

    it('remembers care mode on the account', async () => {
      const token = await app().login('13800000023');
      const r = await app().call(api.updateMe, { body: { careMode: true }, token });
      expect(r.status).toBe(200);
      expect((await app().call(api.me, { token })).body.user.careMode).toBe(true);
    });
  });
});

describe.each(storageKinds)('SMS guessing on %s', (kind) => {
  const app = useTestApp(kind);
  it('counts at most five wrong codes even when 20 arrive at once, and the right code then fails', async () => {
    const phone = '13800000050';
    await app().call(api.smsCode, { body: { phone } });
    const right = app().sms.lastCodeFor(phone);
    const wrong = right === '123456' ? '654321' : '123456';
    const rs = await Promise.all(Array.from({ length: 20 }, () => app().call(api.smsLogin, { body: { phone, code: wrong } })));
    expect(rs.every((r) => r.status === 401)).toBe(true);
    expect(rs.filter((r) => r.error?.code === 'SMS_CODE_INVALID').length).toBeLessThanOrEqual(5);
    const [row] = await queryRows<{ n: number }>(app().database.db, sql`select failed_attempts as n from sms_codes where phone = ${phone}`);
    expect(Number(row!.n)).toBe(5);
    expect((await app().call(api.smsLogin, { body: { phone, code: right } })).error?.code).toBe('SMS_CODE_EXPIRED');
  });
});

describe.each(storageKinds)('SMS login from one address on %s', (kind) => {
  const app = useTestApp(kind);
  it('answers 429 after 30 failed logins from one IP across phones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await app().call(api.smsLogin, { body: { phone: `1370000${String(i).padStart(4, '0')}`, code: '000000' } })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
