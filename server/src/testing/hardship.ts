/* Hardship test helpers: members with a clean record, a valid application, staff with the duty. */
import { sql } from 'drizzle-orm';
import { api, HARDSHIP_CONSENT_VERSION, type HardshipApplyBody } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { unionIdByName, type TestApp } from './harness';
import { staffToken } from './people';

export const EQUIP = '湖州吴兴智能装备有限公司工会';

/** Admitted members of a union with no hardship record at all (the demo data leaves these alone). */
export async function cleanPhonesIn(app: TestApp, unionName: string, n: number, offset = 0): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select u.phone from members m join users u on u.id = m.user_id join unions un on un.id = m.union_id
         where un.name = ${unionName} and m.status = 'active' and not ('hardship' = any(m.tags))
           and not exists (select 1 from hardship_applications a where a.member_id = m.id)
         order by u.phone offset ${offset} limit ${n}`,
  );
  return rows.map((r) => r.phone);
}

/** A family of three on 2,400 yuan a month with 15,000 yuan of self-paid medical costs: 大病困难 and 生活困难. */
export function application(card = '6222021234567890123'): HardshipApplyBody {
  return {
    facts: {
      household: [
        { relation: 'self', monthlyIncomeFen: 240_000 },
        { relation: 'spouse', monthlyIncomeFen: 0 },
        { relation: 'child', monthlyIncomeFen: 0 },
      ],
      causes: ['illness'],
      medicalSelfPayFen: 1_500_000,
      labourContract: true,
      stableMigrantWorker: false,
      dibaoEdgeRecognised: false,
      modelWorker: null,
      healthNote: '配偶患尿毒症，每周透析三次',
    },
    documentsHeld: ['id_card', 'household_register', 'medical_bills'],
    bankName: '湖州银行',
    bankCard: card,
  };
}

/** Consent and apply as the member; returns the application's id. */
export async function applyAs(app: TestApp, token: string, body: HardshipApplyBody = application()): Promise<string> {
  const c = await app.call(api.giveHardshipConsent, { body: { agree: true, version: HARDSHIP_CONSENT_VERSION }, token });
  if (c.status !== 200) throw new Error(`consent: ${c.status} ${c.text}`);
  const r = await app.call(api.applyHardship, { body, token });
  if (r.status !== 201) throw new Error(`apply: ${r.status} ${r.text}`);
  return r.body.applications[0]!.id;
}

/** Staff over a union with the hardship duty, granted through the staff API by the city's admin. */
export async function hardshipStaff(app: TestApp, phone: string, unionName: string): Promise<string> {
  const token = await staffToken(app, phone, unionName, 'operator');
  const city = await app.login('13900000001');
  const [u] = await queryRows<{ id: string }>(app.deps.db, sql`select id from users where phone = ${phone}`);
  const r = await app.call(api.grantStaffDuty, { params: { id: await unionIdByName(app, unionName), userId: u!.id, duty: 'hardship' }, token: city });
  if (r.status !== 200) throw new Error(`duty: ${r.status} ${r.text}`);
  return token;
}

/** Gives an existing staff account the duty at a union, as another admin of the city would (tests only: the API refuses self-grants). */
export async function grantHardshipDuty(app: TestApp, phone: string, unionName: string): Promise<void> {
  const unionId = await unionIdByName(app, unionName);
  await app.deps.db.execute(sql`insert into staff_duties (user_id, union_id, duty) select id, ${unionId}, 'hardship' from users where phone = ${phone} on conflict do nothing`);
}

export async function memberNoOf(app: TestApp, memberId: string): Promise<string> {
  const [m] = await queryRows<{ member_no: string }>(app.deps.db, sql`select member_no from members where id = ${memberId}`);
  return m!.member_no;
}

/** The member's consent rows, oldest first: the date on the signed paper, or null for consent given in the app. */
export async function paperConsentDates(app: TestApp, memberId: string): Promise<(string | null)[]> {
  const rows = await queryRows<{ paper: string | null }>(app.deps.db, sql`select paper_signed_on::text as paper from hardship_consents where member_id = ${memberId} order by given_at`);
  return rows.map((r) => r.paper);
}
