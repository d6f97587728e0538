import { sql } from 'drizzle-orm';
import { AppError, audienceIncludes, effectiveBatchStatus } from '@gonghui/shared';
import { queryRows, type Db } from '../db/index';
import type { Auth } from '../scope/auth';

interface BatchFacts {
  status: 'draft' | 'published' | 'closed';
  unionPath: string;
  audienceTags: string[];
  perMemberLimit: number;
  startsAt: Date;
  endsAt: Date;
  stockTotal: number;
  stockClaimed: number;
  /** A lottery batch's timing (null first-come): such a batch is never open to claims. */
  lottery: { drawAt: Date; drawnAt: Date | null } | null;
}

interface Entry {
  /** null: no such batch, or a draft; the database answers those. */
  batch: BatchFacts | null;
  /** Members holding a live voucher of the batch, loaded when it was sold out. */
  holders: Set<string> | null;
  /** Monotonic time the facts were read (when the read began). */
  readAt: number;
}

/** Claims this process itself answered 201 (member → count and keys), so a member at the limit is refused here. */
interface Claimed {
  count: number;
  keys: Set<string>;
  readAt: number;
}

interface BatchRowRaw {
  status: BatchFacts['status'];
  union_path: string;
  audience_tags: string[] | string;
  per_member_limit: number;
  starts_at: string | Date;
  ends_at: string | Date;
  stock_total: number;
  stock_claimed: number;
  draw_at: string | Date | null;
  drawn_at: string | Date | null;
  holders: string[] | string | null;
}

const tags = (v: string[] | string): string[] => (Array.isArray(v) ? v : v === '{}' ? [] : v.replace(/^\{|\}$/g, '').split(','));

/**
 * Answers "no" to a claim from memory: not eligible, not open, sold out, limit reached, in the
 * same order and with the same answers as `decideClaims`. Anything else (a yes, a batch it
 * does not know, a member who may be replaying a 201 under the same Idempotency-Key) goes to the
 * database, which stays the only judge of a yes.
 *
 * What it knows is never older than `staleMs` (1 s by default): the facts are re-read in the
 * background once half of that has passed, and a fact older than `staleMs` is not used. A voucher
 * given back or a batch changed on any process is announced (NOTIFY) and forgotten at once.
 */
export class ClaimGate {
  private entries = new Map<string, Entry>();
  private claimed = new Map<string, Claimed>();
  /** Moves on every `forget`: a read that started before it is not stored. */
  private generation = 0;
  private reading = new Set<string>();
  /** Whether announcements are heard: then a 201 this process gave is remembered `rememberMs`, otherwise `staleMs`. */
  private hearing = false;

