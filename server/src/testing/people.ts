/* People for tests: staff roles and members in a given state, made the way staff would (or, where no endpoint exists yet, in the database). */
import { sql } from 'drizzle-orm';
import { api, type StaffRole } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { memberIdByPhone, unionIdByName, type TestApp } from './harness';

/** Phones of admitted demo members, in a stable order; `offset` keeps test files apart. */
export async function activePhones(app: TestApp, n: number, offset = 100): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id where m.status = 'active' order by u.phone offset ${offset} limit ${n}`,
  );
  return rows.map((r) => r.phone);
}

/** A staff account over a union, granted by the city federation's admin through the API. Returns its token. */
export async function staffToken(app: TestApp, phone: string, unionName: string, role: StaffRole): Promise<string> {
  const city = await app.login('13900000001');
  const r = await app.call(api.grantStaff, { params: { id: await unionIdByName(app, unionName) }, body: { phone, name: '测试工作人员', role }, token: city });
  if (r.status !== 201 && r.error?.code !== 'STAFF_EXISTS') throw new Error(`grant staff: ${r.status} ${r.text}`);
  return app.login(phone);
}

/** Staff of the member's union suspend them through the API. */
export async function suspendMember(app: TestApp, staff: string, memberPhone: string): Promise<void> {
  const r = await app.call(api.updateMember, { params: { id: await memberIdByPhone(app, memberPhone) }, body: { status: 'suspended' }, token: staff });
  if (r.status !== 200) throw new Error(`suspend: ${r.status} ${r.text}`);
}

export async function merchantIdByName(app: TestApp, name: string): Promise<string> {
  const [m] = await queryRows<{ id: string }>(app.deps.db, sql`select id from merchants where name = ${name}`);
  if (!m) throw new Error(`no merchant ${name}`);
  return m.id;
}
