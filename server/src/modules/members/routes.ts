import type Router from '@koa/router';
import { unionsApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { memberCodeIssuer, memberCodeLookup } from './codes';
import { memberForStaff, memberJoiner, memberList, memberUpdater } from './service';

export function memberRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.listMembers, (s, { query }) => memberList(s, query));
  mount(router, deps, api.getMember, (s, { params }) => memberForStaff(s, params));
  mount(router, deps, api.updateMember, (s, { params, body }) => memberUpdater(s, { id: params.id, patch: body }));
  mount(router, deps, api.join, (s, { body }) => memberJoiner(s, body));
  mount(router, deps, api.myMemberCode, (s) => memberCodeIssuer(s));
  mount(router, deps, api.lookupMemberCode, (s, { params }) => memberCodeLookup(s, params));
}
