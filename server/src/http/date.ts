import type { Middleware } from 'koa';
import type { Clock } from '../clock';

/**
 * The `Date` header by the app's clock, not the machine's: the client sets its clock from every
 * answer's Date (client/src/stores/clock-offset.ts), and a pinned demo clock (GONGHUI_NOW) or a
 * test's fixed clock must tell the same time there as in the answers' `serverTime`. Node keeps a
 * Date that is already set.
 */
export function dateHeader(clock: Clock): Middleware {
  return async (ctx, next) => {
    ctx.set('Date', clock.now().toUTCString());
    await next();
  };
}
