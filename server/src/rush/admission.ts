/**
 * At most `limit` claims at the database at once, a bounded line behind them, and an immediate
 * "busy" past that: a request is answered in milliseconds instead of timing out in a queue.
 */
export class Admission {
  private active = 0;
  private line: (() => void)[] = [];

  constructor(
    readonly limit: number,
    private readonly lineLength: number,
    private readonly maxWaitMs: number,
  ) {}

  /** A release function, or null when the server is past capacity (answer 503 with Retry-After). */
  async enter(): Promise<(() => void) | null> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    if (this.line.length >= this.lineLength) return null;
    return new Promise((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        this.active++;
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        const at = this.line.indexOf(turn);
        if (at >= 0) this.line.splice(at, 1);
        resolve(null);
      }, this.maxWaitMs);
      this.line.push(turn);
    });
  }

  get inFlight(): number {
    return this.active;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      this.line.shift()?.();
    };
  }
}

/** Token buckets per key (a member, an address): `rate` a second, bursts of `burst`. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** 0 when allowed; otherwise the seconds to wait (for Retry-After). */
  take(key: string): number {
    if (this.rate <= 0) return 0;
    const now = this.monotonic();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    if (this.buckets.size > 200_000) this.sweep(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.max(1, Math.ceil((1 - b.tokens) / this.rate));
  }

  /** Full buckets carry no information: forget them. */
  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(k);
  }
}
