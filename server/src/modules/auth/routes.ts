import type Router from '@koa/router';
import { authApi } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { careModeSetter, loadMe } from './me';
import { demoLoginer, sessionRevoker, smsCodeSender, smsLoginer, wechatLoginer } from './service';

export function authRoutes(router: Router, deps: Deps): void {
  mount(router, deps, authApi.wechatLogin, ({ body }) => wechatLoginer(deps, body.code));
  mount(router, deps, authApi.smsCode, ({ body }, { ip }) => smsCodeSender(deps, body.phone, ip));
  mount(router, deps, authApi.smsLogin, ({ body }, { ip }) => smsLoginer(deps, body.phone, body.code, ip, body.bindTicket));
  // Exists only in demo mode: elsewhere the path is unknown (404).
  if (deps.config.demoLogin) mount(router, deps, authApi.demoLogin, ({ body }) => demoLoginer(deps, body.phone));
  mount(router, deps, authApi.logout, async (_in, { auth }) => {
    await sessionRevoker(deps, auth.sessionId);
    return { ok: true as const };
  });
  mount(router, deps, authApi.me, (_in, { auth }) => loadMe(deps, auth.userId, auth.sessionId));
  mount(router, deps, authApi.updateMe, async ({ body }, { auth }) => {
    await careModeSetter(deps, auth.userId, body.careMode);
    return loadMe(deps, auth.userId, auth.sessionId);
  });
}
