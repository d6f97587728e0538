import { z } from 'zod';
import { endpoint } from './endpoint';
import { IdParams } from '../models/common';
import {
  HardshipApplicationQuery,
  HardshipApplyBody,
  HardshipConsentBody,
  HardshipSettingsBody,
  HardshipSettingsList,
  HardshipSettingsView,
  HARDSHIP_DOCUMENT_MAX_BYTES,
  HARDSHIP_DOCUMENT_TYPES,
  HardshipDocumentDownloadQuery,
  HardshipDocumentParams,
  HardshipDocumentUploadBody,
  HardshipDocumentView,
  HardshipDecisionBody,
  MyHardship,
  RevealBody,
  RevealView,
  StaffHardshipApplication,
  StaffHardshipApplyBody,
} from '../models/hardship';
import {
  ArchiveDetail,
  ArchiveQuery,
  ArchiveView,
  DiscoveryView,
  HardshipMemberQuery,
  HardshipMemberView,
  HardshipSourceView,
  ImportBody,
  ImportResult,
  RecheckBody,
  ReliefBody,
  ReliefExportBody,
  ReliefFileView,
  ReliefQuery,
  ReliefRejectBody,
  ReliefView,
  SourceBody,
  SourceParams,
} from '../models/hardship-relief';

const upload = { field: 'file', maxBytes: HARDSHIP_DOCUMENT_MAX_BYTES, types: HARDSHIP_DOCUMENT_TYPES };
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) }).strict();

/**
 * The hardship archive and relief. Members see their own record only; staff see members of the
 * subtrees where they hold the 困难职工帮扶 duty, and everything else is 404: the staff endpoints'
 * audience is any signed-in user, so a member or a donor gets the same 404 as staff without the duty.
 */
export const hardshipApi = {
  myHardship: endpoint({ method: 'GET', path: '/api/my/hardship', audience: 'member', response: MyHardship }),
  giveHardshipConsent: endpoint({ method: 'POST', path: '/api/my/hardship/consent', audience: 'member', body: HardshipConsentBody, response: MyHardship }),
  withdrawHardshipConsent: endpoint({ method: 'DELETE', path: '/api/my/hardship/consent', audience: 'member', response: MyHardship }),
  applyHardship: endpoint({ method: 'POST', path: '/api/my/hardship/applications', audience: 'member', body: HardshipApplyBody, response: MyHardship, status: 201, idempotent: 'optional' }),
  uploadMyHardshipDocument: endpoint({ method: 'POST', path: '/api/my/hardship/applications/:id/documents', audience: 'member', params: IdParams, body: HardshipDocumentUploadBody, response: HardshipDocumentView, status: 201, upload }),
  myHardshipDocument: endpoint({ method: 'GET', path: '/api/my/hardship/applications/:id/documents/:documentId', audience: 'member', params: HardshipDocumentParams, response: z.unknown(), binary: true }),

  staffHardshipApplications: endpoint({ method: 'GET', path: '/api/admin/hardship/applications', audience: 'user', query: HardshipApplicationQuery, response: list(StaffHardshipApplication) }),
  staffHardshipApplication: endpoint({ method: 'GET', path: '/api/admin/hardship/applications/:id', audience: 'user', params: IdParams, response: StaffHardshipApplication }),
  decideHardshipApplication: endpoint({ method: 'POST', path: '/api/admin/hardship/applications/:id/decision', audience: 'user', params: IdParams, body: HardshipDecisionBody, response: StaffHardshipApplication }),
  uploadHardshipDocument: endpoint({ method: 'POST', path: '/api/admin/hardship/applications/:id/documents', audience: 'user', params: IdParams, body: HardshipDocumentUploadBody, response: HardshipDocumentView, status: 201, upload }),
  hardshipDocument: endpoint({ method: 'GET', path: '/api/admin/hardship/applications/:id/documents/:documentId', audience: 'user', params: HardshipDocumentParams, query: HardshipDocumentDownloadQuery, response: z.unknown(), binary: true }),
  findHardshipMember: endpoint({ method: 'GET', path: '/api/admin/hardship/members', audience: 'user', query: HardshipMemberQuery, response: HardshipMemberView }),
  applyHardshipForMember: endpoint({ method: 'POST', path: '/api/admin/hardship/members/:id/applications', audience: 'user', params: IdParams, body: StaffHardshipApplyBody, response: StaffHardshipApplication, status: 201, idempotent: 'optional' }),
  revealHardship: endpoint({ method: 'POST', path: '/api/admin/hardship/members/:id/reveal', audience: 'user', params: IdParams, body: RevealBody, response: RevealView }),

  hardshipArchive: endpoint({ method: 'GET', path: '/api/admin/hardship/archive', audience: 'user', query: ArchiveQuery, response: list(ArchiveView) }),
  hardshipArchiveEntry: endpoint({ method: 'GET', path: '/api/admin/hardship/archive/:id', audience: 'user', params: IdParams, response: ArchiveDetail }),
  recheckHardship: endpoint({ method: 'POST', path: '/api/admin/hardship/archive/:id/recheck', audience: 'user', params: IdParams, body: RecheckBody, response: ArchiveDetail }),
  recordRelief: endpoint({ method: 'POST', path: '/api/admin/hardship/archive/:id/reliefs', audience: 'user', params: IdParams, body: ReliefBody, response: ReliefView, status: 201, idempotent: 'required' }),

  reliefs: endpoint({ method: 'GET', path: '/api/admin/hardship/reliefs', audience: 'user', query: ReliefQuery, response: list(ReliefView) }),
  approveRelief: endpoint({ method: 'POST', path: '/api/admin/hardship/reliefs/:id/approve', audience: 'user', params: IdParams, response: ReliefView }),
  rejectRelief: endpoint({ method: 'POST', path: '/api/admin/hardship/reliefs/:id/reject', audience: 'user', params: IdParams, body: ReliefRejectBody, response: ReliefView }),
  confirmRelief: endpoint({ method: 'POST', path: '/api/admin/hardship/reliefs/:id/confirm', audience: 'user', params: IdParams, response: ReliefView, idempotent: 'required' }),
  exportReliefs: endpoint({ method: 'POST', path: '/api/admin/hardship/relief-files', audience: 'user', body: ReliefExportBody, response: ReliefFileView, status: 201, idempotent: 'required' }),
  reliefFile: endpoint({ method: 'GET', path: '/api/admin/hardship/relief-files/:id', audience: 'user', params: IdParams, response: z.unknown(), binary: true }),

  hardshipSettings: endpoint({ method: 'GET', path: '/api/admin/hardship/settings', audience: 'user', response: HardshipSettingsList }),
  saveHardshipSettings: endpoint({ method: 'PUT', path: '/api/admin/hardship/settings/:id', audience: 'user', params: IdParams, body: HardshipSettingsBody, response: HardshipSettingsView }),

  hardshipSources: endpoint({ method: 'GET', path: '/api/admin/hardship/sources', audience: 'user', response: list(HardshipSourceView) }),
  saveHardshipSource: endpoint({ method: 'PUT', path: '/api/admin/hardship/sources/:kind', audience: 'user', params: SourceParams, body: SourceBody, response: HardshipSourceView }),
  importHardshipSource: endpoint({ method: 'POST', path: '/api/admin/hardship/sources/:kind/imports', audience: 'user', params: SourceParams, body: ImportBody, response: ImportResult, idempotent: 'optional' }),
  hardshipDiscoveries: endpoint({ method: 'GET', path: '/api/admin/hardship/discoveries', audience: 'user', response: list(DiscoveryView) }),
};
