import { randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addMonths, batchWindow, benefitDayWindow, periodOf, seedCommitment, TICKET_MAX, TICKET_MIN, voucherExpiry, type BatchSchedule, type VoucherBatchInput } from '@gonghui/shared';
import { schema, type Db } from '../db/index';

const { voucherBatches, vouchers, merchants, merchantStaff, users, redemptions, lotteryEntries } = schema;

interface UnionRef {
  id: string;
  path: string;
}

export const DEMO_MERCHANTS = [
  { key: 'appliance', name: '湖州苏宁易购吴兴店', category: '家电', address: '湖州市吴兴区红旗路88号', union: 'city', staff: ['13900000011'] },
  { key: 'cinema', name: '湖州万达影城', category: '演出票务', address: '湖州市吴兴区东吴国际广场3楼', union: 'city', staff: ['13900000012'] },
  { key: 'taxi', name: '湖州安达出租汽车有限公司', category: '出行', address: '湖州市吴兴区环城北路6号', union: 'transport', staff: ['13900000013'] },
  { key: 'market', name: '世纪联华湖州吴兴店', category: '商超', address: '湖州市吴兴区凤凰路199号', union: 'wuxing', staff: ['13900000014'] },
] as const;

type Spec = Omit<VoucherBatchInput, 'audience' | 'schedule' | 'merchantIds' | 'mode' | 'drawAt'> & { union: string; merchants: string[]; drawAt?: Date };

const CITY_BATCHES: Spec[] = [
  { union: 'city', merchants: ['appliance'], title: '家电以旧换新 满1000减100', description: '职工家电以旧换新，满1000元减100元，可叠加使用。', kind: 'threshold', thresholdFen: 100_000, faceValueFen: 10_000, stackable: true, stockTotal: 500, perMemberLimit: 2, validity: { type: 'days', days: 30 } },
  { union: 'city', merchants: ['cinema'], title: '演唱会门票 立减80', description: '湖州万达影城演出票务专用。', kind: 'direct', thresholdFen: null, faceValueFen: 8_000, stackable: false, stockTotal: 200, perMemberLimit: 1, validity: { type: 'days', days: 15 } },
  { union: 'city', merchants: ['taxi'], title: '出行打车 满20减5', description: '市区出租车、网约车出行可用，每人每期限领3张。', kind: 'threshold', thresholdFen: 2_000, faceValueFen: 500, stackable: false, stockTotal: 2_000, perMemberLimit: 3, validity: { type: 'days', days: 30 } },
];

