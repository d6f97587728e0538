import { decrypt } from '../../crypto';
import type { WishRow } from '../../policies/wishes';
import type { Scope } from '../../scope/scope';

/** The wisher's own story in clear: for the wisher and for staff about to publish it. */
export function storyOf(scope: Scope, w: WishRow): string {
  return decrypt(scope.deps.keys, w.storyEnc);
}
