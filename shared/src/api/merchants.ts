import { z } from 'zod';
import { endpoint } from './endpoint';
import { Id, IdParams, Month } from '../models/common';
import { CashierBody, MerchantAdminView, MerchantDetail, MerchantInput, MerchantPatch } from '../models/vouchers';

const CashierParams = z.object({ id: Id, userId: Id }).strict();

/** Partner merchants, signed and kept by union admins; settlement is per merchant and Shanghai month. */
export const merchantsApi = {
  createMerchant: endpoint({ method: 'POST', path: '/api/admin/merchants', audience: 'staff', body: MerchantInput, response: MerchantAdminView, status: 201 }),
  listMerchants: endpoint({ method: 'GET', path: '/api/admin/merchants', audience: 'staff', response: z.object({ data: z.array(MerchantAdminView) }).strict() }),
  merchantSettlementXlsx: endpoint({ method: 'GET', path: '/api/admin/merchants/:id/settlement.xlsx', audience: 'staff', params: IdParams, query: z.object({ month: Month }).strict(), response: z.unknown(), binary: true }),
  getMerchant: endpoint({ method: 'GET', path: '/api/admin/merchants/:id', audience: 'staff', params: IdParams, response: MerchantDetail }),
  updateMerchant: endpoint({ method: 'PATCH', path: '/api/admin/merchants/:id', audience: 'staff', params: IdParams, body: MerchantPatch, response: MerchantDetail }),
  addCashier: endpoint({ method: 'POST', path: '/api/admin/merchants/:id/cashiers', audience: 'staff', params: IdParams, body: CashierBody, response: MerchantDetail, status: 201 }),
  removeCashier: endpoint({ method: 'DELETE', path: '/api/admin/merchants/:id/cashiers/:userId', audience: 'staff', params: CashierParams, response: MerchantDetail }),
};
