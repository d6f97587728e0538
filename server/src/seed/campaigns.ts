/*
 * Demo 两节送温暖: last winter's campaign (closed, everything handed over) and this winter's
 * (running: some claimed, some handed over), with offers for 困难职工, 新就业形态 and 农民工, and
 * 劳模; sponsors; visits to enterprises and people; a few hand-entered figures. Both winters'
 * forms then show believable figures, of the order of the seeds' district reports scaled down.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { campaignWindow, fromShanghai, LETTER_TEXTS, NOTICE_PAGES, pickupCodeFrom, recipientCategory, shanghaiDate, type MemberTag, type OfferKind } from '@gonghui/shared';
import { queryRows, schema, type Db } from '../db/index';

const { voucherBatches, campaigns, campaignOffers, campaignClaims, campaignSponsors, campaignLetters, campaignLetterRecipients, notices, warmthVisits, warmthFormEntries } = schema;
const DAY = 86_400_000;
type Unions = Map<string, { id: string; path: string; depth: number }>;

interface OfferSeed {
  kind: OfferKind;
  title: string;
  description: string;
  valueFen: number;
  fund: string;
  category: string;
  tags: MemberTag[];
  archive: string[];
  points: string[];
}

const OFFERS: OfferSeed[] = [
  {
    kind: 'gift_pack',
    title: '温情年货礼包',
    description: '大米、食用油、年糕、腊肉和一副春联，爱心企业认领',
    valueFen: 30_000,
    fund: 'sponsored',
    category: 'C11',
    tags: ['hardship'],
    archive: ['deep', 'relative', 'accident', 'dibao_edge', 'serious_illness', 'living', 'model_worker'],
    points: ['吴兴区职工服务中心', '南浔区职工服务中心', '市总工会职工服务大厅'],
  },
  {
    kind: 'dinner',
    title: '暖心年夜饭',
    description: '除夕当天在定点餐厅用餐，或领取年夜饭礼券',
    valueFen: 8_800,
    fund: 'B3',
    category: 'C7',
    tags: ['new_form', 'migrant'],
    archive: [],
    points: ['织里镇工会服务站', '吴兴区快递物流行业联合工会驿站', '南浔古镇游客中心职工之家'],
  },
  {
    kind: 'gift_pack',
    title: '劳模新春慰问礼包',
    description: '新春慰问品一份，工会干部上门或到点领取',
    valueFen: 50_000,
    fund: 'B3',
    category: 'C10',
    tags: ['model_worker'],
    archive: [],
    points: ['市总工会职工服务大厅'],
  },
];

const ENTERPRISES = ['湖州吴兴智能装备有限公司', '织里镇星童服饰有限公司', '南浔森美木业有限公司', '湖州公交集团有限公司', '湖州安达出租汽车有限公司', '吴兴顺达快递服务站', '湖州南浔家居制造有限公司', '湖州织里云裳服饰有限公司'];
const PEOPLE: { name: string; category: string; newForm?: boolean; money: number; goods: number; fund: string }[] = [
  { name: '沈国平', category: 'C11', money: 100_000, goods: 20_000, fund: 'B2' },
  { name: '陆美芳', category: 'C2', money: 200_000, goods: 0, fund: 'B3' },
  { name: '吴建新', category: 'C4', money: 150_000, goods: 10_000, fund: 'B3' },
  { name: '朱小龙', category: 'C7', newForm: true, money: 50_000, goods: 15_000, fund: 'B3' },
  { name: '钱红英', category: 'C10', money: 100_000, goods: 30_000, fund: 'B1' },
  { name: '周志刚', category: 'C5', money: 50_000, goods: 10_000, fund: 'B3' },
  { name: '孙立伟', category: 'C7', newForm: true, money: 30_000, goods: 10_000, fund: 'B4' },
  { name: '姚桂花', category: 'C1', money: 80_000, goods: 10_000, fund: 'B2' },
  { name: '冯卫东', category: 'C9', money: 60_000, goods: 0, fund: 'B5' },
  { name: '许文静', category: 'C3', money: 60_000, goods: 10_000, fund: 'B3' },
];

interface Person {
  memberId: string;
  userId: string;
  unionId: string;
  unionPath: string;
  tags: string[];
  archiveCategory: string | null;
}

const issued = new Set<string>();
/** A pickup code no other demo claim holds (the unique index would refuse a clash). */
function code(): string {
  for (;;) {
    const c = pickupCodeFrom(() => randomInt(0, 1_000_000) / 1_000_000);
    if (!issued.has(c)) {
      issued.add(c);
      return c;
    }
  }
}

