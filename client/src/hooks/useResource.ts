import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';

export type ResourceState<T> =
  | { status: 'idle'; data?: undefined; error?: undefined }
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

export interface ResourceOptions {
  /** false: do not load (yet), e.g. until signed in; the state is `idle`. Default true. */
  enabled?: boolean;
  /** Reload quietly each time the page is shown again (back from another page, app to the front). */
  refreshOnShow?: boolean;
  /**
   * A failed quiet reload keeps the data shown (and sets `refreshError`). false: it shows the
   * error instead, for data that must not outlive its validity (a rotating code). Default true.
   */
  keepOnError?: boolean;
}

export type Resource<T> = ResourceState<T> & {
  /** The last quiet reload failed while older data stays on screen; null after a success. */
  refreshError: unknown;
  /** Date.now() when the last load settled (success or failure): for "refresh again in N s". */
  settledAt: number | null;
  /** Loads again; `true` is quiet: the data shown stays until the answer replaces it. */
  reload: (quiet?: boolean) => Promise<void>;
  /** Changes the data in place (a row staff just updated); ignored unless ready. */
  setData: (update: (data: T) => T) => void;
};

/**
 * One resource a page shows: loads when `deps` change (showing `loading`), reloads quietly when
 * asked or when the page is shown again (`refreshOnShow`), and drops answers to any load but the
 * newest (a changed filter, a newer reload, an unmounted page). `load` may close over anything in
 * `deps`; the latest `load` is always the one called.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[], options: ResourceOptions = {}): Resource<T> {
  const { enabled = true, refreshOnShow = false, keepOnError = true } = options;
  const [state, setState] = useState<ResourceState<T>>(enabled ? { status: 'loading' } : { status: 'idle' });
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const [settledAt, setSettledAt] = useState<number | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keepRef = useRef(keepOnError);
  keepRef.current = keepOnError;
  /** The newest load started; an answer to any other is stale. 0: nothing started yet. */
  const generation = useRef(0);
  const inFlight = useRef(false);

  const run = useCallback(async (quiet: boolean) => {
    const gen = ++generation.current;
    inFlight.current = true;
    if (!quiet) setState({ status: 'loading' });
    try {
      const data = await loadRef.current();
      if (gen !== generation.current) return;
      setState({ status: 'ready', data });
      setRefreshError(null);
    } catch (error) {
      if (gen !== generation.current) return;
      setState((s) => {
        if (quiet && keepRef.current && s.status === 'ready') return s;
        return { status: 'error', error };
      });
      setRefreshError(quiet ? error : null);
    } finally {
      if (gen === generation.current) {
        inFlight.current = false;
        setSettledAt(Date.now());
      }
    }
  }, []);

  useEffect(() => {
    if (!enabled) {
      generation.current++;
      inFlight.current = false;
      setState({ status: 'idle' });
      return undefined;
    }
    void run(false);
    return () => {
      // Unmounted or deps changed: whatever is still on its way belongs to the old inputs.
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the live counter, on purpose
      generation.current++;
      inFlight.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, run, ...deps]);

  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const refreshRef = useRef(refreshOnShow);
  refreshRef.current = refreshOnShow;
  useDidShow(() => {
    // The first show is the mount's own load (started already or about to be): no second request.
    if (!refreshRef.current || !enabledRef.current || generation.current === 0 || inFlight.current) return;
    void run(true);
  });

  const reload = useCallback(
    (quiet?: boolean) => {
      if (!enabledRef.current) return Promise.resolve();
      // Called as an event handler (onClick={reload}) the argument is the event: a loud reload.
      return run(quiet === true);
    },
    [run],
  );

  const setData = useCallback((update: (data: T) => T) => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', data: update(s.data) } : s));
  }, []);

  return { ...state, refreshError, settledAt, reload, setData };
}
