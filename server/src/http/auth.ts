import { sql } from 'drizzle-orm';
import { AppError, type Audience, type StaffRole } from '@gonghui/shared';
import { sha256 } from '../crypto';
import { queryRows } from '../db/index';
import type { Deps } from '../deps';
import type { AppContext, Auth } from './state';


function bearer(ctx: AppContext): string | null {
  const h = ctx.get('authorization');
  const m = /^Bearer ([A-Za-z0-9_-]{16,64})$/.exec(h);
  return m ? m[1]! : null;
}

/** Loads the caller from the bearer token; an unknown, revoked or expired token is a 401. */
export async function authenticate(deps: Deps, ctx: AppContext): Promise<Auth | undefined> {
  if (ctx.state.auth) return ctx.state.auth;
  const hasHeader = ctx.get('authorization') !== '';
  const token = bearer(ctx);
  if (!token) {
    if (hasHeader) throw new AppError('UNAUTHENTICATED');
    return undefined;
  }
  const now = deps.clock.now();
  // One round trip per request: the session and every role of its user.
  const [row] = await queryRows<AuthRow>(deps.db, sql`${authSelect} where s.token_hash = ${sha256(token)} and s.revoked_at is null limit 1`);
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (new Date(row.expires_at).getTime() <= now.getTime()) throw new AppError('SESSION_EXPIRED');
  ctx.state.auth = toAuth(row);
  return ctx.state.auth;
}

interface AuthRow {
  session_id: string;
  user_id: string;
  expires_at: string | Date;
  member_id: string | null;
  member_union_id: string | null;
  member_status: string | null;
  staff: { unionId: string; path: string; role: StaffRole }[] | string | null;
  merchant_ids: string[] | string | null;
  donor: boolean;
}

const authSelect = sql`
  select s.id as session_id, s.user_id, s.expires_at,
         m.id as member_id, m.union_id as member_union_id, m.status as member_status,
         (select coalesce(json_agg(json_build_object('unionId', r.union_id, 'path', u.path, 'role', r.role)), '[]'::json)
            from staff_roles r join unions u on u.id = r.union_id where r.user_id = s.user_id) as staff,
         (select coalesce(json_agg(ms.merchant_id), '[]'::json) from merchant_staff ms where ms.user_id = s.user_id) as merchant_ids,
         exists (select 1 from donors d where d.user_id = s.user_id) as donor
    from sessions s left join members m on m.user_id = s.user_id`;

const parseJson = <T>(v: T | string | null, fallback: T): T => (v === null ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toAuth(row: AuthRow): Auth {
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    memberId: row.member_id,
    memberUnionId: row.member_union_id,
    memberActive: row.member_status === 'active',
    staff: parseJson(row.staff, []),
    merchantIds: parseJson(row.merchant_ids, []),
    donor: row.donor === true || (row.donor as unknown) === 't',
  };
}

export async function loadAuth(deps: Deps, sessionId: string): Promise<Auth> {
  const [row] = await queryRows<AuthRow>(deps.db, sql`${authSelect} where s.id = ${sessionId} limit 1`);
  if (!row) throw new AppError('UNAUTHENTICATED');
  return toAuth(row);
}

/** Audience check: 401 when nobody is signed in, 403 when the caller lacks the role. */
export function requireAudience(audience: Audience, auth: Auth | undefined): void {
  if (audience === 'public') return;
  if (!auth) throw new AppError('UNAUTHENTICATED');
  const allowed =
    audience === 'user' ||
    (audience === 'member' && auth.memberId !== null) ||
    (audience === 'staff' && auth.staff.length > 0) ||
    (audience === 'merchant' && auth.merchantIds.length > 0) ||
    (audience === 'donor' && auth.donor);
  if (!allowed) throw new AppError(audience === 'member' ? 'NOT_A_MEMBER' : 'FORBIDDEN');
}

