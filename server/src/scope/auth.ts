import { sql } from 'drizzle-orm';
import { AppError, type Audience, type StaffRole } from '@gonghui/shared';
import { queryRows, type Db } from '../db/index';

/** Who is calling, loaded once per request from the session token. */
export interface Auth {
  sessionId: string;
  userId: string;
  /** The caller's membership (pending, active or suspended); a rejected application or a deleted account is no membership. */
  memberId: string | null;
  memberUnionId: string | null;
  memberActive: boolean;
  /** The member's union path and tags: enough to refuse a claim outside a batch's audience from memory. */
  memberUnionPath: string | null;
  memberTags: string[];
  /** When the session ends. */
  expiresAt: Date;
  /** `duties`: what the union granted on top of the role (`hardship`); absent in sessions cached before duties existed. */
  staff: { unionId: string; path: string; role: StaffRole; duties?: string[] }[];
  merchantIds: string[];
  donor: boolean;
}

interface AuthRow {
  session_id: string;
  token_hash: string;
  user_id: string;
  expires_at: string | Date;
  member_id: string | null;
  member_union_id: string | null;
  member_status: string | null;
  member_union_path: string | null;
  member_tags: string[] | string | null;
  staff: { unionId: string; path: string; role: StaffRole; duties?: string[] }[] | string | null;
  merchant_ids: string[] | string | null;
  donor: boolean;
}

// One round trip: the session and every role of its user.
const authSelect = sql`
  select s.id as session_id, s.user_id, s.expires_at, s.token_hash,
         m.id as member_id, m.union_id as member_union_id, m.status as member_status,
         (select mu.path from unions mu where mu.id = m.union_id) as member_union_path, m.tags as member_tags,
         (select coalesce(json_agg(json_build_object('unionId', r.union_id, 'path', u.path, 'role', r.role,
                 'duties', (select coalesce(json_agg(d.duty), '[]'::json) from staff_duties d where d.user_id = r.user_id and d.union_id = r.union_id))), '[]'::json)
            from staff_roles r join unions u on u.id = r.union_id where r.user_id = s.user_id) as staff,
         (select coalesce(json_agg(ms.merchant_id), '[]'::json) from merchant_staff ms where ms.user_id = s.user_id) as merchant_ids,
         exists (select 1 from donors d where d.user_id = s.user_id) as donor
    from sessions s left join members m on m.user_id = s.user_id and m.status not in ('rejected', 'left')`;

const parseJson = <T>(v: T | string | null, fallback: T): T => (v === null ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** A text[] as some drivers hand it back: `{a,b}`. Tags are plain words, never quoted. */
const parsePgArray = (v: string): string[] => (v === '{}' ? [] : v.replace(/^\{|\}$/g, '').split(',').map((t) => t.replace(/^"|"$/g, '')));

function toAuth(row: AuthRow): Auth {
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    memberId: row.member_id,
    memberUnionId: row.member_union_id,
    memberActive: row.member_status === 'active',
    memberUnionPath: row.member_union_path,
    memberTags: typeof row.member_tags === 'string' ? parsePgArray(row.member_tags) : (row.member_tags ?? []),
    expiresAt: new Date(row.expires_at),
    staff: parseJson(row.staff, []),
    merchantIds: parseJson(row.merchant_ids, []),
    donor: row.donor === true || (row.donor as unknown) === 't',
  };
}

export type SessionLookup = { found: false } | { found: true; expired: boolean; auth: Auth };

/** The live session behind a token hash (revoked sessions are not found). */
export async function sessionByTokenHash(db: Db, tokenHash: string, now: Date): Promise<SessionLookup> {
  const [row] = await queryRows<AuthRow>(db, sql`${authSelect} where s.token_hash = ${tokenHash} and s.revoked_at is null limit 1`);
  if (!row) return { found: false };
  return { found: true, expired: new Date(row.expires_at).getTime() <= now.getTime(), auth: toAuth(row) };
}

/** Many live sessions in one round trip (the claim path's first visits, batched), in the order asked; null where not found. */
export async function sessionsByTokenHashes(db: Db, tokenHashes: string[]): Promise<(Auth | null)[]> {
  const rows = await queryRows<AuthRow>(db, sql`${authSelect} where s.token_hash in (${sql.join(tokenHashes.map((h) => sql`${h}`), sql`, `)}) and s.revoked_at is null`);
  const found = new Map(rows.map((row) => [row.token_hash, toAuth(row)]));
  return tokenHashes.map((h) => found.get(h) ?? null);
}

/** Reloads the caller after a change to their own roles (joining, signing in). */
export async function authBySession(db: Db, sessionId: string): Promise<Auth> {
  const [row] = await queryRows<AuthRow>(db, sql`${authSelect} where s.id = ${sessionId} limit 1`);
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
