import { authApi, systemApi } from './auth';
import { unionsApi } from './unions';

/** The whole HTTP contract, one entry per endpoint. */
export const api = {
  ...systemApi,
  ...authApi,
  ...unionsApi,
};
export type Api = typeof api;

export * from './endpoint';
export { authApi, systemApi, unionsApi };
