import { AppError } from '@gonghui/shared';
import { sha256 } from '../crypto';
import type { Deps } from '../deps';
import type { Rush } from '../rush/index';
import { sessionByTokenHash, type Auth, type SessionLookup } from '../scope/auth';
import type { AppContext } from './context';

function bearer(ctx: AppContext): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{16,64})$/.exec(ctx.get('authorization'));
  return m ? m[1]! : null;
}

/**
 * Loads the caller from the bearer token. An unknown, revoked or expired token is a 401, except on
 * public endpoints (`lenient`), which answer as if nobody were signed in: a stale token left in a
 * phone's storage must not block the SMS code or the join page.
 */
export async function authenticate(deps: Deps, ctx: AppContext, now: Date, lenient: boolean, rush?: Rush): Promise<Auth | undefined> {
  const cache = rush?.sessions;
  if (ctx.state.auth) return ctx.state.auth;
  const token = bearer(ctx);
  if (!token) {
    if (ctx.get('authorization') !== '' && !lenient) throw new AppError('UNAUTHENTICATED');
    return undefined;
  }
  const tokenHash = sha256(token);
  const cached = cache?.get(tokenHash, now);
  if (cached) return (ctx.state.auth = cached);
  const epoch = cache?.mark() ?? 0;
  const session: SessionLookup = rush
    ? await rush.sessionReads.submit(tokenHash).then((auth) => (auth ? { found: true, expired: auth.expiresAt.getTime() <= now.getTime(), auth } : { found: false }))
    : await sessionByTokenHash(deps.db, tokenHash, now);
  if (!session.found || session.expired) {
    if (lenient) return undefined;
    throw new AppError(session.found ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  }
  // Only admitted members are kept: the claim path serves them; anyone else asks the database again.
  if (session.auth.memberActive) cache?.put(tokenHash, session.auth, epoch);
  ctx.state.auth = session.auth;
  return session.auth;
}
