import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { clusterWorkers, ConfigError, loadConfig } from './config';
import { startTestApp } from './testing/harness';

const strongSecret = 'k'.repeat(12) + 'Zx9-Qw8_Er7.Ty6/Ui5';
const productionEnv = {
  GONGHUI_MODE: 'production',
  GONGHUI_SECRET: strongSecret + strongSecret,
  SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'wechat-secret-from-the-console',
  PUBLIC_URL: 'https://gh.example.org.cn',
};

describe('configuration', () => {
  it('starts in production with a real secret and an SMS provider', () => {
    const c = loadConfig(productionEnv);
    expect(c.mode).toBe('production');
    expect(c.demoLogin).toBe(false);
    expect(c.seedDemo).toBe(false);
  });

  it('defaults to production when GONGHUI_MODE is not set', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
  });

  it.each([
    ['no secret', { GONGHUI_SECRET: undefined }],
    ['a short secret', { GONGHUI_SECRET: 'short' }],
    ['a placeholder secret', { GONGHUI_SECRET: 'changeme-changeme-changeme-changeme-1234' }],
    ['demo login enabled', { GONGHUI_DEMO_LOGIN: '1' }],
    ['demo seeding enabled', { GONGHUI_SEED_DEMO: '1' }],
    ['a pinned clock', { GONGHUI_NOW: '2026-12-20T02:00:00Z' }],
    ['no SMS provider', { SMS_WEBHOOK_URL: undefined }],
    ['no WeChat appid', { WECHAT_APPID: undefined }],
    ['no WeChat secret', { WECHAT_SECRET: undefined }],
    ['no public address', { PUBLIC_URL: undefined }],
    ['a public address without https', { PUBLIC_URL: 'http://gh.example.org.cn' }],
  ])('refuses production with %s', (_name, override) => {
    expect(() => loadConfig({ ...productionEnv, ...override })).toThrow(ConfigError);
  });

  it('lets demo mode pin the clock and generate a secret', () => {
    const c = loadConfig({ GONGHUI_MODE: 'demo', GONGHUI_NOW: '2026-12-20T02:00:00Z' }, () => 'generated-secret');
    expect(c.now?.toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(c.secret).toBe('generated-secret');
    expect(c.demoLogin).toBe(true);
  });

  it('answers demo-login with 404 in production', async () => {
    const app = await startTestApp('pglite', { config: { mode: 'production', demoLogin: false } });
    try {
      const r = await app.call(api.demoLogin, { body: { phone: '13800000001' } });
      expect(r.status).toBe(404);
      expect(r.error?.code).toBe('NOT_FOUND');
      expect((await app.call(api.health, {})).body.mode).toBe('production');
    } finally {
      await app.close();
    }
  });
});

describe('cluster workers (pnpm start:cluster)', () => {
  it('forks one worker per CPU unless told, CLUSTER_WORKERS before WEB_CONCURRENCY', () => {
    expect(clusterWorkers({}, 6)).toBe(6);
    expect(clusterWorkers({ WEB_CONCURRENCY: '3' }, 6)).toBe(3);
    expect(clusterWorkers({ WEB_CONCURRENCY: '3', CLUSTER_WORKERS: '2' }, 6)).toBe(2);
    expect(clusterWorkers({ CLUSTER_WORKERS: '' }, 2)).toBe(2);
  });

  it.each(['0', '-1', '1.5', 'many', '257'])('refuses CLUSTER_WORKERS=%s', (n) => {
    expect(() => clusterWorkers({ CLUSTER_WORKERS: n }, 2)).toThrow(ConfigError);
  });
});
