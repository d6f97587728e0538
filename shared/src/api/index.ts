import { authApi, systemApi } from './auth';
import { unionsApi } from './unions';
import { vouchersApi } from './vouchers';

/** The whole HTTP contract, one entry per endpoint. */
export const api = {
  ...systemApi,
  ...authApi,
  ...unionsApi,
  ...vouchersApi,
};
export type Api = typeof api;

export * from './endpoint';
export { authApi, systemApi, unionsApi, vouchersApi };
