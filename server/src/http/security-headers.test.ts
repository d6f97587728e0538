import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp, type TestApp } from '../testing/harness';

/** A WeChat client whose failure is a bug of ours, not a refusal: the request ends in a 500. */
const brokenWechat = { code2Session: async (): Promise<{ openid: string }> => Promise.reject(new Error('unexpected failure')) };

function expectHardened(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe.each(storageKinds)('security headers on %s', (kind) => {
  const app = useTestApp(kind, { wechat: brokenWechat });

  const answers: [number, (a: TestApp) => Promise<{ status: number; headers: Headers }>][] = [
    [200, (a) => a.call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' } })],
    [401, (a) => a.call(api.me, {})],
    [403, async (a) => a.call(api.listBatches, { token: await a.login('13800000001') })],
    [404, (a) => a.request('GET', '/api/no-such-thing')],
    [409, async (a) => a.call(api.join, { body: { joinCode: 'HZWXEQUIP2', name: '张晓明', idNumber: '330502199205055551', employer: '某公司', idNumberConsent: true }, token: await a.login('13800000001') })],
    [413, (a) => a.request('POST', '/api/auth/sms-code', { rawBody: JSON.stringify({ phone: 'x'.repeat(100_000) }) })],
    [422, async (a) => a.call(api.join, { body: { joinCode: 'HZWUXING1', name: '赵刚', idNumber: '330502199205054449', employer: '某公司', idNumberConsent: true }, token: await a.login('13700000001') })],
    [500, (a) => a.call(api.wechatLogin, { body: { code: 'any-code-123' } })],
  ];

  it.each(answers)('hardens a %i answer like every other', async (status, send) => {
    const r = await send(app());
    expect(r.status).toBe(status);
    expectHardened(r.headers);
  });
});