  constructor(
    private readonly db: Db,
    readonly staleMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
    /** How long a member's 201s are remembered while returns are heard (a return is announced and forgets them). */
    private readonly rememberMs = staleMs,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  setHearing(hearing: boolean): void {
    this.hearing = hearing;
    if (!hearing) this.claimed.clear();
  }

  /** Whether revocations are heard: refusals from a shared store (Redis) are trusted only then. */
  get hears(): boolean {
    return this.hearing;
  }

  /**
   * Whether the database's counter had stock at the last read, however old (undefined: never read,
   * or forgotten since). For doubting Redis only: each check re-reads stale facts in the background,
   * so between claims seconds apart this is the counter as of the previous claim.
   */
  lastStockLeft(batchId: string): boolean | undefined {
    const b = this.entries.get(batchId)?.batch;
    return b ? b.stockClaimed < b.stockTotal : undefined;
  }

  private get claimedMs(): number {
    return this.hearing ? Math.max(this.rememberMs, this.staleMs) : this.staleMs;
  }

  /** Throws the refusal the database would give, when memory is sure of it; returns when the database must answer. */
  check(batchId: string, auth: Auth, key: string, now: Date): void {
    const entry = this.fresh(batchId);
    const b = entry?.batch;
    if (!entry || !b || !auth.memberId || !auth.memberActive || auth.memberUnionPath === null) return;
    if (!audienceIncludes(b.unionPath, b.audienceTags, auth.memberUnionPath, auth.memberTags)) throw new AppError('VOUCHER_NOT_ELIGIBLE');
    const status = effectiveBatchStatus(b.status, b.startsAt, b.endsAt, now, b.lottery);
    if (status !== 'open') throw new AppError('VOUCHER_NOT_OPEN', { opensAt: b.startsAt.toISOString(), status });
    if (b.stockClaimed >= b.stockTotal && entry.holders) {
      // A holder may be repeating the request that got a 201: the database replays that answer.
      if (entry.holders.has(auth.memberId)) return;
      throw new AppError('VOUCHER_SOLD_OUT');
    }
    const mine = this.claimed.get(`${batchId}:${auth.memberId}`);
    if (mine && this.monotonic() - mine.readAt < this.claimedMs && mine.count >= b.perMemberLimit && !mine.keys.has(key)) {
      throw new AppError('VOUCHER_LIMIT_REACHED');
    }
  }

  /** What the database answered: a 201 counts toward the member's limit; a sold out (or a last voucher) re-reads the batch now. */
  learn(batchId: string, auth: Auth, key: string, status: number, code: string | undefined): void {
    if (status === 201 && auth.memberId) {
      const k = `${batchId}:${auth.memberId}`;
      const mine = this.claimed.get(k);
      const stale = !mine || this.monotonic() - mine.readAt >= this.claimedMs;
      const next = stale ? { count: 0, keys: new Set<string>(), readAt: this.monotonic() } : mine;
      if (!next.keys.has(key)) {
        next.keys.add(key);
        next.count++;
      }
      this.claimed.set(k, next);
      if (this.claimed.size > 200_000) this.claimed.clear();
    }
    if (code === 'VOUCHER_SOLD_OUT' || code === 'VOUCHER_NOT_OPEN' || !this.entries.has(batchId)) this.refresh(batchId);
  }

  /** A voucher given back, a batch closed or edited (on any process): forget what was known. */
  forget(batchId: string): void {
    this.generation++;
    this.entries.delete(batchId);
    for (const k of this.claimed.keys()) if (k.startsWith(batchId)) this.claimed.delete(k);
  }

  /** Facts not older than `staleMs`, re-read in the background past half of it. */
  private fresh(batchId: string): Entry | undefined {
    const entry = this.entries.get(batchId);
    const age = entry ? this.monotonic() - entry.readAt : Infinity;
    if (age >= this.staleMs / 2) this.refresh(batchId);
    return age < this.staleMs ? entry : undefined;
  }

  private refresh(batchId: string): void {
    if (this.reading.has(batchId)) return;
    if (!this.entries.has(batchId) && this.entries.size >= 10_000) this.entries.clear();
    this.reading.add(batchId);
    const startedAt = this.monotonic();
    const generation = this.generation;
    this.read(batchId)
      .then((next) => {
        // A NOTIFY that arrived while reading wins: the read may predate the change it announced.
        if (generation === this.generation) this.entries.set(batchId, { ...next, readAt: startedAt });
      })
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.reading.delete(batchId));
  }

  private async read(batchId: string): Promise<Omit<Entry, 'readAt'>> {
    // One statement, one snapshot: the counter and, once it reads sold out, who holds the vouchers.
    const [r] = await queryRows<BatchRowRaw>(
      this.db,
      sql`select b.status, b.union_path, b.audience_tags, b.per_member_limit, b.starts_at, b.ends_at, b.stock_total, b.stock_claimed, b.draw_at, b.drawn_at,
                 case when b.stock_claimed >= b.stock_total then
                   (select coalesce(json_agg(distinct v.member_id), '[]'::json) from vouchers v where v.batch_id = b.id and v.status <> 'returned')
                 end as holders
            from voucher_batches b where b.id = ${batchId}`,
    );
    if (!r || r.status === 'draft') return { batch: null, holders: null };
    const batch: BatchFacts = {
      status: r.status,
      unionPath: r.union_path,
      audienceTags: tags(r.audience_tags),
      perMemberLimit: Number(r.per_member_limit),
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      stockTotal: Number(r.stock_total),
      stockClaimed: Number(r.stock_claimed),
      lottery: r.draw_at === null ? null : { drawAt: new Date(r.draw_at), drawnAt: r.drawn_at === null ? null : new Date(r.drawn_at) },
    };
    if (r.holders === null) return { batch, holders: null };
    return { batch, holders: new Set(typeof r.holders === 'string' ? (JSON.parse(r.holders) as string[]) : r.holders) };
  }
}
