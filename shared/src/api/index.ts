import { authApi, systemApi } from './auth';
import { lotteryApi } from './lottery';
import { merchantsApi } from './merchants';
import { staffApi } from './staff';
import { unionsApi } from './unions';
import { vouchersApi } from './vouchers';

/** The whole HTTP contract, one entry per endpoint. */
export const api = {
  ...systemApi,
  ...authApi,
  ...unionsApi,
  ...staffApi,
  ...vouchersApi,
  ...lotteryApi,
  ...merchantsApi,
};
export type Api = typeof api;

export * from './endpoint';
export { authApi, lotteryApi, merchantsApi, staffApi, systemApi, unionsApi, vouchersApi };
