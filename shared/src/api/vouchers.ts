import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams, IsoDate, PageQuery, page } from '../models/common';
import {
  BatchStats,
  MerchantRedemptionRow,
  MyVouchersQuery,
  RedemptionBody,
  RedemptionResult,
  VoucherBatchAdminView,
  VoucherBatchInput,
  VoucherBatchMemberView,
  VoucherBatchPatch,
  VoucherBatchVisitorView,
  VoucherCode,
  VoucherDetail,
  VoucherView,
} from '../models/vouchers';

const DateQuery = z.object({ date: IsoDate.optional() }).strict();

export const vouchersApi = {
  // union staff
  createBatch: endpoint({ method: 'POST', path: '/api/admin/voucher-batches', audience: 'staff', body: VoucherBatchInput, response: VoucherBatchAdminView, status: 201 }),
  listBatches: endpoint({ method: 'GET', path: '/api/admin/voucher-batches', audience: 'staff', query: PageQuery, response: page(VoucherBatchAdminView) }),
  getBatch: endpoint({ method: 'GET', path: '/api/admin/voucher-batches/:id', audience: 'staff', params: IdParams, response: VoucherBatchAdminView }),
  updateBatch: endpoint({ method: 'PATCH', path: '/api/admin/voucher-batches/:id', audience: 'staff', params: IdParams, body: VoucherBatchPatch, response: VoucherBatchAdminView }),
  publishBatch: endpoint({ method: 'POST', path: '/api/admin/voucher-batches/:id/publish', audience: 'staff', params: IdParams, response: VoucherBatchAdminView }),
  closeBatch: endpoint({ method: 'POST', path: '/api/admin/voucher-batches/:id/close', audience: 'staff', params: IdParams, response: VoucherBatchAdminView }),
  batchStats: endpoint({ method: 'GET', path: '/api/admin/voucher-batches/:id/stats', audience: 'staff', params: IdParams, response: BatchStats }),
  batchRedemptionsXlsx: endpoint({ method: 'GET', path: '/api/admin/voucher-batches/:id/redemptions.xlsx', audience: 'staff', params: IdParams, response: z.unknown(), binary: true }),

  // anyone: 首页 and 工惠券 before signing in
  /** City-wide published batches open now or soon, without anything about the caller (a token is ignored). */
  listVisitorBatches: endpoint({ method: 'GET', path: '/api/public/voucher-batches', audience: 'public', response: z.object({ data: z.array(VoucherBatchVisitorView), serverTime: z.string() }).strict() }),

  // members
  listOpenBatches: endpoint({ method: 'GET', path: '/api/voucher-batches', audience: 'member', response: z.object({ data: z.array(VoucherBatchMemberView), serverTime: z.string() }).strict() }),
  claim: endpoint({ method: 'POST', path: '/api/voucher-batches/:id/claims', audience: 'member', params: IdParams, response: z.object({ voucher: VoucherView }).strict(), status: 201, idempotent: 'required' }),
  myVouchers: endpoint({ method: 'GET', path: '/api/my/vouchers', audience: 'member', query: MyVouchersQuery, response: page(VoucherView) }),
  myVoucher: endpoint({ method: 'GET', path: '/api/my/vouchers/:id', audience: 'member', params: IdParams, response: VoucherDetail }),
  returnVoucher: endpoint({ method: 'POST', path: '/api/my/vouchers/:id/return', audience: 'member', params: IdParams, response: z.object({ voucher: VoucherView }).strict(), idempotent: 'optional' }),
  voucherCode: endpoint({ method: 'GET', path: '/api/my/vouchers/:id/code', audience: 'member', params: IdParams, response: VoucherCode }),

  // merchants
  previewRedemption: endpoint({ method: 'POST', path: '/api/merchant/redemptions/preview', audience: 'merchant', body: RedemptionBody, response: RedemptionResult }),
  redeem: endpoint({ method: 'POST', path: '/api/merchant/redemptions', audience: 'merchant', body: RedemptionBody, response: RedemptionResult, status: 201, idempotent: 'required' }),
  merchantRedemptions: endpoint({
    method: 'GET',
    path: '/api/merchant/redemptions',
    audience: 'merchant',
    query: DateQuery,
    response: z.object({ data: z.array(MerchantRedemptionRow), date: z.string(), totalDiscountFen: z.number().int(), merchantName: z.string() }).strict(),
  }),
};

