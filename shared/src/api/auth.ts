import { z } from 'zod';
import { endpoint } from './endpoint';
import { Ok } from '../models/common';
import {
  DeleteAccountBody,
  DemoLoginBody,
  Me,
  MePatch,
  SessionResponse,
  SmsCodeBody,
  SmsCodeResponse,
  SmsLoginBody,
  WechatLoginBody,
  WechatLoginResponse,
} from '../models/auth';

export const authApi = {
  wechatLogin: endpoint({ method: 'POST', path: '/api/auth/wechat', audience: 'public', body: WechatLoginBody, response: WechatLoginResponse }),
  smsCode: endpoint({ method: 'POST', path: '/api/auth/sms-code', audience: 'public', body: SmsCodeBody, response: SmsCodeResponse }),
  smsLogin: endpoint({ method: 'POST', path: '/api/auth/sms-login', audience: 'public', body: SmsLoginBody, response: SessionResponse }),
  demoLogin: endpoint({ method: 'POST', path: '/api/auth/demo-login', audience: 'public', body: DemoLoginBody, response: SessionResponse }),
  logout: endpoint({ method: 'POST', path: '/api/auth/logout', audience: 'user', response: Ok }),
  me: endpoint({ method: 'GET', path: '/api/me', audience: 'user', response: Me }),
  updateMe: endpoint({ method: 'PATCH', path: '/api/me', audience: 'user', body: MePatch, response: Me }),
  /** Deletes the account: see server/src/modules/auth/deletion.ts for what goes and what the union keeps. */
  deleteAccount: endpoint({ method: 'DELETE', path: '/api/me', audience: 'user', body: DeleteAccountBody, response: Ok }),
};

export const systemApi = {
  /** Liveness without the database: the ceiling of what this process answers (the rush benchmark measures against it). */
  live: endpoint({ method: 'GET', path: '/api/live', audience: 'public', response: z.object({ ok: z.literal(true) }).strict() }),
  /**
   * Readiness: 200 when this process should get traffic (the database answers, its schema is the
   * one this code expects, the process is not shutting down); 503 otherwise.
   */
  ready: endpoint({
    method: 'GET',
    path: '/api/ready',
    audience: 'public',
    response: z.object({ ok: z.boolean(), db: z.boolean(), migrations: z.boolean(), draining: z.boolean() }).strict(),
  }),
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    audience: 'public',
    response: z
      .object({
        ok: z.boolean(),
        db: z.enum(['pglite', 'postgres']),
        version: z.string(),
        mode: z.enum(['demo', 'production']),
        /** WeChat's server APIs are configured (mini-program sign-in, 小程序码); false in demo mode without an appid. */
        wechat: z.boolean(),
      })
      .strict(),
  }),
};
