import type Router from '@koa/router';
import { wishesApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { donorReleaser, donorWish, donorWishList, wishAdopter, wishDeliverer, wishesAdopter } from './adoptions';
import { contactConsenter, conversation, messageSender, staffConversation } from './messages';
import { donorList, donorProfile, donorProfileCreator, donorProfileUpdater, licenceReviewer } from './donors';
import { publicWish, publicWishList, thanksWall, wishDistricts, wishTotals } from './public';
import { forWisher, handoverConfirmer, staffAdoptionReleaser, staffWish, staffWishList, wishFiler, wishReviewer } from './staff';
import { asWisher, myWish, myWishList, myWishUpdater, receiptConfirmer, thanksWriter, wishCreator, wishSubmitter, wishWithdrawer } from './wisher';

/** One line per contract endpoint. */
export function wishRoutes(router: Router, deps: Deps): void {
  // the wisher
  mount(router, deps, api.createWish, (s, { body }) => wishCreator(s, body));
  mount(router, deps, api.myWishes, (s, { query }) => myWishList(s, query));
  mount(router, deps, api.myWish, (s, { params }) => myWish(s, params));
  mount(router, deps, api.updateMyWish, (s, { params, body }) => myWishUpdater(s, { id: params.id, patch: body }));
  mount(router, deps, api.submitMyWish, (s, { params }) => asWisher(s, params.id, (w) => wishSubmitter(s, w, 'wisher')));
  mount(router, deps, api.withdrawMyWish, (s, { params, body }) => asWisher(s, params.id, (w) => wishWithdrawer(s, w, 'wisher', body.note)));
  mount(router, deps, api.confirmReceipt, (s, { params, body }) => asWisher(s, params.id, (w) => receiptConfirmer(s, w, 'wisher', body.note)));
  mount(router, deps, api.thankDonor, (s, { params, body }) => asWisher(s, params.id, (w) => thanksWriter(s, w, 'wisher', body.message)));
  mount(router, deps, api.myConversation, (s, { params }) => conversation(s, 'wisher', params.id));
  mount(router, deps, api.myContactConsent, (s, { params, body }) => contactConsenter(s, 'wisher', params.id, body.agree));
  mount(router, deps, api.mySendMessage, (s, { params, body }) => messageSender(s, 'wisher', params.id, body.text));

  // union staff
  mount(router, deps, api.fileWish, (s, { body }) => wishFiler(s, body));
  mount(router, deps, api.staffWishes, (s, { query }) => staffWishList(s, query));
  mount(router, deps, api.staffWish, (s, { params }) => staffWish(s, params));
  mount(router, deps, api.reviewWish, (s, { params, body }) => wishReviewer(s, { id: params.id, review: body }));
  mount(router, deps, api.confirmHandover, (s, { params, body }) => handoverConfirmer(s, { id: params.id, note: body.note }));
  mount(router, deps, api.staffReleaseAdoption, (s, { params, body }) => staffAdoptionReleaser(s, { id: params.id, note: body.note }));
  mount(router, deps, api.staffSubmitWish, (s, { params }) => forWisher(s, params.id, 'submit', (w) => wishSubmitter(s, w, 'staff')));
  mount(router, deps, api.staffWithdrawWish, (s, { params, body }) => forWisher(s, params.id, 'withdraw', (w) => wishWithdrawer(s, w, 'staff', body.note)));
  mount(router, deps, api.staffConfirmReceipt, (s, { params, body }) => forWisher(s, params.id, 'confirmReceipt', (w) => receiptConfirmer(s, w, 'staff', body.note)));
  mount(router, deps, api.staffThank, (s, { params, body }) => forWisher(s, params.id, 'thank', (w) => thanksWriter(s, w, 'staff', body.message)));
  mount(router, deps, api.staffConversation, (s, { params }) => staffConversation(s, params.id));
  mount(router, deps, api.listDonors, (s, { query }) => donorList(s, query));
  mount(router, deps, api.reviewLicence, (s, { params, body }) => licenceReviewer(s, { id: params.id, ...body }));

  // donors
  mount(router, deps, api.createDonorProfile, (s, { body }) => donorProfileCreator(s, body));
  mount(router, deps, api.updateDonorProfile, (s, { body }) => donorProfileUpdater(s, body));
  mount(router, deps, api.donorProfile, (s) => donorProfile(s));
  mount(router, deps, api.adoptWish, (s, { params }) => wishAdopter(s, params));
  mount(router, deps, api.adoptWishes, (s, { body }) => wishesAdopter(s, body));
  mount(router, deps, api.donorWishes, (s, { query }) => donorWishList(s, query));
  mount(router, deps, api.donorWish, (s, { params }) => donorWish(s, params));
  mount(router, deps, api.deliverWish, (s, { params, body }) => wishDeliverer(s, { id: params.id, note: body.note }));
  mount(router, deps, api.donorConversation, (s, { params }) => conversation(s, 'donor', params.id));
  mount(router, deps, api.donorContactConsent, (s, { params, body }) => contactConsenter(s, 'donor', params.id, body.agree));
  mount(router, deps, api.donorSendMessage, (s, { params, body }) => messageSender(s, 'donor', params.id, body.text));
  mount(router, deps, api.releaseAdoption, (s, { params, body }) => donorReleaser(s, { id: params.id, note: body.note }));

  // anyone (the fixed paths before /:id)
  mount(router, deps, api.thanksWall, (s, { query }) => thanksWall(s, query));
  mount(router, deps, api.wishTotals, (s, { query }) => wishTotals(s, query));
  mount(router, deps, api.wishDistricts, (s) => wishDistricts(s));
  mount(router, deps, api.publicWishes, (s, { query }) => publicWishList(s, query));
  mount(router, deps, api.publicWish, (s, { params }) => publicWish(s, params));
}
