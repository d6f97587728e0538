import { useCallback, useRef, useState } from 'react';
import { useResource } from './useResource';

export interface PagedList<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: T[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
  /** An error while loading more keeps the rows already shown. */
  moreError: unknown;
}

type Page<T> = { data: T[]; pagination: { nextCursor: string | null } };

/** The rows loaded so far; `listId` names one first-page load, so a later page joins only its own list. */
interface Rows<T> {
  listId: number;
  items: T[];
  nextCursor: string | null;
}

export interface PagedListOptions {
  /** false: do not load yet (e.g. until signed in). Default true. */
  enabled?: boolean;
  /** Reload the first page quietly each time the page is shown again. */
  refreshOnShow?: boolean;
}

/**
 * A cursor-paged list on useResource: the first page loads when `fetchPage` changes (it should be
 * a useCallback over what selects the list: a filter, a search), `reload(true)` fetches it again
 * quietly (the rows shown stay if it fails), `loadMore` appends the next page. A page answered
 * for an older list (another filter, a newer reload) is dropped.
 */
export function usePagedList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, options: PagedListOptions = {}) {
  const lists = useRef(0);
  const first = useResource<Rows<T>>(
    async () => {
      const page = await fetchPage(undefined);
      return { listId: ++lists.current, items: page.data, nextCursor: page.pagination.nextCursor };
    },
    [fetchPage],
    options,
  );
  const [more, setMore] = useState<{ listId: number | null; loadingMore: boolean; moreError: unknown }>({ listId: null, loadingMore: false, moreError: null });
  const { setData, reload } = first;
  const listId = first.status === 'ready' ? first.data.listId : null;

  const loadMore = useCallback(
    async (cursor: string) => {
      if (listId === null) return;
      setMore({ listId, loadingMore: true, moreError: null });
      try {
        const page = await fetchPage(cursor);
        // Only onto the list this page continues; an answer for an older list is dropped.
        setData((rows) =>
          rows.listId === listId && rows.nextCursor === cursor ? { ...rows, items: [...rows.items, ...page.data], nextCursor: page.pagination.nextCursor } : rows,
        );
        setMore((m) => (m.listId === listId ? { listId, loadingMore: false, moreError: null } : m));
      } catch (error) {
        setMore((m) => (m.listId === listId ? { listId, loadingMore: false, moreError: error } : m));
      }
    },
    [fetchPage, listId, setData],
  );

  /** Changes the rows shown in place (e.g. one row staff just updated), keeping the cursor. */
  const updateItems = useCallback((fn: (items: T[]) => T[]) => setData((rows) => ({ ...rows, items: fn(rows.items) })), [setData]);

  const current = more.listId !== null && more.listId === listId;
  const list: PagedList<T> = {
    status: first.status,
    items: first.status === 'ready' ? first.data.items : [],
    nextCursor: first.status === 'ready' ? first.data.nextCursor : null,
    error: first.status === 'error' ? first.error : null,
    loadingMore: current && more.loadingMore,
    moreError: current ? more.moreError : null,
  };

  return { list, reload, loadMore, updateItems, refreshError: first.refreshError };
}
