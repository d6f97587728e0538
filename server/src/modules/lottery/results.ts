import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { maskName, type LotteryMemberView, type LotteryPublicView } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../../db/index';
import type { BatchRow } from '../../policies/vouchers';
import type { PublicScope, Scope } from '../../scope/scope';
import { batchStatus } from '../vouchers/presenters';
import { drawnIfDue } from './draw';
import { entryOf, inAudience, lotteryBatch, presentEntry, registrant } from './registrations';

const { lotteryEntries, members, unions, voucherBatches } = schema;

/** Registrations, how many were in the draw, and how many won. */
export async function lotteryCounts(db: Db, batchId: string): Promise<{ registrations: number; drawn: number; winners: number }> {
  const [r] = await queryRows<{ registrations: number; drawn: number; winners: number }>(
    db,
    sql`select count(*)::int as registrations,
               count(*) filter (where result in ('won','lost'))::int as drawn,
               count(*) filter (where result = 'won')::int as winners
          from lottery_entries where batch_id = ${batchId}`,
  );
  return { registrations: Number(r?.registrations ?? 0), drawn: Number(r?.drawn ?? 0), winners: Number(r?.winners ?? 0) };
}

/** What every view of a lottery says: its window, its prizes and the seed's commitment. */
function lotteryFacts(b: BatchRow, now: Date, registrations: number) {
  return {
    batchId: b.id,
    title: b.title,
    status: batchStatus(b, now),
    registrationOpensAt: b.startsAt.toISOString(),
    drawAt: b.drawAt!.toISOString(),
    drawnAt: b.drawnAt?.toISOString() ?? null,
    prizes: b.stockTotal,
    registrations,
    seedHash: b.lotterySeedHash ?? '',
  };
}

/** A lottery batch as the calling member sees it; a read after the draw time runs the draw if nobody has. */
export async function myLottery(scope: Scope, { id }: { id: string }): Promise<LotteryMemberView> {
  const { db, now } = scope;
  const b = await drawnIfDue(db, await lotteryBatch(db, id), now);
  const m = registrant(scope.auth);
  const entry = await entryOf(db, b.id, m.id);
  return {
    ...lotteryFacts(b, now, (await lotteryCounts(db, b.id)).registrations),
    eligible: m.active && inAudience(b, m),
    entry: entry ? presentEntry(entry) : null,
  };
}

/** The member's registrations of batches still shown (not ended), each batch drawn first if its time has come. */
export async function myLotteryEntries(scope: Scope) {
  const { db, now } = scope;
  const mine = () =>
    db
      .select({ e: lotteryEntries, b: voucherBatches })
      .from(lotteryEntries)
      .innerJoin(voucherBatches, eq(voucherBatches.id, lotteryEntries.batchId))
      .where(and(eq(lotteryEntries.memberId, scope.auth.memberId!), sql`${voucherBatches.endsAt} > ${now.toISOString()}`))
      .orderBy(asc(voucherBatches.drawAt));
  const rows = await mine();
  const due = rows.filter((r) => r.b.status === 'published' && !r.b.drawnAt && r.b.drawAt && r.b.drawAt.getTime() <= now.getTime());
  for (const r of due) await drawnIfDue(db, r.b, now);
  return { data: (due.length ? await mine() : rows).map((r) => presentEntry(r.e)) };
}

/**
 * The 公示, for anyone: the seed's hash from publication on; after the draw the seed, the tickets
 * that were in the draw (what the recipe re-runs) and every entry with its masked name, nothing else
 * about anyone (no member id, no phone, no full name).
 */
export async function lotteryPublicResult(scope: PublicScope, { id }: { id: string }): Promise<LotteryPublicView> {
  const { db, now } = scope;
  const b = await drawnIfDue(db, await lotteryBatch(db, id), now);
  const [publisher] = await db.select({ name: unions.name }).from(unions).where(eq(unions.id, b.unionId));
  const counts = await lotteryCounts(db, b.id);
  const entries = b.drawnAt
    ? await db
        .select({ ticket: lotteryEntries.ticket, name: members.name, result: lotteryEntries.result })
        .from(lotteryEntries)
        .innerJoin(members, eq(members.id, lotteryEntries.memberId))
        .where(and(eq(lotteryEntries.batchId, b.id), inArray(lotteryEntries.result, ['won', 'lost'])))
        .orderBy(asc(lotteryEntries.ticket))
    : [];
  return {
    ...lotteryFacts(b, now, counts.registrations),
    publisherName: publisher?.name ?? '',
    excluded: b.drawnAt ? counts.registrations - counts.drawn : 0,
    seed: b.drawnAt ? b.lotterySeed : null,
    tickets: entries.map((e) => String(e.ticket)),
    entries: entries.map((e) => ({ ticket: String(e.ticket), nameMasked: maskName(e.name), won: e.result === 'won' })),
  };
}