async function seedWinter(
  db: Db,
  o: { unions: Unions; people: Person[]; staffUserId: string; name: string; startsOn: string; endsOn: string; lastDay: string; handOverShare: number; claimShare: number; scale: number },
): Promise<void> {
  const city = o.unions.get('city')!;
  const start = fromShanghai(Number(o.startsOn.slice(0, 4)), Number(o.startsOn.slice(5, 7)), Number(o.startsOn.slice(8, 10)), 9);
  const last = fromShanghai(Number(o.lastDay.slice(0, 4)), Number(o.lastDay.slice(5, 7)), Number(o.lastDay.slice(8, 10)), 9);
  const span = Math.max(DAY, last.getTime() - start.getTime());
  const at = (i: number, n: number) => new Date(start.getTime() + Math.floor((span * (i + 1)) / (n + 1)));
  const [c] = await db.insert(campaigns).values({ unionId: city.id, unionPath: city.path, name: o.name, startsOn: o.startsOn, endsOn: o.endsOn, createdBy: o.staffUserId, createdAt: new Date(start.getTime() - 10 * DAY) }).returning();

  const offerIds: string[] = [];
  for (const s of OFFERS) {
    const eligible = o.people.filter((p) => p.tags.some((t) => s.tags.includes(t as MemberTag)) || (p.archiveCategory !== null && s.archive.includes(p.archiveCategory)));
    const claimers = eligible.slice(0, Math.round(eligible.length * o.claimShare));
    const handed = Math.round(claimers.length * o.handOverShare);
    const [offer] = await db
      .insert(campaignOffers)
      .values({
        campaignId: c!.id,
        unionId: city.id,
        unionPath: city.path,
        kind: s.kind,
        title: s.title,
        description: s.description,
        valueFen: s.valueFen,
        fund: s.fund,
        category: s.category,
        audienceTags: s.tags,
        archiveCategories: s.archive,
        pickupPoints: s.points,
        pickupFrom: o.startsOn,
        pickupTo: o.endsOn,
        delivery: s.kind === 'gift_pack',
        claimedCount: claimers.length,
        handedOverCount: handed,
        createdBy: o.staffUserId,
        createdAt: new Date(start.getTime() - 5 * DAY),
      })
      .returning({ id: campaignOffers.id });
    offerIds.push(offer!.id);
    if (claimers.length === 0) continue;
    await db.insert(campaignClaims).values(
      claimers.map((p, i) => {
        const claimedAt = at(i, claimers.length * 2);
        const delivery = s.kind === 'gift_pack' && i % 4 === 3;
        const handedOverAt = i < handed ? new Date(Math.min(last.getTime(), claimedAt.getTime() + 2 * DAY)) : null;
        return {
          offerId: offer!.id,
          memberId: p.memberId,
          userId: p.userId,
          memberUnionId: p.unionId,
          recipientCategory: recipientCategory(s.category, { tags: p.tags, archiveCategory: p.archiveCategory }),
          memberUnionPath: p.unionPath,
          newForm: p.tags.includes('new_form'),
          pickupCode: code(),
          pickupPoint: delivery ? null : s.points[i % s.points.length]!,
          pickupDate: delivery ? null : shanghaiDate(new Date(claimedAt.getTime() + 2 * DAY)),
          deliveryAddress: delivery ? '湖州市吴兴区爱山街道（演示地址）' : null,
          claimedAt,
          handedOverAt,
          handedOverBy: handedOverAt ? o.staffUserId : null,
        };
      }),
    );
  }

  const on = (i: number, n: number) => shanghaiDate(at(i, n));
  await db.insert(campaignSponsors).values([
    { campaignId: c!.id, unionId: city.id, unionPath: city.path, offerId: offerIds[0]!, donorName: '湖州同心建设有限公司', donorKind: 'enterprise', moneyFen: 2_000_000 * o.scale, goodsFen: 0, goods: '', receivedOn: on(0, 4), createdBy: o.staffUserId, createdAt: at(0, 4) },
    { campaignId: c!.id, unionId: city.id, unionPath: city.path, offerId: offerIds[0]!, donorName: '湖州南浔家居制造有限公司', donorKind: 'enterprise', moneyFen: 0, goodsFen: 800_000 * o.scale, goods: '大米、食用油', receivedOn: on(1, 4), createdBy: o.staffUserId, createdAt: at(1, 4) },
    { campaignId: c!.id, unionId: city.id, unionPath: city.path, offerId: null, donorName: '陈女士', donorKind: 'individual', moneyFen: 0, goodsFen: 300_000, goods: '羽绒服20件', receivedOn: on(2, 4), createdBy: o.staffUserId, createdAt: at(2, 4) },
  ]);

  // Visits: the districts' and the transport union's staff, to enterprises and people
  const visitors = ['wuxing', 'nanxun', 'transport'].map((k) => o.unions.get(k)!);
  const enterprises = ENTERPRISES.slice(0, 3 + 2 * o.scale);
  const people = PEOPLE.slice(0, 4 + 3 * o.scale);
  const n = enterprises.length + people.length;
  await db.insert(warmthVisits).values([
    ...enterprises.map((name, i) => {
      const u = visitors[i % visitors.length]!;
      return { unionId: u.id, unionPath: u.path, visitedOn: on(i, n), target: 'enterprise' as const, name, category: null, newForm: false, moneyFen: 0, goodsFen: 200_000, fund: 'B3', note: '了解生产经营和职工安置情况', createdBy: o.staffUserId, createdAt: at(i, n) };
    }),
    ...people.map((p, i) => {
      const u = visitors[i % visitors.length]!;
      return { unionId: u.id, unionPath: u.path, visitedOn: on(enterprises.length + i, n), target: 'person' as const, name: p.name, category: p.category, newForm: !!p.newForm, moneyFen: p.money, goodsFen: p.goods, fund: p.fund, note: '', createdBy: o.staffUserId, createdAt: at(enterprises.length + i, n) };
    }),
  ]);
}

