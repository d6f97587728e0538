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

/** Yuan multiples kept to two decimals (numeric(4,2)). */
const Multiple = (what: string) =>
  z
    .number({ error: `请输入${what}` })
    .min(1, `${what}不能小于1倍`)
    .max(10, `${what}不能大于10倍`)
    .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, `${what}最多两位小数`);

/** The thresholds a city sets (per area): data, not code. */
export const HardshipSettingsBody = z
  .object({
    dibaoFen: z.number({ error: '请输入低保标准' }).int('金额最小到分').min(10_000, '低保标准不能低于100元').max(1_000_000, '低保标准不能高于1万元'),
    livingMultiple: Multiple('生活困难倍数'),
    illnessMultiple: Multiple('大病困难倍数'),
    medicalSelfPayFen: z.number({ error: '请输入医疗费用线' }).int('金额最小到分').min(0, '医疗费用线不能为负').max(100_000_000, '医疗费用线不能高于100万元'),
    secondApprovalAboveFen: z.number({ error: '请输入复核金额线' }).int('金额最小到分').min(0, '复核金额线不能为负').max(10_000_000, '复核金额线不能高于10万元'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.illnessMultiple < b.livingMultiple) ctx.addIssue({ code: 'custom', path: ['illnessMultiple'], message: '大病困难倍数不能小于生活困难倍数' });
  });
export type HardshipSettingsBody = z.infer<typeof HardshipSettingsBody>;

/** One area union's thresholds: its own row, or what it inherits from the nearest union above that set them. */
export const HardshipSettingsView = z
  .object({
    unionId: z.uuid(),
    unionName: z.string(),
    depth: z.number().int(),
    own: z.boolean(),
    inheritedFrom: z.string().nullable(),
    thresholds: HardshipThresholdsView,
    updatedAt: z.string().nullable(),
  })
  .strict();
export type HardshipSettingsView = z.infer<typeof HardshipSettingsView>;
export const HardshipSettingsList = z.object({ data: z.array(HardshipSettingsView), editable: z.boolean() }).strict();
export type HardshipSettingsList = z.infer<typeof HardshipSettingsList>;

// ---- the API's shapes ----------------------------------------------------------------------

const Fen = z.number({ error: '请输入金额' }).int('金额最小到分').nonnegative('金额不能为负');
export const hardshipNote = (max: number, message: string) => z.string().trim().max(max, message);

export const HouseholdMember = z
  .object({
    relation: z.enum(['self', 'spouse', 'child', 'parent', 'other'], { error: '请选择家庭关系' }),
    monthlyIncomeFen: Fen.max(100_000_000, '金额过大'),
  })
  .strict();
export type HouseholdMember = z.infer<typeof HouseholdMember>;
export const householdRelationLabels: Record<HouseholdMember['relation'], string> = { self: '本人', spouse: '配偶', child: '子女', parent: '父母', other: '其他' };

/** The family's facts as the applicant states them: sealed at rest, revealed to staff with a reason. */
export const HardshipFactsInput = z
  .object({
    household: z.array(HouseholdMember).min(1, '请填写家庭成员').max(12, '家庭成员最多12人'),
    causes: z.array(HardshipCauseSchema).min(1, '请选择致困原因').max(8),
    medicalSelfPayFen: Fen.max(1_000_000_000, '金额过大'),
    labourContract: z.boolean(),
    stableMigrantWorker: z.boolean(),
    dibaoEdgeRecognised: z.boolean(),
    modelWorker: ModelWorkerLevelSchema.nullable(),
    /** Illness or disability in the family, in the applicant's words (sensitive). */
    healthNote: hardshipNote(500, '情况说明最多500字'),
  })
  .strict();
export type HardshipFactsInput = z.infer<typeof HardshipFactsInput>;

const BankCard = z
  .string({ error: '请输入银行卡号' })
  .trim()
  .regex(/^\d{12,19}$/, '银行卡号应为12至19位数字');

export const HardshipApplyBody = z
  .object({
    facts: HardshipFactsInput,
    documentsHeld: z.array(HardshipDocumentKind).max(10),
    /** Goes into the bank's CSV file: Chinese characters, letters, spaces and brackets only (no formulas). */
    bankName: z
      .string({ error: '请输入开户银行' })
      .trim()
      .min(2, '请输入开户银行')
      .max(40, '开户银行最多40个字')
      .regex(/^[\p{Script=Han}A-Za-z ()（）]+$/u, '开户银行只能包含汉字、字母、空格和括号'),
    /** The member's own card: relief is paid to it by real name. */
    bankCard: BankCard,
  })
  .strict();
export type HardshipApplyBody = z.infer<typeof HardshipApplyBody>;

/** Staff applying for a member who cannot (no phone): the member's signed paper consent is on file. */
export const StaffHardshipApplyBody = HardshipApplyBody.extend({
  paperConsent: z.literal(true, { message: '请确认已取得职工本人签署的书面同意' }),
  /** The date on the signed paper (Asia/Shanghai); required when the member had withdrawn consent: it must be after the withdrawal. */
  paperConsentSignedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '请按“年-月-日”填写书面同意的签署日期')
    .optional(),
}).strict();
export type StaffHardshipApplyBody = z.infer<typeof StaffHardshipApplyBody>;

export const HardshipConsentBody = z.object({ agree: z.literal(true, { message: '请阅读并同意敏感个人信息处理说明' }), version: z.literal(HARDSHIP_CONSENT_VERSION) }).strict();

