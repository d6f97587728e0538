import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/index';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import type { CallResult } from '../../testing/call';
import { memberIdByPhone, unionIdByName, useTestApp } from '../../testing/harness';

describe.each(storageKinds)('union scope on %s', (kind) => {
  const app = useTestApp(kind);

  it('shows a district staff member only their district subtree', async () => {
    const token = await app().login('13900000002'); // 吴兴区总工会
    const r = await app().call(api.listUnions, { token });
    expect(r.status).toBe(200);
    const names: string[] = r.body.data.map((u) => u.name);
    expect(names[0]).toBe('吴兴区总工会');
    expect(names).toContain('湖州吴兴智能装备有限公司工会');
    expect(names).not.toContain('湖州市总工会');
    expect(names).not.toContain('南浔区总工会');
    expect(names.some((n) => n.startsWith('南浔'))).toBe(false);
  });

  it('shows the city federation the whole tree', async () => {
    const token = await app().login('13900000001');
    const r = await app().call(api.listUnions, { token });
    expect(r.body.data).toHaveLength(11);
    // every count is its union's whole subtree of admitted members: the root holds them all
    const [active] = await queryRows<{ n: number }>(app().deps.db, sql`select count(*)::int as n from members where status = 'active'`);
    expect(active!.n).toBeGreaterThan(250);
    expect(r.body.data[0]!.memberCount).toBe(active!.n);
    const leaves = r.body.data.filter((u) => u.kind === 'grassroots');
    expect(leaves.reduce((s, u) => s + u.memberCount, 0)).toBe(active!.n);
  });

  it('counts a district row as the admitted members of its whole subtree, not its own (none)', async () => {
    const token = await app().login('13900000001');
    const r = await app().call(api.listUnions, { token });
    const districts = r.body.data.filter((u) => u.kind !== 'grassroots' && u.parentId !== null);
    expect(districts.length).toBeGreaterThan(0);
    for (const d of districts) {
      const [sub] = await queryRows<{ n: number }>(
        app().deps.db,
        sql`select count(*)::int as n from members m join unions u on u.id = m.union_id where m.status = 'active' and u.path like ${'%/' + d.id + '/%'}`,
      );
      expect(d.memberCount).toBe(sub!.n);
    }
    expect(districts.some((d) => d.memberCount > 0)).toBe(true);
  });

  it('lists only members inside the district, across pages', async () => {
    const token = await app().login('13900000002');
    const wuxing = await app().call(api.listUnions, { token });
    const allowed = new Set(wuxing.body.data.map((u) => u.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: CallResult<typeof api.listMembers> = await app().call(api.listMembers, { query: { status: 'active', limit: 50, cursor: cursor ?? undefined }, token });
      expect(r.status).toBe(200);
      for (const m of r.body.data) {
        expect(allowed.has(m.unionId)).toBe(true);
        seen.push(m.id);
      }
      cursor = r.body.pagination.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = wuxing.body.data[0]!.memberCount; // the district's subtree count
    expect(seen.length).toBe(expected);
    expect(expected).toBeGreaterThan(50);
  });

  it('answers 404 for a member in another district', async () => {
    const token = await app().login('13900000002');
    const nanxunUnion = await unionIdByName(app(), '南浔古镇旅游发展有限公司工会');
    const list = await app().call(api.listMembers, { query: { limit: 1 }, token: await app().login('13900000001') });
    expect(list.status).toBe(200);
    const r = await app().call(api.listMembers, { query: { unionId: nanxunUnion }, token });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe('UNION_NOT_FOUND');
    // find a 南浔 member through the city account, then ask for it as 吴兴
    const city = await app().call(api.listMembers, { query: { unionId: nanxunUnion, limit: 1 }, token: await app().login('13900000001') });
    const outsider = city.body.data[0]!.id;
    const direct = await app().call(api.getMember, { params: { id: outsider }, token });
    expect(direct.status).toBe(404);
    expect(direct.error?.code).toBe('MEMBER_NOT_FOUND');
    const patch = await app().call(api.updateMember, { params: { id: outsider }, body: { tags: ['hardship'] }, token });
    expect(patch.status).toBe(404);
  });

  it('lets a grassroots staff member see their own union and nothing above it', async () => {
    const token = await app().login('13900000003');
    const r = await app().call(api.listUnions, { token });
    expect(r.body.data.map((u) => u.name)).toEqual(['湖州吴兴智能装备有限公司工会']);
    const own = await memberIdByPhone(app(), '13800000001');
    expect((await app().call(api.getMember, { params: { id: own }, token })).status).toBe(200);
  });

  it('answers 403 when a member calls an admin route', async () => {
    const token = await app().login('13800000001');
    const r = await app().call(api.listMembers, { token });
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect((await app().call(api.listUnions, { token })).status).toBe(403);
  });

  it('searches members by name within scope', async () => {
    const token = await app().login('13900000002');
    const r = await app().call(api.listMembers, { query: { q: '张晓明' }, token });
    expect(r.status).toBe(200);
    expect(r.body.data.map((m) => m.name)).toContain('张晓明');
  });

  it('lets staff approve a pending member and records it in the audit log', async () => {
    const token = await app().login('13900000002');
    const pending = await app().call(api.listMembers, { query: { status: 'pending' }, token });
    expect(pending.body.data.length).toBeGreaterThan(0);
    const id = pending.body.data[0]!.id;
    const r = await app().call(api.updateMember, { params: { id }, body: { status: 'active', tags: ['frontline', 'migrant'] }, token });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('active');
    expect(r.body.tags).toEqual(['frontline', 'migrant']);
    const audit = await queryRows<{ action: string }>(app().deps.db, sql`select action from audit_log where target_id = ${id}`);
    expect(audit.map((a) => a.action)).toContain('member.update');
  });
});
