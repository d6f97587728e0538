/**
 * How long a client waits before sending a request again that the server answered "busy"
 * (429 / 503 with Retry-After) or not at all. Exponential backoff with full jitter, never sooner
 * than the server asked: phones told "busy" at the same instant must not all come back together.
 */
export const BACKOFF = {
  baseMs: 500,
  capMs: 8000,
  /** After this long in the line the client stops and says so. */
  giveUpMs: 60_000,
};

/** Answers worth waiting for: the server shed the load, or the answer was lost (same Idempotency-Key, so no double claim). */
export const isBusy = (status: number): boolean => status === 429 || status === 503 || status === 0;

/** The wait before attempt `attempt + 1` (attempt counts from 0), with `random` in [0, 1). */
export function backoffDelayMs(attempt: number, retryAfterSeconds: number | undefined, random: () => number = Math.random): number {
  const floor = Math.max(0, (retryAfterSeconds ?? 0) * 1000);
  const spread = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(floor + random() * spread);
}

/** A Retry-After header in seconds (the HTTP-date form is not used by this server); undefined when absent or odd. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,4}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
