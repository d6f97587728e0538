import type Router from '@koa/router';
import { staffApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { staffChanger, staffDutySetter, staffGranter, staffRevoker, unionStaff } from './service';

export function staffRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.listStaff, (s, { params }) => unionStaff(s, params));
  mount(router, deps, api.grantStaff, (s, { params, body }) => staffGranter(s, { unionId: params.id, body }));
  mount(router, deps, api.changeStaff, (s, { params, body }) => staffChanger(s, { unionId: params.id, userId: params.userId, role: body.role }));
  mount(router, deps, api.grantStaffDuty, (s, { params }) => staffDutySetter(s, { unionId: params.id, userId: params.userId, duty: params.duty, on: true }));
  mount(router, deps, api.revokeStaffDuty, (s, { params }) => staffDutySetter(s, { unionId: params.id, userId: params.userId, duty: params.duty, on: false }));
  mount(router, deps, api.revokeStaff, (s, { params }) => staffRevoker(s, { unionId: params.id, userId: params.userId }));
}
