import { and, asc, eq, gt, ilike, like, or, sql, type SQL } from 'drizzle-orm';
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
import type { Deps } from '../../deps';
import { decodeCursor, pageOf } from '../../http/pagination';
import { inScopeSql, pathInScope } from '../../http/policies';
import type { Auth } from '../../http/state';
import { memberCard } from '../auth/me';
import { scopedUnion } from '../unions/service';
import { writeAudit } from '../audit/service';

const { members, unions, users } = schema;

const adminColumns = {
  id: members.id,
  name: members.name,
  memberNo: members.memberNo,
  status: members.status,
  unionId: members.unionId,
  unionName: unions.name,
  unionPath: unions.path,
  employer: members.employer,
  tags: members.tags,
  phone: users.phone,
  idNumberMasked: members.idNumberMasked,
  joinedAt: members.joinedAt,
};

type AdminRow = { [K in keyof typeof adminColumns]: (typeof adminColumns)[K]['_']['data'] };

/** The presenter for staff: the phone leaves masked, the ID number was masked at rest already. */
function presentForStaff(r: AdminRow): MemberAdminView {
  return {
    id: r.id,
    name: r.name,
    memberNo: r.memberNo,
    status: r.status,
    unionId: r.unionId,
    unionName: r.unionName,
    employer: r.employer,
    tags: r.tags,
    phoneMasked: maskPhone(r.phone),
    idNumberMasked: r.idNumberMasked,
    joinedAt: r.joinedAt.toISOString(),
  };
}

function baseQuery(deps: Deps) {
  return deps.db.select(adminColumns).from(members).innerJoin(unions, eq(unions.id, members.unionId)).innerJoin(users, eq(users.id, members.userId));
}

export async function memberList(deps: Deps, auth: Auth, q: MemberListQuery) {
  const where: SQL[] = [inScopeSql(auth, unions.path)];
  if (q.unionId) {
    const u = await scopedUnion(deps, auth, q.unionId);
    where.push(like(unions.path, `${u.path}%`));
  }
  if (q.status) where.push(eq(members.status, q.status));
  if (q.q) {
    const term = q.q.replace(/[\\%_]/g, (c) => '\\' + c);
    where.push(or(ilike(members.name, `%${term}%`), eq(members.memberNo, q.q), eq(users.phone, q.q))!);
  }
  if (q.cursor) where.push(gt(members.memberNo, decodeCursor(q.cursor, ['string'])[0]!));
  const rows = await baseQuery(deps)
    .where(and(...where))
    .orderBy(asc(members.memberNo))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, presentForStaff, (r) => [r.memberNo]);
}

async function scopedMember(deps: Deps, auth: Auth, id: string): Promise<AdminRow> {
  const [row] = await baseQuery(deps).where(eq(members.id, id)).limit(1);
  if (!row || !pathInScope(auth, row.unionPath)) throw new AppError('MEMBER_NOT_FOUND');
  return row;
}

export async function memberForStaff(deps: Deps, auth: Auth, id: string): Promise<MemberAdminView> {
  return presentForStaff(await scopedMember(deps, auth, id));
}

export async function memberUpdater(deps: Deps, auth: Auth, id: string, patch: MemberPatch, requestId: string): Promise<MemberAdminView> {
  const before = await scopedMember(deps, auth, id);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ ...(patch.status ? { status: patch.status } : {}), ...(patch.tags ? { tags: [...new Set(patch.tags)] } : {}) })
      .where(eq(members.id, id));
    await writeAudit(tx, deps.clock.now(), {
      actorUserId: auth.userId,
      action: 'member.update',
      targetType: 'member',
      targetId: id,
      requestId,
      detail: { from: { status: before.status, tags: before.tags }, to: patch },
    });
  });
  return memberForStaff(deps, auth, id);
}

/** Real-name joining through a grassroots union's QR link. */
export async function memberJoiner(deps: Deps, auth: Auth, body: JoinBody, requestId: string): Promise<MemberCard> {
  if (auth.memberId) throw new AppError('MEMBER_ALREADY_JOINED');
  const idNumber = normalizeIdNumber(body.idNumber);
  if (!isValidIdNumber(idNumber)) throw new AppError('ID_NUMBER_INVALID');
  const [union] = await deps.db.select().from(unions).where(eq(unions.joinCode, body.joinCode)).limit(1);
  if (!union) throw new AppError('UNION_NOT_FOUND');
  if (union.kind !== 'grassroots') throw new AppError('UNION_NOT_GRASSROOTS');
  let memberId: string;
  try {
    memberId = await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(members)
        .values({
          userId: auth.userId,
          unionId: union.id,
          name: body.name,
          idNumberEnc: encrypt(deps.keys, idNumber),
          idNumberHash: blindIndex(deps.keys, idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          employer: body.employer,
          memberNo: sql`'HZ' || nextval('member_no_seq')`,
          status: union.joinApproval === 'auto' ? 'active' : 'pending',
          joinedAt: deps.clock.now(),
        })
        .returning({ id: members.id });
      await tx.update(users).set({ displayName: body.name }).where(eq(users.id, auth.userId));
      await writeAudit(tx, deps.clock.now(), {
        actorUserId: auth.userId,
        action: 'member.join',
        targetType: 'member',
        targetId: row!.id,
        requestId,
        detail: { unionId: union.id, approval: union.joinApproval },
      });
      return row!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'members_id_number_key')) throw new AppError('MEMBER_ALREADY_EXISTS');
    if (isUniqueViolation(err, 'members_user_key')) throw new AppError('MEMBER_ALREADY_JOINED');
    throw err;
  }
  return (await memberCard(deps, memberId))!;
}

