import { describe, expect, it } from 'vitest';
import { assessHardship, DEMO_THRESHOLDS, incomePerHeadFen, type HardshipFacts } from './hardship';

/** A worker with a labour contract, nothing else: each case changes what it is about. */
const base: HardshipFacts = {
  household: [{ monthlyIncomeFen: 300_000 }],
  causes: [],
  medicalSelfPayFen: 0,
  labourContract: true,
  stableMigrantWorker: false,
  dibaoEdgeRecognised: false,
  modelWorker: null,
};
const family = (...yuan: number[]) => yuan.map((y) => ({ monthlyIncomeFen: Math.round(y * 100) }));
const groupsOf = (f: Partial<HardshipFacts>) => assessHardship({ ...base, ...f }, DEMO_THRESHOLDS).groups.map((g) => g.group);

describe('income per head', () => {
  it('divides the household income by everyone in it, rounding down to the fen', () => {
    expect(incomePerHeadFen(family(3000, 1800, 0))).toBe(160_000);
    expect(incomePerHeadFen(family(1000, 0, 0))).toBe(33_333);
    expect(incomePerHeadFen([])).toBe(0);
  });
});

describe('生活困难 (seed 004: within 2× 低保 of 900 yuan, a labour contract, illness / schooling / disaster)', () => {
  it('takes a family of three on 4,800 yuan a month with a child at school: 1,600 yuan a head', () => {
    const a = assessHardship({ ...base, household: family(3000, 1800, 0), causes: ['schooling'] }, DEMO_THRESHOLDS);
    expect(a.incomePerHeadFen).toBe(160_000);
    expect(a.dibaoMultiple).toBe(1.78);
    expect(a.groups.map((g) => g.group)).toEqual(['living']);
    expect(a.groups[0]!.reasons.join('；')).toContain('1800元');
  });
  it('includes 1,800 yuan a head exactly (以内), and not one fen more', () => {
    expect(groupsOf({ household: family(1800), causes: ['illness'] })).toContain('living');
    expect(groupsOf({ household: family(1800.01), causes: ['illness'] })).not.toContain('living');
  });
  it('needs a cause the seed names, and a labour contract or a migrant worker in a stable job', () => {
    expect(groupsOf({ household: family(1000), causes: ['unemployment'] })).toEqual([]);
    expect(groupsOf({ household: family(1000), causes: ['disaster'], labourContract: false })).toEqual([]);
    expect(groupsOf({ household: family(1000), causes: ['other'], labourContract: false, stableMigrantWorker: true })).toEqual(['living']);
  });
  it('says why when nothing fits', () => {
    const a = assessHardship({ ...base, household: family(2000), causes: ['schooling'] }, DEMO_THRESHOLDS);
    expect(a.groups).toEqual([]);
    expect(a.misses).toEqual(['生活困难：家庭人均月收入2000元，超过低保标准2倍（1800元）']);
  });
});

describe('大病困难 (seed 004: within 3× 低保 and over 10,000 yuan of self-paid medical costs a year)', () => {
  it('takes 2,700 yuan a head exactly with 10,000.01 yuan of costs, not 10,000 yuan exactly', () => {
    expect(groupsOf({ household: family(2700), causes: ['illness'], medicalSelfPayFen: 1_000_001 })).toEqual(['serious_illness']);
    expect(groupsOf({ household: family(2700), causes: ['illness'], medicalSelfPayFen: 1_000_000 })).toEqual([]);
    expect(groupsOf({ household: family(2700.01), causes: ['illness'], medicalSelfPayFen: 2_000_000 })).toEqual([]);
  });
  it('finds both groups for a poorer family with a serious illness', () => {
    expect(groupsOf({ household: family(3000, 0), causes: ['illness'], medicalSelfPayFen: 3_500_000 })).toEqual(['serious_illness', 'living']);
  });
  it('needs a labour contract', () => {
    const a = assessHardship({ ...base, household: family(1000), causes: ['illness'], medicalSelfPayFen: 2_000_000, labourContract: false }, DEMO_THRESHOLDS);
    expect(a.groups).toEqual([]);
    expect(a.misses).toContain('大病困难：需有劳动合同');
  });
});

describe('低保边缘 and 困难劳模', () => {
  it('takes a worker civil affairs recognise as 低保边缘, with a labour contract', () => {
    expect(groupsOf({ dibaoEdgeRecognised: true })).toEqual(['dibao_edge']);
    expect(groupsOf({ dibaoEdgeRecognised: true, labourContract: false })).toEqual([]);
  });
  it('takes a district-level model worker fallen ill, whatever the income; not an enterprise-level one', () => {
    expect(groupsOf({ household: family(8000), modelWorker: 'district', causes: ['illness'] })).toEqual(['model_worker']);
    expect(groupsOf({ household: family(8000), modelWorker: 'national', causes: ['accident'] })).toEqual(['model_worker']);
    expect(groupsOf({ household: family(8000), modelWorker: 'enterprise', causes: ['illness'] })).toEqual([]);
    expect(groupsOf({ household: family(8000), modelWorker: 'city', causes: ['schooling'] })).toEqual([]);
  });
});

describe('thresholds are data', () => {
  it('follows another area’s 低保 standard', () => {
    const hangzhou = { ...DEMO_THRESHOLDS, dibaoFen: 117_000 };
    const f = { ...base, household: family(2300), causes: ['schooling' as const] };
    expect(assessHardship(f, DEMO_THRESHOLDS).groups).toEqual([]);
    expect(assessHardship(f, hangzhou).groups.map((g) => g.group)).toEqual(['living']);
  });
});
