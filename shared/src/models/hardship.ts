/*
 * The hardship archive (困难职工建档) and relief (帮扶): the shared vocabulary. Database codes are
 * English words; the statistics form's item codes (B1–B6 sources of funds, H1–H4 ways out of
 * hardship, E2–E5 kinds of relief) are mapped here once so every report reads the same.
 */
import { z } from 'zod';
import { ARCHIVE_CATEGORIES, COMPUTED_GROUPS, HARDSHIP_CAUSES, MODEL_WORKER_LEVELS } from '../rules/hardship';

/** Duties a union grants a staff member on top of their role; `hardship` opens this whole module. */
export const StaffDuty = z.enum(['hardship']);
export type StaffDuty = z.infer<typeof StaffDuty>;
export const staffDutyLabels: Record<StaffDuty, string> = { hardship: '困难职工帮扶' };

/** Zod forms of the rule module's codes (the types themselves live in rules/hardship). */
export const HardshipCauseSchema = z.enum(HARDSHIP_CAUSES);
export const ComputedGroupSchema = z.enum(COMPUTED_GROUPS);
export const ArchiveCategorySchema = z.enum(ARCHIVE_CATEGORIES);
export const ModelWorkerLevelSchema = z.enum(MODEL_WORKER_LEVELS);
export const modelWorkerLevelLabels: Record<z.infer<typeof ModelWorkerLevelSchema>, string> = {
  enterprise: '企业级',
  district: '区（县）级',
  city: '市级',
  province: '省部级',
  national: '全国',
};

