import { useCallback, useRef, useState } from 'react';

export interface PagedList<T> {
  status: 'loading' | 'ready' | 'error';
  items: T[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
  /** An error while loading more keeps the rows already shown. */
  moreError: unknown;
}

type Page<T> = { data: T[]; pagination: { nextCursor: string | null } };

const initial: PagedList<never> = { status: 'loading', items: [], nextCursor: null, error: null, loadingMore: false, moreError: null };

/**
 * A cursor-paged list: `reload` fetches the first page (quietly: keeps the rows shown if it
 * fails), `loadMore` appends the next one. Answers to an older load (another filter or search,
 * a newer reload) are dropped. `fetchPage` should be a useCallback over what selects the list.
 */
export function usePagedList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const [list, setList] = useState<PagedList<T>>(initial);
  const generation = useRef(0);

  const reload = useCallback(
    async (quiet = false) => {
      const gen = ++generation.current;
      if (!quiet) setList(initial);
      try {
        const page = await fetchPage(undefined);
        if (gen === generation.current) setList({ ...initial, status: 'ready', items: page.data, nextCursor: page.pagination.nextCursor });
      } catch (error) {
        if (gen === generation.current) setList((s) => (quiet && s.status === 'ready' ? s : { ...initial, status: 'error', error }));
      }
    },
    [fetchPage],
  );

  const loadMore = useCallback(
    async (cursor: string) => {
      const gen = generation.current;
      setList((s) => ({ ...s, loadingMore: true, moreError: null }));
      try {
        const page = await fetchPage(cursor);
        if (gen === generation.current) setList((s) => ({ ...s, items: [...s.items, ...page.data], nextCursor: page.pagination.nextCursor, loadingMore: false }));
      } catch (error) {
        if (gen === generation.current) setList((s) => ({ ...s, loadingMore: false, moreError: error }));
      }
    },
    [fetchPage],
  );

  /** Changes the rows shown in place (e.g. one row staff just updated), keeping the cursor. */
  const updateItems = useCallback((fn: (items: T[]) => T[]) => setList((s) => ({ ...s, items: fn(s.items) })), []);

  return { list, reload, loadMore, updateItems };
}
