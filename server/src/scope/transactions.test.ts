import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, endpoint } from '@gonghui/shared';
import { queryRows, schema } from '../db/index';
import type { Deps } from '../deps';
import { jsonBody } from '../http/body';
import { errorHandler } from '../http/errors';
import { requestId } from '../http/requestId';
import { mount } from '../http/route';
import { audit } from '../modules/audit/service';
import { storageKinds } from '../testing/database';
import { useTestApp } from '../testing/harness';
import { guardPool, insideTransaction, PoolInTransactionError } from './scope';

const Answer = z.object({ ok: z.literal(true) }).strict();
const writesThenBreaksContract = endpoint({ method: 'POST', path: '/api/test/contract', audience: 'user', response: Answer });
const touchesThePool = endpoint({ method: 'POST', path: '/api/test/pool', audience: 'user', response: Answer });
const readsOnly = endpoint({ method: 'GET', path: '/api/test/read', audience: 'user', response: Answer });
const refusedAfterWork = endpoint({ method: 'POST', path: '/api/test/refused', audience: 'user', response: Answer, idempotent: 'required' });
const committedThenFollowed = endpoint({ method: 'POST', path: '/api/test/followed', audience: 'user', response: Answer });

describe.each(storageKinds)('the request scope on %s', (kind) => {
  const app = useTestApp(kind);
  let base = '';
  let close = async () => undefined as void;
  let pool: Deps['db'];
  const followUps: string[] = [];

  beforeAll(async () => {
    const deps: Deps = { ...app().deps, db: guardPool(app().deps.db) };
    pool = deps.db;
    const router = new Router();
    mount(router, deps, writesThenBreaksContract, async (s) => {
      await audit(s, 'test.contract', { type: 'test' });
      return { ok: 'yes' } as never; // not what the contract promises
    });
    mount(router, deps, touchesThePool, async (s) => {
      await audit(s, 'test.pool', { type: 'test' });
      // the mistake the guard exists for: on PGlite this query would wait forever for the transaction around it
      await pool.select().from(schema.unions).limit(1);
      return { ok: true as const };
    });
    mount(router, deps, refusedAfterWork, async (s) => {
      await audit(s, 'test.refused', { type: 'test' });
      s.afterCommit(async () => void followUps.push('refused'));
      throw new AppError('VOUCHER_SOLD_OUT');
    });
    mount(router, deps, committedThenFollowed, async (s) => {
      await audit(s, 'test.followed', { type: 'test' });
      s.afterCommit(async (db) => {
        // runs after the commit, on the pool: it sees the committed row
        const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'test.followed'`);
        followUps.push(`followed:${rows[0]!.n}`);
      });
      return { ok: true as const };
    });
    mount(router, deps, readsOnly, async (s) => {
      await s.db.select().from(schema.unions).limit(1);
      return { ok: true as const };
    });
    const koa = new Koa();
    koa.use(requestId());
    koa.use(errorHandler(deps.logger));
    for (const mw of jsonBody()) koa.use(mw);
    koa.use(router.routes());
    const server = createServer(koa.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const auditCount = async (action: string) =>
    (await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n;

  it('rolls the change back when the answer breaks the contract: a 500 and nothing saved', async () => {
    const token = await app().login('13800000001');
    const r = await fetch(`${base}/api/test/contract`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(500);
    expect(await auditCount('test.contract')).toBe(0);
  });

  it('fails loudly, at once, when a service reaches for the pool inside its transaction', async () => {
    const token = await app().login('13800000001');
    const started = Date.now();
    const r = await fetch(`${base}/api/test/pool`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await auditCount('test.pool')).toBe(0);
    expect(app().logs.text).toContain('PoolInTransactionError');
    // and the server is not stuck
    expect((await fetch(`${base}/api/test/read`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('runs after-commit work only for committed work, and after the commit', async () => {
    const token = await app().login('13800000001');
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': 'refused-key-0001' };
    const refused = await fetch(`${base}/api/test/refused`, { method: 'POST', headers });
    expect(refused.status).toBe(409);
    expect(await auditCount('test.refused')).toBe(0);
    const followed = await fetch(`${base}/api/test/followed`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(followed.status).toBe(200);
    expect(followUps).toEqual(['followed:1']);
  });

  it('lets the pool be used outside a transaction, and refuses it inside one', async () => {
    expect(await pool.select().from(schema.unions).limit(1)).toHaveLength(1);
    await expect(insideTransaction(async () => pool.select().from(schema.unions).limit(1))).rejects.toBeInstanceOf(PoolInTransactionError);
  });
});
