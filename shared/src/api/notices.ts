import { endpoint } from './endpoint';
import { IdParams, page } from '../models/common';
import { MarkedRead, NoticeQuery, NoticeView, UnreadCount } from '../models/notices';

/** The in-app notice centre: every signed-in user has one (members, donors, staff). */
export const noticesApi = {
  notices: endpoint({ method: 'GET', path: '/api/my/notices', audience: 'user', query: NoticeQuery, response: page(NoticeView) }),
  unreadNotices: endpoint({ method: 'GET', path: '/api/my/notices/unread-count', audience: 'user', response: UnreadCount }),
  readNotice: endpoint({ method: 'POST', path: '/api/my/notices/:id/read', audience: 'user', params: IdParams, response: MarkedRead }),
  readAllNotices: endpoint({ method: 'POST', path: '/api/my/notices/read-all', audience: 'user', response: MarkedRead }),
};
