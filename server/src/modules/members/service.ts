import { and, asc, eq, gt, ilike, inArray, like, notInArray, or, sql, type SQL } from 'drizzle-orm';
import {
  AppError,
  isValidIdNumber,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  type JoinBody,
  type MemberAdminView,
  type MemberCard,
  type MemberListQuery,
  type MemberPatch,
  type MemberStatus,
} from '@gonghui/shared';
import { blindIndex, encrypt } from '../../crypto';
import { isUniqueViolation, schema } from '../../db/index';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import { decodeCursor, pageOf } from '../../lib/pagination';
import { hardshipMayRead } from '../../policies/hardship';
import { memberPolicy, scopedMember, type ScopedMember } from '../../policies/members';
import { inScopeSql, pathInScope } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import { announce } from '../../rush/signals';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { memberCard } from '../auth/me';
import { unusedVoucherReleaser } from '../vouchers/claims';

const { members, unions, users } = schema;

const adminColumns = {
  m: members,
  unionName: unions.name,
  unionPath: unions.path,
  phone: users.phone,
};

type AdminRow = ScopedMember & { phone: string };

type Holder = { memberNo: string | null; unionName: string; status: MemberStatus };

/** The presenter for staff: the phone leaves masked, the ID number was masked at rest already. */
function presentForStaff(scope: Scope, r: AdminRow, conflictsWith: Holder[]): MemberAdminView {
  const { m } = r;
  const { review, update, revoke } = memberPolicy.abilities(scope, r);
  return {
    id: m.id,
    name: m.name,
    memberNo: m.memberNo,
    status: m.status,
    unionId: m.unionId,
    unionName: r.unionName,
    employer: m.employer,
    // the 困难职工 tag is hardship data: only staff with the duty over the member see it
    tags: hardshipMayRead(scope.auth, r.unionPath) ? m.tags : m.tags.filter((t) => t !== 'hardship'),
    phoneMasked: maskPhone(r.phone),
    idNumberMasked: m.idNumberMasked,
    joinedAt: m.joinedAt.toISOString(),
    idConflict: conflictsWith.length > 0,
    conflictsWith,
    abilities: { review, update, revoke },
  };
}

/**
 * Every other live application or membership with the same ID number, for a page of members:
 * the holder is flagged as well as the newcomer. A holder outside the caller's subtree is named
 * by union only.
 */
async function holdersOf(scope: Scope, page: AdminRow[]): Promise<Map<string, Holder[]>> {
  const hashes = [...new Set(page.map((r) => r.m.idNumberHash))];
  const out = new Map<string, Holder[]>();
  if (hashes.length === 0) return out;
  const rows = await scope.db
    .select({ id: members.id, hash: members.idNumberHash, memberNo: members.memberNo, status: members.status, unionName: unions.name, unionPath: unions.path })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(and(inArray(members.idNumberHash, hashes), notInArray(members.status, ['rejected', 'left'])));
  for (const r of page) {
    out.set(
      r.m.id,
      rows
        .filter((x) => x.hash === r.m.idNumberHash && x.id !== r.m.id)
        .map((x) => ({ memberNo: pathInScope(scope.auth, x.unionPath) ? x.memberNo : null, unionName: x.unionName, status: x.status })),
    );
  }
  return out;
}

async function presentPage(scope: Scope, page: AdminRow[]): Promise<MemberAdminView[]> {
  const holders = await holdersOf(scope, page);
  return page.map((r) => presentForStaff(scope, r, holders.get(r.m.id) ?? []));
}

function baseQuery(scope: Scope) {
  return scope.db.select(adminColumns).from(members).innerJoin(unions, eq(unions.id, members.unionId)).innerJoin(users, eq(users.id, members.userId));
}

export async function memberList(scope: Scope, q: MemberListQuery) {
  const where: SQL[] = [inScopeSql(scope.auth, unions.path)];
  if (q.unionId) {
    const u = await scopedUnion(scope, q.unionId);
    where.push(like(unions.path, `${u.path}%`));
  }
  if (q.status) where.push(eq(members.status, q.status));
  if (q.q) {
    const term = q.q.replace(/[\\%_]/g, (c) => '\\' + c);
    where.push(or(ilike(members.name, `%${term}%`), eq(members.memberNo, q.q), eq(users.phone, q.q))!);
  }
  if (q.cursor) where.push(gt(members.memberNo, decodeCursor(q.cursor, ['string'])[0]!));
  const rows = await baseQuery(scope)
    .where(and(...where))
    .orderBy(asc(members.memberNo))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => r, (r) => [r.m.memberNo]);
  return { data: await presentPage(scope, page.data), pagination: page.pagination };
}

export async function memberForStaff(scope: Scope, { id }: { id: string }): Promise<MemberAdminView> {
  await scopedMember(scope, id);
  const [row] = await baseQuery(scope).where(eq(members.id, id));
  return (await presentPage(scope, [row!]))[0]!;
}

/** Which change of status needs which ability: reviewing applications, keeping members, ending a membership. */
const TRANSITIONS: Record<string, { to: MemberStatus[]; ability: 'review' | 'update' | 'revoke' }[]> = {
  pending: [{ to: ['active', 'rejected'], ability: 'review' }],
  active: [
    { to: ['active', 'suspended'], ability: 'update' },
    { to: ['left'], ability: 'revoke' },
  ],
  suspended: [
    { to: ['active', 'suspended'], ability: 'update' },
    { to: ['left'], ability: 'revoke' },
  ],
};

