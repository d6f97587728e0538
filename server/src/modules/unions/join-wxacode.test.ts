import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { httpWechatClient, type WechatClient } from '../auth/wechat';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';

/** A 1×1 PNG: what the stand-in for WeChat draws as a 小程序码. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const OWN_UNION = '湖州吴兴智能装备有限公司工会';
const OTHER_UNION = '织里童装产业园联合工会';

/** A local stand-in for api.weixin.qq.com: the stable token and wxacode.getUnlimited, as WeChat documents them. */
let wechatServer: Server;
let wechatBase = '';
let tokensIssued = 0;
/** The next answers of getwxacodeunlimit, as WeChat's errcode; empty = draw the code. */
let refusals: number[] = [];
const drawn: { token: string | null; body: Record<string, unknown> }[] = [];
beforeAll(async () => {
  wechatServer = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (url.pathname === '/cgi-bin/stable_token') {
        const ok = body.grant_type === 'client_credential' && body.appid === 'wx-app' && body.secret === 'wx-secret';
        tokensIssued += ok ? 1 : 0;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(ok ? { access_token: `token-${tokensIssued}`, expires_in: 7200 } : { errcode: 40013, errmsg: 'invalid appid' }));
        return;
      }
      if (url.pathname === '/wxa/getwxacodeunlimit' && req.method === 'POST') {
        drawn.push({ token: url.searchParams.get('access_token'), body });
        const refusal = refusals.shift();
        if (refusal !== undefined) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ errcode: refusal, errmsg: 'refused' }));
          return;
        }
        res.setHeader('content-type', 'image/png');
        res.end(TINY_PNG);
        return;
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((r) => wechatServer.listen(0, '127.0.0.1', r));
  wechatBase = `http://127.0.0.1:${(wechatServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => wechatServer.close(() => r())));
beforeEach(() => {
  refusals = [];
});

describe.each(storageKinds)('the join 小程序码 on %s', (kind) => {
  // One client for the file, as main.ts keeps one for the process: its token cache is under test.
  let client: WechatClient | undefined;
  const wechat = () => (client ??= httpWechatClient({ apiBase: wechatBase, appId: 'wx-app', secret: 'wx-secret' }));
  const app = useTestApp(kind, {
    wechat: { configured: true, getAccessToken: (o) => wechat().getAccessToken(o), getUnlimitedQr: (i) => wechat().getUnlimitedQr(i) },
  });

  it('gives the union’s staff a PNG that opens the join page with the join code as its scene', async () => {
    const staff = await app().login('13900000003');
    const id = await unionIdByName(app(), OWN_UNION);
    const joinCode = (await app().call(api.listUnions, { token: staff })).body.data.find((u) => u.id === id)!.joinCode;
    const r = await app().call(api.joinWxacode, { params: { id }, token: staff });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.bytes.equals(TINY_PNG)).toBe(true);
    expect(decodeURIComponent(r.headers.get('content-disposition')!)).toContain(`${OWN_UNION}-入会小程序码.png`);
    expect(drawn.at(-1)!.body).toMatchObject({ page: 'pages/join/index', scene: joinCode });
    expect((await app().call(api.health, {})).body.wechat).toBe(true);
  });

  it('asks WeChat for a token once and reuses it for the next code', async () => {
    const staff = await app().login('13900000003');
    const id = await unionIdByName(app(), OWN_UNION);
    const before = tokensIssued;
    await app().call(api.joinWxacode, { params: { id }, token: staff });
    await app().call(api.joinWxacode, { params: { id }, token: staff });
    expect(tokensIssued - before).toBeLessThanOrEqual(1);
    expect(drawn.at(-1)!.token).toBe(drawn.at(-2)!.token);
  });

  it('fetches a fresh token and tries again once when WeChat calls the token stale (40001)', async () => {
    const staff = await app().login('13900000003');
    const id = await unionIdByName(app(), OWN_UNION);
    const before = tokensIssued;
    refusals = [40001];
    const r = await app().call(api.joinWxacode, { params: { id }, token: staff });
    expect(r.status).toBe(200);
    expect(tokensIssued - before).toBe(1);
  });

  it('answers 409 WECHAT_PAGE_NOT_RELEASED when the released mini-program has no join page (41030)', async () => {
    const staff = await app().login('13900000003');
    refusals = [41030];
    const r = await app().call(api.joinWxacode, { params: { id: await unionIdByName(app(), OWN_UNION) }, token: staff });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('WECHAT_PAGE_NOT_RELEASED');
  });

  it('answers 404 to staff of another union, and to an operator outside it, without asking WeChat', async () => {
    const staff = await app().login('13900000003');
    const calls = drawn.length;
    const other = await app().call(api.joinWxacode, { params: { id: await unionIdByName(app(), OTHER_UNION) }, token: staff });
    expect(other.status).toBe(404);
    const nanxunOperator = await staffToken(app(), '13600000471', '南浔区总工会', 'operator');
    const outside = await app().call(api.joinWxacode, { params: { id: await unionIdByName(app(), OWN_UNION) }, token: nanxunOperator });
    expect(outside.status).toBe(404);
    expect(drawn.length).toBe(calls);
  });

  it('refuses a member who is not staff (403)', async () => {
    const member = await app().login('13800000001');
    const r = await app().call(api.joinWxacode, { params: { id: await unionIdByName(app(), OWN_UNION) }, token: member });
    expect(r.status).toBe(403);
  });
});

describe.each(storageKinds)('the join 小程序码 without WeChat (demo mode) on %s', (kind) => {
  const app = useTestApp(kind, { config: { wechat: { appId: '', secret: '', apiBase: 'http://127.0.0.1:9' } } });

  it('answers 409 WECHAT_NOT_CONFIGURED with a Chinese message, and health says WeChat is off', async () => {
    const staff = await app().login('13900000003');
    const r = await app().call(api.joinWxacode, { params: { id: await unionIdByName(app(), OWN_UNION) }, token: staff });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('WECHAT_NOT_CONFIGURED');
    expect(r.error?.message).toMatch(/小程序码/);
    expect((await app().call(api.health, {})).body.wechat).toBe(false);
  });

  it('still answers 404 for a union outside the caller’s scope', async () => {
    const staff = await app().login('13900000003');
    const r = await app().call(api.joinWxacode, { params: { id: await unionIdByName(app(), OTHER_UNION) }, token: staff });
    expect(r.status).toBe(404);
  });
});
