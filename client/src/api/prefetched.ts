/** The answers static/prefetch.js asked for before the app ran (H5 only), by URL, in the shape `call` reads. */
interface Prefetch {
  token: string | null;
  sentAt: number;
  answers: Record<string, Promise<{ status: number; text: string; date: string | null; retryAfter: string | null }> | undefined>;
}

export interface PrefetchedAnswer {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
  sentAt: number;
}

/** An answer older than this is not used: the page asks again. */
const FRESH_MS = 10_000;
/** After its first use, an answer serves other callers this long (the app and the first page both ask for /api/me at start-up). */
const SHARED_MS = 2000;
const firstTaken = new Map<string, number>();

const holder = globalThis as { __ghPrefetch?: Prefetch };

/** Anything the app changes makes the prefetched answers stale: call() drops them before a write. */
export function dropPrefetched(): void {
  holder.__ghPrefetch = undefined;
}

/** The prefetched answer for `url` asked with `token`; null when there is none, it is stale, or it failed (the caller asks itself). */
export async function takePrefetched(url: string, token: string | null): Promise<PrefetchedAnswer | null> {
  const p = holder.__ghPrefetch;
  const answer = p?.answers[url];
  if (!p || !answer || p.token !== token || Date.now() - p.sentAt > FRESH_MS) return null;
  const taken = firstTaken.get(url);
  if (taken === undefined) firstTaken.set(url, Date.now());
  else if (Date.now() - taken > SHARED_MS) {
    p.answers[url] = undefined;
    return null;
  }
  try {
    const a = await answer;
    const header: Record<string, string> = {};
    if (a.date) header.date = a.date;
    if (a.retryAfter) header['retry-after'] = a.retryAfter;
    let data: unknown = null;
    try {
      data = JSON.parse(a.text);
    } catch {
      data = null;
    }
    return { statusCode: a.status, data, header, sentAt: p.sentAt };
  } catch {
    return null;
  }
}
