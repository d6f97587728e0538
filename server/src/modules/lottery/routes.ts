import type Router from '@koa/router';
import { lotteryApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { lotteryRegistrar } from './registrations';
import { lotteryPublicResult, myLottery, myLotteryEntries } from './results';

/** The lottery (摇号) of voucher batches: registration, the member's result, the public result. */
export function lotteryRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.registerForLottery, (s, { params }) => lotteryRegistrar(s, { batchId: params.id }));
  mount(router, deps, api.myLottery, (s, { params }) => myLottery(s, params));
  mount(router, deps, api.myLotteryEntries, (s) => myLotteryEntries(s));
  mount(router, deps, api.lotteryResult, (s, { params }) => lotteryPublicResult(s, params));
}
