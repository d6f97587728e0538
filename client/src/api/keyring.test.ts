import { describe, expect, it } from 'vitest';
import { KeyRing, serverAnswered } from './keyring';

const apiError = (status: number) => Object.assign(new Error('x'), { name: 'ApiError', status, code: status ? 'CONFLICT' : 'NETWORK_ERROR' });

describe('Idempotency-Keys held until the server answers', () => {
  const ring = () => {
    let n = 0;
    return new KeyRing(() => `k${++n}`);
  };

  it('sends the same key again after a lost answer, and a new one after an answer', () => {
    const r = ring();
    const first = r.take('adopt|w1');
    r.settle('adopt|w1', apiError(0));
    expect(r.take('adopt|w1')).toBe(first);
    r.settle('adopt|w1');
    const next = r.take('adopt|w1');
    expect(next).not.toBe(first);
    r.settle('adopt|w1', apiError(409));
    expect(r.take('adopt|w1')).not.toBe(next);
  });

  it('keeps slots apart: another action or another payload is another request', () => {
    const r = ring();
    const a = r.take('adopt|w1');
    r.settle('adopt|w1', apiError(0));
    expect(r.take('adopt|w2')).not.toBe(a);
    expect(r.take('deliver|w1')).not.toBe(a);
    expect(r.take('adopt|w1')).toBe(a);
  });

  it('counts only a success or a server error as an answer', () => {
    expect(serverAnswered()).toBe(true);
    expect(serverAnswered(apiError(422))).toBe(true);
    expect(serverAnswered(apiError(0))).toBe(false);
    expect(serverAnswered(new TypeError('boom'))).toBe(false);
  });
});
