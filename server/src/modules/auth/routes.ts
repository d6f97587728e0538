import type Router from '@koa/router';
import { authApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { deleteAccount } from './deletion';
import { loadMe, meUpdater } from './me';
import { demoLoginer, sessionRevoker, smsCodeSender, smsLoginer, wechatLoginer } from './service';

export function authRoutes(router: Router, deps: Deps): void {
  mount<typeof api.wechatLogin, { openid: string }>(router, deps, api.wechatLogin, (s, { body, prepared }) => wechatLoginer(s, { openid: prepared.openid, acceptTerms: body.acceptTerms }), {
    prepare: (d, { body }) => d.wechat.code2Session(body.code),
  });
  mount(router, deps, api.smsCode, (s, { body }) => smsCodeSender(s, body));
  mount(router, deps, api.smsLogin, (s, { body }) => smsLoginer(s, body));
  // Exists only in demo mode: elsewhere the path is unknown (404).
  if (deps.config.demoLogin) mount(router, deps, api.demoLogin, (s, { body }) => demoLoginer(s, body));
  mount(router, deps, api.logout, (s) => sessionRevoker(s));
  mount(router, deps, api.me, (s) => loadMe(s, s.auth.userId, s.auth.sessionId));
  mount(router, deps, api.updateMe, (s, { body }) => meUpdater(s, body));
  mount(router, deps, api.deleteAccount, (s) => deleteAccount(s));
}
