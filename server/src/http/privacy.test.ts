import { queryRows } from '../db/index';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { decrypt } from '../crypto';
import { storageKinds } from '../testing/database';
import type { CallResult } from '../testing/call';
import { useTestApp } from '../testing/harness';

const FULL_ID = /(?<![\w-])\d{17}[\dX](?![\w-])/;
const FULL_PHONE = /(?<![\w-])1[3-9]\d{9}(?![\w-])/;

describe.each(storageKinds)('privacy on %s', (kind) => {
  const app = useTestApp(kind);

  it('never sends a full ID number or phone in the member list', async () => {
    const token = await app().login('13900000001');
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: CallResult<typeof api.listMembers> = await app().call(api.listMembers, { query: { limit: 100, cursor: cursor ?? undefined }, token });
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(FULL_ID);
      expect(text).not.toMatch(FULL_PHONE);
      for (const m of r.body.data) {
        expect(m.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
        expect(m.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      }
      cursor = r.body.pagination.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
  });

  it('keeps every ID number encrypted at rest', async () => {
    const rows = await queryRows<{ id_number_enc: string; id_number_masked: string }>(app().deps.db, sql`select id_number_enc, id_number_masked from members limit 20`);
    for (const r of rows) {
      expect(r.id_number_enc).not.toMatch(FULL_ID);
      const plain = decrypt(app().deps.keys, r.id_number_enc);
      expect(plain.slice(-4)).toBe(r.id_number_masked.slice(-4));
    }
  });

  it('logs a whole sign-in flow without the phone, the code, the token or an ID number', async () => {
    app().logs.lines.length = 0;
    const phone = '13800000077';
    await app().call(api.smsCode, { body: { phone } });
    const code = app().sms.lastCodeFor(phone);
    const login = await app().call(api.smsLogin, { body: { phone, code } });
    const token = login.body.token;
    await app().call(api.me, { token });
    await app().call(api.updateMe, { body: { careMode: true }, token });
    await app().call(api.logout, { token });
    await app().call(api.smsLogin, { body: { phone, code: '000000' } });
    const logs = app().logs.text;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(phone);
    expect(logs).not.toContain(token);
    expect(logs).not.toMatch(FULL_ID);
    expect(logs).not.toContain(`"${code}"`);
  });
});
