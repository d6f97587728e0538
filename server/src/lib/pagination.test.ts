import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';
import { decodeCursor, encodeCursor } from './pagination';

const crafted = {
  'an id of 36 dashes': encodeCursor(['2026-12-01T00:00:00.000Z', '-'.repeat(36)]),
  'a date in year -271821': encodeCursor(['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
  'a number where a date belongs': encodeCursor([0, '00000000-0000-4000-8000-000000000000']),
  'one part too many': encodeCursor(['2026-12-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000', 'x']),
  'not JSON at all': Buffer.from('{{{').toString('base64url'),
};

describe('page cursors', () => {
  it('round-trips a key and refuses anything the list did not make', () => {
    const key = ['2026-12-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'];
    expect(decodeCursor(encodeCursor(key), ['date', 'uuid'])).toEqual(key);
    for (const cursor of Object.values(crafted)) expect(() => decodeCursor(cursor, ['date', 'uuid'])).toThrow(/提交的信息有误/);
  });
});

describe.each(storageKinds)('crafted cursors through the API on %s', (kind) => {
  const app = useTestApp(kind);

  it.each(Object.entries(crafted))('answers %s with 400, not 500', async (_what, cursor) => {
    const member = await app().login('13800000001');
    const staff = await app().login('13900000001');
    const mine = await app().call(api.myVouchers, { query: { cursor }, token: member });
    expect(mine.status).toBe(400);
    expect(mine.error?.code).toBe('VALIDATION_FAILED');
    const batches = await app().call(api.listBatches, { query: { cursor }, token: staff });
    expect(batches.status).toBe(400);
  });
});
