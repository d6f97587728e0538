/* The hardship archive's later stages: relief and its bank files, the archive entries and re-checks, pushed lists for proactive discovery. */
import { z } from 'zod';
import {
  ArchiveCategorySchema,
  ArchiveStatus,
  ComputedGroupSchema,
  ExitWay,
  FundSource,
  HardshipReadView,
  HardshipThresholdsView,
  hardshipNote,
  ImportSourceKind,
  ReliefForm,
  ReliefKind,
  ReliefStatus,
} from './hardship';

export const ReliefAbilities = z.object({ approve: z.boolean(), reject: z.boolean(), confirm: z.boolean() }).strict();
export const ReliefView = z
  .object({
    id: z.uuid(),
    archiveId: z.uuid(),
    memberName: z.string(),
    memberNo: z.string(),
    unionName: z.string(),
    kind: ReliefKind,
    form: ReliefForm,
    amountFen: z.number().int(),
    fundSource: FundSource,
    note: z.string(),
    status: ReliefStatus,
    payeeName: z.string(),
    bankName: z.string().nullable(),
    bankCardMasked: z.string().nullable(),
    recordedByName: z.string(),
    recordedAt: z.string(),
    approvedByName: z.string().nullable(),
    approvedAt: z.string().nullable(),
    rejectReason: z.string().nullable(),
    exportedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    abilities: ReliefAbilities,
  })
  .strict();
export type ReliefView = z.infer<typeof ReliefView>;

export const ArchiveView = z
  .object({
    id: z.uuid(),
    memberId: z.uuid(),
    memberName: z.string(),
    memberNo: z.string(),
    unionName: z.string(),
    category: ArchiveCategorySchema,
    status: ArchiveStatus,
    archivedAt: z.string(),
    recheckDue: z.string(),
    /** The yearly re-check is due (today or past). */
    due: z.boolean(),
    exitWay: ExitWay.nullable(),
    exitDate: z.string().nullable(),
    consentWithdrawn: z.boolean(),
  })
  .strict();
export type ArchiveView = z.infer<typeof ArchiveView>;

export const ArchiveDetail = ArchiveView.extend({
  idNumberMasked: z.string(),
  bankName: z.string(),
  bankCardMasked: z.string(),
  computedGroups: z.array(ComputedGroupSchema),
  reliefs: z.array(ReliefView),
  reads: z.array(HardshipReadView),
}).strict();
export type ArchiveDetail = z.infer<typeof ArchiveDetail>;

export const ArchiveQuery = z.object({ status: ArchiveStatus.optional(), due: z.enum(['1']).optional() }).strict();

export const RecheckBody = z
  .object({
    outcome: z.enum(['continue', 'exit']),
    category: ArchiveCategorySchema.optional(),
    exitWay: ExitWay.optional(),
    exitDate: z.iso.date('日期格式不正确').optional(),
    note: hardshipNote(200, '说明最多200字').optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.outcome === 'exit' && !b.exitWay) ctx.addIssue({ code: 'custom', path: ['exitWay'], message: '请选择脱困方式' });
    if (b.outcome === 'exit' && !b.exitDate) ctx.addIssue({ code: 'custom', path: ['exitDate'], message: '请填写脱困日期' });
  });
export type RecheckBody = z.infer<typeof RecheckBody>;

export const ReliefBody = z
  .object({
    kind: ReliefKind,
    form: ReliefForm,
    amountFen: z.number({ error: '请输入金额' }).int('金额最小到分').positive('金额须大于0').max(10_000_000, '单笔不超过10万元'),
    fundSource: FundSource,
    note: hardshipNote(100, '说明最多100字'),
  })
  .strict();
export type ReliefBody = z.infer<typeof ReliefBody>;

export const ReliefQuery = z.object({ status: ReliefStatus.optional() }).strict();
export const ReliefRejectBody = z.object({ reason: z.string({ error: '请写明驳回原因' }).trim().min(2, '请写明驳回原因').max(100, '原因最多100字') }).strict();
export const ReliefExportBody = z.object({ format: z.enum(['csv', 'xlsx']) }).strict();
/** A bank payment file: made once (the payments in it become 待银行支付), downloaded as often as needed, each download audited. */
export const ReliefFileView = z.object({ id: z.uuid(), format: z.enum(['csv', 'xlsx']), paymentCount: z.number().int(), totalFen: z.number().int(), createdAt: z.string() }).strict();
export type ReliefFileView = z.infer<typeof ReliefFileView>;

export const SourceMapping = z
  .object({
    idNumber: z.string().trim().min(1, '请填写身份证号所在列').max(40),
    name: z.string().trim().min(1, '请填写姓名所在列').max(40),
    amount: z.string().trim().max(40).optional(),
    period: z.string().trim().max(40).optional(),
  })
  .strict();
export type SourceMapping = z.infer<typeof SourceMapping>;
export const SourceBody = z.object({ name: z.string().trim().min(2, '请输入来源单位').max(40, '最多40个字'), mapping: SourceMapping }).strict();
export type SourceBody = z.infer<typeof SourceBody>;
export const SourceParams = z.object({ kind: ImportSourceKind }).strict();

export const HardshipSourceView = z
  .object({
    kind: ImportSourceKind,
    name: z.string(),
    mapping: SourceMapping,
    imports: z.array(z.object({ fileName: z.string(), importedAt: z.string(), rowCount: z.number().int(), newRowCount: z.number().int() }).strict()),
  })
  .strict();
export type HardshipSourceView = z.infer<typeof HardshipSourceView>;

export const ImportBody = z
  .object({
    fileName: z.string().trim().min(1).max(100),
    /** The CSV's text (UTF-8), at most 2 MB. */
    csv: z.string().min(1, '文件为空').max(2_000_000, '文件太大（最多2MB）'),
  })
  .strict();

export const DiscoveryView = z
  .object({
    memberId: z.uuid(),
    memberName: z.string(),
    memberNo: z.string(),
    unionName: z.string(),
    sources: z.array(z.object({ kind: ImportSourceKind, amountFen: z.number().int().nullable(), period: z.string() }).strict()),
    /** Why they appear to qualify. */
    reason: z.string(),
  })
  .strict();
export type DiscoveryView = z.infer<typeof DiscoveryView>;

export const ImportResult = z
  .object({ rows: z.number().int(), newRows: z.number().int(), alreadyImported: z.boolean(), matches: z.array(DiscoveryView) })
  .strict();
export type ImportResult = z.infer<typeof ImportResult>;

/** Staff find a member of their subtree by member number, to apply on the member's behalf. */
export const HardshipMemberQuery = z.object({ memberNo: z.string().trim().min(4, '请输入会员号').max(20) }).strict();
export const HardshipMemberView = z
  .object({ memberId: z.uuid(), name: z.string(), memberNo: z.string(), unionName: z.string(), idNumberMasked: z.string(), archived: z.boolean(), openApplication: z.boolean(), thresholds: HardshipThresholdsView })
  .strict();
export type HardshipMemberView = z.infer<typeof HardshipMemberView>;