export const HardshipReadView = z
  .object({ at: z.string(), readerName: z.string(), unionName: z.string(), field: SensitiveField, reason: z.string().nullable() })
  .strict();
export type HardshipReadView = z.infer<typeof HardshipReadView>;

/** An uploaded document as lists show it: never its bytes, never its name in the audit. */
export const HardshipDocumentView = z
  .object({ id: z.uuid(), kind: HardshipDocumentKind, name: z.string(), sizeBytes: z.number().int(), contentType: z.string(), uploadedAt: z.string(), uploadedByStaff: z.boolean() })
  .strict();
export type HardshipDocumentView = z.infer<typeof HardshipDocumentView>;

/** Documents: JPEG, PNG or PDF, told by their bytes, 10 MB at most, 30 per application. */
export const HARDSHIP_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const HARDSHIP_DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const HARDSHIP_DOCUMENTS_PER_APPLICATION = 30;

/** The form fields beside the file. */
export const HardshipDocumentUploadBody = z.object({ kind: HardshipDocumentKind }).strict();
export const HardshipDocumentParams = z.object({ id: z.uuid({ message: '编号不正确' }), documentId: z.uuid({ message: '编号不正确' }) }).strict();
export const HardshipDocumentDownloadQuery = z
  .object({ reason: z.string({ error: '请填写查看原因' }).trim().min(2, '请填写查看原因').max(100, '原因最多100字') })
  .strict();

export const MyHardshipApplication = z
  .object({
    id: z.uuid(),
    status: HardshipApplicationStatus,
    submittedAt: z.string(),
    computedGroups: z.array(ComputedGroupSchema),
    category: ArchiveCategorySchema.nullable(),
    reviewNote: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    householdSize: z.number().int(),
    documentsHeld: z.array(HardshipDocumentKind),
    bankName: z.string(),
    bankCardMasked: z.string(),
    filedByStaff: z.boolean(),
    documents: z.array(HardshipDocumentView),
  })
  .strict();
export type MyHardshipApplication = z.infer<typeof MyHardshipApplication>;

export const MyHardship = z
  .object({
    consent: z.object({ givenAt: z.string(), version: z.string() }).strict().nullable(),
    thresholds: HardshipThresholdsView,
    applications: z.array(MyHardshipApplication),
    archive: z
      .object({ category: ArchiveCategorySchema, status: ArchiveStatus, archivedAt: z.string(), recheckDue: z.string(), exitWay: ExitWay.nullable(), exitDate: z.string().nullable() })
      .strict()
      .nullable(),
    /** Relief the member received (paid). */
    reliefs: z.array(z.object({ kind: ReliefKind, form: ReliefForm, amountFen: z.number().int(), paidAt: z.string() }).strict()),
    /** Who read the record, newest first. */
    reads: z.array(HardshipReadView),
  })
  .strict();
export type MyHardship = z.infer<typeof MyHardship>;

export const StaffHardshipApplication = z
  .object({
    id: z.uuid(),
    memberId: z.uuid(),
    memberName: z.string(),
    memberNo: z.string(),
    unionName: z.string(),
    status: HardshipApplicationStatus,
    computedGroups: z.array(ComputedGroupSchema),
    householdSize: z.number().int(),
    documentsHeld: z.array(HardshipDocumentKind),
    submittedAt: z.string(),
    filedByStaff: z.boolean(),
    category: ArchiveCategorySchema.nullable(),
    reviewNote: z.string().nullable(),
    /** The member withdrew consent: nothing more may be done with the application. */
    consentWithdrawn: z.boolean(),
    idNumberMasked: z.string(),
    bankName: z.string(),
    bankCardMasked: z.string(),
    documents: z.array(HardshipDocumentView),
  })
  .strict();
export type StaffHardshipApplication = z.infer<typeof StaffHardshipApplication>;

export const HardshipApplicationQuery = z.object({ status: HardshipApplicationStatus.optional() }).strict();

export const HardshipDecisionBody = z
  .object({
    action: z.enum(['approve', 'reject', 'more_info']),
    category: ArchiveCategorySchema.optional(),
    note: hardshipNote(200, '说明最多200字').optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === 'approve' && !b.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '请选择建档类别' });
    if (b.action !== 'approve' && (b.note ?? '').length < 2) ctx.addIssue({ code: 'custom', path: ['note'], message: b.action === 'reject' ? '请写明不通过的原因' : '请写明需要补充的材料' });
  });
export type HardshipDecisionBody = z.infer<typeof HardshipDecisionBody>;

export const RevealBody = z
  .object({
    field: z.enum(['id_number', 'bank_card', 'incomes', 'health']),
    reason: z.string({ error: '请填写查看原因' }).trim().min(2, '请填写查看原因').max(100, '原因最多100字'),
  })
  .strict();
export type RevealBody = z.infer<typeof RevealBody>;

/** A full value, given only by the audited reveal endpoint. */
export const RevealView = z
  .object({
    field: SensitiveField,
    value: z.string().nullable(),
    household: z.array(HouseholdMember).optional(),
    incomePerHeadFen: z.number().int().optional(),
    reasons: z.array(z.string()).optional(),
    causes: z.array(HardshipCauseSchema).optional(),
    medicalSelfPayFen: z.number().int().optional(),
    healthNote: z.string().optional(),
  })
  .strict();
export type RevealView = z.infer<typeof RevealView>;
