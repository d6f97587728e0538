import { and, asc, eq, gt, ilike, like, notInArray, or, sql, type SQL } from 'drizzle-orm';
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
} from '@gonghui/shared';
import { blindIndex, encrypt } from '../../crypto';
import { isUniqueViolation, schema } from '../../db/index';
import { decodeCursor, pageOf } from '../../lib/pagination';
import { memberPolicy, scopedMember, type ScopedMember } from '../../policies/members';
import { inScopeSql } from '../../policies/staff';
import { scopedUnion } from '../../policies/unions';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { memberCard } from '../auth/me';

const { members, unions, users } = schema;

const adminColumns = {
  m: members,
  unionName: unions.name,
  unionPath: unions.path,
  phone: users.phone,
};

type AdminRow = ScopedMember & { phone: string };

/** The presenter for staff: the phone leaves masked, the ID number was masked at rest already. */
function presentForStaff(scope: Scope, r: AdminRow): MemberAdminView {
  const { m } = r;
  const { review, update } = memberPolicy.abilities(scope, r);
  return {
    id: m.id,
    name: m.name,
    memberNo: m.memberNo,
    status: m.status,
    unionId: m.unionId,
    unionName: r.unionName,
    employer: m.employer,
    tags: m.tags,
    phoneMasked: maskPhone(r.phone),
    idNumberMasked: m.idNumberMasked,
    joinedAt: m.joinedAt.toISOString(),
    idConflict: m.idConflict,
    abilities: { review, update },
  };
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
  return pageOf(rows, q.limit, (r) => presentForStaff(scope, r), (r) => [r.m.memberNo]);
}

export async function memberForStaff(scope: Scope, { id }: { id: string }): Promise<MemberAdminView> {
  await scopedMember(scope, id);
  const [row] = await baseQuery(scope).where(eq(members.id, id));
  return presentForStaff(scope, row!);
}

/**
 * Staff decide on applications (approve or reject: operators may) and on admitted members (tags,
 * suspend, reinstate). A rejection frees the account and the ID number for a new application.
 */
export async function memberUpdater(scope: Scope, { id, patch }: { id: string; patch: MemberPatch }): Promise<MemberAdminView> {
  const before = await scopedMember(scope, id, { forUpdate: true });
  const reviewing = before.m.status === 'pending';
  if (patch.status) {
    const allowed = reviewing ? ['active', 'rejected'] : ['active', 'suspended'];
    if (!allowed.includes(patch.status)) throw new AppError('MEMBER_INVALID_STATE');
  }
  memberPolicy.authorize(scope, reviewing ? 'review' : 'update', before);
  try {
    await scope.db
      .update(members)
      .set({
        ...(patch.status ? { status: patch.status, idConflict: patch.status === 'active' ? false : before.m.idConflict } : {}),
        ...(patch.status === 'rejected' ? { rejectionReason: patch.reason ?? null } : {}),
        ...(patch.tags ? { tags: [...new Set(patch.tags)] } : {}),
      })
      .where(eq(members.id, id));
  } catch (err) {
    // Another admitted member holds the same ID number: staff must settle who is who first.
    if (isUniqueViolation(err, 'members_id_number_key')) throw new AppError('MEMBER_ID_CONFLICT');
    throw err;
  }
  await audit(scope, 'member.update', { type: 'member', id }, { from: { status: before.m.status, tags: before.m.tags }, to: patch });
  return memberForStaff(scope, { id });
}

/**
 * Real-name joining through a grassroots union's QR link. An ID number someone else already
 * holds is not revealed to the caller: the application waits for staff review like any other.
 */
export async function memberJoiner(scope: Scope, body: JoinBody): Promise<MemberCard> {
  if (scope.auth.memberId) throw new AppError('MEMBER_ALREADY_JOINED');
  const idNumber = normalizeIdNumber(body.idNumber);
  if (!isValidIdNumber(idNumber)) throw new AppError('ID_NUMBER_INVALID');
  const [union] = await scope.db.select().from(unions).where(eq(unions.joinCode, body.joinCode)).limit(1);
  if (!union) throw new AppError('UNION_NOT_FOUND');
  if (union.kind !== 'grassroots') throw new AppError('UNION_NOT_GRASSROOTS');
  const idHash = blindIndex(scope.deps.keys, idNumber);
  const [holder] = await scope.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.idNumberHash, idHash), notInArray(members.status, ['rejected', 'left'])))
    .limit(1);
  const idConflict = holder !== undefined;
  let memberId: string;
  try {
    const [row] = await scope.db
      .insert(members)
      .values({
        userId: scope.auth.userId,
        unionId: union.id,
        name: body.name,
        idNumberEnc: encrypt(scope.deps.keys, idNumber),
        idNumberHash: idHash,
        idNumberMasked: maskIdNumber(idNumber),
        employer: body.employer,
        memberNo: sql`'HZ' || nextval('member_no_seq')`,
        status: union.joinApproval === 'auto' && !idConflict ? 'active' : 'pending',
        idConflict,
        idConsentAt: scope.now,
        joinedAt: scope.now,
      })
      .returning({ id: members.id });
    memberId = row!.id;
  } catch (err) {
    if (isUniqueViolation(err, 'members_user_key')) throw new AppError('MEMBER_ALREADY_JOINED');
    throw err;
  }
  await scope.db.update(users).set({ displayName: body.name }).where(eq(users.id, scope.auth.userId));
  await audit(scope, 'member.join', { type: 'member', id: memberId }, { unionId: union.id, approval: union.joinApproval, idConflict });
  return (await memberCard(scope.db, memberId))!;
}
