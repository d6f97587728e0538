import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { AppError, audienceIncludes, voucherExpiry, type VoucherView } from '@gonghui/shared';
import { pgConstraint, schema, type Db } from '../../db/index';
import { batchStatus, presentVoucher, type BatchRow, type VoucherRow } from './presenters';

const { voucherBatches, vouchers, members, unions } = schema;

export interface ClaimInput {
  batchId: string;
  /** The member the voucher is for: the caller, or (staff-assisted claiming) a member staff act for. */
  memberId: string;
  /** The staff user who claimed on the member's behalf, if any. */
  claimedBy?: string | null;
  /** The request's instant: the batch must be open then, and the voucher's validity starts then. */
  now: Date;
  /** What the batch must be for: a 送春联 offer's stock is claimed only through its offer (campaigns/couplets.ts). Default 'voucher'. */
  purpose?: 'voucher' | 'couplets';
}

export interface MemberFacts {
  id: string;
  status: string;
  tags: string[];
  unionPath: string;
}

/** What the claims of one group may take: each batch's stock left, each member's live ordinals. */
export interface ClaimState {
  batches: Map<string, BatchRow>;
  members: Map<string, MemberFacts>;
  /** `${memberId}:${batchId}` → ordinals of the member's live vouchers of the batch's current period. */
  held: Map<string, Set<number>>;
}

export type Decision = { ordinal: number } | { refusal: AppError };

const heldKey = (memberId: string, batchId: string) => `${memberId}:${batchId}`;

/**
 * Decides a group of claims in arrival order, as one member's claim after another would be: the
 * same refusals in the same order (batch, member, audience, window, stock, limit), and each yes
 * takes the lowest free ordinal and one unit of stock from `state`, which it updates.
 */
export function decideClaims(state: ClaimState, claims: ClaimInput[]): Decision[] {
  const taken = new Map<string, number>();
  return claims.map((c): Decision => {
    const refuse = (code: ConstructorParameters<typeof AppError>[0], details?: Record<string, unknown>): Decision => ({ refusal: new AppError(code, details) });
    const b = state.batches.get(c.batchId);
    if (!b || b.status === 'draft' || b.purpose !== (c.purpose ?? 'voucher')) return refuse('VOUCHER_BATCH_NOT_FOUND');
    const m = state.members.get(c.memberId);
    if (!m) return refuse('NOT_A_MEMBER');
    if (m.status !== 'active') return refuse('MEMBER_NOT_ACTIVE');
    if (!audienceIncludes(b.unionPath, b.audienceTags, m.unionPath, m.tags)) return refuse('VOUCHER_NOT_ELIGIBLE');
    const status = batchStatus(b, c.now);
    if (status !== 'open') return refuse('VOUCHER_NOT_OPEN', { opensAt: b.startsAt.toISOString(), status });
    const claimed = b.stockClaimed + (taken.get(b.id) ?? 0);
    if (claimed >= b.stockTotal) return refuse('VOUCHER_SOLD_OUT');
    const k = heldKey(m.id, b.id);
    const held = state.held.get(k) ?? new Set<number>();
    let ordinal = 1;
    while (held.has(ordinal)) ordinal++;
    if (ordinal > b.perMemberLimit) return refuse('VOUCHER_LIMIT_REACHED');
    held.add(ordinal);
    state.held.set(k, held);
    taken.set(b.id, (taken.get(b.id) ?? 0) + 1);
    return { ordinal };
  });
}

/**
 * Reads what a group of claims needs, locking it: the batches `for update` (so the claims of a
 * batch are written one group at a time, in every process: the stock and the ordinals read here
 * stay true until the commit) and the members `for share` (a suspension or account deletion
 * running meanwhile waits for the claims, then gives back what they took).
 */
