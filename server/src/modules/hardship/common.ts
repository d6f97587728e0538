/* What every part of the hardship module shares: thresholds, the read audit, sealed facts, member facts. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { AppError, DEMO_THRESHOLDS, type HardshipFactsInput, type HardshipReadView, type HardshipThresholdsView, type SensitiveField } from '@gonghui/shared';
import { decrypt, encrypt } from '../../crypto';
import { queryRows, schema, type Db } from '../../db/index';
import { hardshipUnionFor } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';

const { hardshipReads, hardshipConsents, members, unions, staffRoles } = schema;

/** Without any row (a fresh installation): seed 004's figures and a 2,000 yuan two-person line. */
export const DEFAULT_SETTINGS: HardshipThresholdsView = { ...DEMO_THRESHOLDS, secondApprovalAboveFen: 200_000 };

/** The thresholds of the nearest union at or above `unionPath` that set them. */
export async function thresholdsFor(db: Db, unionPath: string): Promise<HardshipThresholdsView> {
  const [row] = await queryRows<{ dibao_fen: number; living_multiple: string; illness_multiple: string; medical_self_pay_fen: number; second_approval_above_fen: number }>(
    db,
    sql`select s.dibao_fen, s.living_multiple, s.illness_multiple, s.medical_self_pay_fen, s.second_approval_above_fen
          from hardship_settings s join unions u on u.id = s.union_id
         where ${unionPath} like u.path || '%' order by u.depth desc limit 1`,
  );
  if (!row) return DEFAULT_SETTINGS;
  return {
    dibaoFen: Number(row.dibao_fen),
    livingMultiple: Number(row.living_multiple),
    illnessMultiple: Number(row.illness_multiple),
    medicalSelfPayFen: Number(row.medical_self_pay_fen),
    secondApprovalAboveFen: Number(row.second_approval_above_fen),
  };
}

export interface MemberFacts {
  id: string;
  userId: string;
  name: string;
  memberNo: string;
  idNumberMasked: string;
  idNumberEnc: string;
  unionId: string;
  unionName: string;
  unionPath: string;
  status: string;
}

export async function memberFacts(db: Db, memberId: string): Promise<MemberFacts | null> {
  const [m] = await db
    .select({
      id: members.id,
      userId: members.userId,
      name: members.name,
      memberNo: members.memberNo,
      idNumberMasked: members.idNumberMasked,
      idNumberEnc: members.idNumberEnc,
      unionId: members.unionId,
      unionName: unions.name,
      unionPath: unions.path,
      status: members.status,
    })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(eq(members.id, memberId))
    .limit(1);
  return m ?? null;
}

export async function liveConsent(db: Db, memberId: string) {
  const [c] = await db.select().from(hardshipConsents).where(and(eq(hardshipConsents.memberId, memberId), isNull(hardshipConsents.withdrawnAt))).limit(1);
  return c ?? null;
}

export async function assertConsent(db: Db, memberId: string): Promise<void> {
  if (!(await liveConsent(db, memberId))) throw new AppError('HARDSHIP_CONSENT_WITHDRAWN');
}

/** Appends to the read audit (append-only at the database): who, when, which member, which field, why. */
export async function recordRead(scope: Scope, m: { id: string; unionPath: string }, field: SensitiveField, reason: string | null): Promise<void> {
  // Opening the (masked) record again within half an hour is the same reading: one row. Full values are recorded every time.
  if (field === 'record') {
    const [recent] = await queryRows<{ one: number }>(
      scope.db,
      sql`select 1 as one from hardship_reads where member_id = ${m.id} and actor_user_id = ${scope.auth.userId} and field = 'record' and at > ${new Date(scope.now.getTime() - 30 * 60_000).toISOString()}::timestamptz limit 1`,
    );
    if (recent) return;
  }
  await scope.db.insert(hardshipReads).values({ at: scope.now, actorUserId: scope.auth.userId, actorUnionId: hardshipUnionFor(scope.auth, m.unionPath), memberId: m.id, field, reason, requestId: scope.requestId });
}

/** Full-value reads of many members at once (a bank file): one row each, in one statement. */
export async function recordReads(scope: Scope, ms: { id: string; unionPath: string }[], field: Exclude<SensitiveField, 'record'>, reason: string): Promise<void> {
  if (ms.length === 0) return;
  await scope.db
    .insert(hardshipReads)
    .values(ms.map((m) => ({ at: scope.now, actorUserId: scope.auth.userId, actorUnionId: hardshipUnionFor(scope.auth, m.unionPath), memberId: m.id, field, reason, requestId: scope.requestId })));
}

/** Who read a member's record, newest first, named as on their union's staff list. */
export async function readsOf(db: Db, memberId: string, limit = 50): Promise<HardshipReadView[]> {
  const rows = await db
    .select({
      at: hardshipReads.at,
      field: hardshipReads.field,
      reason: hardshipReads.reason,
      readerName: sql<string | null>`(select r.display_name from ${staffRoles} r where r.user_id = ${hardshipReads.actorUserId} order by (r.union_id = ${hardshipReads.actorUnionId}) desc, r.created_at limit 1)`,
      unionName: sql<string | null>`(select u.name from ${unions} u where u.id = ${hardshipReads.actorUnionId})`,
    })
    .from(hardshipReads)
    .where(eq(hardshipReads.memberId, memberId))
    .orderBy(desc(hardshipReads.at), desc(hardshipReads.id))
    .limit(limit);
  return rows.map((r) => ({ at: r.at.toISOString(), field: r.field, reason: r.reason, readerName: r.readerName || '工会工作人员', unionName: r.unionName ?? '' }));
}

export const sealFacts = (scope: Scope, facts: HardshipFactsInput) => encrypt(scope.deps.keys, JSON.stringify(facts));
export const openFacts = (scope: Scope, sealed: string): HardshipFactsInput | null => (sealed ? (JSON.parse(decrypt(scope.deps.keys, sealed)) as HardshipFactsInput) : null);

/** An Asia/Shanghai calendar date ("2026-12-01") and the same day a year later. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function nextYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // 29 February → 28 February
  const date = new Date(Date.UTC(y + 1, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}
