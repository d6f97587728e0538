import type Router from '@koa/router';
import { AppError, vouchersApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount, type HotPath } from '../../http/route';
import { admitClaim, settleClaim } from '../../rush/index';
import type { Ticket } from '../../rush/redis-admission';
import { batchCloser, batchCreator, batchDetail, batchList, batchPublisher, batchRedemptionsXlsx, batchStats, batchUpdater } from './batches';
import { voucherClaimer, writeClaims } from './claim-writer';
import { myVoucherDetail, myVouchers, openBatches, voucherCodeIssuer, voucherReturner } from './claims';
import { merchantDay, redemptionPreview, voucherRedeemer } from './redemptions';
import { visitorBatches } from './visitors';

/**
 * The claim's hot path: "no" from memory when memory is sure (server/src/rush/claim-gate.ts), and
 * every other claim written with the others that arrived meanwhile, in one transaction (group commit).
 */
const claimPath: HotPath<typeof api.claim> = {
  gate: (rush, auth, { params }, key, now) => rush.gate.check(params.id, auth, key, now),
  learn: (rush, auth, { params }, key, status, code) => rush.gate.learn(params.id, auth, key, status, code),
  admit: (rush, auth, { params }, key) => (auth.memberId ? admitClaim(rush, params.id, auth.memberId, key) : Promise.resolve(undefined)),
  settle: (rush, ticket, answer) => settleClaim(rush, ticket as Ticket | undefined, answer),
  writeMany: async (tx, inputs) => {
    const results = await writeClaims(
      tx,
      inputs.map(({ auth, input, now }) => ({ batchId: input.params.id, memberId: auth.memberId!, now })),
    );
    return results.map((r) => (r instanceof AppError ? r : { voucher: r }));
  },
};

/** One line per contract endpoint: the route maps the request onto the service's input, nothing else. */
export function voucherRoutes(router: Router, deps: Deps): void {
  // union staff
  mount(router, deps, api.createBatch, (s, { body }) => batchCreator(s, body));
  mount(router, deps, api.listBatches, (s, { query }) => batchList(s, query));
  mount(router, deps, api.getBatch, (s, { params }) => batchDetail(s, params));
  mount(router, deps, api.updateBatch, (s, { params, body }) => batchUpdater(s, { id: params.id, patch: body }));
  mount(router, deps, api.publishBatch, (s, { params }) => batchPublisher(s, params));
  mount(router, deps, api.closeBatch, (s, { params }) => batchCloser(s, params));
  mount(router, deps, api.batchStats, (s, { params }) => batchStats(s, params));
  mount(router, deps, api.batchRedemptionsXlsx, (s, { params }) => batchRedemptionsXlsx(s, params));

  // anyone
  mount(router, deps, api.listVisitorBatches, (s) => visitorBatches(s));

  // members
  mount(router, deps, api.listOpenBatches, (s) => openBatches(s));
  mount(router, deps, api.claim, async (s, { params }) => ({ voucher: await voucherClaimer(s.db, { batchId: params.id, memberId: s.auth.memberId!, now: s.now }) }), { hot: claimPath });
  mount(router, deps, api.myVouchers, (s, { query }) => myVouchers(s, query));
  mount(router, deps, api.myVoucher, (s, { params }) => myVoucherDetail(s, params));
  mount(router, deps, api.returnVoucher, async (s, { params }) => ({ voucher: await voucherReturner(s, params) }));
  mount(router, deps, api.voucherCode, (s, { params }) => voucherCodeIssuer(s, params));

  // merchants at the counter
  mount(router, deps, api.previewRedemption, (s, { body }) => redemptionPreview(s, body));
  mount(router, deps, api.redeem, (s, { body }) => voucherRedeemer(s, body));
  mount(router, deps, api.merchantRedemptions, (s, { query }) => merchantDay(s, query));
}
