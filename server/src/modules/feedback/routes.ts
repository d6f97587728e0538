import type Router from '@koa/router';
import { feedbackApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { feedbackDashboard } from './dashboard';
import { feedbackRater, feedbackSender, myFeedback, myFeedbackList } from './member';
import { feedbackCloser, feedbackHandover, feedbackReplier, staffFeedback, staffFeedbackList } from './staff';

/** One line per contract endpoint (the dashboard before /:id). */
export function feedbackRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.sendFeedback, (s, { body }) => feedbackSender(s, body));
  mount(router, deps, api.myFeedbackList, (s, { query }) => myFeedbackList(s, query));
  mount(router, deps, api.myFeedback, (s, { params }) => myFeedback(s, params));
  mount(router, deps, api.rateFeedback, (s, { params, body }) => feedbackRater(s, { id: params.id, ...body }));

  mount(router, deps, api.feedbackDashboard, (s, { query }) => feedbackDashboard(s, query));
  mount(router, deps, api.staffFeedbackList, (s, { query }) => staffFeedbackList(s, query));
  mount(router, deps, api.staffFeedback, (s, { params }) => staffFeedback(s, params));
  mount(router, deps, api.replyFeedback, (s, { params, body }) => feedbackReplier(s, { id: params.id, text: body.text }));
  mount(router, deps, api.handOverFeedback, (s, { params, body }) => feedbackHandover(s, { id: params.id, ...body }));
  mount(router, deps, api.closeFeedback, (s, { params, body }) => feedbackCloser(s, { id: params.id, note: body.note }));
}
