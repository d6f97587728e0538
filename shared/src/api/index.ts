import { authApi, systemApi } from './auth';
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
  ...merchantsApi,
};
export type Api = typeof api;

export * from './endpoint';
export { authApi, merchantsApi, staffApi, systemApi, unionsApi, vouchersApi };
