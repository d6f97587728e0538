/*
 * Who appears to qualify for the hardship archive (困难职工建档), from the family's facts and the
 * area's thresholds. The thresholds are data (per area, set by staff), not code: the demo's are
 * seed 004's (低保 900 yuan per person per month, 2× for 生活困难, 3× for 大病困难, self-paid
 * medical costs over 10,000 yuan a year). The result is what the app shows the applicant before
 * sending ("you appear to fall into … because …"); staff decide, and may choose a national
 * category (深度困难, 相对困难, 意外致困) the rules do not compute.
 */

import { formatFen } from '../money';

export const HARDSHIP_CAUSES = ['illness', 'disability', 'unemployment', 'accident', 'schooling', 'disaster', 'enterprise', 'other'] as const;
export type HardshipCause = (typeof HARDSHIP_CAUSES)[number];
export const hardshipCauseLabels: Record<HardshipCause, string> = {
  illness: '患病',
  disability: '残疾',
  unemployment: '下岗失业',
  accident: '突发意外',
  schooling: '子女读书',
  disaster: '遭受灾害',
  enterprise: '企业停发减发工资',
  other: '其他',
};

/** The groups the rules compute (seed 004, Changzhou): 低保边缘, 大病困难, 生活困难, 困难劳模. */
export const COMPUTED_GROUPS = ['dibao_edge', 'serious_illness', 'living', 'model_worker'] as const;
export type ComputedGroup = (typeof COMPUTED_GROUPS)[number];
/** What staff may archive into: the national categories (chosen by staff) and the computed groups. */
export const ARCHIVE_CATEGORIES = ['deep', 'relative', 'accident', ...COMPUTED_GROUPS] as const;
export type ArchiveCategory = (typeof ARCHIVE_CATEGORIES)[number];
export const archiveCategoryLabels: Record<ArchiveCategory, string> = {
  deep: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
  dibao_edge: '低保边缘',
  serious_illness: '大病困难',
  living: '生活困难',
  model_worker: '困难劳模',
};

export interface HardshipThresholds {
  /** 低保标准, fen per person per month. */
  dibaoFen: number;
  /** 生活困难: income per head within this many times 低保. */
  livingMultiple: number;
  /** 大病困难: income per head within this many times 低保… */
  illnessMultiple: number;
  /** …and yearly self-paid medical costs above this (fen). */
  medicalSelfPayFen: number;
}

/** Seed 004's figures, the demo area's thresholds. */
export const DEMO_THRESHOLDS: HardshipThresholds = { dibaoFen: 90_000, livingMultiple: 2, illnessMultiple: 3, medicalSelfPayFen: 1_000_000 };

export const MODEL_WORKER_LEVELS = ['enterprise', 'district', 'city', 'province', 'national'] as const;
export type ModelWorkerLevel = (typeof MODEL_WORKER_LEVELS)[number];

export interface HardshipFacts {
  /** Everyone in the household, the worker included, with their monthly income in fen. */
  household: { monthlyIncomeFen: number }[];
  causes: HardshipCause[];
  /** Self-paid and out-of-pocket medical costs over the last year, fen. */
  medicalSelfPayFen: number;
  /** 有劳动合同的职工. */
  labourContract: boolean;
  /** A migrant worker (农民工) in a stable labour relation, which 生活困难 also admits. */
  stableMigrantWorker: boolean;
  /** Recognised by civil affairs as a 低保边缘 family with serious illness. */
  dibaoEdgeRecognised: boolean;
  /** The highest model-worker title, if any. */
  modelWorker: ModelWorkerLevel | null;
}

/** Monthly income per head in fen, rounded down (a family of none has none). */
export function incomePerHeadFen(household: { monthlyIncomeFen: number }[]): number {
  if (household.length === 0) return 0;
  const total = household.reduce((sum, m) => sum + m.monthlyIncomeFen, 0);
  return Math.floor(total / household.length);
}

export interface GroupFinding {
  group: ComputedGroup;
  /** Why, in words the applicant reads. */
  reasons: string[];
}

export interface HardshipAssessment {
  incomePerHeadFen: number;
  /** Income per head as a multiple of 低保, to two decimals. */
  dibaoMultiple: number;
  groups: GroupFinding[];
  /** Why no group fits (empty when one does). */
  misses: string[];
}

