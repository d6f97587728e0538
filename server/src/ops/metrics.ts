/*
 * What the service is doing, in the Prometheus text format (prom-client). Every metric is a
 * counter bump or a histogram observation on the request's way out: the rush path pays nothing
 * else. Pool figures and the process's own (event-loop lag, memory) are read when scraped.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Middleware } from 'koa';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { api } from '@gonghui/shared';
import type { PoolStats } from '../db/index';
import type { AppState } from '../http/context';

/** Why a claim was refused, by the error code it was answered with. */
const REFUSAL_REASONS: Record<string, string> = {
  VOUCHER_SOLD_OUT: 'sold_out',
  VOUCHER_LIMIT_REACHED: 'limit',
  VOUCHER_NOT_OPEN: 'not_open',
  SERVICE_UNAVAILABLE: 'shed',
  RATE_LIMITED: 'rate_limited',
};

export interface Metrics {
  registry: Registry;
  /** The koa middleware counting every request (mounted outside the error handler). */
  count(): Middleware<AppState>;
}

export interface MetricsOptions {
  /** Event-loop lag, memory, CPU, handles: once per process (main.ts), not per test app. */
  processMetrics?: boolean;
  pool?: () => PoolStats | undefined;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({ name: 'gonghui_http_requests_total', help: 'HTTP requests answered, by route template and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'gonghui_http_request_duration_seconds',
    help: 'Time from the request arriving to the answer being handed to Node, by route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const claims = new Counter({ name: 'gonghui_voucher_claims_total', help: 'Vouchers issued by the claim endpoint (201, not replays)', registers: [registry] });
  const refusals = new Counter({
    name: 'gonghui_claim_refusals_total',
    help: 'Claims refused, by reason: sold_out, limit, not_open, shed (503 line full or database away), rate_limited, other',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const reason of [...Object.values(REFUSAL_REASONS), 'other']) refusals.inc({ reason }, 0);
  const replays = new Counter({ name: 'gonghui_idempotent_replays_total', help: 'Answers replayed for a repeated Idempotency-Key, by route template', labelNames: ['route'], registers: [registry] });
  if (opts.pool) {
    const pool = opts.pool;
    const gauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          const s = pool();
          if (s) this.set(pick(s));
        },
      });
    gauge('gonghui_db_pool_max', 'Database connections this process may open (DATABASE_POOL_SIZE; 1 for PGlite)', (s) => s.max);
    gauge('gonghui_db_pool_open', 'Database connections open', (s) => s.total);
    gauge('gonghui_db_pool_in_use', 'Database connections checked out by a request', (s) => s.total - s.idle);
    gauge('gonghui_db_pool_waiting', 'Requests waiting for a database connection', (s) => s.waiting);
  }

  const claimPath = api.claim.path;
  return {
    registry,
    count: () => async (ctx, next) => {
      const end = duration.startTimer();
      try {
        await next();
      } finally {
        const matched = typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : undefined;
        const route = matched ?? (ctx.path.startsWith('/api/') ? 'unmatched' : 'static');
        const labels = { method: ctx.method, route };
        end(labels);
        requests.inc({ ...labels, status: ctx.status });
        if (ctx.state.replayed) replays.inc({ route });
        else if (matched === claimPath && ctx.method === 'POST') {
          if (ctx.status === 201) claims.inc();
          else if (ctx.status >= 400) refusals.inc({ reason: REFUSAL_REASONS[ctx.state.errorCode ?? ''] ?? 'other' });
        }
      }
    },
  };
}

/** `Authorization: Bearer <token>` compared in constant time. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * `/metrics` on the public port: only with METRICS_TOKEN set and presented (401 otherwise); without
 * a token the path does not exist there (404), whatever the H5 fallback would have served.
 */
export function publicMetrics(metrics: Metrics, token: string | undefined): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.path !== '/metrics') return next();
    if (!token) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'not found';
      return;
    }
    if (!tokenMatches(ctx.get('authorization'), token)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      ctx.type = 'text/plain';
      ctx.body = 'metrics need the bearer token (METRICS_TOKEN)';
      return;
    }
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  };
}

/** The metrics listener of its own (METRICS_PORT): `/metrics` and nothing else, no token. */
export function metricsServer(metrics: Metrics): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed'),
    );
  });
}

/** A worker of `pnpm start:cluster`: its metrics go to the primary, which serves them summed over the workers. */
export function shareWithClusterPrimary(metrics: Metrics): void {
  new AggregatorRegistry(); // installs the worker's answer to the primary's requests
  AggregatorRegistry.setRegistries([metrics.registry]);
}

/** The cluster primary's METRICS_PORT: every worker's metrics, aggregated by prom-client (counters summed). */
export function clusterMetricsServer(): Server {
  const aggregator = new AggregatorRegistry();
  return createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    aggregator.clusterMetrics().then(
      (text) => res.writeHead(200, { 'content-type': aggregator.contentType }).end(text),
      (err: Error) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${err.message}`),
    );
  });
}
