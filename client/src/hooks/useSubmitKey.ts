import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from '../api';
import { KeyRing } from '../api/keyring';

/**
 * An Idempotency-Key for one thing a person sends (a message, a request, a reply): the same key
 * while they retry after a lost answer, so the server keeps it once; a new one after the server
 * answered (taken or refused), so the next thing they send is new.
 */
export function useSubmitKey() {
  const ring = useRef(new KeyRing(newIdempotencyKey));
  const settle = useCallback((error?: unknown) => ring.current.settle('', error), []);
  return { key: () => ring.current.take(), settle };
}
