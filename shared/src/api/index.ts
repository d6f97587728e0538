import { activitiesApi } from './activities';
import { campaignsApi } from './campaigns';
import { authApi, systemApi } from './auth';
import { feedbackApi } from './feedback';
import { hardshipApi } from './hardship';
import { lotteryApi } from './lottery';
import { merchantsApi } from './merchants';
import { noticesApi } from './notices';
import { pledgesApi } from './pledges';
import { staffApi } from './staff';
import { unionsApi } from './unions';
import { vouchersApi } from './vouchers';
import { wishesApi } from './wishes';

/** The whole HTTP contract, one entry per endpoint. */
export const api = {
  ...systemApi,
  ...authApi,
  ...unionsApi,
  ...staffApi,
  ...vouchersApi,
  ...lotteryApi,
  ...merchantsApi,
  ...wishesApi,
  ...noticesApi,
  ...activitiesApi,
  ...feedbackApi,
  ...campaignsApi,
  ...hardshipApi,
  ...pledgesApi,
};
export type Api = typeof api;

export * from './endpoint';
export { authApi, lotteryApi, merchantsApi, staffApi, systemApi, unionsApi, vouchersApi };
export { activitiesApi, campaignsApi, feedbackApi, hardshipApi, noticesApi, pledgesApi, wishesApi };
