/*
 * Demo hardship data: two staff members with the 困难职工帮扶 duty (13900000041 at 吴兴区总工会,
 * 13900000042 at 湖州市总工会, so relief above the line has a second person), the city's
 * thresholds, forty applications across the groups and states (every member the demo tagged
 * 困难职工 is archived, so tag and archive agree), relief paid over this year and last, a few
 * payments waiting for the second person or the bank, two imported lists with matches, and reads.
 */
import { eq } from 'drizzle-orm';
import {
  assessHardship,
  DEMO_THRESHOLDS,
  HARDSHIP_CONSENT_VERSION,
  maskBankCard,
  maskIdNumber,
  type ArchiveCategory,
  type ExitWay,
  type FundSource,
  type HardshipFactsInput,
  type ReliefKind,
} from '@gonghui/shared';
import { blindIndex, decrypt, encrypt, sha256, type Keys } from '../crypto';
import { schema, type Db } from '../db/index';
import { makeIdNumber, pick, prng } from './names';

const { users, staffRoles, staffDuties, unions, members, hardshipSettings, hardshipConsents, hardshipApplications, hardshipArchive, reliefPayments, hardshipReads, hardshipSources, hardshipImports, hardshipImportRows } =
  schema;
const DAY = 86400_000;

export const HARDSHIP_STAFF = [
  { phone: '13900000041', name: '周慧敏', union: '吴兴区总工会' },
  { phone: '13900000042', name: '孙立新', union: '湖州市总工会' },
] as const;

const BANKS = ['中国工商银行湖州分行', '中国农业银行湖州吴兴支行', '湖州银行', '浙江农商银行吴兴支行', '中国建设银行湖州分行'];

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Facts that fall into `group` under the demo thresholds (900 yuan 低保). */
function factsFor(rand: () => number, group: ArchiveCategory): HardshipFactsInput {
  const size = 2 + Math.floor(rand() * 3);
  const perHead = group === 'living' || group === 'deep' ? 120_000 + Math.floor(rand() * 50_000) : group === 'serious_illness' ? 150_000 + Math.floor(rand() * 100_000) : 90_000 + Math.floor(rand() * 200_000);
  const household = Array.from({ length: size }, (_, i) => ({ relation: (i === 0 ? 'self' : i === 1 ? 'spouse' : 'child') as 'self' | 'spouse' | 'child', monthlyIncomeFen: i >= 2 ? 0 : Math.floor((perHead * size) / 2) }));
  const illness = group === 'serious_illness' || group === 'dibao_edge' || rand() < 0.3;
  return {
    household,
    causes: group === 'accident' ? ['accident'] : illness ? ['illness'] : pick(rand, [['schooling'], ['disaster'], ['unemployment', 'schooling']] as const).slice(),
    medicalSelfPayFen: illness ? 1_200_000 + Math.floor(rand() * 3_000_000) : Math.floor(rand() * 300_000),
    labourContract: true,
    stableMigrantWorker: false,
    dibaoEdgeRecognised: group === 'dibao_edge',
    modelWorker: group === 'model_worker' ? 'city' : null,
    healthNote: illness ? pick(rand, ['配偶患尿毒症，每周透析三次', '本人腰椎手术后需长期康复', '孩子患白血病，正在化疗', '母亲中风后半身不遂']) : '',
  };
}

const cardNo = (i: number) => `6222${String(202_600_000_000_000 + i * 7919).padStart(15, '0')}`;

