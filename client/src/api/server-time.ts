import { useServerClock } from '../stores/server-clock';
import { api } from './index';
import { call } from './request';

/** The member's open and upcoming batches; the answer's serverTime also corrects the device clock. */
export async function fetchOpenBatches() {
  const sentAt = Date.now();
  const res = await call(api.listOpenBatches, { toast: false });
  useServerClock.getState().sync(res.serverTime, sentAt, Date.now());
  return res;
}
