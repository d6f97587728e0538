/* Donor profiles: anyone signed in may become one; enterprises' licences are checked by the city federation's staff. */
import { and, desc, eq } from 'drizzle-orm';
import { AppError, DONOR_ADOPTION_CAP, maskPhone, type DonorProfileInput, type DonorProfileUpdate, type DonorProfileView } from '@gonghui/shared';
import { schema } from '../../db/index';
import { afterCursor, pageOf } from '../../lib/pagination';
import { isCityStaff } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { appearanceOf } from './views';

const { donors, donorProfiles } = schema;
type Donor = typeof donors.$inferSelect;
type Profile = typeof donorProfiles.$inferSelect;

/** "91330502MA2B3C4D5E" → "9133**********4D5E" */
const maskLicence = (s: string) => s.slice(0, 4) + '*'.repeat(Math.max(0, s.length - 8)) + s.slice(-4);

function present(d: Donor, p: Profile | null): DonorProfileView {
  return {
    kind: d.kind,
    displayName: d.displayName,
    enterpriseName: p?.enterpriseName ?? null,
    contactName: p?.contactName ?? null,
    contactPhoneMasked: p?.contactPhone ? maskPhone(p.contactPhone) : null,
    licenceNoMasked: p?.licenceNo ? maskLicence(p.licenceNo) : null,
    licenceStatus: p?.licenceStatus ?? 'none',
    showName: p?.showName ?? true,
    appearsAs: appearanceOf(d, p).displayName,
    adoptionCap: p?.adoptionCap ?? DONOR_ADOPTION_CAP[d.kind],
    activeAdoptions: p?.activeAdoptions ?? 0,
  };
}

export async function donorProfileCreator(scope: Scope, input: DonorProfileInput) {
  if (scope.auth.donor) throw new AppError('DONOR_PROFILE_EXISTS');
  const displayName = input.kind === 'individual' ? input.displayName : input.enterpriseName;
  const inserted = await scope.db.insert(donors).values({ userId: scope.auth.userId, kind: input.kind, displayName }).onConflictDoNothing().returning();
  if (inserted.length === 0) throw new AppError('DONOR_PROFILE_EXISTS');
  const enterprise = input.kind === 'enterprise' ? input : null;
  const [p] = await scope.db
    .insert(donorProfiles)
    .values({
      userId: scope.auth.userId,
      enterpriseName: enterprise?.enterpriseName ?? null,
      contactName: enterprise?.contactName ?? null,
      contactPhone: enterprise?.contactPhone ?? null,
      licenceNo: enterprise?.licenceNo ?? null,
      licenceStatus: enterprise?.licenceNo ? 'pending' : 'none',
      showName: input.showName,
      adoptionCap: DONOR_ADOPTION_CAP[input.kind],
    })
    .returning();
  await audit(scope, 'donor.create', { type: 'donor', id: scope.auth.userId }, { kind: input.kind });
  return present(inserted[0]!, p!);
}

export async function donorProfile(scope: Scope) {
  const [row] = await scope.db.select({ d: donors, p: donorProfiles }).from(donors).leftJoin(donorProfiles, eq(donorProfiles.userId, donors.userId)).where(eq(donors.userId, scope.auth.userId));
  if (!row) throw new AppError('DONOR_NOT_FOUND');
  return present(row.d, row.p);
}

/**
 * Edits the caller's profile. The kind stays. An enterprise that changes its name or licence number
 * waits for the city federation's check again, shown as 爱心企业 meanwhile.
 */
export async function donorProfileUpdater(scope: Scope, input: DonorProfileUpdate) {
  const [row] = await scope.db
    .select({ d: donors, p: donorProfiles })
    .from(donors)
    .innerJoin(donorProfiles, eq(donorProfiles.userId, donors.userId))
    .where(eq(donors.userId, scope.auth.userId))
    .for('update');
  if (!row) throw new AppError('DONOR_NOT_FOUND');
  if (row.d.kind !== input.kind) throw new AppError('DONOR_KIND_FIXED');
  let profile: Partial<Profile> = { showName: input.showName };
  if (input.kind === 'enterprise') {
    const licenceNo = input.licenceNo ?? row.p.licenceNo;
    const recheck = input.enterpriseName !== row.p.enterpriseName || licenceNo !== row.p.licenceNo;
    profile = {
      ...profile,
      enterpriseName: input.enterpriseName,
      contactName: input.contactName,
      contactPhone: input.contactPhone ?? row.p.contactPhone,
      licenceNo,
      ...(recheck ? { licenceStatus: licenceNo ? 'pending' : 'none', licenceNote: null, licenceReviewedBy: null, licenceReviewedAt: null } : {}),
    };
  }
  const displayName = input.kind === 'individual' ? input.displayName : input.enterpriseName;
  const [d] = await scope.db.update(donors).set({ displayName }).where(eq(donors.userId, scope.auth.userId)).returning();
  const [p] = await scope.db.update(donorProfiles).set(profile).where(eq(donorProfiles.userId, scope.auth.userId)).returning();
  await audit(scope, 'donor.update', { type: 'donor', id: scope.auth.userId }, { fields: Object.keys(input) });
  return present(d!, p!);
}

function cityOnly(scope: Scope) {
  if (!isCityStaff(scope.auth)) throw new AppError('FORBIDDEN');
}

const adminView = (d: Donor, p: Profile | null) => ({ ...present(d, p), userId: d.userId, createdAt: d.createdAt.toISOString() });

/** Donors newest first; `licence=pending` is the city federation's queue of enterprises to check. */
export async function donorList(scope: Scope, q: { licence?: Profile['licenceStatus']; cursor?: string; limit: number }) {
  cityOnly(scope);
  const where = [q.licence ? eq(donorProfiles.licenceStatus, q.licence) : undefined, afterCursor(q.cursor, donors.createdAt, donors.userId)];
  const rows = await scope.db
    .select({ d: donors, p: donorProfiles })
    .from(donors)
    .leftJoin(donorProfiles, eq(donorProfiles.userId, donors.userId))
    .where(and(...where))
    .orderBy(desc(donors.createdAt), desc(donors.userId))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => adminView(r.d, r.p), (r) => [r.d.createdAt.toISOString(), r.d.userId]);
}

/** Verified: the enterprise's name may appear to wishers and on the thank-you wall (if it chose so). */
export async function licenceReviewer(scope: Scope, { id, decision, note }: { id: string; decision: 'verified' | 'rejected'; note?: string }) {
  cityOnly(scope);
  const [row] = await scope.db.select({ d: donors, p: donorProfiles }).from(donors).innerJoin(donorProfiles, eq(donorProfiles.userId, donors.userId)).where(eq(donors.userId, id));
  if (!row || row.d.kind !== 'enterprise' || !row.p.licenceNo) throw new AppError('DONOR_NOT_FOUND');
  const [p] = await scope.db
    .update(donorProfiles)
    .set({ licenceStatus: decision, licenceNote: note ?? null, licenceReviewedBy: scope.auth.userId, licenceReviewedAt: scope.now })
    .where(eq(donorProfiles.userId, id))
    .returning();
  await audit(scope, `donor.licence_${decision}`, { type: 'donor', id });
  return adminView(row.d, p!);
}
