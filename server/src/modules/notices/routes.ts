import type Router from '@koa/router';
import { noticesApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import { allNoticesReader, noticeList, noticeReader, unreadCount } from './service';

export function noticeRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.notices, (s, { query }) => noticeList(s, query));
  mount(router, deps, api.unreadNotices, (s) => unreadCount(s));
  mount(router, deps, api.readAllNotices, (s) => allNoticesReader(s));
  mount(router, deps, api.readNotice, (s, { params }) => noticeReader(s, params));
}
