import type Router from '@koa/router';
import { campaignsApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { formEntrySetter, formRecordList, warmthFormReader, warmthFormXlsx } from './form';
import { campaignLetterList, familyLetterReader, letterRecipientList, letterSender, myLetterReader } from './letters';
import { campaignCanceller, campaignUpdater, offerCanceller, offerDeliveryList, offerUpdater } from './changes';
import { coupletGrabber, grabPath } from './couplets';
import { myOfferList, offerClaimer } from './member';
import { campaignCreator, offerAdder, pickupHander, sponsorRecorder, staffCampaignDetail, staffCampaignList } from './staff';
import { visitDeleter, visitList, visitLogger, visitUpdater } from './visits';
import { aidFormEntrySetter, aidFormReader, aidFormRecordList, aidFormXlsx } from './aid-form';
import { sponsorDeleter, sponsorUpdater } from './sponsors';

/** One line per contract endpoint. */
export function campaignRoutes(router: Router, deps: Deps): void {
  // members
  mount(router, deps, api.myCampaignOffers, (s) => myOfferList(s));
  mount(router, deps, api.claimCampaignOffer, (s, { params, body }) => offerClaimer(s, { id: params.id, input: body }));
  mount(router, deps, api.grabCouplets, (s, { params, body }) => coupletGrabber(s, { id: params.id, input: body }), { hot: grabPath });

  // union staff
  mount(router, deps, api.createCampaign, (s, { body }) => campaignCreator(s, body));
  mount(router, deps, api.staffCampaigns, (s, { query }) => staffCampaignList(s, query));
  mount(router, deps, api.staffCampaign, (s, { params }) => staffCampaignDetail(s, params));
  mount(router, deps, api.updateCampaign, (s, { params, body }) => campaignUpdater(s, { id: params.id, patch: body }));
  mount(router, deps, api.cancelCampaign, (s, { params }) => campaignCanceller(s, params));
  mount(router, deps, api.updateCampaignOffer, (s, { params, body }) => offerUpdater(s, { id: params.id, patch: body }));
  mount(router, deps, api.cancelCampaignOffer, (s, { params }) => offerCanceller(s, params));
  mount(router, deps, api.offerDeliveries, (s, { params }) => offerDeliveryList(s, params));
  mount(router, deps, api.addCampaignOffer, (s, { params, body }) => offerAdder(s, { id: params.id, input: body }));
  mount(router, deps, api.addCampaignSponsor, (s, { params, body }) => sponsorRecorder(s, { id: params.id, input: body }));
  mount(router, deps, api.handOverPickup, (s, { body }) => pickupHander(s, body));
  mount(router, deps, api.logVisit, (s, { body }) => visitLogger(s, body));
  mount(router, deps, api.listVisits, (s, { query }) => visitList(s, query));
  mount(router, deps, api.warmthForm, (s, { query }) => warmthFormReader(s, query));
  mount(router, deps, api.warmthFormRecords, (s, { query }) => formRecordList(s, query));
  mount(router, deps, api.warmthFormXlsx, (s, { query }) => warmthFormXlsx(s, query));
  mount(router, deps, api.setWarmthFormEntry, (s, { body }) => formEntrySetter(s, body));
  mount(router, deps, api.sendLetter, (s, { params, body }) => letterSender(s, { id: params.id, input: body }));
  mount(router, deps, api.campaignLetters, (s, { params }) => campaignLetterList(s, params));
  mount(router, deps, api.letterRecipients, (s, { params }) => letterRecipientList(s, params));
  mount(router, deps, api.myLetter, (s, { params }) => myLetterReader(s, params));
  mount(router, deps, api.familyLetter, (s, { params }) => familyLetterReader(s, params));
  mount(router, deps, api.aidCentreForm, (s, { query }) => aidFormReader(s, query));
  mount(router, deps, api.aidCentreFormRecords, (s, { query }) => aidFormRecordList(s, query));
  mount(router, deps, api.aidCentreFormXlsx, (s, { query }) => aidFormXlsx(s, query));
  mount(router, deps, api.setAidCentreFormEntry, (s, { body }) => aidFormEntrySetter(s, body));
  mount(router, deps, api.updateVisit, (s, { params, body }) => visitUpdater(s, { id: params.id, input: body }));
  mount(router, deps, api.deleteVisit, (s, { params }) => visitDeleter(s, params));
  mount(router, deps, api.updateSponsor, (s, { params, body }) => sponsorUpdater(s, { id: params.id, input: body }));
  mount(router, deps, api.deleteSponsor, (s, { params }) => sponsorDeleter(s, params));
}
