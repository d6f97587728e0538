import type Router from '@koa/router';
import { merchantsApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { cashierAdder, cashierRemover, merchantDetail, merchantUpdater } from './profile';
import { merchantCreator, merchantList, merchantSettlement } from './service';

export function merchantRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.createMerchant, (s, { body }) => merchantCreator(s, body));
  mount(router, deps, api.listMerchants, (s) => merchantList(s));
  mount(router, deps, api.getMerchant, (s, { params }) => merchantDetail(s, params));
  mount(router, deps, api.updateMerchant, (s, { params, body }) => merchantUpdater(s, { id: params.id, patch: body }));
  mount(router, deps, api.addCashier, (s, { params, body }) => cashierAdder(s, { id: params.id, phone: body.phone }));
  mount(router, deps, api.removeCashier, (s, { params }) => cashierRemover(s, params));
  mount(router, deps, api.merchantSettlementXlsx, (s, { params, query }) => merchantSettlement(s, { merchantId: params.id, month: query.month }));
}
