import { useEffect } from 'react';
import { create } from 'zustand';
import type { UnionNode } from '@gonghui/shared';
import { api, call } from '../api';
import { UNION_MEMBERS_PAGE, withQuery } from '../routes';
import { useAppStore } from './index';

/**
 * The caller's union tree (GET /api/admin/unions), shared by everything on screen that needs it:
 * the page (tree, members, join QR, merchants, 首页's pending count) and the staff side
 * navigation's pending badge read one answer, and asks made together become one request.
 */
interface UnionTreeState {
  /** The newest answer, and the session it belongs to (another account's tree is never shown). */
  unions: UnionNode[] | null;
  token: string | null;
  /** Date.now() when it arrived. */
  at: number;
}

export const useUnionTree = create<UnionTreeState>()(() => ({ unions: null, token: null, at: 0 }));

let inflight: { token: string | null; promise: Promise<UnionNode[]> } | null = null;

/** An answer younger than this is good enough for the side navigation's badge: no new request. */
const NAV_FRESH_MS = 30_000;

/** Asks for the tree, or joins the request already on its way for this session. Throws ApiError. */
export function loadUnionTree(): Promise<UnionNode[]> {
  const token = useAppStore.getState().token;
  if (inflight && inflight.token === token) return inflight.promise;
  return reloadUnionTree();
}

/** Asks for the tree anew (after a decision changed the pending counts). Throws ApiError. */
export function reloadUnionTree(): Promise<UnionNode[]> {
  const token = useAppStore.getState().token;
  const promise = call(api.listUnions, { toast: false })
    .then((answer) => {
      // Signed out or switched account meanwhile: the answer is nobody's now.
      if (useAppStore.getState().token === token) useUnionTree.setState({ unions: answer.data, token, at: Date.now() });
      return answer.data;
    })
    .finally(() => {
      if (inflight?.promise === promise) inflight = null;
    });
  inflight = { token, promise };
  return promise;
}

/** Applications waiting for review in the caller's unions, and where staff review them. */
export interface PendingReview {
  total: number;
  /** The member list filtered to 待审核: of the one union with applications, else of all. */
  url: string;
}

/**
 * From the union tree (each union's own pendingCount): null when no union in reach reviews
 * applications (every one admits automatically and none has an application waiting).
 */
export function pendingReview(unions: UnionNode[]): PendingReview | null {
  const reviewing = unions.filter((u) => u.pendingCount > 0 || (u.kind === 'grassroots' && u.joinApproval === 'manual'));
  if (reviewing.length === 0) return null;
  const waiting = unions.filter((u) => u.pendingCount > 0);
  const total = waiting.reduce((n, u) => n + u.pendingCount, 0);
  const only = waiting.length === 1 ? waiting[0] : undefined;
  const url = only
    ? withQuery(UNION_MEMBERS_PAGE, { unionId: only.id, unionName: only.name, status: 'pending' })
    : withQuery(UNION_MEMBERS_PAGE, { status: 'pending' });
  return { total, url };
}

/**
 * The pending applications for a staff navigation: from the tree the page loaded (or is loading)
 * when there is one, else asked once (and again only when the last answer is older than 30 s).
 */
export function usePendingReview(enabled: boolean): PendingReview | null {
  const token = useAppStore((s) => s.token);
  const tree = useUnionTree();
  useEffect(() => {
    if (!enabled || !token) return;
    const held = useUnionTree.getState();
    if (inflight?.token === token) return;
    if (held.token === token && Date.now() - held.at < NAV_FRESH_MS) return;
    // A failure shows no badge; the page shows its own errors.
    loadUnionTree().catch(() => undefined);
  }, [enabled, token]);
  return enabled && tree.unions && tree.token === token ? pendingReview(tree.unions) : null;
}