export async function seedDemoHardship(tx: Db, keys: Keys, now: Date): Promise<void> {
  const rand = prng(20261218);
  const unionRows = await tx.select({ id: unions.id, name: unions.name, path: unions.path }).from(unions);
  const unionByName = new Map(unionRows.map((u) => [u.name, u]));
  const staffIds: string[] = [];
  for (const s of HARDSHIP_STAFF) {
    const [user] = await tx.insert(users).values({ phone: s.phone, displayName: s.name }).returning({ id: users.id });
    const unionId = unionByName.get(s.union)!.id;
    await tx.insert(staffRoles).values({ userId: user!.id, unionId, role: 'operator', displayName: s.name });
    await tx.insert(staffDuties).values({ userId: user!.id, unionId, duty: 'hardship' });
    staffIds.push(user!.id);
  }
  const [district, city] = staffIds as [string, string];
  const cityUnion = unionByName.get('湖州市总工会')!;
  const wuxing = unionByName.get('吴兴区总工会')!;
  await tx.insert(hardshipSettings).values({ unionId: cityUnion.id, ...DEMO_THRESHOLDS, secondApprovalAboveFen: 200_000, updatedAt: now });

  const all = await tx
    .select({ id: members.id, name: members.name, tags: members.tags, unionId: members.unionId, path: unions.path, idNumberEnc: members.idNumberEnc, phone: users.phone })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.status, 'active'))
    .orderBy(users.phone);
  // 13800000001 (the demo member) and the first hundred stay clean for the walkthrough and the tests
  const tagged = all.filter((m) => m.tags.includes('hardship'));
  const others = all.filter((m) => !m.tags.includes('hardship') && m.phone > '13800000150');
  const cats: ArchiveCategory[] = ['living', 'serious_illness', 'deep', 'relative', 'dibao_edge', 'model_worker', 'accident'];
  const plan: { m: (typeof all)[number]; state: 'archived' | 'exited' | 'submitted' | 'more_info' | 'rejected' | 'withdrawn'; cat: ArchiveCategory }[] = [
    ...tagged.map((m, i) => ({ m, state: 'archived' as const, cat: cats[i % cats.length]! })),
    ...others.slice(0, Math.max(0, 40 - tagged.length)).map((m, i) => ({ m, state: (['exited', 'exited', 'exited', 'exited', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'more_info', 'more_info', 'rejected', 'rejected', 'withdrawn'] as const)[i % 14]!, cat: cats[(i + 3) % cats.length]! })),
  ];

  const archived: { id: string; memberId: string; name: string; path: string; unionId: string; card: string; bank: string }[] = [];
  const exitWays: ExitWay[] = ['employment', 'social_insurance', 'medical_insurance', 'social_assistance'];
  for (const [i, p] of plan.entries()) {
    const appliedAt = new Date(now.getTime() - (30 + Math.floor(rand() * 500)) * DAY);
    const facts = factsFor(rand, p.cat);
    const groups = assessHardship(facts, DEMO_THRESHOLDS).groups.map((g) => g.group);
    const card = cardNo(i + 1);
    const bank = pick(rand, BANKS);
    const [consent] = await tx
      .insert(hardshipConsents)
      .values({ memberId: p.m.id, version: HARDSHIP_CONSENT_VERSION, givenBy: (await tx.select({ u: members.userId }).from(members).where(eq(members.id, p.m.id)))[0]!.u, givenAt: appliedAt, withdrawnAt: p.state === 'withdrawn' ? new Date(appliedAt.getTime() + 3 * DAY) : null })
      .returning();
    const decided = p.state === 'archived' || p.state === 'exited' || p.state === 'rejected' || p.state === 'more_info';
    const status = p.state === 'archived' || p.state === 'exited' ? 'approved' : p.state;
    const [app] = await tx
      .insert(hardshipApplications)
      .values({
        memberId: p.m.id,
        unionId: p.m.unionId,
        unionPath: p.m.path,
        consentId: consent!.id,
        filedBy: i % 9 === 4 ? district : null,
        status,
        factsEnc: encrypt(keys, JSON.stringify(facts)),
        computedGroups: groups,
        householdSize: facts.household.length,
        documentsHeld: ['id_card', 'household_register', 'income_proof', ...(facts.causes.includes('illness') ? (['medical_bills', 'diagnosis'] as const) : [])],
        bankName: bank,
        bankCardEnc: encrypt(keys, card),
        bankCardMasked: maskBankCard(card),
        category: status === 'approved' ? p.cat : null,
        reviewNote: p.state === 'rejected' ? '家庭人均收入超过本地低保标准3倍，暂不符合建档条件' : p.state === 'more_info' ? '请补充近三个月的家庭成员收入证明' : null,
        reviewedBy: decided ? district : null,
        reviewedAt: decided ? new Date(appliedAt.getTime() + 5 * DAY) : null,
        submittedAt: appliedAt,
        createdAt: appliedAt,
        updatedAt: appliedAt,
      })
      .returning();
    if (status !== 'approved') continue;
    const archivedAt = new Date(appliedAt.getTime() + 5 * DAY);
    // a few re-checks are due (archived more than a year ago)
    const due = new Date(archivedAt.getTime() + 365 * DAY);
    const exitDay = p.state === 'exited' ? shanghaiDay(new Date(now.getTime() - (10 + Math.floor(rand() * 200)) * DAY)) : null;
    const [a] = await tx
      .insert(hardshipArchive)
      .values({
        memberId: p.m.id,
        unionId: p.m.unionId,
        unionPath: p.m.path,
        applicationId: app!.id,
        category: p.cat,
        status: p.state === 'exited' ? 'exited' : 'active',
        bankName: bank,
        bankCardEnc: encrypt(keys, card),
        bankCardMasked: maskBankCard(card),
        archivedBy: district,
        archivedAt,
        recheckDue: shanghaiDay(due),
        exitWay: p.state === 'exited' ? exitWays[i % 4]! : null,
        exitDate: exitDay,
        exitNote: p.state === 'exited' ? '经复核家庭收入已超过标准' : null,
        exitedBy: p.state === 'exited' ? district : null,
      })
      .returning();
    archived.push({ id: a!.id, memberId: p.m.id, name: p.m.name, path: p.m.path, unionId: p.m.unionId, card, bank });
  }

  // relief over this year and last: paid, with kind and source of funds for the statistics forms
  const kinds: ReliefKind[] = ['living', 'medical', 'schooling', 'other'];
  const sources: FundSource[] = ['union', 'union', 'local', 'central', 'donations', 'administrative', 'other'];
  const thisYear = Number(shanghaiDay(now).slice(0, 4));
  let n = 0;
  for (const a of archived) {
    for (const year of [thisYear - 1, thisYear]) {
      const count = 1 + Math.floor(rand() * 2);
      for (let k = 0; k < count; k++) {
        const month = year === thisYear ? 1 + Math.floor(rand() * 10) : 1 + Math.floor(rand() * 12);
        const at = new Date(Date.UTC(year, month - 1, 5 + Math.floor(rand() * 20), 2));
        if (at > now) continue;
        const cash = rand() < 0.8;
        const amountFen = cash ? pick(rand, [50_000, 100_000, 150_000, 200_000, 300_000, 500_000]) : pick(rand, [20_000, 40_000, 60_000]);
        const kind = kinds[n % 4]!;
        const big = amountFen > 200_000;
        n++;
        await tx.insert(reliefPayments).values({
          archiveId: a.id,
          memberId: a.memberId,
          unionId: a.unionId,
          unionPath: a.path,
          kind,
          form: cash ? 'cash' : 'in_kind',
          amountFen,
          fundSource: sources[n % sources.length]!,
          note: cash ? '' : pick(rand, ['米面油慰问品', '冬衣被褥', '学习用品']),
          payeeName: a.name,
          bankName: cash ? a.bank : null,
          bankCardEnc: cash ? encrypt(keys, a.card) : null,
          bankCardMasked: cash ? maskBankCard(a.card) : null,
          status: 'paid',
          recordedBy: district,
          recordedAt: at,
          approvedBy: big ? city : null,
          approvedAt: big ? new Date(at.getTime() + DAY) : null,
          exportedAt: cash ? new Date(at.getTime() + 2 * DAY) : null,
          paidAt: new Date(at.getTime() + 3 * DAY),
          confirmedBy: district,
        });
      }
    }
  }
  // work in progress: one waiting for the second person, two approved waiting for the bank file
  const active = archived.filter((a) => !plan.find((p) => p.m.id === a.memberId && p.state === 'exited'));
  const inWuxing = active.filter((a) => a.path.startsWith(wuxing.path));
  const wip: [number, ReliefKind, number, 'awaiting_approval' | 'approved'][] = [
    [0, 'medical', 500_000, 'awaiting_approval'],
    [1, 'living', 100_000, 'approved'],
    [2, 'schooling', 150_000, 'approved'],
  ];
  for (const [idx, kind, amountFen, status] of wip) {
    const a = inWuxing[idx] ?? active[idx];
    if (!a) continue;
    await tx.insert(reliefPayments).values({
      archiveId: a.id,
      memberId: a.memberId,
      unionId: a.unionId,
      unionPath: a.path,
      kind,
      form: 'cash',
      amountFen,
      fundSource: 'union',
      note: '',
      payeeName: a.name,
      bankName: a.bank,
      bankCardEnc: encrypt(keys, a.card),
      bankCardMasked: maskBankCard(a.card),
      status,
      recordedBy: district,
      recordedAt: new Date(now.getTime() - 2 * DAY),
    });
  }
  // reads the members see
  for (const a of active.slice(0, 8)) {
    await tx.insert(hardshipReads).values({ at: new Date(now.getTime() - 20 * DAY), actorUserId: district, actorUnionId: wuxing.id, memberId: a.memberId, field: 'record', reason: null });
  }
  if (active[0]) await tx.insert(hardshipReads).values({ at: new Date(now.getTime() - 19 * DAY), actorUserId: district, actorUnionId: wuxing.id, memberId: active[0].memberId, field: 'bank_card', reason: '核对银行代发账户' });

  // two pushed lists for 吴兴区's hardship staff: medical self-pay totals and the 低保 list, with a few members who are not archived
  const notArchived = all.filter((m) => !plan.some((p) => p.m.id === m.id) && m.path.startsWith(wuxing.path) && m.phone > '13800000150').slice(0, 6);
  const stranger = (i: number) => makeIdNumber('330502', { y: 1970 + i, m: 1 + (i % 12), d: 1 + i }, 900 + i);
  const idOf = (m: (typeof all)[number]) => decrypt(keys, m.idNumberEnc);
  const medicalCsv = [
    '身份证号,姓名,年度,个人自付金额(元)',
    ...notArchived.slice(0, 3).map((m, i) => `${idOf(m)},${m.name},${thisYear - 1},${[15800.5, 23400, 12050][i]}`),
    ...notArchived.slice(3, 4).map((m) => `${idOf(m)},${m.name},${thisYear - 1},3200`),
    ...[0, 1, 2, 3].map((i) => `${stranger(i)},外部人员${'甲乙丙丁'[i]},${thisYear - 1},${18000 + i * 1000}`),
  ].join('\n');
  const dibaoCsv = ['证件号码,户主姓名,认定类别', ...notArchived.slice(4, 6).map((m) => `${idOf(m)},${m.name},低保边缘`), ...[4, 5, 6].map((i) => `${stranger(i)},外部人员${i},低保`)].join('\n');
  const lists = [
    { kind: 'medical' as const, name: '湖州市医疗保障局吴兴分局', mapping: { idNumber: '身份证号', name: '姓名', amount: '个人自付金额(元)', period: '年度' }, csv: medicalCsv, file: `医保自付${thisYear - 1}.csv` },
    { kind: 'dibao' as const, name: '吴兴区民政局', mapping: { idNumber: '证件号码', name: '户主姓名' }, csv: dibaoCsv, file: '低保边缘名单.csv' },
  ];
  for (const l of lists) {
    const [src] = await tx.insert(hardshipSources).values({ unionId: wuxing.id, kind: l.kind, name: l.name, mapping: l.mapping, updatedBy: district, updatedAt: now }).returning();
    const rows = l.csv.split('\n').slice(1).map((line) => line.split(','));
    const [imp] = await tx
      .insert(hardshipImports)
      .values({ sourceId: src!.id, fileSha256: sha256(l.csv), fileName: l.file, rowCount: rows.length, newRowCount: rows.length, importedBy: district, importedAt: new Date(now.getTime() - 7 * DAY) })
      .returning();
    await tx.insert(hardshipImportRows).values(
      rows.map((r, i) => ({
        sourceId: src!.id,
        importId: imp!.id,
        line: i + 2,
        idNumberHash: blindIndex(keys, r[0]!),
        idNumberMasked: maskIdNumber(r[0]!),
        amountEnc: l.kind === 'medical' ? encrypt(keys, String(Math.round(Number(r[3]) * 100))) : null,
        period: l.kind === 'medical' ? r[2]! : '',
      })),
    );
  }
}
