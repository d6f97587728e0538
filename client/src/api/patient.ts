import type { Route } from '@gonghui/shared';
import { backoffDelayMs, BACKOFF, isBusy } from './backoff';
import { call, isApiError, type CallOptions } from './request';

/** Lost answers (no network) are sent again only this often: an offline phone should hear so, not wait a minute. */
const MAX_LOST = 2;

/**
 * `call` for the Benefit Day rush: a "busy" answer (429 / 503 with Retry-After) is not an error
 * to show but a line to wait in. The same request (same Idempotency-Key) is sent again after a
 * backoff with jitter; `onWaiting(true)` lets the page show 排队中 meanwhile. Any other answer,
 * or a minute in the line, ends it as `call` would.
 */
export async function callPatiently<E extends Route<any>>(endpoint: E, options: CallOptions<E>, onWaiting: (waiting: boolean) => void): Promise<Awaited<ReturnType<typeof call<E>>>> {
  const started = Date.now();
  let lost = 0;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (call as (e: E, o: CallOptions<E>) => ReturnType<typeof call<E>>)(endpoint, { ...options, toast: false });
      } catch (error) {
        if (!isApiError(error) || !isBusy(error.status)) throw error;
        if (error.status === 0 && ++lost > MAX_LOST) throw error;
        const wait = backoffDelayMs(attempt, error.retryAfterSeconds);
        if (Date.now() - started + wait > BACKOFF.giveUpMs) throw error;
        onWaiting(true);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  } finally {
    onWaiting(false);
  }
}
