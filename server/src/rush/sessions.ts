import type { Auth } from '../scope/auth';

interface Cached {
  auth: Auth;
  /** Monotonic deadline of this entry (performance.now()). */
  until: number;
}

/**
 * Sessions of the claim path kept in memory for `ttlMs`, so a member's repeated claims cost no
 * session lookup. Correct across processes because every revocation is announced (NOTIFY) and
 * each process drops the session at once; while this process cannot hear announcements (the
 * LISTEN connection is down) nothing is served from here. A lookup that raced a revocation is
 * not stored (the epoch moved).
 */
export class SessionCache {
  private byToken = new Map<string, Cached>();
  private bySession = new Map<string, string>();
  private byUser = new Map<string, Set<string>>();
  private live = false;
  private epoch = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 400_000,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** Whether revocations are heard: set by the LISTEN connection's state. */
  setLive(live: boolean): void {
    this.live = live && this.ttlMs > 0;
    if (!this.live) this.clear();
  }

  /** The epoch before a database lookup; `put` stores only if no revocation came in between. */
  mark(): number {
    return this.epoch;
  }

  get(tokenHash: string, now: Date): Auth | undefined {
    if (!this.live) return undefined;
    const hit = this.byToken.get(tokenHash);
    if (!hit) return undefined;
    if (hit.until <= this.monotonic() || hit.auth.expiresAt.getTime() <= now.getTime()) {
      this.drop(tokenHash);
      return undefined;
    }
    return hit.auth;
  }

  put(tokenHash: string, auth: Auth, epoch: number): void {
    if (!this.live || epoch !== this.epoch) return;
    if (this.byToken.size >= this.maxEntries) this.drop(this.byToken.keys().next().value!);
    this.byToken.set(tokenHash, { auth, until: this.monotonic() + this.ttlMs });
    this.bySession.set(auth.sessionId, tokenHash);
    let tokens = this.byUser.get(auth.userId);
    if (!tokens) this.byUser.set(auth.userId, (tokens = new Set()));
    tokens.add(tokenHash);
  }

  revokeSession(sessionId: string): void {
    this.epoch++;
    const token = this.bySession.get(sessionId);
    if (token) this.drop(token);
  }

  revokeUser(userId: string): void {
    this.epoch++;
    for (const token of this.byUser.get(userId) ?? []) this.drop(token);
  }

  get size(): number {
    return this.byToken.size;
  }

  private drop(tokenHash: string): void {
    const hit = this.byToken.get(tokenHash);
    this.byToken.delete(tokenHash);
    if (!hit) return;
    this.bySession.delete(hit.auth.sessionId);
    const tokens = this.byUser.get(hit.auth.userId);
    tokens?.delete(tokenHash);
    if (tokens?.size === 0) this.byUser.delete(hit.auth.userId);
  }

  private clear(): void {
    this.epoch++;
    this.byToken.clear();
    this.bySession.clear();
    this.byUser.clear();
  }
}
