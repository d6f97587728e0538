import type Router from '@koa/router';
import { pledgesApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { campaignPledgeList, myPledgeList, pledgeCreator, pledgeDecliner, pledgeReceiver, pledgeWithdrawer, sponsorableOfferList } from './service';

/** One line per contract endpoint. */
export function pledgeRoutes(router: Router, deps: Deps): void {
  // donors
  mount(router, deps, api.sponsorableOffers, (s) => sponsorableOfferList(s));
  mount(router, deps, api.createPledge, (s, { body }) => pledgeCreator(s, body));
  mount(router, deps, api.myPledges, (s, { query }) => myPledgeList(s, query));
  mount(router, deps, api.withdrawPledge, (s, { params }) => pledgeWithdrawer(s, params));
  // union staff
  mount(router, deps, api.campaignPledges, (s, { params }) => campaignPledgeList(s, params));
  mount(router, deps, api.receivePledge, (s, { params, body }) => pledgeReceiver(s, { id: params.id, receivedOn: body.receivedOn }));
  mount(router, deps, api.declinePledge, (s, { params, body }) => pledgeDecliner(s, { id: params.id, reason: body.reason }));
}
