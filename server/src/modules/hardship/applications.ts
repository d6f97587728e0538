/* Consent, applying (by the member or by staff on their behalf), the staff review and the audited reveal. */
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import {
  AppError,
  HARDSHIP_CONSENT_VERSION,
  assessHardship,
  incomePerHeadFen,
  maskBankCard,
  shanghaiDate,
  type HardshipApplicationStatus,
  type HardshipApplyBody,
  type HardshipDecisionBody,
  type MyHardship,
  type RevealBody,
  type RevealView,
  type StaffHardshipApplication,
  type StaffHardshipApplyBody,
} from '@gonghui/shared';
import { decrypt, encrypt } from '../../crypto';
import { isUniqueViolation, schema } from '../../db/index';
import { assertHardshipDuty, hardshipMayRead, hardshipScopeSql } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { documentsOf, eraseDocumentsOf } from './documents';
import { assertConsent, liveConsent, memberFacts, nextYear, openFacts, readsOf, recordRead, sealFacts, shanghaiDay, thresholdsFor, type MemberFacts } from './common';

const { hardshipApplications, hardshipArchive, hardshipConsents, members, unions, reliefPayments } = schema;
type ApplicationRow = typeof hardshipApplications.$inferSelect;

// ---- the member ---------------------------------------------------------------------------------

export async function myHardship(scope: Scope): Promise<MyHardship> {
  const m = (await memberFacts(scope.db, scope.auth.memberId!))!;
  const consent = await liveConsent(scope.db, m.id);
  const apps = await scope.db.select().from(hardshipApplications).where(eq(hardshipApplications.memberId, m.id)).orderBy(desc(hardshipApplications.createdAt)).limit(20);
  const [archive] = await scope.db.select().from(hardshipArchive).where(eq(hardshipArchive.memberId, m.id)).orderBy(desc(hardshipArchive.archivedAt)).limit(1);
  const reliefs = await scope.db
    .select({ kind: reliefPayments.kind, form: reliefPayments.form, amountFen: reliefPayments.amountFen, paidAt: reliefPayments.paidAt })
    .from(reliefPayments)
    .where(and(eq(reliefPayments.memberId, m.id), eq(reliefPayments.status, 'paid')))
    .orderBy(desc(reliefPayments.paidAt))
    .limit(50);
  const docs = await documentsOf(scope, apps.map((a) => a.id));
  return {
    consent: consent ? { givenAt: consent.givenAt.toISOString(), version: consent.version } : null,
    thresholds: await thresholdsFor(scope.db, m.unionPath),
    applications: apps.map((a) => ({
      id: a.id,
      status: a.status,
      submittedAt: a.submittedAt.toISOString(),
      computedGroups: a.computedGroups,
      category: a.category,
      reviewNote: a.reviewNote,
      reviewedAt: a.reviewedAt?.toISOString() ?? null,
      householdSize: a.householdSize,
      documentsHeld: a.documentsHeld,
      bankName: a.bankName,
      bankCardMasked: a.bankCardMasked,
      filedByStaff: a.filedBy !== null,
      documents: docs.get(a.id) ?? [],
    })),
    archive: archive
      ? { category: archive.category, status: archive.status, archivedAt: archive.archivedAt.toISOString(), recheckDue: archive.recheckDue, exitWay: archive.exitWay, exitDate: archive.exitDate }
      : null,
    reliefs: reliefs.map((r) => ({ kind: r.kind, form: r.form, amountFen: r.amountFen, paidAt: r.paidAt!.toISOString() })),
    reads: await readsOf(scope.db, m.id),
  };
}

async function giveConsent(scope: Scope, memberId: string): Promise<void> {
  if (await liveConsent(scope.db, memberId)) return;
  await scope.db.insert(hardshipConsents).values({ memberId, version: HARDSHIP_CONSENT_VERSION, givenBy: scope.auth.userId, givenAt: scope.now }).onConflictDoNothing();
  await audit(scope, 'hardship.consent', { type: 'member', id: memberId }, { version: HARDSHIP_CONSENT_VERSION, byStaff: scope.auth.memberId !== memberId });
}

