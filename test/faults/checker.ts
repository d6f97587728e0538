/*
 * An offline checker for a rush run. `RushLog` sends every claim and records what came back
 * (Idempotency-Key, member, process, status, voucher id, time taken); `verifyRush` then reads the
 * database and holds the record against it:
 *   - every 201 names a voucher of that batch held by the member who asked;
 *   - one key, one voucher: repeats of a key that got a 201 name the same voucher, two keys never do;
 *   - every voucher issued has a 201 (the first answer or an idempotent replay of its key);
 *   - the counter equals the ledger (vouchers not given back), the ledger never exceeds the stock,
 *     and nobody holds more than the per-member limit;
 *   - no answer is a 5xx other than 503, and no key is left without a final answer.
 * It knows nothing of how the server claims: it talks HTTP and reads the tables.
 */
import { randomUUID } from 'node:crypto';
import { api, buildPath } from '@gonghui/shared';
import { openPglite, openPostgres } from '@gonghui/server/db/index';
import type { Claimant } from '../flows/processes';

export interface ClaimAnswer {
  key: string;
  phone: string;
  base: string;
  /** 0: no answer (connection refused or reset, or no answer within the timeout). */
  status: number;
  code: string;
  voucherId?: string;
  retryAfter: string | null;
  ms: number;
  /** When the answer (or the failure) came, performance.now(). */
  at: number;
}

/** An answer the client must repeat with the same key: nothing was decided, or we cannot know. */
const unsettled = (a: ClaimAnswer) => a.status === 0 || a.status === 503 || a.status === 429 || a.code === 'IDEMPOTENCY_IN_PROGRESS';

export class RushLog {
  readonly answers: ClaimAnswer[] = [];
  private readonly claimants = new Map<string, Claimant>();

  constructor(
    readonly batchId: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /** One claim over HTTP, recorded whatever happens. */
  async claim(base: string, who: Claimant, key: string = randomUUID()): Promise<ClaimAnswer> {
    this.claimants.set(key, who);
    const start = performance.now();
    const answer: ClaimAnswer = { key, phone: who.phone, base, status: 0, code: '', retryAfter: null, ms: 0, at: 0 };
    try {
      const res = await fetch(base + buildPath(api.claim.path, { id: this.batchId }), {
        method: api.claim.method,
        headers: { authorization: `Bearer ${who.token}`, 'idempotency-key': key },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = (await res.json().catch(() => ({}))) as { voucher?: { id: string }; error?: { code: string } };
      answer.status = res.status;
      answer.code = body.error?.code ?? '';
      answer.voucherId = res.status === 201 ? body.voucher?.id : undefined;
      answer.retryAfter = res.headers.get('retry-after');
    } catch (err) {
      answer.code = (err as Error).name === 'TimeoutError' ? 'TIMEOUT' : 'NO_ANSWER';
    }
    answer.at = performance.now();
    answer.ms = answer.at - start;
    this.answers.push(answer);
    return answer;
  }

  /** Each claimant claims once with a fresh key, `concurrency` at a time, spread over the processes. */
  async drive(bases: string[], claimants: Claimant[], concurrency: number): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < claimants.length; i = next++) await this.claim(bases[i % bases.length]!, claimants[i]!);
      }),
    );
  }

  /** The last answer of each key. */
  lastAnswers(): Map<string, ClaimAnswer> {
    const last = new Map<string, ClaimAnswer>();
    for (const a of this.answers) last.set(a.key, a);
    return last;
  }

  /**
   * What a well-behaved client does after a failure: repeat every key whose last answer decided
   * nothing, with the same Idempotency-Key, until each has a final answer (bounded rounds).
   */
  async settle(bases: string[], rounds = 20): Promise<void> {
    for (let round = 0; round < rounds; round++) {
      const open = [...this.lastAnswers().values()].filter(unsettled);
      if (!open.length) return;
      if (round > 0) await new Promise((r) => setTimeout(r, 250));
      await Promise.all(open.map((a, i) => this.claim(bases[i % bases.length]!, this.claimants.get(a.key)!, a.key)));
    }
  }

  /** Repeats the keys of up to `count` 201s: each must come back 201 with the same voucher. */
  async replaySample(bases: string[], count: number): Promise<{ first: ClaimAnswer; again: ClaimAnswer }[]> {
    const firsts = this.answers.filter((a) => a.status === 201).slice(0, count);
    return Promise.all(firsts.map(async (first, i) => ({ first, again: await this.claim(bases[i % bases.length]!, this.claimants.get(first.key)!, first.key) })));
  }
}

