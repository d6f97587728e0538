import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LotteryResult } from '@gonghui/shared';
import { tstz } from './columns';
import { members } from './members';
import { vouchers, voucherBatches } from './vouchers';

/**
 * Registrations for a lottery batch: one per member (the unique key makes a second registration
 * count once), each with a random public ticket number that the draw ranks.
 */
export const lotteryEntries = pgTable(
  'lottery_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull().references(() => voucherBatches.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    ticket: integer().notNull(),
    registeredAt: tstz('registered_at').notNull(),
    result: text().$type<LotteryResult>().notNull().default('pending'),
    voucherId: uuid('voucher_id').references(() => vouchers.id),
  },
  (t) => [
    uniqueIndex('lottery_entries_member_key').on(t.batchId, t.memberId),
    uniqueIndex('lottery_entries_ticket_key').on(t.batchId, t.ticket),
    index('lottery_entries_member_idx').on(t.memberId),
    check('lottery_entries_ticket_check', sql`${t.ticket} between 10000000 and 99999999`),
    check('lottery_entries_result_check', sql`${t.result} in ('pending','won','lost','excluded')`),
  ],
);
