import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { clusterWorkers, ConfigError, loadConfig, productionProblems, s3SettingsFromEnv } from './config';
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

  const s3Env = { S3_ENDPOINT: 'https://obs.cn-north-4.myhuaweicloud.com', S3_REGION: 'cn-north-4', S3_BUCKET: 'huzhou-gonghui', S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: 'secret-key', S3_FORCE_PATH_STYLE: '1', S3_PREFIX: 'prod/uploads' };

  it('keeps uploads under DATA_DIR without S3 settings, and counts empty S3 variables as unset', () => {
    expect(loadConfig(productionEnv).s3).toBeUndefined();
    expect(loadConfig({ ...productionEnv, S3_ENDPOINT: '', S3_BUCKET: '', S3_ACCESS_KEY_ID: '' }).s3).toBeUndefined();
  });

  it('reads the S3 settings, with the prefix ending in a slash and defaults for the rest', () => {
    expect(loadConfig({ ...productionEnv, ...s3Env }).s3).toEqual({
      endpoint: 'https://obs.cn-north-4.myhuaweicloud.com',
      region: 'cn-north-4',
      bucket: 'huzhou-gonghui',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret-key',
      forcePathStyle: true,
      prefix: 'prod/uploads/',
      timeoutMs: 15_000,
    });
    expect(s3SettingsFromEnv({ S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 's' })).toMatchObject({ endpoint: undefined, region: 'us-east-1', forcePathStyle: false, prefix: '' });
  });

  it.each([
    ['a bucket without credentials', { S3_BUCKET: 'huzhou-gonghui' }, /S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY missing/],
    ['an endpoint alone', { S3_ENDPOINT: 'http://127.0.0.1:9000' }, /S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY missing/],
    ['no secret key', { ...s3Env, S3_SECRET_ACCESS_KEY: undefined }, /S3_SECRET_ACCESS_KEY missing/],
    ['an endpoint that is not a URL', { ...s3Env, S3_ENDPOINT: 'obs.example' }, /S3_ENDPOINT/],
    ['an endpoint that is not http(s)', { ...s3Env, S3_ENDPOINT: 'ftp://obs.example' }, /S3_ENDPOINT/],
    ['an endpoint with credentials in it', { ...s3Env, S3_ENDPOINT: 'https://AKID:secret@obs.example' }, /S3_ENDPOINT/],
    ['a bucket name S3 would refuse', { ...s3Env, S3_BUCKET: 'Huzhou_Gonghui' }, /S3_BUCKET/],
    ['a prefix that climbs out', { ...s3Env, S3_PREFIX: '../other' }, /S3_PREFIX/],
  ])('refuses to start with %s, in demo mode too', (_name, override, reason) => {
    expect(() => loadConfig({ ...productionEnv, ...override })).toThrow(reason);
    expect(() => loadConfig({ GONGHUI_MODE: 'demo', ...override }, () => 'generated-secret')).toThrow(ConfigError);
  });

  it('lists half an S3 configuration among what production would refuse (pnpm doctor)', () => {
    const problems = productionProblems({ ...productionEnv, S3_BUCKET: 'huzhou-gonghui' });
    expect(problems.map((p) => p.key)).toEqual(['S3_BUCKET']);
    expect(problems[0]!.zh).toContain('S3 存储配置不完整');
    expect(productionProblems({ ...productionEnv, ...s3Env })).toEqual([]);
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
