import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';

const phone = (i: number) => `135${String(i).padStart(8, '0')}`;

describe.each(storageKinds)('the client address behind one trusted proxy on %s', (kind) => {
  const app = useTestApp(kind, { config: { trustProxy: 1 } });

  it('counts a client by the address the proxy saw, whatever it wrote into X-Forwarded-For itself', async () => {
    // the proxy appends the address it saw (203.0.113.7); the client forged everything to its left
    for (let i = 0; i < 20; i++) {
      const r = await app().call(api.smsCode, { body: { phone: phone(i) }, headers: { 'x-forwarded-for': `10.0.${i}.1, 203.0.113.7` } });
      expect(r.status).toBe(200);
    }
    const forged = await app().call(api.smsCode, { body: { phone: phone(20) }, headers: { 'x-forwarded-for': '10.9.9.9, 203.0.113.7' } });
    expect(forged.status).toBe(429);
    expect(forged.error?.code).toBe('SMS_RATE_LIMITED');
    // another client behind the same proxy is not affected
    expect((await app().call(api.smsCode, { body: { phone: phone(21) }, headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(200);
  });
});
