/** The answer static/prefetch.js asked for before the app ran (H5 only), in the shape `call` reads. */
interface Prefetch {
  url: string;
  token: string | null;
  sentAt: number;
  answer: Promise<{ status: number; text: string; date: string | null; retryAfter: string | null }>;
}

export interface PrefetchedAnswer {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
  sentAt: number;
}

/** An answer older than this is not used: the page asks again. */
const FRESH_MS = 10_000;

/** Takes the prefetched answer for `url` asked with `token`, once; null when there is none (or it failed: the caller asks itself). */
export async function takePrefetched(url: string, token: string | null): Promise<PrefetchedAnswer | null> {
  const holder = globalThis as { __ghPrefetch?: Prefetch };
  const p = holder.__ghPrefetch;
  if (!p || p.url !== url || p.token !== token || Date.now() - p.sentAt > FRESH_MS) return null;
  holder.__ghPrefetch = undefined;
  try {
    const a = await p.answer;
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
