import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { maskIdNumber, type MemberTag, type UnionKind } from '@gonghui/shared';
import { blindIndex, encrypt, type Keys } from '../crypto';
import { schema, type Db } from '../db/index';
import { GIVEN, SURNAMES, makeIdNumber, pick, prng } from './names';
import { seedDemoHardship } from './hardship';
import { seedDemoActivities } from './activities';
import { seedDemoCampaigns } from './campaigns';
import { seedDemoVouchers } from './vouchers';
import { seedDemoWishes } from './wishes';

const { unions, users, members, staffRoles, donors } = schema;

interface UnionSeed {
  key: string;
  name: string;
  kind: UnionKind;
  parent?: string;
  region: string;
  approval?: 'auto' | 'manual';
}

/** A believable Huzhou hierarchy: the city federation, two districts, one industry union, seven grassroots unions. */
export const DEMO_UNIONS: UnionSeed[] = [
  { key: 'city', name: '湖州市总工会', kind: 'federation', region: '330501' },
  { key: 'wuxing', name: '吴兴区总工会', kind: 'district', parent: 'city', region: '330502' },
  { key: 'nanxun', name: '南浔区总工会', kind: 'district', parent: 'city', region: '330503' },
  { key: 'transport', name: '湖州市交通运输产业工会', kind: 'industry', parent: 'city', region: '330501' },
  { key: 'wx-equip', name: '湖州吴兴智能装备有限公司工会', kind: 'grassroots', parent: 'wuxing', region: '330502' },
  { key: 'wx-kids', name: '织里童装产业园联合工会', kind: 'grassroots', parent: 'wuxing', region: '330502', approval: 'manual' },
  { key: 'wx-express', name: '吴兴区快递物流行业联合工会', kind: 'grassroots', parent: 'wuxing', region: '330502' },
  { key: 'nx-floor', name: '南浔木业家居产业联合工会', kind: 'grassroots', parent: 'nanxun', region: '330503' },
  { key: 'nx-tour', name: '南浔古镇旅游发展有限公司工会', kind: 'grassroots', parent: 'nanxun', region: '330503' },
  { key: 'tr-bus', name: '湖州公交集团有限公司工会', kind: 'grassroots', parent: 'transport', region: '330501' },
  { key: 'tr-taxi', name: '湖州出租汽车行业联合工会', kind: 'grassroots', parent: 'transport', region: '330501' },
];

const EMPLOYERS: Record<string, string[]> = {
  'wx-equip': ['湖州吴兴智能装备有限公司'],
  'wx-kids': ['织里镇星童服饰有限公司', '织里镇小熊童装厂', '湖州织里云裳服饰有限公司'],
  'wx-express': ['吴兴顺达快递服务站', '湖州城东速运网点', '吴兴区同城即时配送站'],
  'nx-floor': ['南浔森美木业有限公司', '湖州南浔家居制造有限公司'],
  'nx-tour': ['南浔古镇旅游发展有限公司'],
  'tr-bus': ['湖州公交集团有限公司'],
  'tr-taxi': ['湖州安达出租汽车有限公司', '湖州顺风出租汽车有限公司'],
};

const TAGS_BY_UNION: Record<string, MemberTag[]> = {
  'wx-express': ['new_form', 'frontline'],
  'tr-taxi': ['new_form', 'frontline'],
  'tr-bus': ['frontline'],
  'wx-kids': ['migrant', 'frontline'],
  'nx-floor': ['migrant', 'frontline'],
};

export const DEMO_STAFF = [
  { phone: '13900000001', name: '沈建华', union: 'city', role: 'admin' as const },
  { phone: '13900000002', name: '钱丽萍', union: 'wuxing', role: 'admin' as const },
  { phone: '13900000003', name: '姚志强', union: 'wx-equip', role: 'admin' as const },
];

export const DEMO_MEMBER_COUNT = 300;
const GRASSROOTS = DEMO_UNIONS.filter((u) => u.kind === 'grassroots').map((u) => u.key);

