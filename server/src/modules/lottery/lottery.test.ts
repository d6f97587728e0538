import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, drawLottery, lotteryRecipe, maskName, sha256Hex, type VoucherBatchAdminView } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { claim, NANXUN } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';
import { AFTER_DRAW, DURING_REGISTRATION, issued, lotteryBatch, membersWhere, register, type TestMember } from '../../testing/lottery';

describe.each(storageKinds)('the voucher lottery on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z', config: { sessionTtlMs: 90 * 24 * 3600_000 } });
  let city: string;
  let members: TestMember[];
  let batch: VoucherBatchAdminView;
  beforeAll(async () => {
    city = await app().login('13900000001');
    members = await membersWhere(app(), 8);
    batch = await lotteryBatch(app(), city, { stockTotal: 3 });
  }, 120_000);

  it('publishes the SHA-256 of a seed it keeps to itself', async () => {
    expect(batch.mode).toBe('lottery');
    expect(batch.seedHash).toMatch(/^[0-9a-f]{64}$/);
    const r = await app().call(api.lotteryResult, { params: { id: batch.id } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ seedHash: batch.seedHash, seed: null, drawnAt: null, status: 'scheduled', tickets: [], entries: [] });
  });

  it('answers 409 LOTTERY_NOT_REGISTERING before the window opens', async () => {
    const r = await register(app(), members[0]!.token, batch.id);
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('LOTTERY_NOT_REGISTERING');
  });

  it('counts a member who registers twice (another key) once, and replays the same key', async () => {
    app().clock.set(DURING_REGISTRATION);
    const key = randomUUID();
    const first = await register(app(), members[0]!.token, batch.id, key);
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatch(/^\d{8}$/);
    const again = await register(app(), members[0]!.token, batch.id);
    const replay = await register(app(), members[0]!.token, batch.id, key);
    expect(again.body).toEqual(first.body);
    expect(replay.text).toBe(first.text);
    // and racing with itself from two phones
    const raced = await Promise.all([register(app(), members[1]!.token, batch.id), register(app(), members[1]!.token, batch.id)]);
    expect(raced.map((r) => r.status)).toEqual([201, 201]);
    expect(raced[0]!.body.ticket).toBe(raced[1]!.body.ticket);
    const mine = await app().call(api.myLottery, { params: { id: batch.id }, token: members[0]!.token });
    expect(mine.body).toMatchObject({ status: 'registering', registrations: 2, eligible: true, entry: { ticket: first.body.ticket, result: 'pending' } });
  });

  it('refuses a member outside the audience (403 VOUCHER_NOT_ELIGIBLE) and one not yet active (403 MEMBER_NOT_ACTIVE)', async () => {
    const nanxunOnly = await lotteryBatch(app(), city, { unionName: NANXUN, title: '南浔区 摇号券' });
    app().clock.set(DURING_REGISTRATION);
    const outsider = await register(app(), members[0]!.token, nanxunOnly.id);
    expect(outsider.status).toBe(403);
    expect(outsider.error?.code).toBe('VOUCHER_NOT_ELIGIBLE');
    const [pending] = await membersWhere(app(), 1, sql`m.status = 'pending'`);
    const notActive = await register(app(), pending!.token, batch.id);
    expect(notActive.status).toBe(403);
    expect(notActive.error?.code).toBe('MEMBER_NOT_ACTIVE');
    const counts = await app().call(api.myLottery, { params: { id: nanxunOnly.id }, token: members[0]!.token });
    expect(counts.body).toMatchObject({ eligible: false, registrations: 0, entry: null });
  });

  it('never lets a lottery batch be claimed first-come (409 VOUCHER_NOT_OPEN, status registering)', async () => {
    const r = await claim(app(), members[2]!.token, batch.id);
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('VOUCHER_NOT_OPEN');
    expect(r.error?.details).toMatchObject({ status: 'registering' });
    expect(await issued(app(), batch.id)).toEqual({ vouchers: 0, counter: 0, won: 0 });
  });

  it('refuses registering for a first-come batch (409 VOUCHER_BATCH_NOT_LOTTERY)', async () => {
    app().clock.set('2026-12-01T02:00:00Z');
    const firstCome = await app().call(api.listOpenBatches, { token: members[0]!.token });
    const open = firstCome.body.data.find((b) => b.mode === 'firstCome')!;
    const r = await register(app(), members[0]!.token, open.id);
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('VOUCHER_BATCH_NOT_LOTTERY');
  });

  it('draws on the first read after the draw time, reveals a seed that matches its hash and reproduces the winners', async () => {
    app().clock.set(DURING_REGISTRATION);
    for (const m of members.slice(2)) expect((await register(app(), m.token, batch.id)).status).toBe(201);
    app().clock.set(AFTER_DRAW);
    const late = await register(app(), members[0]!.token, batch.id);
    expect(late.error?.code).toBe('LOTTERY_NOT_REGISTERING');

    const r = await app().call(api.lotteryResult, { params: { id: batch.id } });
    expect(r.body.status).toBe('drawn');
    expect(r.body.drawnAt).toBe(AFTER_DRAW.replace('Z', '.000Z'));
    const seed = r.body.seed!;
    expect(sha256Hex(seed)).toBe(batch.seedHash);
    expect(r.body.tickets).toHaveLength(8);
    const winners = r.body.entries.filter((e) => e.won).map((e) => e.ticket);
    expect(winners).toHaveLength(3);
    expect(drawLottery(seed, r.body.tickets, r.body.prizes).sort()).toEqual(winners.sort());
    // the one-line recipe of the result page, run as a person would run it (the server answers in this process: never block it)
    const { stdout: out } = await promisify(execFile)('sh', ['-c', lotteryRecipe(`${app().baseUrl}/api/public/lotteries/${batch.id}`)], { encoding: 'utf8' });
    expect(out.trim().split(' ')).toEqual(winners.sort());
    expect(await issued(app(), batch.id)).toEqual({ vouchers: 3, counter: 3, won: 3 });
  });

  it('tells each member 中签 or 未中签, and puts the winners’ vouchers in 我的券', async () => {
    let won = 0;
    for (const m of members) {
      const mine = await app().call(api.myLottery, { params: { id: batch.id }, token: m.token });
      const held = await app().call(api.myVouchers, { query: { limit: 50 }, token: m.token });
      const fromLottery = held.body.data.filter((v) => v.batchId === batch.id);
      if (mine.body.entry!.result === 'won') {
        won++;
        expect(fromLottery.map((v) => v.id)).toEqual([mine.body.entry!.voucherId]);
        expect(fromLottery[0]).toMatchObject({ status: 'unused', returnable: false });
      } else {
        expect(mine.body.entry!.result).toBe('lost');
        expect(fromLottery).toEqual([]);
      }
      const entries = await app().call(api.myLotteryEntries, { token: m.token });
      expect(entries.body.data.find((e) => e.batchId === batch.id)?.result).toBe(mine.body.entry!.result);
    }
    expect(won).toBe(3);
    const after = await claim(app(), members[0]!.token, batch.id);
    expect(after.error?.code).toBe('VOUCHER_NOT_OPEN');
    const stats = await app().call(api.batchStats, { params: { id: batch.id }, token: city });
    expect(stats.body.lottery).toMatchObject({ registrations: 8, drawn: 8, winners: 3 });
    expect(stats.body.claimed).toBe(3);
  });

  it('shows only masked names in the public result: no member id, phone or full name', async () => {
    const r = await app().call(api.lotteryResult, { params: { id: batch.id } });
    for (const m of members) {
      expect(r.text).not.toContain(m.id);
      expect(r.text).not.toContain(m.phone);
      expect(r.text).not.toContain(m.name);
    }
    for (const e of r.body.entries) expect(Object.keys(e).sort()).toEqual(['nameMasked', 'ticket', 'won']);
    expect(r.body.entries.map((e) => e.nameMasked).sort()).toEqual(members.map((m) => maskName(m.name)).sort());
  });
});
