import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, type UnionJoinInfo, type UnionNode } from '@gonghui/shared';
import { schema } from '../../db/index';
import type { Deps } from '../../deps';
import { inScopeSql, pathInScope, requireAdminOver } from '../../http/policies';
import { writeAudit } from '../audit/service';
import type { Auth } from '../../http/state';

const { unions, members } = schema;

/** The caller's subtrees, depth-first with siblings by name (Chinese collation is not portable, so JS sorts). */
export async function unionTree(deps: Deps, auth: Auth): Promise<UnionNode[]> {
  const rows = await deps.db.select().from(unions).where(inScopeSql(auth, unions.path));
  const counts = rows.length
    ? await deps.db
        .select({ unionId: members.unionId, n: sql<number>`count(*)::int` })
        .from(members)
        .where(inArray(members.unionId, rows.map((r) => r.id)))
        .groupBy(members.unionId)
    : [];
  const countBy = new Map(counts.map((c) => [c.unionId, Number(c.n)]));
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: UnionNode[] = [];
  const walk = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    for (const r of list) {
      out.push({
        id: r.id,
        name: r.name,
        kind: r.kind,
        parentId: r.parentId,
        depth: r.depth,
        joinApproval: r.joinApproval,
        joinCode: r.joinCode,
        memberCount: countBy.get(r.id) ?? 0,
      });
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

/** A union the caller may manage, or 404 (never 403: others' unions are not even confirmed to exist). */
export async function scopedUnion(deps: Deps, auth: Auth, unionId: string) {
  const [u] = await deps.db.select().from(unions).where(eq(unions.id, unionId)).limit(1);
  if (!u || !pathInScope(auth, u.path)) throw new AppError('UNION_NOT_FOUND');
  return u;
}

export async function joinInfo(deps: Deps, joinCode: string): Promise<UnionJoinInfo> {
  const [u] = await deps.db.select().from(unions).where(and(eq(unions.joinCode, joinCode), eq(unions.kind, 'grassroots'))).limit(1);
  if (!u) throw new AppError('UNION_NOT_FOUND');
  const [parent] = u.parentId ? await deps.db.select({ name: unions.name }).from(unions).where(eq(unions.id, u.parentId)) : [];
  return { id: u.id, name: u.name, parentName: parent?.name ?? null, joinApproval: u.joinApproval };
}

export async function unionUpdater(deps: Deps, auth: Auth, id: string, joinApproval: 'auto' | 'manual', requestId: string): Promise<UnionNode> {
  const u = await scopedUnion(deps, auth, id);
  requireAdminOver(auth, u.path);
  await deps.db.transaction(async (tx) => {
    await tx.update(unions).set({ joinApproval }).where(eq(unions.id, id));
    await writeAudit(tx, deps.clock.now(), { actorUserId: auth.userId, action: 'union.update', targetType: 'union', targetId: id, requestId, detail: { joinApproval } });
  });
  return (await unionTree(deps, auth)).find((n) => n.id === id)!;
}