export async function hardshipConsentGiver(scope: Scope): Promise<MyHardship> {
  await giveConsent(scope, scope.auth.memberId!);
  return myHardship(scope);
}

/** Withdrawing stops processing: an application waiting for review is withdrawn, and staff can do nothing more with the record. */
export async function hardshipConsentWithdrawer(scope: Scope): Promise<MyHardship> {
  const memberId = scope.auth.memberId!;
  const done = await scope.db
    .update(hardshipConsents)
    .set({ withdrawnAt: scope.now })
    .where(and(eq(hardshipConsents.memberId, memberId), isNull(hardshipConsents.withdrawnAt)))
    .returning({ id: hardshipConsents.id });
  if (done.length > 0) {
    await scope.db
      .update(hardshipApplications)
      .set({ status: 'withdrawn', updatedAt: scope.now })
      .where(and(eq(hardshipApplications.memberId, memberId), inArray(hardshipApplications.status, ['submitted', 'more_info'])));
    // campaigns and wishes stop treating them as 困难职工; the archive entry stays, shown as 已撤回同意
    await scope.db.update(members).set({ tags: sql`array_remove(${members.tags}, 'hardship')` }).where(eq(members.id, memberId));
    // the uploaded documents are erased: rows now, files after the commit
    const documents = await eraseDocumentsOf(scope, [memberId]);
    await audit(scope, 'hardship.consent_withdraw', { type: 'member', id: memberId }, { documentsErased: documents });
  }
  return myHardship(scope);
}

/** Files (or, after 需补充材料, re-files) the member's application; the rules' groups are stored with it. */
async function fileApplication(scope: Scope, m: MemberFacts, body: HardshipApplyBody, filedBy: string | null): Promise<ApplicationRow> {
  const consent = await liveConsent(scope.db, m.id);
  if (!consent) throw new AppError('HARDSHIP_CONSENT_REQUIRED');
  const [active] = await scope.db.select({ id: hardshipArchive.id }).from(hardshipArchive).where(and(eq(hardshipArchive.memberId, m.id), eq(hardshipArchive.status, 'active'))).limit(1);
  if (active) throw new AppError('HARDSHIP_ALREADY_ARCHIVED');
  const [open] = await scope.db
    .select()
    .from(hardshipApplications)
    .where(and(eq(hardshipApplications.memberId, m.id), inArray(hardshipApplications.status, ['submitted', 'more_info'])))
    .for('update');
  if (open?.status === 'submitted') throw new AppError('HARDSHIP_APPLICATION_OPEN');
  const t = await thresholdsFor(scope.db, m.unionPath);
  const groups = assessHardship(body.facts, t).groups.map((g) => g.group);
  const values = {
    factsEnc: sealFacts(scope, body.facts),
    computedGroups: groups,
    householdSize: body.facts.household.length,
    documentsHeld: body.documentsHeld,
    bankName: body.bankName,
    bankCardEnc: encrypt(scope.deps.keys, body.bankCard),
    bankCardMasked: maskBankCard(body.bankCard),
    status: 'submitted' as const,
    submittedAt: scope.now,
    updatedAt: scope.now,
  };
  const [row] = open
    ? await scope.db.update(hardshipApplications).set(values).where(eq(hardshipApplications.id, open.id)).returning()
    : await scope.db
        .insert(hardshipApplications)
        .values({ ...values, memberId: m.id, unionId: m.unionId, unionPath: m.unionPath, consentId: consent.id, filedBy, createdAt: scope.now })
        .returning()
        .catch((err: unknown) => {
          // two sends at once: nothing to lock yet, so the open-application index decides
          if (isUniqueViolation(err, 'hardship_applications_open_key')) throw new AppError('HARDSHIP_APPLICATION_OPEN');
          throw err;
        });
  await audit(scope, open ? 'hardship.resubmit' : 'hardship.apply', { type: 'hardship_application', id: row!.id }, { groups, byStaff: filedBy !== null });
  return row!;
}

export async function hardshipApplier(scope: Scope, body: HardshipApplyBody): Promise<MyHardship> {
  if (!scope.auth.memberActive) throw new AppError('MEMBER_NOT_ACTIVE');
  const m = (await memberFacts(scope.db, scope.auth.memberId!))!;
  await fileApplication(scope, m, body, null);
  return myHardship(scope);
}

