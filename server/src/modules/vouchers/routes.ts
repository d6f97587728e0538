import type Router from '@koa/router';
import { vouchersApi } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import type { AppContext } from '../../http/state';
import { merchantCreator, merchantList, merchantSettlement } from '../merchants/service';
import { batchCloser, batchCreator, batchDetail, batchList, batchPublisher, batchRedemptionsXlsx, batchStats, batchUpdater } from './batches';
import { myVoucherDetail, myVouchers, openBatches, voucherClaimer, voucherCodeIssuer, voucherReturner } from './claims';
import { merchantDay, recordCodeMiss, redemptionPreview, voucherRedeemer } from './redemptions';

function sendXlsx(ctx: AppContext, file: { filename: string; buffer: Buffer; chineseName: string }) {
  // ASCII fallback for old clients, the Chinese name for everyone else (RFC 6266).
  ctx.set('Content-Disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.chineseName)}`);
  ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  ctx.body = file.buffer;
}

export function voucherRoutes(router: Router, deps: Deps): void {
  const api = vouchersApi;
  // union staff
  mount(router, deps, api.createBatch, ({ body }, { auth, requestId }) => batchCreator(deps, auth, body, requestId));
  mount(router, deps, api.listBatches, ({ query }, { auth }) => batchList(deps, auth, query));
  mount(router, deps, api.getBatch, ({ params }, { auth }) => batchDetail(deps, auth, params.id));
  mount(router, deps, api.updateBatch, ({ params, body }, { auth, requestId }) => batchUpdater(deps, auth, params.id, body, requestId));
  mount(router, deps, api.publishBatch, ({ params }, { auth, requestId }) => batchPublisher(deps, auth, params.id, requestId));
  mount(router, deps, api.closeBatch, ({ params }, { auth, requestId }) => batchCloser(deps, auth, params.id, requestId));
  mount(router, deps, api.batchStats, ({ params }, { auth }) => batchStats(deps, auth, params.id));
  mount(router, deps, api.batchRedemptionsXlsx, async ({ params }, { auth, ctx, requestId }) => sendXlsx(ctx, await batchRedemptionsXlsx(deps, auth, params.id, requestId)));
  mount(router, deps, api.createMerchant, ({ body }, { auth, requestId }) => merchantCreator(deps, auth, body, requestId));
  mount(router, deps, api.listMerchants, (_in, { auth }) => merchantList(deps, auth));
  mount(router, deps, api.merchantSettlementXlsx, async ({ params, query }, { auth, ctx, requestId }) => sendXlsx(ctx, await merchantSettlement(deps, auth, params.id, query.month, requestId)));

  // members
  mount(router, deps, api.listOpenBatches, (_in, { auth }) => openBatches(deps, auth));
  mount(router, deps, api.claim, async ({ params }, { auth, tx }) => ({ voucher: await voucherClaimer(deps, tx, auth.memberId!, params.id) }));
  mount(router, deps, api.myVouchers, ({ query }, { auth }) => myVouchers(deps, auth, query));
  mount(router, deps, api.myVoucher, ({ params }, { auth }) => myVoucherDetail(deps, auth, params.id));
  mount(router, deps, api.returnVoucher, async ({ params }, { auth, tx }) => {
    // Without a key the return still runs in one transaction; with one, a repeat replays the answer.
    const voucher = tx === deps.db ? await deps.db.transaction((t) => voucherReturner(deps, t as never, auth, params.id)) : await voucherReturner(deps, tx, auth, params.id);
    return { voucher };
  });
  mount(router, deps, api.voucherCode, ({ params }, { auth }) => voucherCodeIssuer(deps, auth, params.id));

  // merchants
  mount(router, deps, api.previewRedemption, ({ body }, { auth }) => redemptionPreview(deps, auth, body));
  mount(router, deps, api.redeem, ({ body }, { auth, tx }) => voucherRedeemer(deps, tx, auth, body), { onRefusal: (tx, err, auth) => recordCodeMiss(deps, tx, auth, err) });
  mount(router, deps, api.merchantRedemptions, ({ query }, { auth }) => merchantDay(deps, auth, query.date));
}
