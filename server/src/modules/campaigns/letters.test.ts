import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, LETTER_TEXTS, NOTICE_PAGES } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { archive, makeCampaign, phonesOfUnion, setTags } from '../../testing/campaigns';
import { storageKinds } from '../../testing/database';
import { memberIdByPhone, unionIdByName, useTestApp } from '../../testing/harness';
import { grantHardshipDuty } from '../../testing/hardship';
import { noticesOf, userIdOf } from '../../testing/wishes';

const EXPRESS = '吴兴区快递物流行业联合工会';

describe.each(storageKinds)('慰问信 on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-20T02:00:00Z' });
  let staff: string;
  let campaignId: string;
  let targeted: string[];
  let other: string;
  let letterId: string;

  beforeAll(async () => {
    await grantHardshipDuty(app(), '13900000002', '吴兴区总工会'); // archive categories need the duty
    staff = await app().login('13900000002');
    const phones = await phonesOfUnion(app(), EXPRESS, 5);
    targeted = phones.slice(0, 3);
    other = phones[3]!;
    // nobody else of the union in the letter's groups: only the three below are
    const unionId = await unionIdByName(app(), EXPRESS);
    await app().deps.db.execute(sql`update members set tags = '{frontline}' where union_id = ${unionId}`);
    await app().deps.db.execute(sql`update hardship_archive set status = 'exited', exit_way = 'employment', exit_date = '2026-12-01' where union_id = ${unionId} and status = 'active'`);
    await archive(app(), targeted[0]!, 'deep');
    await archive(app(), targeted[1]!, 'relative');
    await setTags(app(), targeted[2]!, ['model_worker']);
    campaignId = await makeCampaign(app(), staff);
    const r = await app().call(api.sendLetter, {
      params: { id: campaignId },
      body: { template: 'one', title: LETTER_TEXTS.one.title, body: LETTER_TEXTS.one.body, audience: { unionId: await unionIdByName(app(), EXPRESS), tags: ['model_worker'], archiveCategories: ['deep', 'relative'] } },
      token: staff,
    });
    expect(r.status, r.text).toBe(201);
    letterId = r.body.id;
    expect(r.body).toMatchObject({ recipients: 3, opened: 0 });
  }, 120_000);

  const letterOf = async (phone: string) => {
    const n = (await noticesOf(app(), await userIdOf(app(), phone))).filter((x) => x.kind === 'campaign.letter' && x.title.startsWith('吴兴区总工会'));
    return n;
  };

  it('gives every targeted member one letter with their own name, and nobody else one', async () => {
    for (const p of targeted) {
      const notices = await letterOf(p);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.link_page).toBe(NOTICE_PAGES.letter);
      const token = await app().login(p);
      const r = await app().call(api.myLetter, { params: { id: notices[0]!.link_id! }, token });
      expect(r.status).toBe(200);
      const [m] = await queryRows<{ name: string }>(app().deps.db, sql`select name from members where id = ${await memberIdByPhone(app(), p)}`);
      expect(r.body.body.startsWith(`${m!.name}同志及家属：`)).toBe(true);
      expect(r.body.body).toContain('2027年，吴兴区总工会');
    }
    expect(await letterOf(other)).toHaveLength(0);
  });

  it('returns 404 LETTER_NOT_FOUND for another member’s letter', async () => {
    const theirs = (await letterOf(targeted[0]!))[0]!.link_id!;
    const r = await app().call(api.myLetter, { params: { id: theirs }, token: await app().login(other) });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe('LETTER_NOT_FOUND');
  });

  it('shows staff who opened it, names masked', async () => {
    const r = await app().call(api.letterRecipients, { params: { id: letterId }, token: staff });
    expect(r.body.data).toHaveLength(3);
    expect(r.body.data.every((x) => x.openedAt !== null && x.memberName.includes('*'))).toBe(true);
    const list = await app().call(api.campaignLetters, { params: { id: campaignId }, token: staff });
    expect(list.body.data[0]).toMatchObject({ recipients: 3, opened: 3 });
  });

  it('lets the family read the shared copy by its token, with nothing else about the member', async () => {
    const mine = await app().call(api.myLetter, { params: { id: (await letterOf(targeted[1]!))[0]!.link_id! }, token: await app().login(targeted[1]!) });
    const r = await app().call(api.familyLetter, { params: { token: mine.body.shareToken } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['body', 'sentOn', 'title', 'unionName']);
    expect(r.body.body).toBe(mine.body.body);
    expect(r.text).not.toMatch(/HZ\d|1[3-9]\d{9}|relative|深度|相对/);
    const bad = await app().call(api.familyLetter, { params: { token: 'x'.repeat(24) } });
    expect(bad.status).toBe(404);
  });

  it('refuses a letter with an unknown placeholder (422 LETTER_INVALID) and one nobody would get (422 LETTER_NO_RECIPIENTS)', async () => {
    const unionId = await unionIdByName(app(), EXPRESS);
    const a = await app().call(api.sendLetter, { params: { id: campaignId }, body: { template: 'custom', title: '新春慰问信', body: '{名字}同志：新春快乐，祝您和家人幸福安康，万事如意！', audience: { unionId, tags: [], archiveCategories: [] } }, token: staff });
    expect([a.status, a.error?.code]).toEqual([422, 'LETTER_INVALID']);
    const b = await app().call(api.sendLetter, { params: { id: campaignId }, body: { template: 'custom', title: '新春慰问信', body: '{姓名}同志：新春快乐，祝您和家人幸福安康，万事如意！', audience: { unionId, tags: [], archiveCategories: ['accident'] } }, token: staff });
    expect([b.status, b.error?.code]).toEqual([422, 'LETTER_NO_RECIPIENTS']);
  });
});