/** Both winters; hand-entered figures only for the closed one (they are reported at the end). */
export async function seedDemoCampaigns(db: Db, unions: Unions, staffUserId: string, now: Date): Promise<void> {
  const rows = await queryRows<{ member_id: string; user_id: string; union_id: string; path: string; tags: string[] | string }>(
    db,
    sql`select m.id as member_id, m.user_id, m.union_id, u.path, m.tags from members m join unions u on u.id = m.union_id where m.status = 'active' order by m.member_no`,
  );
  const archived = new Map(
    (await queryRows<{ member_id: string; category: string }>(db, sql`select member_id, category from hardship_archive where status = 'active'`)).map((r) => [r.member_id, r.category]),
  );
  const people: Person[] = rows.map((r) => ({
    memberId: r.member_id,
    userId: r.user_id,
    unionId: r.union_id,
    unionPath: r.path,
    tags: Array.isArray(r.tags) ? r.tags : String(r.tags).replace(/[{}]/g, '').split(',').filter(Boolean),
    archiveCategory: archived.get(r.member_id) ?? null,
  }));
  // The demo's first member (张晓明) signs in to look around: this winter's offers are all still his to claim.
  const others = people.slice(1);

  await seedWinter(db, { unions, people: others, staffUserId, name: '2026年元旦春节送温暖', startsOn: '2025-12-15', endsOn: '2026-03-03', lastDay: '2026-02-28', claimShare: 0.9, handOverShare: 1, scale: 2 });
  const today = shanghaiDate(now);
  const startsOn = today < '2026-12-15' ? shanghaiDate(new Date(now.getTime() - 3 * DAY)) : '2026-12-15';
  const lastDay = shanghaiDate(new Date(now.getTime() - DAY)) > startsOn ? shanghaiDate(new Date(now.getTime() - DAY)) : startsOn;
  await seedWinter(db, { unions, people: others, staffUserId, name: '2027年元旦春节送温暖', startsOn, endsOn: '2027-02-20', lastDay, claimShare: 0.5, handOverShare: 0.5, scale: 1 });

  // This winter's letter (template one) to every member; about a third have opened it.
  const [thisWinter] = await queryRows<{ id: string }>(db, sql`select id from campaigns where name = '2027年元旦春节送温暖'`);
  await seedCouplets(db, { campaignId: thisWinter!.id, unions, staffUserId, startsOn, endsOn: '2027-02-20', now });
  const city = unions.get('city')!;
  const sentAt = new Date(now.getTime() - 2 * DAY);
  const [letter] = await db.insert(campaignLetters).values({ campaignId: thisWinter!.id, unionId: city.id, unionPath: city.path, template: 'one', title: LETTER_TEXTS.one.title, body: LETTER_TEXTS.one.body, year: 2027, sentBy: staffUserId, sentAt }).returning();
  const names = new Map((await queryRows<{ id: string; name: string }>(db, sql`select id, name from members where status = 'active'`)).map((r) => [r.id, r.name]));
  const rec = await db
    .insert(campaignLetterRecipients)
    .values(people.map((p, i) => ({ letterId: letter!.id, memberId: p.memberId, userId: p.userId, memberName: names.get(p.memberId) ?? '', shareToken: randomBytes(18).toString('base64url'), openedAt: i % 3 === 1 ? new Date(sentAt.getTime() + (i + 1) * 60_000) : null, createdAt: sentAt })))
    .returning({ id: campaignLetterRecipients.id, userId: campaignLetterRecipients.userId });
  await db.insert(notices).values(rec.map((r) => ({ userId: r.userId, kind: 'campaign.letter', title: `湖州市总工会给您的${LETTER_TEXTS.one.title}`, body: '点击阅读工会的新春慰问信，也可以转给家人看。', linkPage: NOTICE_PAGES.letter, linkId: r.id, createdAt: sentAt })));

  // Last winter's reported figures nobody's records hold (the season's default period on the form).
  const wuxing = unions.get('wuxing')!;
  const nanxun = unions.get('nanxun')!;
  const entries: [typeof wuxing, string, number][] = [
    [wuxing, 'G', 46],
    [wuxing, 'H', 12],
    [wuxing, 'I', 18_600_000],
    [wuxing, 'E1', 35],
    [wuxing, 'F1', 60],
    [nanxun, 'G', 28],
    [nanxun, 'E1', 21],
    [nanxun, 'K1', 6],
  ];
  await db.insert(warmthFormEntries).values(entries.map(([u, c, value]) => ({ unionId: u.id, unionPath: u.path, periodFrom: '2025-11-01', periodTo: '2026-03-31', code: c, value, enteredBy: staffUserId, enteredAt: fromShanghai(2026, 3, 5, 10) })));
}

