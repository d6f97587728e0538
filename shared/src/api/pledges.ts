import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams, page } from '../models/common';
import { PledgeDeclineBody, PledgeInput, PledgeQuery, PledgeReceiptBody, PledgeView, SponsorableOfferView, StaffPledgeView } from '../models/pledges';

/** 爱心认捐: donors sponsor packs of a campaign's offers; the offer's union confirms receipt. */
export const pledgesApi = {
  // donors
  sponsorableOffers: endpoint({ method: 'GET', path: '/api/donor/campaign-offers', audience: 'donor', response: z.object({ data: z.array(SponsorableOfferView) }).strict() }),
  createPledge: endpoint({ method: 'POST', path: '/api/donor/pledges', audience: 'donor', body: PledgeInput, response: PledgeView, status: 201, idempotent: 'required' }),
  myPledges: endpoint({ method: 'GET', path: '/api/donor/pledges', audience: 'donor', query: PledgeQuery, response: page(PledgeView) }),
  withdrawPledge: endpoint({ method: 'POST', path: '/api/donor/pledges/:id/withdrawal', audience: 'donor', params: IdParams, response: PledgeView }),
  // union staff of the offer's subtree
  campaignPledges: endpoint({ method: 'GET', path: '/api/admin/campaigns/:id/pledges', audience: 'staff', params: IdParams, response: z.object({ data: z.array(StaffPledgeView) }).strict() }),
  receivePledge: endpoint({ method: 'POST', path: '/api/admin/pledges/:id/receipt', audience: 'staff', params: IdParams, body: PledgeReceiptBody, response: StaffPledgeView, idempotent: 'required' }),
  declinePledge: endpoint({ method: 'POST', path: '/api/admin/pledges/:id/decline', audience: 'staff', params: IdParams, body: PledgeDeclineBody, response: StaffPledgeView }),
};