/** submitted → approved | rejected | more_info (→ submitted again); the member may withdraw before a decision. */
export const HardshipApplicationStatus = z.enum(['submitted', 'more_info', 'approved', 'rejected', 'withdrawn']);
export type HardshipApplicationStatus = z.infer<typeof HardshipApplicationStatus>;
export const hardshipApplicationStatusLabels: Record<HardshipApplicationStatus, string> = {
  submitted: '待审核',
  more_info: '需补充材料',
  approved: '已建档',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const ArchiveStatus = z.enum(['active', 'exited']);
export type ArchiveStatus = z.infer<typeof ArchiveStatus>;
export const archiveStatusLabels: Record<ArchiveStatus, string> = { active: '在档', exited: '已脱困' };

/** How a family left hardship: items H1–H4 of the 帮扶中心 statistics form (seed 001, 附件2). */
export const ExitWay = z.enum(['employment', 'social_insurance', 'medical_insurance', 'social_assistance']);
export type ExitWay = z.infer<typeof ExitWay>;
export const exitWayCodes: Record<ExitWay, 'H1' | 'H2' | 'H3' | 'H4'> = { employment: 'H1', social_insurance: 'H2', medical_insurance: 'H3', social_assistance: 'H4' };
export const exitWayLabels: Record<ExitWay, string> = {
  employment: '就业创业脱困（技能培训、创业援助）',
  social_insurance: '纳入国家社会保障制度',
  medical_insurance: '纳入大病保险和医疗互助保险',
  social_assistance: '社会救助兜底（低保）',
};

/** Relief kinds: items E2–E5 of the 送温暖 statistics form. */
export const ReliefKind = z.enum(['living', 'medical', 'schooling', 'other']);
export type ReliefKind = z.infer<typeof ReliefKind>;
export const reliefKindLabels: Record<ReliefKind, string> = { living: '生活救助', medical: '医疗救助', schooling: '助学救助', other: '其他' };
export const reliefKindCodes: Record<ReliefKind, 'E2' | 'E3' | 'E4' | 'E5'> = { living: 'E2', medical: 'E3', schooling: 'E4', other: 'E5' };

/** Money to the member's own bank card, or goods handed over. */
export const ReliefForm = z.enum(['cash', 'in_kind']);
export type ReliefForm = z.infer<typeof ReliefForm>;
export const reliefFormLabels: Record<ReliefForm, string> = { cash: '资金（银行卡）', in_kind: '实物' };

/** Source of funds: items B1–B6 of the 送温暖 statistics form (seed 001, 附件1). */
export const FundSource = z.enum(['central', 'local', 'union', 'donations', 'administrative', 'other']);
export type FundSource = z.infer<typeof FundSource>;
export const fundSourceCodes: Record<FundSource, 'B1' | 'B2' | 'B3' | 'B4' | 'B5' | 'B6'> = {
  central: 'B1',
  local: 'B2',
  union: 'B3',
  donations: 'B4',
  administrative: 'B5',
  other: 'B6',
};
export const fundSourceLabels: Record<FundSource, string> = {
  central: '中央财政',
  local: '地方财政',
  union: '工会经费',
  donations: '社会捐助',
  administrative: '行政拨付',
  other: '其他收入',
};

/**
 * awaiting_approval (above the union's line: a second staff member with the duty must approve) →
 * approved → paid (staff confirmed the bank paid, or the goods were handed over); rejected ends it.
 */
export const ReliefStatus = z.enum(['awaiting_approval', 'approved', 'paid', 'rejected']);
export type ReliefStatus = z.infer<typeof ReliefStatus>;
export const reliefStatusLabels: Record<ReliefStatus, string> = { awaiting_approval: '待复核', approved: '待支付', paid: '已发放', rejected: '已驳回' };

/** What a full-value read opens; `record` is a staff member opening the (masked) record itself. */
export const SensitiveField = z.enum(['record', 'id_number', 'bank_card', 'incomes', 'health', 'documents']);
export type SensitiveField = z.infer<typeof SensitiveField>;
export const sensitiveFieldLabels: Record<SensitiveField, string> = {
  record: '困难档案（脱敏）',
  id_number: '身份证号',
  bank_card: '银行卡号',
  incomes: '家庭收入',
  health: '疾病与残疾情况',
  documents: '证明材料',
};

/** Bodies that push lists for proactive discovery (seed 002, Jiangshan). */
export const ImportSourceKind = z.enum(['medical', 'dibao', 'work_injury', 'disability']);
export type ImportSourceKind = z.infer<typeof ImportSourceKind>;
export const importSourceLabels: Record<ImportSourceKind, string> = {
  medical: '医保自付费用',
  dibao: '低保（低保边缘）名单',
  work_injury: '工伤名单',
  disability: '残疾人名单',
};

/** Documents an applicant may hold (seed 004's application materials). */
export const HardshipDocumentKind = z.enum(['id_card', 'household_register', 'income_proof', 'medical_bills', 'diagnosis', 'disability_card', 'dibao_certificate', 'labour_contract', 'model_worker_certificate', 'other']);
export type HardshipDocumentKind = z.infer<typeof HardshipDocumentKind>;
export const hardshipDocumentLabels: Record<HardshipDocumentKind, string> = {
  id_card: '身份证',
  household_register: '户口簿',
  income_proof: '家庭成员收入证明',
  medical_bills: '医疗费用发票及结算单',
  diagnosis: '病历或诊断证明',
  disability_card: '残疾证',
  dibao_certificate: '低保边缘认定证明',
  labour_contract: '劳动合同',
  model_worker_certificate: '劳模证书',
  other: '其他材料',
};

/** The purpose the member consents to (PIPL art. 29); its version is stored with the consent. */
export const HARDSHIP_CONSENT_VERSION = '2026-12-01';

export const HardshipThresholdsView = z
  .object({
    dibaoFen: z.number().int().positive(),
    livingMultiple: z.number().positive(),
    illnessMultiple: z.number().positive(),
    medicalSelfPayFen: z.number().int().nonnegative(),
    /** Cash relief above this (fen) needs a second staff member's approval. */
    secondApprovalAboveFen: z.number().int().nonnegative(),
  })
  .strict();
export type HardshipThresholdsView = z.infer<typeof HardshipThresholdsView>;
