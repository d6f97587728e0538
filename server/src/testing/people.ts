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

/** A staff account over a union (no endpoint grants roles yet: the staff-management issue adds it). Returns its token. */
export async function staffToken(app: TestApp, phone: string, unionName: string, role: StaffRole): Promise<string> {
  await app.deps.db.execute(sql`insert into users (phone, display_name) values (${phone}, '经办人') on conflict (phone) do nothing`);
  await app.deps.db.execute(
    sql`insert into staff_roles (user_id, union_id, role) select id, ${await unionIdByName(app, unionName)}, ${role} from users where phone = ${phone} on conflict do nothing`,
  );
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
