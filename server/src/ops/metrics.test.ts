import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageKinds } from '../testing/database';
import { claim, publishedBatch } from '../testing/factories';
import { startTestApp, useTestApp, type TestApp } from '../testing/harness';
import { activePhones } from '../testing/people';
import { metricsServer } from './metrics';

const TOKEN = 'metrics-token-0123456789abcdef';

interface Family {
  name: string;
  type: string;
  metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string }[];
}

/** The whole answer through a Prometheus text parser: one that does not parse fails here. */
async function scrape(app: TestApp): Promise<Family[]> {
  const res = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await res.text()) as Family[];
}

function value(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) return 0;
  const series = family.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return series.reduce((sum, m) => sum + Number(m.value ?? m.count ?? 0), 0);
}

describe.each(storageKinds)('/metrics on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z', config: { metrics: { host: '127.0.0.1', token: TOKEN } } });
  let city: string;
  let members: string[];
  beforeAll(async () => {
    city = await app().login('13900000001');
    members = [];
    for (const phone of await activePhones(app(), 6)) members.push(await app().login(phone));
  }, 120_000);

  it('answers 401 without the bearer token or with a wrong one', async () => {
    const none = await fetch(`${app().baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${app().baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN.replace(/.$/, 'x')}` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('gonghui_');
  });

  it('counts N claims as N vouchers issued, a repeated key as a replay, and a refusal by its reason', async () => {
    const batch = await publishedBatch(app(), city, { stockTotal: 5, title: '计数测试 立减10', kind: 'direct', thresholdFen: null, faceValueFen: 1000 });
    app().clock.set('2026-12-20T02:00:00Z');
    const histogramCount = async () =>
      (await app().deps.metrics!.registry.getSingleMetric('gonghui_http_request_duration_seconds')!.get()).values.find(
        (v) => (v as { metricName?: string }).metricName === 'gonghui_http_request_duration_seconds_count' && v.labels.route === '/api/voucher-batches/:id/claims',
      )?.value ?? 0;
    const before = await scrape(app());
    const countBefore = await histogramCount();
    const keys = members.slice(0, 5).map(() => randomUUID());
    const answers = await Promise.all(members.slice(0, 5).map((t, i) => claim(app(), t, batch.id, keys[i])));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect((await claim(app(), members[0]!, batch.id, keys[0])).status).toBe(201); // replayed
    const soldOut = await claim(app(), members[5]!, batch.id);
    expect(soldOut.error?.code).toBe('VOUCHER_SOLD_OUT');
    const limit = await claim(app(), members[1]!, batch.id);
    expect(limit.status).toBe(409);
    const after = await scrape(app());

    const delta = (name: string, labels?: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta('gonghui_voucher_claims_total')).toBe(5);
    expect(delta('gonghui_idempotent_replays_total', { route: '/api/voucher-batches/:id/claims' })).toBe(1);
    expect(delta('gonghui_claim_refusals_total', { reason: 'sold_out' }) + delta('gonghui_claim_refusals_total', { reason: 'limit' })).toBe(2);
    expect(delta('gonghui_claim_refusals_total', { reason: 'sold_out' })).toBeGreaterThanOrEqual(1);
    expect(delta('gonghui_http_requests_total', { route: '/api/voucher-batches/:id/claims', status: '201' })).toBe(6);
    // (the text parser folds labelled histograms into one series: prom-client's own reading of it)
    expect((await histogramCount()) - countBefore).toBe(8);
    // refusal reasons are always present, so a rate() over them works from the first scrape
    const reasons = after.find((f) => f.name === 'gonghui_claim_refusals_total')!.metrics.map((m) => m.labels?.reason);
    expect(reasons).toEqual(expect.arrayContaining(['sold_out', 'limit', 'not_open', 'shed', 'rate_limited']));
    app().clock.set('2026-12-01T02:00:00Z');
  });

  it('labels requests by route template, never by the id in the path', async () => {
    const families = await scrape(app());
    const routes = families.find((f) => f.name === 'gonghui_http_requests_total')!.metrics.map((m) => m.labels?.route ?? '');
    expect(routes.filter((r) => /[0-9a-f]{8}-[0-9a-f]{4}/.test(r))).toEqual([]);
    expect(routes).toContain('/api/auth/demo-login');
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let app: TestApp;
  const h5 = mkdtempSync(path.join(tmpdir(), 'gh-h5-'));
  beforeAll(async () => {
    writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>工惠</title>');
    app = await startTestApp('pglite', { seed: false, clientDir: h5 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(h5, { recursive: true, force: true });
  });

  it('answers 404 on the public port, not the H5 page shell, with or without a token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const res = await fetch(`${app.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/工惠|gonghui_/);
    }
    // the page shell fallback still works for client routes
    expect((await fetch(`${app.baseUrl}/pages/index/index`)).status).toBe(200);
  });

  it('serves them on the metrics listener of its own, and nothing else there', async () => {
    const server = metricsServer(app.deps.metrics!);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(parsePrometheusTextFormat(await res.text()).map((f: Family) => f.name)).toContain('gonghui_voucher_claims_total');
      expect((await fetch(`${base}/api/live`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe.each(storageKinds)('readiness and liveness on %s', (kind) => {
  const app = useTestApp(kind, { seed: false });

  it('answers ready 200 with the database migrated, 503 once the process is draining, while liveness stays 200', async () => {
    const ready = await app().get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, db: true, migrations: true, draining: false });
    app().deps.lifecycle!.draining = true;
    try {
      const draining = await app().get('/api/ready');
      expect(draining.status).toBe(503);
      expect(draining.headers.get('retry-after')).toBe('5');
      expect(draining.body).toEqual({ ok: false, db: true, migrations: true, draining: true });
      expect((await app().get('/api/live')).status).toBe(200);
    } finally {
      app().deps.lifecycle!.draining = false;
    }
  });
});
