import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { audienceIncludes, drawLottery, voucherExpiry } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import type { BatchRow } from '../../policies/vouchers';
import { audit } from '../audit/service';

const { voucherBatches, lotteryEntries, members, unions } = schema;

/** A list of integers as one parameter (`= any(…)`), however many there are. */
const intList = (values: readonly number[]) => sql`string_to_array(${values.join(',')}, ',')::int[]`;

export interface DrawOutcome {
  drawn: boolean;
  winners: number;
}

/**
 * Draws one lottery batch, once: the conditional update that sets `drawn_at` (and so reveals the
 * seed) is the lock. A second drawer, on this process or another, waits for the first to commit
 * and then matches no row. Winners' vouchers, the counter and the results land in the same
 * transaction, or none of them do.
 */
export async function lotteryDrawer(pool: Db, batchId: string, now: Date): Promise<DrawOutcome> {
  return pool.transaction(async (tx) => {
    const [b] = await tx
      .update(voucherBatches)
      .set({ drawnAt: now })
      .where(and(eq(voucherBatches.id, batchId), eq(voucherBatches.mode, 'lottery'), eq(voucherBatches.status, 'published'), isNull(voucherBatches.drawnAt), lte(voucherBatches.drawAt, now)))
      .returning();
    if (!b) return { drawn: false, winners: 0 };
    const entries = await tx
      .select({ ticket: lotteryEntries.ticket, status: members.status, tags: members.tags, unionPath: unions.path })
      .from(lotteryEntries)
      .innerJoin(members, eq(members.id, lotteryEntries.memberId))
      .innerJoin(unions, eq(unions.id, members.unionId))
      .where(eq(lotteryEntries.batchId, b.id))
      .orderBy(asc(lotteryEntries.ticket));
    // The same eligibility as at registration, judged again now: a membership suspended since is out of the draw.
    const inDraw = entries.filter((e) => e.status === 'active' && audienceIncludes(b.unionPath, b.audienceTags, e.unionPath, e.tags));
    const kept = new Set(inDraw);
    const excluded = entries.filter((e) => !kept.has(e)).map((e) => e.ticket);
    const winners = drawLottery(b.lotterySeed!, inDraw.map((e) => String(e.ticket)), b.stockTotal - b.stockClaimed).map(Number);

    await tx.update(lotteryEntries).set({ result: 'lost' }).where(eq(lotteryEntries.batchId, b.id));
    if (excluded.length) await tx.execute(sql`update lottery_entries set result = 'excluded' where batch_id = ${b.id} and ticket = any(${intList(excluded)})`);
    if (winners.length) await issueVouchers(tx as unknown as Db, b, winners, now);
    await audit({ db: tx as unknown as Db, now, requestId: `lottery-draw:${b.id}` }, 'voucher_batch.draw', { type: 'voucher_batch', id: b.id }, { registrations: entries.length, inDraw: inDraw.length, winners: winners.length });
    return { drawn: true, winners: winners.length };
  });
}

/** One voucher per winner (ordinal 1 under the quota key), their entries pointing at it, and the counter moved by as many. */
async function issueVouchers(tx: Db, b: BatchRow, winners: number[], now: Date): Promise<void> {
  const expiresAt = voucherExpiry(b.validity, now);
  await tx.execute(
    sql`with issued as (
          insert into vouchers (batch_id, member_id, period, ordinal, status, claimed_at, expires_at)
          select e.batch_id, e.member_id, ${b.period}, 1, 'unused', ${now.toISOString()}, ${expiresAt.toISOString()}
            from lottery_entries e where e.batch_id = ${b.id} and e.ticket = any(${intList(winners)})
          returning id, member_id)
        update lottery_entries e set result = 'won', voucher_id = issued.id from issued
         where e.batch_id = ${b.id} and e.member_id = issued.member_id`,
  );
  // The table's check keeps the counter within the stock even here.
  await tx.update(voucherBatches).set({ stockClaimed: sql`${voucherBatches.stockClaimed} + ${winners.length}` }).where(eq(voucherBatches.id, b.id));
}

/** Draws every lottery whose time has come (the ids this call drew); the periodic job of each API process calls it. */
export async function drawDueLotteries(pool: Db, now: Date): Promise<string[]> {
  const due = await queryRows<{ id: string }>(
    pool,
    sql`select id from voucher_batches where mode = 'lottery' and drawn_at is null and status = 'published' and draw_at <= ${now.toISOString()} order by draw_at`,
  );
  const drawn: string[] = [];
  for (const { id } of due) if ((await lotteryDrawer(pool, id, now)).drawn) drawn.push(id);
  return drawn;
}

/** The batch as it stands after its draw, running the draw first when it is due and nobody ran it yet (a read after the draw time). */
export async function drawnIfDue(pool: Db, b: BatchRow, now: Date): Promise<BatchRow> {
  if (b.mode !== 'lottery' || b.status !== 'published' || b.drawnAt || !b.drawAt || b.drawAt.getTime() > now.getTime()) return b;
  await lotteryDrawer(pool, b.id, now);
  const [fresh] = await pool.select().from(voucherBatches).where(eq(voucherBatches.id, b.id));
  return fresh ?? b;
}
