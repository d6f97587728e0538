import { endpoint } from './endpoint';
import { IdParams, PageQuery, page } from '../models/common';
import {
  CloseBody,
  DashboardQuery,
  FeedbackDashboard,
  FeedbackInput,
  HandoverBody,
  MyFeedbackDetail,
  MyFeedbackView,
  RatingBody,
  ReplyBody,
  StaffFeedbackDetail,
  StaffFeedbackQuery,
  StaffFeedbackView,
} from '../models/feedback';

export const feedbackApi = {
  // the member: their own requests only (anyone else's is 404)
  sendFeedback: endpoint({ method: 'POST', path: '/api/my/feedback', audience: 'member', body: FeedbackInput, response: MyFeedbackDetail, status: 201, idempotent: 'optional' }),
  myFeedbackList: endpoint({ method: 'GET', path: '/api/my/feedback', audience: 'member', query: PageQuery, response: page(MyFeedbackView) }),
  myFeedback: endpoint({ method: 'GET', path: '/api/my/feedback/:id', audience: 'member', params: IdParams, response: MyFeedbackDetail }),
  rateFeedback: endpoint({ method: 'POST', path: '/api/my/feedback/:id/rating', audience: 'member', params: IdParams, body: RatingBody, response: MyFeedbackDetail }),

  // union staff: the inbox of their unions, the subtree's requests (不经本单位工会 ones hidden from the member's own union), the dashboard
  feedbackDashboard: endpoint({ method: 'GET', path: '/api/admin/feedback/dashboard', audience: 'staff', query: DashboardQuery, response: FeedbackDashboard }),
  staffFeedbackList: endpoint({ method: 'GET', path: '/api/admin/feedback', audience: 'staff', query: StaffFeedbackQuery, response: page(StaffFeedbackView) }),
  staffFeedback: endpoint({ method: 'GET', path: '/api/admin/feedback/:id', audience: 'staff', params: IdParams, response: StaffFeedbackDetail }),
  replyFeedback: endpoint({ method: 'POST', path: '/api/admin/feedback/:id/replies', audience: 'staff', params: IdParams, body: ReplyBody, response: StaffFeedbackDetail, idempotent: 'optional' }),
  handOverFeedback: endpoint({ method: 'POST', path: '/api/admin/feedback/:id/handover', audience: 'staff', params: IdParams, body: HandoverBody, response: StaffFeedbackDetail }),
  closeFeedback: endpoint({ method: 'POST', path: '/api/admin/feedback/:id/close', audience: 'staff', params: IdParams, body: CloseBody, response: StaffFeedbackDetail }),
};
