import type Router from '@koa/router';
import { unionsApi } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { memberForStaff, memberJoiner, memberList, memberUpdater } from '../members/service';
import { joinInfo, unionTree, unionUpdater } from './service';

export function unionRoutes(router: Router, deps: Deps): void {
  mount(router, deps, unionsApi.listUnions, async (_in, { auth }) => ({ data: await unionTree(deps, auth) }));
  mount(router, deps, unionsApi.updateUnion, ({ params, body }, { auth, requestId }) => unionUpdater(deps, auth, params.id, body.joinApproval, requestId));
  mount(router, deps, unionsApi.listMembers, ({ query }, { auth }) => memberList(deps, auth, query));
  mount(router, deps, unionsApi.getMember, ({ params }, { auth }) => memberForStaff(deps, auth, params.id));
  mount(router, deps, unionsApi.updateMember, ({ params, body }, { auth, requestId }) => memberUpdater(deps, auth, params.id, body, requestId));
  mount(router, deps, unionsApi.joinInfo, ({ params }) => joinInfo(deps, params.joinCode));
  mount(router, deps, unionsApi.join, ({ body }, { auth, requestId }) => memberJoiner(deps, auth, body, requestId));
}