// ---- staff ----------------------------------------------------------------------------------

/** A member the caller may handle (hardship duty over their union), or 404. */
export async function scopedMember(scope: Scope, memberId: string): Promise<MemberFacts> {
  assertHardshipDuty(scope.auth);
  const m = await memberFacts(scope.db, memberId);
  if (!m || !hardshipMayRead(scope.auth, m.unionPath)) throw new AppError('HARDSHIP_NOT_FOUND');
  return m;
}

async function scopedApplication(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow> {
  assertHardshipDuty(scope.auth);
  const q = scope.db.select().from(hardshipApplications).where(eq(hardshipApplications.id, id)).limit(1);
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a || !hardshipMayRead(scope.auth, a.unionPath)) throw new AppError('HARDSHIP_NOT_FOUND');
  return a;
}

async function applicationViews(scope: Scope, rows: ApplicationRow[]): Promise<StaffHardshipApplication[]> {
  if (rows.length === 0) return [];
  const ms = await scope.db
    .select({ id: members.id, name: members.name, memberNo: members.memberNo, idNumberMasked: members.idNumberMasked, unionName: unions.name })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(inArray(members.id, [...new Set(rows.map((r) => r.memberId))]));
  const consents = await scope.db
    .select({ memberId: hardshipConsents.memberId })
    .from(hardshipConsents)
    .where(and(inArray(hardshipConsents.memberId, [...new Set(rows.map((r) => r.memberId))]), isNull(hardshipConsents.withdrawnAt)));
  const live = new Set(consents.map((c) => c.memberId));
  const byId = new Map(ms.map((m) => [m.id, m]));
  const docs = await documentsOf(scope, rows.map((r) => r.id));
  return rows.map((a) => {
    const m = byId.get(a.memberId)!;
    return {
      id: a.id,
      memberId: a.memberId,
      memberName: m.name,
      memberNo: m.memberNo,
      unionName: m.unionName,
      status: a.status,
      computedGroups: a.computedGroups,
      householdSize: a.householdSize,
      documentsHeld: a.documentsHeld,
      submittedAt: a.submittedAt.toISOString(),
      filedByStaff: a.filedBy !== null,
      category: a.category,
      reviewNote: a.reviewNote,
      consentWithdrawn: !live.has(a.memberId),
      idNumberMasked: m.idNumberMasked,
      bankName: a.bankName,
      bankCardMasked: a.bankCardMasked,
      documents: docs.get(a.id) ?? [],
    };
  });
}

/** Applications in the caller's hardship subtrees: what waits for review first, oldest first. */
export async function staffApplications(scope: Scope, q: { status?: HardshipApplicationStatus }) {
  assertHardshipDuty(scope.auth);
  const where = [hardshipScopeSql(scope.auth, hardshipApplications.unionPath)];
  if (q.status) where.push(eq(hardshipApplications.status, q.status));
  const rows = await scope.db
    .select()
    .from(hardshipApplications)
    .where(and(...where))
    .orderBy(sql`(${hardshipApplications.status} = 'submitted') desc`, hardshipApplications.submittedAt)
    .limit(200);
  return { data: await applicationViews(scope, rows) };
}

/** Opening an application is a read of the member's record: the member sees it. */
export async function staffApplication(scope: Scope, { id }: { id: string }) {
  const a = await scopedApplication(scope, id);
  await recordRead(scope, { id: a.memberId, unionPath: a.unionPath }, 'record', null);
  return (await applicationViews(scope, [a]))[0]!;
}

