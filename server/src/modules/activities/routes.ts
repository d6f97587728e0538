import type Router from '@koa/router';
import { activitiesApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { activityDetail, activityList, enrollmentCanceller, enroller } from './member';
import { activityCanceller, activityPublisher, activityUpdater, checkInTaker, enrollmentList, enrollmentsXlsx, staffActivity, staffActivityList } from './staff';
import { staffTopicList, topicList, topicProposer, topicScheduler, topicVoter } from './topics';

/** One line per contract endpoint. */
export function activityRoutes(router: Router, deps: Deps): void {
  // members
  mount(router, deps, api.listActivities, (s, { query }) => activityList(s, query));
  mount(router, deps, api.getActivity, (s, { params }) => activityDetail(s, params));
  mount(router, deps, api.enroll, (s, { params }) => enroller(s, params));
  mount(router, deps, api.cancelEnrollment, (s, { params }) => enrollmentCanceller(s, params));
  mount(router, deps, api.listTopics, (s, { query }) => topicList(s, query));
  mount(router, deps, api.proposeTopic, (s, { body }) => topicProposer(s, body));
  mount(router, deps, api.voteTopic, (s, { params }) => topicVoter(s, params));

  // union staff
  mount(router, deps, api.createActivity, (s, { body }) => activityPublisher(s, body));
  mount(router, deps, api.staffActivities, (s, { query }) => staffActivityList(s, query));
  mount(router, deps, api.staffActivity, (s, { params }) => staffActivity(s, params));
  mount(router, deps, api.updateActivity, (s, { params, body }) => activityUpdater(s, { id: params.id, input: body }));
  mount(router, deps, api.cancelActivity, (s, { params, body }) => activityCanceller(s, { id: params.id, reason: body.reason }));
  mount(router, deps, api.activityEnrollments, (s, { params, query }) => enrollmentList(s, { id: params.id, ...query }));
  mount(router, deps, api.activityEnrollmentsXlsx, (s, { params }) => enrollmentsXlsx(s, params));
  mount(router, deps, api.checkIn, (s, { params, body }) => checkInTaker(s, { id: params.id, code: body.code }));
  mount(router, deps, api.staffTopics, (s, { query }) => staffTopicList(s, query));
  mount(router, deps, api.scheduleTopic, (s, { params, body }) => topicScheduler(s, { id: params.id, input: body }));
}
