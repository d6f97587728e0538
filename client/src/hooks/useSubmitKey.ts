import { useCallback, useRef } from 'react';
import { isApiError, newIdempotencyKey } from '../api';

/**
 * An Idempotency-Key for one thing a person sends (a message, a request, a reply): the same key
 * while they retry after a lost answer, so the server keeps it once; a new one after the server
 * answered (taken or refused), so the next thing they send is new.
 */
export function useSubmitKey() {
  const key = useRef(newIdempotencyKey());
  const settle = useCallback((error?: unknown) => {
    if (error === undefined || (isApiError(error) && error.status !== 0)) key.current = newIdempotencyKey();
  }, []);
  return { key: () => key.current, settle };
}