export async function hardshipDecider(scope: Scope, { id, body }: { id: string; body: HardshipDecisionBody }) {
  const a = await scopedApplication(scope, id, { forUpdate: true });
  if (a.status !== 'submitted') throw new AppError('HARDSHIP_NOT_DECIDABLE');
  await assertConsent(scope.db, a.memberId);
  const status = body.action === 'approve' ? 'approved' : body.action === 'reject' ? 'rejected' : 'more_info';
  if (body.action === 'approve') {
    const [active] = await scope.db.select({ id: hardshipArchive.id }).from(hardshipArchive).where(and(eq(hardshipArchive.memberId, a.memberId), eq(hardshipArchive.status, 'active'))).limit(1);
    if (active) throw new AppError('HARDSHIP_ALREADY_ARCHIVED');
    await scope.db.insert(hardshipArchive).values({
      memberId: a.memberId,
      unionId: a.unionId,
      unionPath: a.unionPath,
      applicationId: a.id,
      category: body.category!,
      status: 'active',
      bankName: a.bankName,
      bankCardEnc: a.bankCardEnc,
      bankCardMasked: a.bankCardMasked,
      archivedBy: scope.auth.userId,
      archivedAt: scope.now,
      recheckDue: nextYear(shanghaiDay(scope.now)),
    });
    // the 困难职工 tag campaigns and wishes target
    await scope.db
      .update(members)
      .set({ tags: sql`case when 'hardship' = any(${members.tags}) then ${members.tags} else array_append(${members.tags}, 'hardship') end` })
      .where(eq(members.id, a.memberId));
  }
  const [row] = await scope.db
    .update(hardshipApplications)
    .set({ status, category: body.action === 'approve' ? body.category! : null, reviewNote: body.note ?? null, reviewedBy: scope.auth.userId, reviewedAt: scope.now, updatedAt: scope.now })
    .where(eq(hardshipApplications.id, a.id))
    .returning();
  await audit(scope, `hardship.${body.action}`, { type: 'hardship_application', id: a.id }, { category: body.category ?? null });
  return (await applicationViews(scope, [row!]))[0]!;
}

/** A member of the caller's hardship subtrees by member number (404 for anyone else), for filing on their behalf. */
export async function hardshipMemberFinder(scope: Scope, { memberNo }: { memberNo: string }) {
  assertHardshipDuty(scope.auth);
  const [row] = await scope.db.select({ id: members.id }).from(members).where(and(eq(members.memberNo, memberNo.toUpperCase()), eq(members.status, 'active'))).limit(1);
  if (!row) throw new AppError('HARDSHIP_NOT_FOUND');
  const m = await scopedMember(scope, row.id);
  const [active] = await scope.db.select({ id: hardshipArchive.id }).from(hardshipArchive).where(and(eq(hardshipArchive.memberId, m.id), eq(hardshipArchive.status, 'active'))).limit(1);
  const [open] = await scope.db.select({ id: hardshipApplications.id }).from(hardshipApplications).where(and(eq(hardshipApplications.memberId, m.id), eq(hardshipApplications.status, 'submitted'))).limit(1);
  return { memberId: m.id, name: m.name, memberNo: m.memberNo, unionName: m.unionName, idNumberMasked: m.idNumberMasked, archived: !!active, openApplication: !!open, thresholds: await thresholdsFor(scope.db, m.unionPath) };
}

/**
 * The member's signed paper consent, recorded by staff as its own consent row (who recorded it, when,
 * the date on the paper). After the member withdrew consent in the app, only a paper signed on a
 * later day than the withdrawal counts: staff never silently re-consent for them.
 */
async function recordPaperConsent(scope: Scope, memberId: string, signedOn: string | undefined): Promise<void> {
  if (await liveConsent(scope.db, memberId)) return;
  const today = shanghaiDate(scope.now);
  if (signedOn && signedOn > today) throw new AppError('HARDSHIP_PAPER_CONSENT_DATE');
  const [last] = await scope.db
    .select({ at: hardshipConsents.withdrawnAt })
    .from(hardshipConsents)
    .where(and(eq(hardshipConsents.memberId, memberId), isNotNull(hardshipConsents.withdrawnAt)))
    .orderBy(desc(hardshipConsents.withdrawnAt))
    .limit(1);
  // dates only: a paper dated the day of the withdrawal may predate it
  if (last?.at && (!signedOn || signedOn <= shanghaiDate(last.at))) throw new AppError('HARDSHIP_PAPER_CONSENT_STALE');
  const paperSignedOn = signedOn ?? today;
  await scope.db.insert(hardshipConsents).values({ memberId, version: HARDSHIP_CONSENT_VERSION, givenBy: scope.auth.userId, givenAt: scope.now, paperSignedOn }).onConflictDoNothing();
  await audit(scope, 'hardship.consent', { type: 'member', id: memberId }, { version: HARDSHIP_CONSENT_VERSION, byStaff: true, paperSignedOn });
}

