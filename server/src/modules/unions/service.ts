import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { AppError, type JoinApproval, type UnionJoinInfo, type UnionNode } from '@gonghui/shared';
import { isUniqueViolation, schema } from '../../db/index';
import type { BinaryFile } from '../../http/route';
import { LIMITS, assertUnderLimit, recordFailure } from '../../lib/limits';
import { inScopeSql } from '../../policies/staff';
import { scopedUnion, unionPolicy, type UnionRow } from '../../policies/unions';
import type { PublicScope, Scope } from '../../scope/scope';
import { audit } from '../audit/service';

const { unions, members } = schema;

/** The caller's subtrees, depth-first with siblings by name (Chinese collation is not portable, so JS sorts). */
export async function unionTree(scope: Scope): Promise<UnionNode[]> {
  const rows = await scope.db.select().from(unions).where(inScopeSql(scope.auth, unions.path));
  const counts = rows.length
    ? await scope.db
        .select({
          unionId: members.unionId,
          active: sql<number>`count(*) filter (where ${members.status} = 'active')::int`,
          pending: sql<number>`count(*) filter (where ${members.status} = 'pending')::int`,
        })
        .from(members)
        .where(inArray(members.unionId, rows.map((r) => r.id)))
        .groupBy(members.unionId)
    : [];
  // A federation's or district's count is its whole subtree's.
  const own = new Map(counts.map((c) => [c.unionId, Number(c.active)]));
  const pending = new Map(counts.map((c) => [c.unionId, Number(c.pending)]));
  const subtreeCount = (r: UnionRow) => rows.filter((x) => x.path.startsWith(r.path)).reduce((s, x) => s + (own.get(x.id) ?? 0), 0);
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, UnionRow[]>();
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: UnionNode[] = [];
  const walk = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    for (const r of list) {
      const { manage, signMerchants } = unionPolicy.abilities(scope, r);
      out.push({
        id: r.id,
        name: r.name,
        kind: r.kind,
        parentId: r.parentId,
        depth: r.depth,
        joinApproval: r.joinApproval,
        joinCode: r.joinCode,
        memberCount: subtreeCount(r),
        pendingCount: pending.get(r.id) ?? 0,
        abilities: { manage, signMerchants },
      });
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

/** Public: what a worker sees after scanning a join QR. Unknown codes are counted per address, so codes cannot be enumerated. */
export async function joinInfo(scope: PublicScope, { joinCode }: { joinCode: string }): Promise<UnionJoinInfo> {
  const bucket = `join-code-miss:${scope.ip}`;
  await assertUnderLimit(scope.db, scope.now, bucket, LIMITS.joinCodeMiss);
  const [u] = await scope.db.select().from(unions).where(and(eq(unions.joinCode, joinCode), eq(unions.kind, 'grassroots'))).limit(1);
  if (!u) {
    scope.onRefusal((db) => recordFailure(db, scope.now, bucket));
    throw new AppError('UNION_NOT_FOUND');
  }
  const [parent] = u.parentId ? await scope.db.select({ name: unions.name }).from(unions).where(eq(unions.id, u.parentId)) : [];
  return { id: u.id, name: u.name, parentName: parent?.name ?? null, joinApproval: u.joinApproval };
}

export async function unionUpdater(scope: Scope, { id, joinApproval }: { id: string; joinApproval: JoinApproval }): Promise<UnionNode> {
  const u = await scopedUnion(scope, id);
  unionPolicy.authorize(scope, 'manage', u);
  await scope.db.update(unions).set({ joinApproval }).where(eq(unions.id, id));
  await audit(scope, 'union.update', { type: 'union', id }, { joinApproval });
  return (await unionTree(scope)).find((n) => n.id === id)!;
}

/** The join link a union's QR carries: the H5 join page, which the mini-program also understands. */
export function joinUrl(publicUrl: string, joinCode: string): string {
  return `${publicUrl}/pages/join/index?code=${encodeURIComponent(joinCode)}`;
}

async function grassrootsInScope(scope: Scope, id: string): Promise<UnionRow> {
  const u = await scopedUnion(scope, id);
  if (u.kind !== 'grassroots') throw new AppError('UNION_NOT_GRASSROOTS');
  return u;
}

/** The join QR as a PNG, large enough to print on a poster. */
export async function joinQrPng(scope: Scope, { id }: { id: string }): Promise<BinaryFile> {
  const u = await grassrootsInScope(scope, id);
  const buffer = await QRCode.toBuffer(joinUrl(scope.deps.config.publicUrl, u.joinCode), { type: 'png', width: 720, margin: 2, errorCorrectionLevel: 'M' });
  return { filename: `join-qr-${u.joinCode}.png`, chineseName: `${u.name}-入会二维码.png`, contentType: 'image/png', buffer };
}

/** The mini-program page a 小程序码 opens (app.json's path: no leading slash, no query). */
export const JOIN_MINIPROGRAM_PAGE = 'pages/join/index';

/**
 * The join QR as a 小程序码: WeChat opens the join page straight away, with the join code as its
 * `scene`. Outside the caller's scope it is 404 like the plain QR; without WeChat, a clear 409.
 */
export async function joinWxacode(scope: Scope, { id }: { id: string }): Promise<BinaryFile> {
  const u = await grassrootsInScope(scope, id);
  if (!scope.deps.wechat.configured) throw new AppError('WECHAT_NOT_CONFIGURED');
  const image = await scope.deps.wechat.getUnlimitedQr({ page: JOIN_MINIPROGRAM_PAGE, scene: u.joinCode, width: 720 });
  const ext = image.contentType === 'image/png' ? 'png' : 'jpg';
  return { filename: `join-wxacode-${u.joinCode}.${ext}`, chineseName: `${u.name}-入会小程序码.${ext}`, contentType: image.contentType, buffer: image.buffer };
}

// No 0/O or 1/I: people read these codes aloud and type them.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new join code (admins only): the old QR stops working at once. */
export async function joinCodeRegenerator(scope: Scope, { id }: { id: string }): Promise<UnionNode> {
  const u = await grassrootsInScope(scope, id);
  unionPolicy.authorize(scope, 'manage', u);
  for (let attempt = 0; ; attempt++) {
    const joinCode = 'HZ' + Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)]).join('');
    try {
      // a savepoint: a collision with another union's code must not abort the request's transaction
      await scope.db.transaction((sp) => sp.update(unions).set({ joinCode }).where(eq(unions.id, id)));
      break;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
  await audit(scope, 'union.regenerate_join_code', { type: 'union', id });
  return (await unionTree(scope)).find((n) => n.id === id)!;
}
