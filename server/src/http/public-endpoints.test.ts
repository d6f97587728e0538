import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';

describe.each(storageKinds)('public endpoints with a stale token on %s', (kind) => {
  const app = useTestApp(kind);

  it('answers the SMS code and the join page as for a visitor when the stored token was revoked', async () => {
    const token = await app().login('13800000002');
    expect((await app().call(api.logout, { token })).status).toBe(200);
    const stale = { authorization: `Bearer ${token}` };
    expect((await app().call(api.smsCode, { body: { phone: '13500000999' }, headers: stale })).status).toBe(200);
    expect((await app().call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' }, headers: stale })).status).toBe(200);
    expect((await app().call(api.joinInfo, { params: { joinCode: 'HZWXEQUIP2' }, headers: { authorization: 'Bearer not-a-token' } })).status).toBe(200);
    // a signed-in endpoint still refuses it
    expect((await app().call(api.me, { headers: stale })).status).toBe(401);
  });

  it('answers the SMS code as for a visitor when the token has expired', async () => {
    const token = await app().login('13800000003');
    app().clock.advance(app().deps.config.sessionTtlMs + 1000);
    expect((await app().call(api.smsCode, { body: { phone: '13500000998' }, token })).status).toBe(200);
    const me = await app().call(api.me, { token });
    expect(me.error?.code).toBe('SESSION_EXPIRED');
  });
});