/** Runs one statement and gives its rows; both drivers' `execute` answer `{ rows }`. */
export type Exec = (statement: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** The tables of a run: a PostgreSQL database by URL, or a PGlite folder no process holds any more. */
export async function openLedger(where: { url: string } | { pgliteDir: string }): Promise<{ exec: Exec; close(): Promise<void> }> {
  const database = 'url' in where ? await openPostgres(where.url, 2) : await openPglite(where.pgliteDir);
  return { exec: (statement) => database.db.execute(statement) as never, close: () => database.close() };
}

export interface RushVerdict {
  problems: string[];
  issued: number;
  live: number;
  counter: number;
  stock: number;
}

export async function verifyRush(exec: Exec, log: RushLog): Promise<RushVerdict> {
  if (!/^[0-9a-f-]{36}$/.test(log.batchId)) throw new Error(`not a batch id: ${log.batchId}`);
  const batch = (await exec(`select stock_claimed, stock_total, per_member_limit from voucher_batches where id = '${log.batchId}'`)).rows[0];
  if (!batch) throw new Error(`no batch ${log.batchId}`);
  const vouchers = (
    await exec(
      `select v.id, v.status, u.phone from vouchers v join members m on m.id = v.member_id join users u on u.id = m.user_id where v.batch_id = '${log.batchId}'`,
    )
  ).rows as { id: string; status: string; phone: string }[];
  const byId = new Map(vouchers.map((v) => [v.id, v]));
  const problems: string[] = [];

  const keyOf = new Map<string, string>(); // voucher id → the key whose 201 named it
  const voucherOf = new Map<string, string>(); // key → the voucher its 201s named
  for (const a of log.answers) {
    if (a.status >= 500 && a.status !== 503) problems.push(`${a.status} ${a.code} for key ${a.key}`);
    if (a.status === 503 && !a.retryAfter) problems.push(`503 without Retry-After for key ${a.key}`);
    if (a.status !== 201) continue;
    const v = a.voucherId ? byId.get(a.voucherId) : undefined;
    if (!v) problems.push(`201 for key ${a.key} names voucher ${a.voucherId}, not in the database`);
    else if (v.phone !== a.phone) problems.push(`201 for ${a.phone} names voucher ${v.id} held by ${v.phone}`);
    const earlier = voucherOf.get(a.key);
    if (earlier && earlier !== a.voucherId) problems.push(`key ${a.key} answered 201 with vouchers ${earlier} and ${a.voucherId}`);
    voucherOf.set(a.key, a.voucherId!);
    const other = keyOf.get(a.voucherId!);
    if (other && other !== a.key) problems.push(`voucher ${a.voucherId} confirmed to keys ${other} and ${a.key}`);
    keyOf.set(a.voucherId!, a.key);
  }
  for (const v of vouchers) if (!keyOf.has(v.id)) problems.push(`voucher ${v.id} of ${v.phone} was issued without a 201 or a replay`);
  const open = [...log.lastAnswers().values()].filter(unsettled);
  if (open.length) problems.push(`${open.length} keys never got a final answer (last: ${open.map((a) => a.status || a.code).join(', ')})`);

  const live = vouchers.filter((v) => v.status !== 'returned');
  const counter = Number(batch.stock_claimed);
  const stock = Number(batch.stock_total);
  if (counter !== live.length) problems.push(`counter ${counter} but ${live.length} vouchers held`);
  if (live.length > stock) problems.push(`${live.length} vouchers held from a stock of ${stock}`);
  const held = new Map<string, number>();
  for (const v of live) held.set(v.phone, (held.get(v.phone) ?? 0) + 1);
  for (const [phone, n] of held) if (n > Number(batch.per_member_limit)) problems.push(`${phone} holds ${n}, above the limit of ${batch.per_member_limit}`);
  return { problems, issued: vouchers.length, live: live.length, counter, stock };
}