/**
 * Staff decide on applications (approve or reject: operators may), keep admitted members (tags,
 * suspend, reinstate) and, as admins, end a membership (a squatted ID number, a member who left).
 * A rejection or a revocation frees the account and the ID number; a revocation also gives back
 * the member's unused vouchers of batches still open.
 */
export async function memberUpdater(scope: Scope, { id, patch }: { id: string; patch: MemberPatch }): Promise<MemberAdminView> {
  const before = await scopedMember(scope, id, { forUpdate: true });
  const rules = TRANSITIONS[before.m.status] ?? [];
  const rule = patch.status ? rules.find((r) => r.to.includes(patch.status!)) : rules.find((r) => r.ability !== 'revoke');
  if (!rule) throw new AppError('MEMBER_INVALID_STATE');
  memberPolicy.authorize(scope, rule.ability, before);
  // only the hardship archive sets or removes the 困难职工 tag: an edit keeps it as it was
  const hadHardship = before.m.tags.includes('hardship');
  if (patch.tags?.includes('hardship') && !hadHardship) throw new AppError('MEMBER_TAG_RESERVED');
  if (patch.tags) patch = { ...patch, tags: [...patch.tags.filter((t) => t !== 'hardship'), ...(hadHardship ? (['hardship'] as const) : [])] };
  if (patch.status === 'left') await unusedVoucherReleaser(scope, { memberId: id });
  try {
    await scope.db
      .update(members)
      .set({
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.status === 'rejected' || patch.status === 'left' ? { rejectionReason: patch.reason ?? null } : {}),
        ...(patch.tags ? { tags: [...new Set(patch.tags)] } : {}),
      })
      .where(eq(members.id, id));
  } catch (err) {
    // Another admitted member holds the same ID number: staff must settle who is who first.
    if (isUniqueViolation(err, 'members_id_number_key')) throw new AppError('MEMBER_ID_CONFLICT');
    throw err;
  }
  // a member's standing changed: every process drops the sessions it keeps for the claim path
  await announce(scope.db, { kind: 'user', id: before.m.userId });
  await audit(scope, 'member.update', { type: 'member', id }, { from: { status: before.m.status, tags: before.m.tags.filter((t) => t !== 'hardship') }, to: { ...patch, ...(patch.tags ? { tags: patch.tags.filter((t) => t !== 'hardship') } : {}) } });
  return memberForStaff(scope, { id });
}

/**
 * Real-name joining through a grassroots union's QR link. An ID number someone else already
 * holds is not revealed to the caller: the application waits for staff review like any other.
 * Unknown join codes count against the caller's address, as on the join page.
 */
export async function memberJoiner(scope: Scope, body: JoinBody): Promise<MemberCard> {
  if (scope.auth.memberId) throw new AppError('MEMBER_ALREADY_JOINED');
  const idNumber = normalizeIdNumber(body.idNumber);
  if (!isValidIdNumber(idNumber)) throw new AppError('ID_NUMBER_INVALID');
  const bucket = `join-code-miss:${scope.ip}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.joinCodeMiss);
  const [union] = await scope.db.select().from(unions).where(eq(unions.joinCode, body.joinCode)).limit(1);
  if (!union) {
    scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw new AppError('UNION_NOT_FOUND');
  }
  if (union.kind !== 'grassroots') throw new AppError('UNION_NOT_GRASSROOTS');
  const idHash = blindIndex(scope.deps.keys, idNumber);
  const [holder] = await scope.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.idNumberHash, idHash), notInArray(members.status, ['rejected', 'left'])))
    .limit(1);
  const row = {
    userId: scope.auth.userId,
    unionId: union.id,
    name: body.name,
    idNumberEnc: encrypt(scope.deps.keys, idNumber),
    idNumberHash: idHash,
    idNumberMasked: maskIdNumber(idNumber),
    employer: body.employer,
    memberNo: sql`'HZ' || nextval('member_no_seq')`,
    idConsentAt: scope.now,
    joinedAt: scope.now,
  };
  const admit = union.joinApproval === 'auto' && !holder;
  let memberId: string;
  try {
    // In a savepoint: when a parallel join admitted the same ID number first, this one waits for review instead.
    memberId = await scope.db.transaction(async (sp) => {
      const [m] = await sp.insert(members).values({ ...row, status: admit ? 'active' : 'pending', idConflict: !!holder }).returning({ id: members.id });
      return m!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'members_user_key')) throw new AppError('MEMBER_ALREADY_JOINED');
    if (!isUniqueViolation(err, 'members_id_number_key')) throw err;
    const [m] = await scope.db.insert(members).values({ ...row, status: 'pending', idConflict: true }).returning({ id: members.id });
    memberId = m!.id;
  }
  await scope.db.update(users).set({ displayName: body.name }).where(eq(users.id, scope.auth.userId));
  await audit(scope, 'member.join', { type: 'member', id: memberId }, { unionId: union.id, approval: union.joinApproval, admitted: admit });
  return (await memberCard(scope.db, memberId))!;
}
