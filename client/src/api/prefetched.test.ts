import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropPrefetched, takePrefetched } from './prefetched';

const holder = globalThis as { __ghPrefetch?: unknown };
const answer = (text: string) => Promise.resolve({ status: 200, text, date: null, retryAfter: null });

describe('answers static/prefetch.js asked for before the app ran', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-20T02:00:00Z'));
    holder.__ghPrefetch = { token: 't1', sentAt: Date.now(), answers: { '/api/me': answer('{"user":1}'), '/api/voucher-batches': answer('{"data":[]}') } };
  });
  afterEach(() => {
    vi.useRealTimers();
    dropPrefetched();
  });

  it('serves the app and the first page the same start-up answer, then lets them ask for themselves', async () => {
    expect((await takePrefetched('/api/me', 't1'))?.data).toEqual({ user: 1 });
    vi.advanceTimersByTime(1500);
    expect((await takePrefetched('/api/me', 't1'))?.data).toEqual({ user: 1 });
    vi.advanceTimersByTime(1000);
    expect(await takePrefetched('/api/me', 't1')).toBeNull();
  });

  it('never answers another URL, another token, or after a write', async () => {
    expect(await takePrefetched('/api/me?x=1', 't1')).toBeNull();
    expect(await takePrefetched('/api/me', 'someone-else')).toBeNull();
    dropPrefetched();
    expect(await takePrefetched('/api/voucher-batches', 't1')).toBeNull();
  });

  it('is stale ten seconds after it was asked for', async () => {
    vi.advanceTimersByTime(10_001);
    expect(await takePrefetched('/api/voucher-batches', 't1')).toBeNull();
  });
});
