/* Campaign factories: a campaign and its offers made through the API, members put into groups in the database. */
import { sql } from 'drizzle-orm';
import { api, type ArchiveCategory, type CampaignInput, type MemberTag, type OfferInput } from '@gonghui/shared';
import { queryRows } from '../db/index';
import { memberIdByPhone, unionIdByName, type TestApp } from './harness';

export async function makeCampaign(app: TestApp, staffToken: string, o: Partial<CampaignInput> & { unionName?: string } = {}): Promise<string> {
  const body: CampaignInput = { unionId: await unionIdByName(app, o.unionName ?? '吴兴区总工会'), name: '2027年元旦春节送温暖', startsOn: '2026-12-15', endsOn: '2027-02-26', ...o };
  delete (body as { unionName?: string }).unionName;
  const r = await app.call(api.createCampaign, { body, token: staffToken });
  if (r.status !== 201) throw new Error(`create campaign: ${r.status} ${r.text}`);
  return r.body.id;
}

export async function offerInput(app: TestApp, o: Partial<OfferInput> & { unionName?: string; tags?: MemberTag[]; archiveCategories?: ArchiveCategory[] } = {}): Promise<OfferInput> {
  const { unionName, tags, archiveCategories, ...rest } = o;
  return {
    kind: 'gift_pack',
    title: '温情年货礼包',
    description: '米、油、年糕、春联',
    valueFen: 30_000,
    fund: 'B3',
    category: 'C11',
    audience: { unionId: await unionIdByName(app, unionName ?? '吴兴区总工会'), tags: tags ?? [], archiveCategories: archiveCategories ?? [] },
    pickupPoints: ['吴兴区职工服务中心', '织里镇工会服务站'],
    pickupFrom: '2026-12-20',
    pickupTo: '2027-02-10',
    delivery: true,
    stock: null,
    ...rest,
  };
}

export async function addOffer(app: TestApp, staffToken: string, campaignId: string, o: Parameters<typeof offerInput>[1] = {}): Promise<string> {
  const r = await app.call(api.addCampaignOffer, { params: { id: campaignId }, body: await offerInput(app, o), token: staffToken });
  if (r.status !== 201) throw new Error(`add offer: ${r.status} ${r.text}`);
  return r.body.id;
}

/** Sets a member's tags (as staff would on the member page). */
export async function setTags(app: TestApp, phone: string, tags: MemberTag[]): Promise<void> {
  await app.deps.db.execute(sql`update members set tags = ${`{${tags.join(',')}}`}::text[] where id = ${await memberIdByPhone(app, phone)}`);
}

/** Puts a member in the hardship archive with a category (the hardship module's table; its API needs consent and documents first). */
export async function archive(app: TestApp, phone: string, category: ArchiveCategory): Promise<void> {
  const memberId = await memberIdByPhone(app, phone);
  await app.deps.db.execute(sql`update hardship_archive set status = 'exited', exit_way = 'employment', exit_date = '2026-12-01' where member_id = ${memberId} and status = 'active'`);
  await app.deps.db.execute(sql`insert into hardship_archive (member_id, union_id, union_path, category, status, bank_name, bank_card_enc, bank_card_masked, archived_at, recheck_due)
    select m.id, m.union_id, u.path, ${category}, 'active', '测试银行', 'x', '6222 **** **** 0000', now(), '2027-12-01' from members m join unions u on u.id = m.union_id where m.id = ${memberId}`);
}

/** Active members of a union with their phones, in a stable order. */
export async function phonesOfUnion(app: TestApp, unionName: string, n: number, offset = 0): Promise<string[]> {
  const rows = await queryRows<{ phone: string }>(
    app.deps.db,
    sql`select us.phone from members m join users us on us.id = m.user_id join unions u on u.id = m.union_id where u.name = ${unionName} and m.status = 'active' order by us.phone offset ${offset} limit ${n}`,
  );
  if (rows.length < n) throw new Error(`only ${rows.length} members in ${unionName}`);
  return rows.map((r) => r.phone);
}

/** A paid relief payment (the hardship module's record after two-person approval and confirmation), in kind. */
export async function paidRelief(app: TestApp, phone: string, o: { kind: 'living' | 'medical' | 'schooling' | 'other'; fundSource: string; amountFen: number; paidAt: string }): Promise<void> {
  const memberId = await memberIdByPhone(app, phone);
  await archive(app, phone, 'living');
  await app.deps.db.execute(sql`insert into relief_payments (archive_id, member_id, union_id, union_path, kind, form, amount_fen, fund_source, payee_name, status, recorded_by, recorded_at, paid_at)
    select ha.id, ha.member_id, ha.union_id, ha.union_path, ${o.kind}, 'in_kind', ${o.amountFen}, ${o.fundSource}, m.name, 'paid', m.user_id, ${o.paidAt}, ${o.paidAt}
    from hardship_archive ha join members m on m.id = ha.member_id where ha.member_id = ${memberId} and ha.status = 'active'`);
}
