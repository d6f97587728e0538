import type Router from '@koa/router';
import { vouchersApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { merchantCreator, merchantList, merchantSettlement } from './service';

export function merchantRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.createMerchant, (s, { body }) => merchantCreator(s, body));
  mount(router, deps, api.listMerchants, (s) => merchantList(s));
  mount(router, deps, api.merchantSettlementXlsx, (s, { params, query }) => merchantSettlement(s, { merchantId: params.id, month: query.month }));
}
