import { z } from 'zod';
import { endpoint } from './endpoint';
import { Id, IdParams, PageQuery, page } from '../models/common';
import {
  AdoptManyBody,
  ContactBody,
  DonorAdminView,
  DonorProfileInput,
  DonorProfileUpdate,
  DonorProfileView,
  DonorWishView,
  LicenceReviewBody,
  LicenceStatus,
  MessageBody,
  MyWishDetail,
  MyWishView,
  NoteBody,
  PublicWishQuery,
  PublicWishView,
  ReviewBody,
  StaffWishDetail,
  StaffWishInput,
  StaffWishQuery,
  StaffWishView,
  ThanksBody,
  ThanksWallEntry,
  TotalsQuery,
  WishInput,
  WishPatch,
  WishConversation,
  WishTotals,
} from '../models/wishes';

const DonorQuery = z.object({ licence: LicenceStatus.optional(), cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

export const wishesApi = {
  // the wisher: private views answer 404 to anyone but the wisher (a donor included), so their audience is any user
  createWish: endpoint({ method: 'POST', path: '/api/my/wishes', audience: 'member', body: WishInput, response: MyWishDetail, status: 201 }),
  myWishes: endpoint({ method: 'GET', path: '/api/my/wishes', audience: 'member', query: PageQuery, response: page(MyWishView) }),
  myWish: endpoint({ method: 'GET', path: '/api/my/wishes/:id', audience: 'user', params: IdParams, response: MyWishDetail }),
  updateMyWish: endpoint({ method: 'PATCH', path: '/api/my/wishes/:id', audience: 'user', params: IdParams, body: WishPatch, response: MyWishDetail }),
  submitMyWish: endpoint({ method: 'POST', path: '/api/my/wishes/:id/submit', audience: 'user', params: IdParams, response: MyWishDetail }),
  withdrawMyWish: endpoint({ method: 'POST', path: '/api/my/wishes/:id/withdraw', audience: 'user', params: IdParams, body: NoteBody, response: MyWishDetail }),
  confirmReceipt: endpoint({ method: 'POST', path: '/api/my/wishes/:id/receipt', audience: 'user', params: IdParams, body: NoteBody, response: MyWishDetail, idempotent: 'required' }),
  thankDonor: endpoint({ method: 'POST', path: '/api/my/wishes/:id/thanks', audience: 'user', params: IdParams, body: ThanksBody, response: MyWishDetail, idempotent: 'optional' }),

  // messages relayed between the wisher and the donor, once both agreed
  myConversation: endpoint({ method: 'GET', path: '/api/my/wishes/:id/conversation', audience: 'user', params: IdParams, response: WishConversation }),
  myContactConsent: endpoint({ method: 'POST', path: '/api/my/wishes/:id/conversation/consent', audience: 'user', params: IdParams, body: ContactBody, response: WishConversation }),
  mySendMessage: endpoint({ method: 'POST', path: '/api/my/wishes/:id/conversation/messages', audience: 'user', params: IdParams, body: MessageBody, response: WishConversation, status: 201, idempotent: 'optional' }),

  // union staff, inside their subtree (others' wishes are 404)
  fileWish: endpoint({ method: 'POST', path: '/api/admin/wishes', audience: 'staff', body: StaffWishInput, response: StaffWishDetail, status: 201 }),
  staffWishes: endpoint({ method: 'GET', path: '/api/admin/wishes', audience: 'staff', query: StaffWishQuery, response: page(StaffWishView) }),
  staffWish: endpoint({ method: 'GET', path: '/api/admin/wishes/:id', audience: 'staff', params: IdParams, response: StaffWishDetail }),
  reviewWish: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/review', audience: 'staff', params: IdParams, body: ReviewBody, response: StaffWishDetail }),
  confirmHandover: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/handover', audience: 'staff', params: IdParams, body: NoteBody, response: StaffWishDetail, idempotent: 'required' }),
  staffReleaseAdoption: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/release', audience: 'staff', params: IdParams, body: NoteBody, response: StaffWishDetail }),
  /** For a worker without a phone, on wishes staff filed for them. */
  staffSubmitWish: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/submit', audience: 'staff', params: IdParams, response: StaffWishDetail }),
  staffWithdrawWish: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/withdraw', audience: 'staff', params: IdParams, body: NoteBody, response: StaffWishDetail }),
  staffConfirmReceipt: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/receipt', audience: 'staff', params: IdParams, body: NoteBody, response: StaffWishDetail, idempotent: 'required' }),
  staffThank: endpoint({ method: 'POST', path: '/api/admin/wishes/:id/thanks', audience: 'staff', params: IdParams, body: ThanksBody, response: StaffWishDetail, idempotent: 'optional' }),
  /** Donor profiles, for the city federation's staff: enterprise licences wait for their check here. */
  /** The relayed messages of a wish of the subtree, read-only, for safeguarding (the read is audited). */
  staffConversation: endpoint({ method: 'GET', path: '/api/admin/wishes/:id/conversation', audience: 'staff', params: IdParams, response: WishConversation }),
  listDonors: endpoint({ method: 'GET', path: '/api/admin/donors', audience: 'staff', query: DonorQuery, response: page(DonorAdminView) }),
  reviewLicence: endpoint({ method: 'POST', path: '/api/admin/donors/:id/licence', audience: 'staff', params: IdParams, body: LicenceReviewBody, response: DonorAdminView }),

  // donors: any signed-in user may become one
  createDonorProfile: endpoint({ method: 'POST', path: '/api/donor/profile', audience: 'user', body: DonorProfileInput, response: DonorProfileView, status: 201 }),
  updateDonorProfile: endpoint({ method: 'PUT', path: '/api/donor/profile', audience: 'donor', body: DonorProfileUpdate, response: DonorProfileView }),
  donorProfile: endpoint({ method: 'GET', path: '/api/donor/profile', audience: 'donor', response: DonorProfileView }),
  adoptWish: endpoint({ method: 'POST', path: '/api/wishes/:id/adoptions', audience: 'donor', params: IdParams, response: DonorWishView, status: 201, idempotent: 'required' }),
  /** An enterprise adopting several at once: all or none. */
  adoptWishes: endpoint({ method: 'POST', path: '/api/donor/adoptions', audience: 'donor', body: AdoptManyBody, response: z.object({ data: z.array(DonorWishView) }).strict(), status: 201, idempotent: 'required' }),
  donorWishes: endpoint({ method: 'GET', path: '/api/donor/wishes', audience: 'donor', query: PageQuery, response: page(DonorWishView) }),
  donorWish: endpoint({ method: 'GET', path: '/api/donor/wishes/:id', audience: 'donor', params: IdParams, response: DonorWishView }),
  deliverWish: endpoint({ method: 'POST', path: '/api/donor/wishes/:id/delivery', audience: 'donor', params: IdParams, body: NoteBody, response: DonorWishView, idempotent: 'required' }),
  donorConversation: endpoint({ method: 'GET', path: '/api/donor/wishes/:id/conversation', audience: 'donor', params: IdParams, response: WishConversation }),
  donorContactConsent: endpoint({ method: 'POST', path: '/api/donor/wishes/:id/conversation/consent', audience: 'donor', params: IdParams, body: ContactBody, response: WishConversation }),
  donorSendMessage: endpoint({ method: 'POST', path: '/api/donor/wishes/:id/conversation/messages', audience: 'donor', params: IdParams, body: MessageBody, response: WishConversation, status: 201, idempotent: 'optional' }),
  releaseAdoption: endpoint({ method: 'POST', path: '/api/donor/wishes/:id/release', audience: 'donor', params: IdParams, body: NoteBody, response: z.object({ released: z.literal(true) }).strict() }),

  // anyone: published wishes (masked), the thank-you wall and a union's totals
  thanksWall: endpoint({ method: 'GET', path: '/api/public/wishes/thanks', audience: 'public', query: PageQuery, response: page(ThanksWallEntry) }),
  wishTotals: endpoint({ method: 'GET', path: '/api/public/wishes/totals', audience: 'public', query: TotalsQuery, response: WishTotals }),
  wishDistricts: endpoint({ method: 'GET', path: '/api/public/wishes/districts', audience: 'public', response: z.object({ data: z.array(z.object({ id: Id, name: z.string() }).strict()) }).strict() }),
  publicWishes: endpoint({ method: 'GET', path: '/api/public/wishes', audience: 'public', query: PublicWishQuery, response: page(PublicWishView) }),
  publicWish: endpoint({ method: 'GET', path: '/api/public/wishes/:id', audience: 'public', params: IdParams, response: PublicWishView }),
};