/** 180000 → "1800元", 180001 → "1800.01元" (no locale APIs: the mini-program's engine lacks them). */
const yuan = (fen: number) => `${formatFen(fen).replace('¥', '')}元`;
const LIVING_CAUSES: HardshipCause[] = ['illness', 'schooling', 'disaster'];
const MODEL_CAUSES: HardshipCause[] = ['illness', 'unemployment', 'accident'];
const DISTRICT_OR_ABOVE: ModelWorkerLevel[] = ['district', 'city', 'province', 'national'];

/** The groups the family appears to fall into, each with its reasons, and why the others do not fit. */
export function assessHardship(f: HardshipFacts, t: HardshipThresholds): HardshipAssessment {
  const perHead = incomePerHeadFen(f.household);
  const groups: GroupFinding[] = [];
  const misses: string[] = [];
  const within = (multiple: number) => perHead <= t.dibaoFen * multiple;
  const perHeadText = `家庭人均月收入${yuan(perHead)}`;

  if (f.dibaoEdgeRecognised && f.labourContract) groups.push({ group: 'dibao_edge', reasons: ['民政部门认定的低保边缘重病困难对象', '在职职工（有劳动合同）'] });
  else if (f.dibaoEdgeRecognised) misses.push('低保边缘：需为有劳动合同的在职职工');

  const seriousCost = f.medicalSelfPayFen > t.medicalSelfPayFen;
  if (f.labourContract && within(t.illnessMultiple) && seriousCost) {
    groups.push({
      group: 'serious_illness',
      reasons: [`${perHeadText}，在低保标准${t.illnessMultiple}倍（${yuan(t.dibaoFen * t.illnessMultiple)}）以内`, `年自负医疗费${yuan(f.medicalSelfPayFen)}，超过${yuan(t.medicalSelfPayFen)}`],
    });
  } else if (seriousCost || f.causes.includes('illness')) {
    if (!f.labourContract) misses.push('大病困难：需有劳动合同');
    else if (!within(t.illnessMultiple)) misses.push(`大病困难：${perHeadText}，超过低保标准${t.illnessMultiple}倍（${yuan(t.dibaoFen * t.illnessMultiple)}）`);
    else misses.push(`大病困难：年自负医疗费需超过${yuan(t.medicalSelfPayFen)}`);
  }

  const employed = f.labourContract || f.stableMigrantWorker;
  const livingCause = f.causes.some((c) => LIVING_CAUSES.includes(c)) || (f.stableMigrantWorker && f.causes.length > 0);
  if (employed && within(t.livingMultiple) && livingCause) {
    groups.push({
      group: 'living',
      reasons: [
        `${perHeadText}，在低保标准${t.livingMultiple}倍（${yuan(t.dibaoFen * t.livingMultiple)}）以内`,
        f.labourContract ? '有劳动合同' : '有稳定劳动关系的农民工',
        `致困原因：${f.causes.map((c) => hardshipCauseLabels[c]).join('、')}`,
      ],
    });
  } else if (f.causes.length > 0) {
    if (!employed) misses.push('生活困难：需有劳动合同，或为有稳定劳动关系的农民工');
    else if (!within(t.livingMultiple)) misses.push(`生活困难：${perHeadText}，超过低保标准${t.livingMultiple}倍（${yuan(t.dibaoFen * t.livingMultiple)}）`);
    else misses.push('生活困难：致困原因需为患病、子女读书或遭受灾害');
  }

  if (f.modelWorker && DISTRICT_OR_ABOVE.includes(f.modelWorker) && f.causes.some((c) => MODEL_CAUSES.includes(c))) {
    groups.push({ group: 'model_worker', reasons: ['区级以上劳动模范', `因${f.causes.filter((c) => MODEL_CAUSES.includes(c)).map((c) => hardshipCauseLabels[c]).join('、')}造成家庭经济困难`] });
  } else if (f.modelWorker) {
    misses.push(DISTRICT_OR_ABOVE.includes(f.modelWorker) ? '困难劳模：致困原因需为患病、失业或突发意外' : '困难劳模：需为区级以上劳动模范');
  }

  return { incomePerHeadFen: perHead, dibaoMultiple: t.dibaoFen > 0 ? Math.round((perHead / t.dibaoFen) * 100) / 100 : 0, groups, misses: groups.length ? [] : misses };
}
