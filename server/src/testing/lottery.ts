/* Factories for the lottery tests: a published lottery batch and members who can register. */
import { sql } from 'drizzle-orm';
import { api, type VoucherBatchAdminView } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { publishedBatch, type BatchOverrides } from './factories';
import type { TestApp } from './harness';

/** Registration 00:00–10:00 on 20 December (Shanghai), the draw at 10:00, results shown until the day ends. */
export const REGISTRATION_OPENS = '2026-12-19T16:00:00Z';
export const DURING_REGISTRATION = '2026-12-20T01:00:00Z';
export const DRAW_AT = '2026-12-20T02:00:00Z';
export const AFTER_DRAW = '2026-12-20T02:00:30Z';
export const SET_UP = '2026-12-01T02:00:00Z';

export function lotteryBatch(app: TestApp, staffToken: string, overrides: BatchOverrides = {}): Promise<VoucherBatchAdminView> {
  app.clock.set(SET_UP);
  return publishedBatch(app, staffToken, {
    title: '超市购物 摇号券',
    perMemberLimit: 1,
    stackable: false,
    schedule: { type: 'window', startsAt: REGISTRATION_OPENS, endsAt: '2026-12-20T15:59:59Z' },
    mode: 'lottery',
    drawAt: DRAW_AT,
    ...overrides,
  });
}

export interface TestMember {
  id: string;
  phone: string;
  name: string;
  token: string;
}

/** `count` members of the given standing (ordered by phone), signed in. */
export async function membersWhere(app: TestApp, count: number, where = sql`m.status = 'active'`): Promise<TestMember[]> {
  const rows = await queryRows<{ id: string; phone: string; name: string }>(
    app.deps.db,
    sql`select m.id, u.phone, m.name from members m join users u on u.id = m.user_id join unions un on un.id = m.union_id where ${where} order by u.phone limit ${count}`,
  );
  const out: TestMember[] = [];
  for (const r of rows) out.push({ ...r, token: await app.login(r.phone) });
  return out;
}

export function register(app: TestApp, token: string, batchId: string, key?: string) {
  return app.call(api.registerForLottery, { params: { id: batchId }, token, idempotencyKey: key });
}

/** Vouchers issued for a batch against its counter. */
export async function issued(app: TestApp, batchId: string): Promise<{ vouchers: number; counter: number; won: number }> {
  const [r] = await queryRows<{ vouchers: number; counter: number; won: number }>(
    app.deps.db,
    sql`select (select count(*)::int from vouchers where batch_id = ${batchId}) as vouchers,
               (select stock_claimed from voucher_batches where id = ${batchId}) as counter,
               (select count(*)::int from lottery_entries where batch_id = ${batchId} and result = 'won') as won`,
  );
  return { vouchers: Number(r!.vouchers), counter: Number(r!.counter), won: Number(r!.won) };
}
