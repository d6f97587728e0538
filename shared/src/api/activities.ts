import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams } from '../models/common';
import {
  ActivityCancelBody,
  ActivityInput,
  ActivityQuery,
  ActivityUpdate,
  ActivityView,
  CheckInBody,
  EnrollmentQuery,
  StaffActivityQuery,
  StaffActivityView,
  StaffEnrollmentView,
  StaffTopicView,
  TopicInput,
  TopicQuery,
  TopicView,
} from '../models/activities';
import { page } from '../models/common';

export const activitiesApi = {
  // members: activities open to them (others are 404), their place, 你点我送
  listActivities: endpoint({ method: 'GET', path: '/api/activities', audience: 'member', query: ActivityQuery, response: page(ActivityView) }),
  getActivity: endpoint({ method: 'GET', path: '/api/activities/:id', audience: 'member', params: IdParams, response: ActivityView }),
  enroll: endpoint({ method: 'POST', path: '/api/activities/:id/enrollments', audience: 'member', params: IdParams, response: ActivityView, status: 201, idempotent: 'required' }),
  cancelEnrollment: endpoint({ method: 'DELETE', path: '/api/activities/:id/enrollments/me', audience: 'member', params: IdParams, response: ActivityView, idempotent: 'required' }),
  listTopics: endpoint({ method: 'GET', path: '/api/activity-topics', audience: 'member', query: TopicQuery, response: page(TopicView) }),
  proposeTopic: endpoint({ method: 'POST', path: '/api/activity-topics', audience: 'member', body: TopicInput, response: TopicView, status: 201, idempotent: 'optional' }),
  voteTopic: endpoint({ method: 'POST', path: '/api/activity-topics/:id/votes', audience: 'member', params: IdParams, response: TopicView, status: 201, idempotent: 'required' }),

  // union staff, inside their subtree
  createActivity: endpoint({ method: 'POST', path: '/api/admin/activities', audience: 'staff', body: ActivityInput, response: StaffActivityView, status: 201 }),
  staffActivities: endpoint({ method: 'GET', path: '/api/admin/activities', audience: 'staff', query: StaffActivityQuery, response: page(StaffActivityView) }),
  staffActivity: endpoint({ method: 'GET', path: '/api/admin/activities/:id', audience: 'staff', params: IdParams, response: StaffActivityView }),
  /** The form again (not the audience); capacity never below the places taken, extra places go to the waitlist, members told of a new time or place. */
  updateActivity: endpoint({ method: 'PUT', path: '/api/admin/activities/:id', audience: 'staff', params: IdParams, body: ActivityUpdate, response: StaffActivityView }),
  /** Cancelled with a reason every member who signed up (or waits) is told; nothing can be signed up or checked in afterwards. */
  cancelActivity: endpoint({ method: 'POST', path: '/api/admin/activities/:id/cancellation', audience: 'staff', params: IdParams, body: ActivityCancelBody, response: StaffActivityView, idempotent: 'optional' }),
  activityEnrollments: endpoint({ method: 'GET', path: '/api/admin/activities/:id/enrollments', audience: 'staff', params: IdParams, query: EnrollmentQuery, response: page(StaffEnrollmentView) }),
  activityEnrollmentsXlsx: endpoint({ method: 'GET', path: '/api/admin/activities/:id/enrollments.xlsx', audience: 'staff', params: IdParams, response: z.unknown(), binary: true }),
  checkIn: endpoint({ method: 'POST', path: '/api/admin/activities/:id/check-ins', audience: 'staff', params: IdParams, body: CheckInBody, response: StaffEnrollmentView, idempotent: 'required' }),
  staffTopics: endpoint({ method: 'GET', path: '/api/admin/activity-topics', audience: 'staff', query: TopicQuery, response: page(StaffTopicView) }),
  /** One step: the topic becomes an activity, and everyone who voted for it is told. */
  scheduleTopic: endpoint({ method: 'POST', path: '/api/admin/activity-topics/:id/activity', audience: 'staff', params: IdParams, body: ActivityInput, response: StaffActivityView, status: 201 }),
};
