import { endpoint } from './endpoint';
import { z } from 'zod';
import { Id, Ok } from '../models/common';
import { StaffDuty } from '../models/hardship';
import { StaffGrantBody, StaffMemberView, StaffRoleBody, UnionStaff } from '../models/staff';

const UnionParams = z.object({ id: Id }).strict();
const StaffParams = z.object({ id: Id, userId: Id }).strict();
const DutyParams = z.object({ id: Id, userId: Id, duty: StaffDuty }).strict();

/** A union's admins add, change and remove its staff; every change is audited and listed. */
export const staffApi = {
  listStaff: endpoint({ method: 'GET', path: '/api/admin/unions/:id/staff', audience: 'staff', params: UnionParams, response: UnionStaff }),
  grantStaff: endpoint({ method: 'POST', path: '/api/admin/unions/:id/staff', audience: 'staff', params: UnionParams, body: StaffGrantBody, response: StaffMemberView, status: 201 }),
  changeStaff: endpoint({ method: 'PATCH', path: '/api/admin/unions/:id/staff/:userId', audience: 'staff', params: StaffParams, body: StaffRoleBody, response: StaffMemberView }),
  grantStaffDuty: endpoint({ method: 'PUT', path: '/api/admin/unions/:id/staff/:userId/duties/:duty', audience: 'staff', params: DutyParams, response: StaffMemberView }),
  revokeStaffDuty: endpoint({ method: 'DELETE', path: '/api/admin/unions/:id/staff/:userId/duties/:duty', audience: 'staff', params: DutyParams, response: StaffMemberView }),
  revokeStaff: endpoint({ method: 'DELETE', path: '/api/admin/unions/:id/staff/:userId', audience: 'staff', params: StaffParams, response: Ok }),
};
