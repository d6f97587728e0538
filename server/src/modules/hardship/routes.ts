import type Router from '@koa/router';
import { hardshipApi as api } from '@gonghui/shared';
import type { Deps } from '../../deps';
import { mount } from '../../http/route';
import {
  hardshipApplier,
  hardshipApplierForMember,
  hardshipConsentGiver,
  hardshipConsentWithdrawer,
  hardshipDecider,
  hardshipMemberFinder,
  hardshipRevealer,
  myHardship,
  staffApplication,
  staffApplications,
} from './applications';
import { settingsList, settingsSaver } from './settings';
import { myDocument, myDocumentUploader, staffDocument, staffDocumentUploader } from './documents';
import { archiveEntry, archiveList, archiveRechecker } from './archive';
import { discoveryList, sourceImporter, sourceList, sourceSaver } from './discovery';
import { reliefApprover, reliefConfirmer, reliefExporter, reliefFile, reliefList, reliefRecorder } from './relief';

/** One line per contract endpoint. */
export function hardshipRoutes(router: Router, deps: Deps): void {
  mount(router, deps, api.myHardship, (s) => myHardship(s));
  mount(router, deps, api.giveHardshipConsent, (s) => hardshipConsentGiver(s));
  mount(router, deps, api.withdrawHardshipConsent, (s) => hardshipConsentWithdrawer(s));
  mount(router, deps, api.applyHardship, (s, { body }) => hardshipApplier(s, body));
  mount(router, deps, api.uploadMyHardshipDocument, (s, { params, body, file }) => myDocumentUploader(s, { id: params.id, kind: body.kind, file: file! }));
  mount(router, deps, api.myHardshipDocument, (s, { params }) => myDocument(s, params));

  mount(router, deps, api.staffHardshipApplications, (s, { query }) => staffApplications(s, query));
  mount(router, deps, api.staffHardshipApplication, (s, { params }) => staffApplication(s, params));
  mount(router, deps, api.decideHardshipApplication, (s, { params, body }) => hardshipDecider(s, { id: params.id, body }));
  mount(router, deps, api.uploadHardshipDocument, (s, { params, body, file }) => staffDocumentUploader(s, { id: params.id, kind: body.kind, file: file! }));
  mount(router, deps, api.hardshipDocument, (s, { params, query }) => staffDocument(s, { ...params, reason: query.reason }));
  mount(router, deps, api.findHardshipMember, (s, { query }) => hardshipMemberFinder(s, query));
  mount(router, deps, api.applyHardshipForMember, (s, { params, body }) => hardshipApplierForMember(s, { memberId: params.id, body }));
  mount(router, deps, api.revealHardship, (s, { params, body }) => hardshipRevealer(s, { memberId: params.id, body }));

  mount(router, deps, api.hardshipArchive, (s, { query }) => archiveList(s, query));
  mount(router, deps, api.hardshipArchiveEntry, (s, { params }) => archiveEntry(s, params));
  mount(router, deps, api.recheckHardship, (s, { params, body }) => archiveRechecker(s, { id: params.id, body }));
  mount(router, deps, api.recordRelief, (s, { params, body }) => reliefRecorder(s, { archiveId: params.id, body }));

  mount(router, deps, api.exportReliefs, (s, { body }) => reliefExporter(s, body));
  mount(router, deps, api.reliefFile, (s, { params }) => reliefFile(s, params));
  mount(router, deps, api.reliefs, (s, { query }) => reliefList(s, query));
  mount(router, deps, api.approveRelief, (s, { params }) => reliefApprover(s, { id: params.id, approve: true }));
  mount(router, deps, api.rejectRelief, (s, { params, body }) => reliefApprover(s, { id: params.id, approve: false, reason: body.reason }));
  mount(router, deps, api.confirmRelief, (s, { params }) => reliefConfirmer(s, params));

  mount(router, deps, api.hardshipSettings, (s) => settingsList(s));
  mount(router, deps, api.saveHardshipSettings, (s, { params, body }) => settingsSaver(s, { unionId: params.id, body }));

  mount(router, deps, api.hardshipSources, (s) => sourceList(s));
  mount(router, deps, api.saveHardshipSource, (s, { params, body }) => sourceSaver(s, { kind: params.kind, body }));
  mount(router, deps, api.importHardshipSource, (s, { params, body }) => sourceImporter(s, { kind: params.kind, ...body }));
  mount(router, deps, api.hardshipDiscoveries, (s) => discoveryList(s));
}
