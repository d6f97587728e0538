import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { AppError, audienceIncludes, TICKET_MAX, TICKET_MIN, type LotteryEntryView } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import type { BatchRow } from '../../policies/vouchers';
import type { Auth } from '../../scope/auth';
import type { Scope } from '../../scope/scope';
import { batchStatus } from '../vouchers/presenters';

const { voucherBatches, lotteryEntries } = schema;
export type EntryRow = typeof lotteryEntries.$inferSelect;

export const presentEntry = (e: EntryRow): LotteryEntryView => ({
  batchId: e.batchId,
  ticket: String(e.ticket),
  registeredAt: e.registeredAt.toISOString(),
  result: e.result,
  voucherId: e.voucherId,
});

export interface Registrant {
  id: string;
  active: boolean;
  tags: string[];
  unionPath: string;
}

/** The caller's standing as the request's session read it, for the same rule as claiming (`audienceIncludes`, active members only). */
export function registrant(auth: Auth): Registrant {
  if (!auth.memberId || auth.memberUnionPath === null) throw new AppError('NOT_A_MEMBER');
  return { id: auth.memberId, active: auth.memberActive, tags: auth.memberTags, unionPath: auth.memberUnionPath };
}

export const inAudience = (b: BatchRow, m: Registrant) => audienceIncludes(b.unionPath, b.audienceTags, m.unionPath, m.tags);

/** A published lottery batch, or the precise refusal. */
export async function lotteryBatch(db: Db, id: string): Promise<BatchRow> {
  const [b] = await db.select().from(voucherBatches).where(eq(voucherBatches.id, id));
  if (!b || b.status === 'draft') throw new AppError('VOUCHER_BATCH_NOT_FOUND');
  if (b.mode !== 'lottery') throw new AppError('VOUCHER_BATCH_NOT_LOTTERY');
  return b;
}

export async function entryOf(db: Db, batchId: string, memberId: string): Promise<EntryRow | undefined> {
  const [e] = await db.select().from(lotteryEntries).where(and(eq(lotteryEntries.batchId, batchId), eq(lotteryEntries.memberId, memberId)));
  return e;
}

/**
 * Registers the calling member in the window, once: the unique key on (batch, member) makes a
 * second registration (another key, another process) answer the first entry. Tickets are random,
 * so a ticket says nothing about who registered or when.
 */
export async function lotteryRegistrar(scope: Scope, { batchId }: { batchId: string }): Promise<LotteryEntryView> {
  const { db, now } = scope;
  const b = await lotteryBatch(db, batchId);
  const m = registrant(scope.auth);
  if (!m.active) throw new AppError('MEMBER_NOT_ACTIVE');
  if (!inAudience(b, m)) throw new AppError('VOUCHER_NOT_ELIGIBLE');
  const status = batchStatus(b, now);
  if (status !== 'registering') {
    throw new AppError('LOTTERY_NOT_REGISTERING', { status, opensAt: b.startsAt.toISOString(), drawAt: b.drawAt!.toISOString() });
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const [inserted] = await queryRows<{ id: string }>(db, insertEntry(b.id, m.id, randomInt(TICKET_MIN, TICKET_MAX + 1), now));
    if (inserted) return presentEntry((await entryOf(db, b.id, m.id))!);
    // Either this member is in already (answer that entry) or the ticket was taken (draw another).
    const existing = await entryOf(db, b.id, m.id);
    if (existing) return presentEntry(existing);
  }
  throw new Error('could not allocate a lottery ticket');
}

function insertEntry(batchId: string, memberId: string, ticket: number, now: Date) {
  return sql`insert into lottery_entries (batch_id, member_id, ticket, registered_at) values (${batchId}, ${memberId}, ${ticket}, ${now.toISOString()})
             on conflict do nothing returning id`;
}