/** Merchants with staff accounts, Benefit Day batches for last, this and next month, a 吴兴区 batch open now, and vouchers some members already used or let expire. */
export async function seedDemoVouchers(tx: Db, unions: Map<string, UnionRef>, memberIds: string[], creatorUserId: string, now: Date): Promise<void> {
  const merchantIds = new Map<string, string>();
  const cashiers = new Map<string, string>();
  for (const m of DEMO_MERCHANTS) {
    const [row] = await tx.insert(merchants).values({ name: m.name, category: m.category, address: m.address, unionId: unions.get(m.union)!.id, createdAt: now }).returning({ id: merchants.id });
    merchantIds.set(m.key, row!.id);
    for (const phone of m.staff) {
      const [u] = await tx.insert(users).values({ phone, displayName: `${m.name}店员` }).returning({ id: users.id });
      await tx.insert(merchantStaff).values({ userId: u!.id, merchantId: row!.id });
      cashiers.set(m.key, u!.id);
    }
  }

  const insertBatch = async (spec: Spec, schedule: BatchSchedule) => {
    const { union, merchants: keys, drawAt, ...input } = spec;
    const seed = drawAt ? randomBytes(32).toString('hex') : null;
    const lottery = drawAt && seed ? { mode: 'lottery' as const, drawAt, lotterySeed: seed, lotterySeedHash: seedCommitment(seed) } : {};
    const w = batchWindow(schedule);
    const u = unions.get(union)!;
    const [row] = await tx
      .insert(voucherBatches)
      .values({
        ...input,
        description: input.description,
        unionId: u.id,
        unionPath: u.path,
        createdBy: creatorUserId,
        audienceTags: [],
        merchantIds: keys.map((k) => merchantIds.get(k)!),
        schedule,
        period: w.period,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
        status: 'published',
        ...lottery,
        createdAt: new Date(Math.min(now.getTime(), w.startsAt.getTime()) - 7 * 86400_000),
        publishedAt: new Date(Math.min(now.getTime(), w.startsAt.getTime()) - 6 * 86400_000),
      })
      .returning();
    return row!;
  };

  const thisMonth = periodOf(now);
  for (const period of [thisMonth, addMonths(thisMonth, 1)]) {
    for (const spec of CITY_BATCHES) await insertBatch(spec, { type: 'benefitDay', month: period, startTime: '10:00' });
  }
  // 吴兴区: open now, so the demo has something to claim whatever the date.
  await insertBatch(
    { union: 'wuxing', merchants: [], title: '吴兴区职工暖心消费券 满100减20', description: '吴兴区总工会为辖区会员发放，吴兴区及全市合作商户均可使用。', kind: 'threshold', thresholdFen: 10_000, faceValueFen: 2_000, stackable: false, stockTotal: 300, perMemberLimit: 1, validity: { type: 'days', days: 14 } },
    { type: 'window', startsAt: new Date(now.getTime() - 86400_000).toISOString(), endsAt: new Date(now.getTime() + 20 * 86400_000).toISOString() },
  );

  await seedDemoLottery(tx, insertBatch, memberIds, now);

  // Last month's appliance batch: twelve members used theirs at the store, eight let them expire.
  const last = await insertBatch({ ...CITY_BATCHES[0]!, validity: { type: 'days', days: 5 } }, { type: 'benefitDay', month: addMonths(thisMonth, -1), startTime: '10:00' });
  const holders = memberIds.slice(0, 20);
  for (const [i, memberId] of holders.entries()) {
    const claimedAt = new Date(last.startsAt.getTime() + (i + 1) * 97_000);
    const expiresAt = voucherExpiry(last.validity, claimedAt);
    const used = i < 12;
    let redemptionId: string | null = null;
    const orderAmountFen = 100_000 + i * 23_500;
    if (used) {
      const [r] = await tx
        .insert(redemptions)
        .values({ merchantId: merchantIds.get('appliance')!, staffUserId: cashiers.get('appliance')!, memberId, batchId: last.id, orderAmountFen, discountFen: 10_000, payableFen: orderAmountFen - 10_000, voucherCount: 1, createdAt: new Date(claimedAt.getTime() + 86400_000) })
        .returning({ id: redemptions.id });
      redemptionId = r!.id;
    }
    await tx.insert(vouchers).values({
      batchId: last.id,
      memberId,
      period: last.period,
      ordinal: 1,
      status: used ? 'used' : 'unused',
      claimedAt,
      expiresAt,
      usedAt: used ? new Date(claimedAt.getTime() + 86400_000) : null,
      merchantId: used ? merchantIds.get('appliance')! : null,
      redemptionId,
      orderAmountFen: used ? orderAmountFen : null,
      discountFen: used ? 10_000 : null,
    });
  }
  await tx.update(voucherBatches).set({ stockClaimed: holders.length }).where(eq(voucherBatches.id, last.id));
}

/**
 * A 摇号 batch to try: registration from yesterday until the coming Benefit Day's 10:00, the draw
 * then, results shown until that day ends. Forty demo members (never 13800000001, who can try it)
 * have registered already for its ten vouchers.
 */
async function seedDemoLottery(tx: Db, insertBatch: (spec: Spec, schedule: BatchSchedule) => Promise<{ id: string }>, memberIds: string[], now: Date): Promise<void> {
  const thisMonth = periodOf(now);
  const month = benefitDayWindow(thisMonth, '10:00').startsAt.getTime() > now.getTime() + 3600_000 ? thisMonth : addMonths(thisMonth, 1);
  const day = benefitDayWindow(month, '10:00');
  const batch = await insertBatch(
    { union: 'city', merchants: ['market'], title: '超市购物 摇号券 满200减50', description: '工惠日上午10点开奖，中签会员每人1张，世纪联华湖州吴兴店可用。', kind: 'threshold', thresholdFen: 20_000, faceValueFen: 5_000, stackable: false, stockTotal: 10, perMemberLimit: 1, validity: { type: 'days', days: 30 }, drawAt: day.startsAt },
    { type: 'window', startsAt: new Date(now.getTime() - 86400_000).toISOString(), endsAt: day.endsAt.toISOString() },
  );
  const tickets = new Set<number>();
  while (tickets.size < 40) tickets.add(randomInt(TICKET_MIN, TICKET_MAX + 1));
  const registrants = memberIds.slice(0, 40);
  await tx.insert(lotteryEntries).values(registrants.map((memberId, i) => ({ batchId: batch.id, memberId, ticket: [...tickets][i]!, registeredAt: new Date(now.getTime() - (i + 1) * 600_000) })));
}
