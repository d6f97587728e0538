import { queryRows } from '../db/index';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp, type TestApp } from '../testing/harness';

async function counts(app: TestApp) {
  const rows = await queryRows<{ users: number; members: number; sms: number }>(
    app.deps.db,
    sql`select (select count(*)::int from users) as users, (select count(*)::int from members) as members, (select count(*)::int from sms_codes) as sms`,
  );
  return rows[0]!;
}

describe.each(storageKinds)('request validation on %s', (kind) => {
  const app = useTestApp(kind);

  it('answers 400 VALIDATION_FAILED with field paths for wrong types', async () => {
    const before = await counts(app());
    const r = await app().post('/api/auth/sms-code', { phone: 13800000001 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.issues[0].path).toBe('body.phone');
    expect(await counts(app())).toEqual(before);
  });

  it('answers 400 naming unknown fields', async () => {
    const token = await app().login('13800000001');
    const r = await app().patch('/api/me', { careMode: true, isAdmin: true }, token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(r.body.error.details)).toContain('isAdmin');
    expect((await app().call(api.me, { token })).body.user.careMode).toBe(false);
  });

  it('answers 400 for unknown query parameters', async () => {
    const token = await app().login('13900000001');
    const r = await app().get('/api/admin/members?role=admin', token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a 2 MB body and writes nothing', async () => {
    const before = await counts(app());
    const r = await app().request('POST', '/api/auth/sms-code', { rawBody: JSON.stringify({ phone: '13800000001', pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await counts(app())).toEqual(before);
  });

  it('answers 400 for a __proto__ key, nested or not, and writes nothing', async () => {
    const before = await counts(app());
    const top = await app().request('POST', '/api/auth/sms-code', { rawBody: '{"phone":"13800000001","__proto__":{"isAdmin":true}}' });
    expect(top.status).toBe(400);
    // the JSON parser refuses prototype keys outright; our guard catches what gets past it
    expect(['MALFORMED_JSON', 'VALIDATION_FAILED']).toContain(top.body.error.code);
    const token = await app().login('13800000002');
    const nested = await app().request('PATCH', '/api/me', { token, rawBody: '{"careMode":true,"x":{"constructor":{"prototype":{"polluted":1}}}}' });
    expect(nested.status).toBe(400);
    expect(['MALFORMED_JSON', 'VALIDATION_FAILED']).toContain(nested.body.error.code);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await counts(app())).toEqual(before);
  });

  it('answers 400 MALFORMED_JSON for broken JSON and 415 for a form body', async () => {
    const broken = await app().request('POST', '/api/auth/sms-code', { rawBody: '{"phone":' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('MALFORMED_JSON');
    const form = await app().request('POST', '/api/auth/sms-code', { rawBody: 'phone=13800000001', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
  });

  it('answers 400 for a malformed id in the path, not 500', async () => {
    const token = await app().login('13900000001');
    const r = await app().get('/api/admin/members/not-a-uuid', token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers unknown API paths with 404 NOT_FOUND in the catalogue shape', async () => {
    const r = await app().get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  it('sends a request id and security headers', async () => {
    const r = await app().call(api.health, {});
    expect(r.headers.get('x-request-id')).toBeTruthy();
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.body).toMatchObject({ ok: true, db: kind });
  });
});