/** Seeds the demo data once; a second call (or a second process) finds it there and does nothing. */
export async function seedDemoData(db: Db, keys: Keys, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(unions)) as [{ n: number }];
    if (Number(n) > 0) return false;

    const ids = new Map<string, { id: string; path: string; depth: number }>();
    for (const u of DEMO_UNIONS) {
      const id = randomUUID();
      const parent = u.parent ? ids.get(u.parent)! : undefined;
      const path = `${parent?.path ?? '/'}${id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      ids.set(u.key, { id, path, depth });
      await tx.insert(unions).values({
        id,
        name: u.name,
        kind: u.kind,
        parentId: parent?.id ?? null,
        path,
        depth,
        joinApproval: u.approval ?? 'auto',
        joinCode: `HZ${u.key.replace(/[^a-z]/g, '').toUpperCase().slice(0, 8)}${String(depth)}`,
      });
    }

    let cityStaffId = '';
    for (const s of DEMO_STAFF) {
      const [user] = await tx.insert(users).values({ phone: s.phone, displayName: s.name }).returning({ id: users.id });
      if (s.union === 'city') cityStaffId = user!.id;
      await tx.insert(staffRoles).values({ userId: user!.id, unionId: ids.get(s.union)!.id, role: s.role, displayName: s.name });
    }

    const [donor1] = await tx.insert(users).values({ phone: '13700000001', displayName: '陈爱心' }).returning({ id: users.id });
    await tx.insert(donors).values({ userId: donor1!.id, kind: 'individual', displayName: '陈女士' });
    const [donor2] = await tx.insert(users).values({ phone: '13700000002', displayName: '湖州同心建设有限公司' }).returning({ id: users.id });
    await tx.insert(donors).values({ userId: donor2!.id, kind: 'enterprise', displayName: '湖州同心建设有限公司' });

    const rand = prng(20261120);
    const memberRows: (typeof members.$inferInsert)[] = [];
    for (let i = 1; i <= DEMO_MEMBER_COUNT; i++) {
      // The first member sits under 吴兴区 (seen by demo staff 2 and 3); the rest spread out.
      const unionKey = i === 1 ? 'wx-equip' : GRASSROOTS[(i * 3) % GRASSROOTS.length]!;
      const seedUnion = DEMO_UNIONS.find((u) => u.key === unionKey)!;
      const name = i === 1 ? '张晓明' : pick(rand, SURNAMES) + pick(rand, GIVEN);
      const birth = { y: 1966 + Math.floor(rand() * 36), m: 1 + Math.floor(rand() * 12), d: 1 + Math.floor(rand() * 28) };
      const idNumber = makeIdNumber(seedUnion.region, birth, i);
      const phone = `138${String(i).padStart(8, '0')}`;
      const [user] = await tx.insert(users).values({ phone, displayName: name }).returning({ id: users.id });
      const pool = TAGS_BY_UNION[unionKey] ?? ['frontline'];
      const tags = new Set<MemberTag>();
      if (rand() < 0.7) tags.add(pick(rand, pool));
      if (rand() < 0.06) tags.add('model_worker');
      if (rand() < 0.08) tags.add('hardship');
      memberRows.push({
        userId: user!.id,
        unionId: ids.get(unionKey)!.id,
        name,
        idNumberEnc: encrypt(keys, idNumber),
        idNumberHash: blindIndex(keys, idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        employer: pick(rand, EMPLOYERS[unionKey]!),
        memberNo: sql`'HZ' || nextval('member_no_seq')` as unknown as string,
        tags: [...tags],
        status: seedUnion.approval === 'manual' && i % 25 === 0 ? 'pending' : 'active',
        joinedAt: new Date(now.getTime() - Math.floor(rand() * 700) * 86400_000),
      });
    }
    const inserted = await tx.insert(members).values(memberRows).returning({ id: members.id, status: members.status });
    // members 2..21 hold last month's vouchers (13800000001 starts with a clean slate)
    const holders = inserted.slice(1).filter((m) => m.status === 'active').map((m) => m.id);
    await seedDemoVouchers(tx, ids, holders, cityStaffId, now);
    await seedDemoWishes(tx, keys, now, cityStaffId);
    await seedDemoActivities(tx, keys, ids, cityStaffId, now);
    await seedDemoHardship(tx, keys, now);
    await seedDemoCampaigns(tx, ids, cityStaffId, now);
    return true;
  });
}