/** Staff file for a member (no phone, or asked at the union's office) with the member's signed paper consent. */
export async function hardshipApplierForMember(scope: Scope, { memberId, body }: { memberId: string; body: StaffHardshipApplyBody }) {
  const m = await scopedMember(scope, memberId);
  if (m.status !== 'active') throw new AppError('MEMBER_INVALID_STATE');
  const { paperConsent: _, paperConsentSignedOn, ...application } = body;
  await recordPaperConsent(scope, m.id, paperConsentSignedOn);
  const row = await fileApplication(scope, m, application, scope.auth.userId);
  return (await applicationViews(scope, [row]))[0]!;
}

/**
 * The one endpoint that answers full values (ID number, bank card, incomes, illness): the duty, a
 * stated reason, and a row in the append-only read audit that the member sees.
 */
export async function hardshipRevealer(scope: Scope, { memberId, body }: { memberId: string; body: RevealBody }): Promise<RevealView> {
  const m = await scopedMember(scope, memberId);
  const [app] = await scope.db.select().from(hardshipApplications).where(eq(hardshipApplications.memberId, m.id)).orderBy(desc(hardshipApplications.submittedAt)).limit(1);
  const [arch] = await scope.db.select().from(hardshipArchive).where(eq(hardshipArchive.memberId, m.id)).orderBy(desc(hardshipArchive.archivedAt)).limit(1);
  // a member with no hardship record has nothing here to reveal
  if (!app && !arch) throw new AppError('HARDSHIP_NOT_FOUND');
  await assertConsent(scope.db, m.id);
  await recordRead(scope, m, body.field, body.reason);
  await audit(scope, 'hardship.reveal', { type: 'member', id: m.id }, { field: body.field });
  if (body.field === 'id_number') return { field: body.field, value: m.idNumberEnc ? decrypt(scope.deps.keys, m.idNumberEnc) : null };
  if (body.field === 'bank_card') {
    const sealed = arch?.bankCardEnc || app?.bankCardEnc || '';
    return { field: body.field, value: sealed ? decrypt(scope.deps.keys, sealed) : null };
  }
  const facts = app ? openFacts(scope, app.factsEnc) : null;
  if (!facts) return { field: body.field, value: null };
  if (body.field === 'incomes') {
    const t = await thresholdsFor(scope.db, m.unionPath);
    const assessed = assessHardship(facts, t);
    return { field: body.field, value: null, household: facts.household, incomePerHeadFen: incomePerHeadFen(facts.household), reasons: [...assessed.groups.flatMap((g) => g.reasons), ...assessed.misses] };
  }
  return { field: body.field, value: null, causes: facts.causes, medicalSelfPayFen: facts.medicalSelfPayFen, healthNote: facts.healthNote };
}

/** Account deletion: consent ends, waiting applications are withdrawn, sealed facts, cards and uploaded documents are erased. The read audit stays. */
export async function hardshipOfDeletedAccount(scope: Scope, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await scope.db.update(hardshipConsents).set({ withdrawnAt: scope.now }).where(and(inArray(hardshipConsents.memberId, memberIds), isNull(hardshipConsents.withdrawnAt)));
  await scope.db
    .update(hardshipApplications)
    .set({ status: sql`case when ${hardshipApplications.status} in ('submitted','more_info') then 'withdrawn' else ${hardshipApplications.status} end`, factsEnc: '', bankCardEnc: '', updatedAt: scope.now })
    .where(inArray(hardshipApplications.memberId, memberIds));
  await scope.db.update(hardshipArchive).set({ bankCardEnc: '' }).where(inArray(hardshipArchive.memberId, memberIds));
  await eraseDocumentsOf(scope, memberIds);
  // the card copied onto each payment goes too: such payments never reach a bank file again
  await scope.db.update(reliefPayments).set({ bankCardEnc: '' }).where(inArray(reliefPayments.memberId, memberIds));
}
