import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams } from '../models/common';
import { JoinBody, MemberAdminView, MemberCard, MemberListQuery, MemberPatch } from '../models/members';
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
  /** What a worker sees after scanning a union's QR link, before signing in. */
  joinInfo: endpoint({ method: 'GET', path: '/api/unions/join/:joinCode', audience: 'public', params: z.object({ joinCode: z.string().min(4).max(32) }).strict(), response: UnionJoinInfo }),
  join: endpoint({ method: 'POST', path: '/api/members/join', audience: 'user', body: JoinBody, response: MemberCard, status: 201 }),
};
