import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams } from '../models/common';
import { JoinBody, MemberAdminView, MemberCard, MemberCode, MemberListQuery, MemberPatch, MemberShortCode } from '../models/members';
import { JoinApproval, UnionJoinInfo, UnionNode } from '../models/unions';
import { page } from '../models/common';

export const unionsApi = {
  /** The caller's union subtree (staff), roots first, depth-first by name. */
  listUnions: endpoint({ method: 'GET', path: '/api/admin/unions', audience: 'staff', response: z.object({ data: z.array(UnionNode) }).strict() }),
  /** A union chooses whether joins are approved automatically or by its staff (admins only). */
  updateUnion: endpoint({ method: 'PATCH', path: '/api/admin/unions/:id', audience: 'staff', params: IdParams, body: z.object({ joinApproval: JoinApproval }).strict(), response: UnionNode }),
  listMembers: endpoint({ method: 'GET', path: '/api/admin/members', audience: 'staff', query: MemberListQuery, response: page(MemberAdminView) }),
  getMember: endpoint({ method: 'GET', path: '/api/admin/members/:id', audience: 'staff', params: IdParams, response: MemberAdminView }),
  updateMember: endpoint({ method: 'PATCH', path: '/api/admin/members/:id', audience: 'staff', params: IdParams, body: MemberPatch, response: MemberAdminView }),
  /** The union's join QR (a PNG of its join link), for staff to show, download or print. */
  joinQrPng: endpoint({ method: 'GET', path: '/api/admin/unions/:id/join-qr.png', audience: 'staff', params: IdParams, response: z.unknown(), binary: true }),
  /** The same join link as a 小程序码 (wxacode.getUnlimited, scene = the join code); WECHAT_NOT_CONFIGURED without WeChat. */
  joinWxacode: endpoint({ method: 'GET', path: '/api/admin/unions/:id/join-wxacode', audience: 'staff', params: IdParams, response: z.unknown(), binary: true }),
  /** A new join code: the old QR stops working at once (admins only). */
  regenerateJoinCode: endpoint({ method: 'POST', path: '/api/admin/unions/:id/join-code', audience: 'staff', params: IdParams, response: UnionNode }),
  /** The member card's rotating code (会员码). */
  myMemberCode: endpoint({ method: 'GET', path: '/api/my/member-code', audience: 'member', response: MemberCode }),
  /** Staff scan or type a member's code to look them up (check-in, assisted claiming, hand-overs). */
  lookupMemberCode: endpoint({ method: 'GET', path: '/api/admin/member-codes/:code', audience: 'staff', params: z.object({ code: MemberShortCode }).strict(), response: MemberAdminView }),
  /** What a worker sees after scanning a union's QR link, before signing in. */
  joinInfo: endpoint({ method: 'GET', path: '/api/unions/join/:joinCode', audience: 'public', params: z.object({ joinCode: z.string().min(4).max(32) }).strict(), response: UnionJoinInfo }),
  join: endpoint({ method: 'POST', path: '/api/members/join', audience: 'user', body: JoinBody, response: MemberCard, status: 201 }),
};
