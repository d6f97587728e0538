/* `pnpm run doctor` as an operator runs it, on a good and on a bad production environment. */
import { afterAll, describe, expect, it } from 'vitest';
import { useS3Server } from '@gonghui/server/testing/s3';
import { SERVER_URL, freshServerDatabase, removeDir, tempDataDir } from '../flows/processes';
import { pnpmScript } from './cli';

const good = (dataDir: string, databaseUrl = ''): Record<string, string | undefined> => ({
  GONGHUI_MODE: 'production',
  GONGHUI_SECRET: 'Vb3kQ9zL1xR7mT2pW8sY4nD6fH0jC5gA',
  SMS_WEBHOOK_URL: 'https://sms.example.org.cn/send',
  WECHAT_APPID: 'wx0000000000000000',
  WECHAT_SECRET: 'wechat-secret',
  PUBLIC_URL: 'https://gh.example.org.cn',
  TRUST_PROXY: '1',
  TARO_APP_API_BASE: 'https://gh.example.org.cn',
  METRICS_PORT: '9464',
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  GONGHUI_NOW: undefined,
  GONGHUI_DEMO_LOGIN: undefined,
  GONGHUI_SEED_DEMO: undefined,
});

describe('pnpm run doctor', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });
  const dataDir = tempDataDir();
  cleanups.push(async () => removeDir(dataDir));

  it.each(SERVER_URL ? ['pglite', 'postgres'] : ['pglite'])('passes a good production environment on %s (exit 0)', async (kind) => {
    let url = '';
    if (kind === 'postgres') {
      const db = await freshServerDatabase();
      cleanups.push(db.drop);
      url = db.url;
    }
    const r = await pnpmScript(['run', 'doctor'], good(dataDir, url));
    expect(r.stdout).not.toContain('✗');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ready for production');
    if (kind === 'postgres') expect(r.stdout).toMatch(/database reachable at postgres:\/\/postgres@/);
  });

  it('lists everything production would refuse, in Chinese and English, and exits 1', async () => {
    const r = await pnpmScript(['run', 'doctor'], {
      ...good(dataDir),
      GONGHUI_SECRET: 'changeme',
      SMS_WEBHOOK_URL: '',
      WECHAT_SECRET: '',
      PUBLIC_URL: 'http://gh.example.org.cn',
      TARO_APP_API_BASE: 'http://gh.example.org.cn',
      GONGHUI_DEMO_LOGIN: '1',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/gonghui',
      DOCTOR_MIN_FREE_GB: '100000',
    });
    expect(r.code).toBe(1);
    const problems = r.stdout.split('\n').filter((l) => l.startsWith('✗ '));
    for (const expected of [/GONGHUI_SECRET/, /演示登录/, /短信服务/, /小程序.*WECHAT_APPID/, /PUBLIC_URL/, /TARO_APP_API_BASE/, /无法连接数据库/, /磁盘/]) {
      expect(problems.some((l) => expected.test(l)), String(expected)).toBe(true);
    }
    expect(r.stdout).toContain('production mode needs an SMS provider: set SMS_WEBHOOK_URL');
    expect(r.stdout).toMatch(/database not reachable at postgres:\/\/nobody@127\.0\.0\.1:1\/gonghui/);
    expect(r.stdout).toMatch(/✗ \d+ 个问题/);
  });

  describe('with uploads in an S3-compatible bucket', () => {
    const s3 = useS3Server();
    const s3Env = (secret?: string) => {
      const s = s3().settings();
      return { S3_ENDPOINT: s.endpoint, S3_REGION: s.region, S3_BUCKET: s.bucket, S3_ACCESS_KEY_ID: s.accessKeyId, S3_SECRET_ACCESS_KEY: secret ?? s.secretAccessKey, S3_FORCE_PATH_STYLE: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    };

    it('finds the bucket reachable with the right credentials', async () => {
      const r = await pnpmScript(['run', 'doctor'], { ...good(dataDir), ...s3Env() });
      expect(r.stdout).not.toContain('✗');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('✓ S3 存储桶可访问（gonghui-test）');
    });

    it('finds a wrong secret and half a configuration', async () => {
      const wrong = await pnpmScript(['run', 'doctor'], { ...good(dataDir), ...s3Env('not-the-secret') });
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(/✗ 无法访问 S3 存储桶 gonghui-test/);
      expect(wrong.stdout).toMatch(/AccessDenied \(HTTP 403\): check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
      expect(wrong.stdout).not.toContain('not-the-secret');
      const half = await pnpmScript(['run', 'doctor'], { ...good(dataDir), S3_BUCKET: 'gonghui-test' });
      expect(half.code).toBe(1);
      expect(half.stdout).toMatch(/✗ S3 存储配置不完整/);
    });
  });

  it('finds TLS ended at a proxy that TRUST_PROXY does not count', async () => {
    const r = await pnpmScript(['run', 'doctor'], { ...good(dataDir), TRUST_PROXY: '0' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ PUBLIC_URL 是 https，但 TRUST_PROXY=0/);
  });
});