/** This winter's 送春联: 300 sets for every member of the city, nobody has grabbed yet (its stock is a voucher batch with the offer's id). */
async function seedCouplets(db: Db, o: { campaignId: string; unions: Unions; staffUserId: string; startsOn: string; endsOn: string; now: Date }): Promise<void> {
  const city = o.unions.get('city')!;
  const startsAt = campaignWindow({ startsOn: o.startsOn, endsOn: o.endsOn }).startsAt;
  const endsAt = campaignWindow({ startsOn: o.startsOn, endsOn: o.endsOn }).endsAt;
  const [b] = await db
    .insert(voucherBatches)
    .values({
      unionId: city.id,
      unionPath: city.path,
      createdBy: o.staffUserId,
      title: '书法家手写春联',
      description: '市书协书法家现场书写的春联一副（含福字），到点领取或邮寄到家',
      kind: 'direct',
      faceValueFen: 2_000,
      stockTotal: 300,
      perMemberLimit: 1,
      schedule: { type: 'window', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      validity: { type: 'until', endsAt: endsAt.toISOString() },
      period: o.startsOn.slice(0, 7),
      startsAt,
      endsAt,
      status: 'published',
      createdAt: o.now,
      publishedAt: o.now,
      purpose: 'couplets',
    })
    .returning({ id: voucherBatches.id });
  await db.insert(campaignOffers).values({
    id: b!.id,
    batchId: b!.id,
    campaignId: o.campaignId,
    unionId: city.id,
    unionPath: city.path,
    kind: 'couplets',
    title: '书法家手写春联',
    description: '市书协书法家现场书写的春联一副（含福字），到点领取或邮寄到家',
    valueFen: 2_000,
    fund: 'B3',
    category: 'C7',
    pickupPoints: ['市总工会职工服务大厅', '吴兴区职工服务中心'],
    pickupFrom: o.startsOn,
    pickupTo: o.endsOn,
    delivery: true,
    createdBy: o.staffUserId,
    createdAt: o.now,
  });
}
