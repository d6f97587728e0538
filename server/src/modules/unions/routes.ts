import type Router from '@koa/router';
import { unionsApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { joinCodeRegenerator, joinInfo, joinQrPng, joinWxacode, unionTree, unionUpdater } from './service';

export function unionRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.listUnions, async (s) => ({ data: await unionTree(s) }));
  mount(router, deps, api.updateUnion, (s, { params, body }) => unionUpdater(s, { id: params.id, joinApproval: body.joinApproval }));
  mount(router, deps, api.joinInfo, (s, { params }) => joinInfo(s, params));
  mount(router, deps, api.joinQrPng, (s, { params }) => joinQrPng(s, params));
  mount(router, deps, api.joinWxacode, (s, { params }) => joinWxacode(s, params));
  mount(router, deps, api.regenerateJoinCode, (s, { params }) => joinCodeRegenerator(s, params));
}
