/**
 * Idempotency-Keys held per slot (an action, and what it is sent with) until the server answers:
 * sending again after a lost answer repeats the same request, so the server replays its first
 * answer instead of making a second change; once it has answered (done or refused), the next
 * send in that slot is a new request.
 */
export class KeyRing {
  private readonly keys = new Map<string, string>();

  constructor(private readonly make: () => string) {}

  take(slot = ''): string {
    let key = this.keys.get(slot);
    if (!key) {
      key = this.make();
      this.keys.set(slot, key);
    }
    return key;
  }

  /** After a send: `error` undefined for a success. */
  settle(slot = '', error?: unknown): void {
    if (serverAnswered(error)) this.keys.delete(slot);
  }
}

/** A success, or an error answer from the server (ApiError with an HTTP status); not a lost answer (status 0) nor a local failure. */
export function serverAnswered(error?: unknown): boolean {
  if (error === undefined) return true;
  const status = typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ApiError' ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status !== 0;
}
