import Koa from 'koa';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { jsonBody } from './body';
import { errorHandler } from './errors';

async function post(raw: string) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    ctx.state.requestId = 'test-request';
    await next();
  });
  app.use(errorHandler(createLogger('silent')));
  for (const mw of jsonBody()) app.use(mw);
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; details?: unknown } } };
  } finally {
    server.close();
  }
}

describe('jsonBody guard', () => {
  it('rejects a nested constructor key with 400 VALIDATION_FAILED naming its path', async () => {
    const r = await post('{"a":{"b":{"constructor":{"x":1}}}}');
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(r.body.error?.details)).toContain('a.b.constructor');
  });

  it('passes an ordinary body through', async () => {
    expect((await post('{"a":{"b":1}}')).status).toBe(200);
  });
});