async function readClaimState(tx: Db, claims: ClaimInput[]): Promise<ClaimState> {
  const batchIds = [...new Set(claims.map((c) => c.batchId))].sort();
  const memberIds = [...new Set(claims.map((c) => c.memberId))].sort();
  const batchRows = await tx.select().from(voucherBatches).where(inArray(voucherBatches.id, batchIds)).orderBy(asc(voucherBatches.id)).for('update');
  const memberRows = await tx
    .select({ id: members.id, status: members.status, tags: members.tags, unionPath: unions.path })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(inArray(members.id, memberIds))
    .orderBy(asc(members.id))
    .for('share', { of: members });
  const heldRows = await tx
    .select({ memberId: vouchers.memberId, batchId: vouchers.batchId, ordinal: vouchers.ordinal })
    .from(vouchers)
    .innerJoin(voucherBatches, and(eq(voucherBatches.id, vouchers.batchId), eq(voucherBatches.period, vouchers.period)))
    .where(and(inArray(vouchers.batchId, batchIds), inArray(vouchers.memberId, memberIds), ne(vouchers.status, 'returned')));
  const held = new Map<string, Set<number>>();
  for (const r of heldRows) {
    const k = heldKey(r.memberId, r.batchId);
    held.set(k, (held.get(k) ?? new Set()).add(r.ordinal));
  }
  return { batches: new Map(batchRows.map((b) => [b.id, b])), members: new Map(memberRows.map((m) => [m.id, m])), held };
}

/**
 * Writes a group of claims inside `tx` with a fixed number of statements, however many claims:
 * read and lock (three), one insert of every voucher, one counter update per batch. The database
 * still enforces both rules: the quota by the unique key on live (member, batch, period, ordinal),
 * the stock by the table's check constraint. Returns each claim's voucher or refusal, in order.
 */
export async function writeClaims(tx: Db, claims: ClaimInput[]): Promise<(VoucherView | AppError)[]> {
  if (claims.length === 0) return [];
  const state = await readClaimState(tx, claims);
  const decisions = decideClaims(state, claims);
  const rows = claims.flatMap((c, i) => {
    const d = decisions[i]!;
    if ('refusal' in d) return [];
    const b = state.batches.get(c.batchId)!;
    return [{ batchId: b.id, memberId: c.memberId, period: b.period, ordinal: d.ordinal, status: 'unused' as const, claimedAt: c.now, expiresAt: voucherExpiry(b.validity, c.now), claimedBy: c.claimedBy ?? null }];
  });
  const inserted: VoucherRow[] = rows.length ? await tx.insert(vouchers).values(rows).returning() : [];
  const byOrdinal = new Map(inserted.map((v) => [`${heldKey(v.memberId, v.batchId)}:${v.ordinal}`, v]));
  const perBatch = new Map<string, number>();
  for (const v of inserted) perBatch.set(v.batchId, (perBatch.get(v.batchId) ?? 0) + 1);
  for (const [batchId, n] of perBatch) {
    await tx
      .update(voucherBatches)
      .set({ stockClaimed: sql`${voucherBatches.stockClaimed} + ${n}` })
      .where(eq(voucherBatches.id, batchId))
      .catch((err: unknown) => {
        // The check constraint is the last guard of the stock; the lock above means it never trips unless the rules above are wrong.
        if (pgConstraint(err) === 'voucher_batches_stock_check') throw new AppError('VOUCHER_SOLD_OUT');
        throw err;
      });
  }
  return claims.map((c, i) => {
    const d = decisions[i]!;
    if ('refusal' in d) return d.refusal;
    const v = byOrdinal.get(`${heldKey(c.memberId, c.batchId)}:${d.ordinal}`)!;
    const b = state.batches.get(c.batchId)!;
    return presentVoucher(v, { ...b, stockClaimed: b.stockClaimed + (perBatch.get(b.id) ?? 0) }, null, c.now);
  });
}

/** One claim inside the request's (idempotency) transaction: the group writer with a group of one. */
export async function voucherClaimer(tx: Db, claim: ClaimInput): Promise<VoucherView> {
  const [result] = await writeClaims(tx, [claim]);
  if (result instanceof AppError) throw result;
  return result!;
}
