import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams, Ok, page } from '../models/common';
import {
  CampaignInput,
  CampaignPatch,
  DeliveryView,
  OfferPatch,
  FamilyLetterView,
  LetterInput,
  LetterRecipientView,
  MyLetterView,
  ShareTokenParams,
  StaffLetterView,
  FormEntryInput,
  FormQuery,
  FormRecordsQuery,
  FormRecordView,
  MemberOfferList,
  MemberOfferView,
  OfferClaimInput,
  OfferInput,
  OfferView,
  PickupCodeBody,
  PickupView,
  SponsorInput,
  SponsorView,
  StaffCampaignDetail,
  StaffCampaignQuery,
  StaffCampaignView,
  VisitInput,
  VisitQuery,
  VisitView,
  WarmthFormView,
} from '../models/campaigns';
import { AidFormEntryInput, AidFormRecordsQuery, AidFormView } from '../models/campaigns';

export const campaignsApi = {
  // members: the running campaigns' offers meant for them, and claiming one
  myCampaignOffers: endpoint({ method: 'GET', path: '/api/campaign-offers', audience: 'member', response: MemberOfferList }),
  claimCampaignOffer: endpoint({ method: 'POST', path: '/api/campaign-offers/:id/claims', audience: 'member', params: IdParams, body: OfferClaimInput, response: MemberOfferView, status: 201, idempotent: 'required' }),

  // union staff, inside their subtree
  createCampaign: endpoint({ method: 'POST', path: '/api/admin/campaigns', audience: 'staff', body: CampaignInput, response: StaffCampaignView, status: 201 }),
  staffCampaigns: endpoint({ method: 'GET', path: '/api/admin/campaigns', audience: 'staff', query: StaffCampaignQuery, response: page(StaffCampaignView) }),
  staffCampaign: endpoint({ method: 'GET', path: '/api/admin/campaigns/:id', audience: 'staff', params: IdParams, response: StaffCampaignDetail }),
  addCampaignOffer: endpoint({ method: 'POST', path: '/api/admin/campaigns/:id/offers', audience: 'staff', params: IdParams, body: OfferInput, response: OfferView, status: 201 }),
  addCampaignSponsor: endpoint({ method: 'POST', path: '/api/admin/campaigns/:id/sponsors', audience: 'staff', params: IdParams, body: SponsorInput, response: SponsorView, status: 201, idempotent: 'required' }),
  /** At the counter: the member's pickup code, scanned or typed; a pack is handed over once. */
  handOverPickup: endpoint({ method: 'POST', path: '/api/admin/campaign-pickups', audience: 'staff', body: PickupCodeBody, response: PickupView, idempotent: 'required' }),

  logVisit: endpoint({ method: 'POST', path: '/api/admin/warmth-visits', audience: 'staff', body: VisitInput, response: VisitView, status: 201, idempotent: 'required' }),
  listVisits: endpoint({ method: 'GET', path: '/api/admin/warmth-visits', audience: 'staff', query: VisitQuery, response: page(VisitView) }),

  warmthForm: endpoint({ method: 'GET', path: '/api/admin/warmth-form', audience: 'staff', query: FormQuery, response: WarmthFormView }),
  warmthFormRecords: endpoint({ method: 'GET', path: '/api/admin/warmth-form/records', audience: 'staff', query: FormRecordsQuery, response: page(FormRecordView) }),
  warmthFormXlsx: endpoint({ method: 'GET', path: '/api/admin/warmth-form.xlsx', audience: 'staff', query: FormQuery, response: z.unknown(), binary: true }),
  /** 慰问信: filled for and sent to every targeted member, through the notice centre. */
  sendLetter: endpoint({ method: 'POST', path: '/api/admin/campaigns/:id/letters', audience: 'staff', params: IdParams, body: LetterInput, response: StaffLetterView, status: 201, idempotent: 'required' }),
  campaignLetters: endpoint({ method: 'GET', path: '/api/admin/campaigns/:id/letters', audience: 'staff', params: IdParams, response: z.object({ data: z.array(StaffLetterView) }).strict() }),
  letterRecipients: endpoint({ method: 'GET', path: '/api/admin/letters/:id/recipients', audience: 'staff', params: IdParams, response: z.object({ data: z.array(LetterRecipientView) }).strict() }),
  /** The member's own letter (opening it is recorded); anyone else's is 404. */
  myLetter: endpoint({ method: 'GET', path: '/api/my/letters/:id', audience: 'member', params: IdParams, response: MyLetterView }),
  familyLetter: endpoint({ method: 'GET', path: '/api/public/letters/:token', audience: 'public', params: ShareTokenParams, response: FamilyLetterView }),
  setWarmthFormEntry: endpoint({ method: 'PUT', path: '/api/admin/warmth-form/entries', audience: 'staff', body: FormEntryInput, response: WarmthFormView }),

  /** Annex 2 (帮扶中心工作统计表): the same shape as Annex 1, its own items. */
  aidCentreForm: endpoint({ method: 'GET', path: '/api/admin/aid-centre-form', audience: 'staff', query: FormQuery, response: AidFormView }),
  aidCentreFormRecords: endpoint({ method: 'GET', path: '/api/admin/aid-centre-form/records', audience: 'staff', query: AidFormRecordsQuery, response: page(FormRecordView) }),
  aidCentreFormXlsx: endpoint({ method: 'GET', path: '/api/admin/aid-centre-form.xlsx', audience: 'staff', query: FormQuery, response: z.unknown(), binary: true }),
  setAidCentreFormEntry: endpoint({ method: 'PUT', path: '/api/admin/aid-centre-form/entries', audience: 'staff', body: AidFormEntryInput, response: AidFormView }),
  /** Correcting a visit or a sponsorship moves the form's figures: audited, one answer per key. */
  updateVisit: endpoint({ method: 'PUT', path: '/api/admin/warmth-visits/:id', audience: 'staff', params: IdParams, body: VisitInput, response: VisitView, idempotent: 'required' }),
  deleteVisit: endpoint({ method: 'DELETE', path: '/api/admin/warmth-visits/:id', audience: 'staff', params: IdParams, response: Ok, idempotent: 'required' }),
  updateSponsor: endpoint({ method: 'PUT', path: '/api/admin/campaign-sponsors/:id', audience: 'staff', params: IdParams, body: SponsorInput, response: SponsorView, idempotent: 'required' }),
  deleteSponsor: endpoint({ method: 'DELETE', path: '/api/admin/campaign-sponsors/:id', audience: 'staff', params: IdParams, response: Ok, idempotent: 'required' }),
  /** Before anyone claimed: any change; after: the name and a later end only (409 CAMPAIGN_HAS_CLAIMS). */
  updateCampaign: endpoint({ method: 'PATCH', path: '/api/admin/campaigns/:id', audience: 'staff', params: IdParams, body: CampaignPatch, response: StaffCampaignView }),
  /** Called off with its offers, only before anyone claimed. */
  cancelCampaign: endpoint({ method: 'POST', path: '/api/admin/campaigns/:id/cancel', audience: 'staff', params: IdParams, response: StaffCampaignView }),
  updateCampaignOffer: endpoint({ method: 'PATCH', path: '/api/admin/campaign-offers/:id', audience: 'staff', params: IdParams, body: OfferPatch, response: OfferView }),
  cancelCampaignOffer: endpoint({ method: 'POST', path: '/api/admin/campaign-offers/:id/cancel', audience: 'staff', params: IdParams, response: OfferView }),
  /** Claims of an offer still to be posted (oldest first); posting one is handing it over by its code (handOverPickup). */
  offerDeliveries: endpoint({ method: 'GET', path: '/api/admin/campaign-offers/:id/deliveries', audience: 'staff', params: IdParams, response: z.object({ data: z.array(DeliveryView) }).strict() }),
  /** 送春联: grab one set of a limited stock (the voucher claim path: memory refusals, group commit), to collect or have posted. */
  grabCouplets: endpoint({ method: 'POST', path: '/api/campaign-offers/:id/grabs', audience: 'member', params: IdParams, body: OfferClaimInput, response: MemberOfferView, status: 201, idempotent: 'required' }),
};
