import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';

// The client sets its clock from every answer's Date: it must be the app's clock (a pinned demo
// clock, a test's fixed clock), the same one the answers' serverTime reads.
describe.each(storageKinds)('the Date header on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T01:55:00.250Z' });

  it('tells the app clock, agreeing with serverTime', async () => {
    const token = await app().login('13800000001');
    const r = await app().call(api.me, { token });
    expect(r.status).toBe(200);
    expect(r.headers.get('date')).toBe('Sun, 20 Dec 2026 01:55:00 GMT');
    expect(Date.parse(r.headers.get('date')!)).toBe(Math.floor(Date.parse(r.body.serverTime) / 1000) * 1000);
  });

  it('is on refusals too', async () => {
    const r = await app().request('GET', '/api/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.headers.get('date')).toBe('Sun, 20 Dec 2026 01:55:00 GMT');
  });
});
