import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams } from '../models/common';
import { LotteryEntryView, LotteryMemberView, LotteryPublicView } from '../models/lottery';

export const lotteryApi = {
  /** Registers the caller for a lottery batch; registering again answers the same entry. */
  registerForLottery: endpoint({ method: 'POST', path: '/api/voucher-batches/:id/lottery-entries', audience: 'member', params: IdParams, response: LotteryEntryView, status: 201, idempotent: 'required' }),
  myLottery: endpoint({ method: 'GET', path: '/api/voucher-batches/:id/lottery', audience: 'member', params: IdParams, response: LotteryMemberView }),
  myLotteryEntries: endpoint({ method: 'GET', path: '/api/my/lottery-entries', audience: 'member', response: z.object({ data: z.array(LotteryEntryView) }).strict() }),
  /** The 公示: anyone may read it and re-run the draw from it. */
  lotteryResult: endpoint({ method: 'GET', path: '/api/public/lotteries/:id', audience: 'public', params: IdParams, response: LotteryPublicView }),
};
