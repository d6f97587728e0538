import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type {
  ArchiveCategory,
  ArchiveStatus,
  ComputedGroup,
  ExitWay,
  FundSource,
  HardshipApplicationStatus,
  HardshipDocumentKind,
  ImportSourceKind,
  ReliefForm,
  ReliefKind,
  ReliefStatus,
  SensitiveField,
  StaffDuty,
} from '@gonghui/shared';
import { createdAt, tstz } from './columns';
import { users } from './accounts';
import { members } from './members';
import { unions } from './unions';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));
const CATEGORIES = list(['deep', 'relative', 'accident', 'dibao_edge', 'serious_illness', 'living', 'model_worker']);

/** Duties granted to a staff member of a union on top of their role (`hardship`: the archive and relief). */
export const staffDuties = pgTable(
  'staff_duties',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    duty: text().$type<StaffDuty>().notNull(),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unionId, t.duty] }), check('staff_duties_duty_check', sql`${t.duty} in ('hardship')`)],
);

/** Thresholds and the two-person line, per union; a union without a row uses its nearest ancestor's. */
export const hardshipSettings = pgTable(
  'hardship_settings',
  {
    unionId: uuid('union_id').primaryKey().references(() => unions.id),
    /** 低保标准, fen per person per month. */
    dibaoFen: integer('dibao_fen').notNull(),
    livingMultiple: numeric('living_multiple', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    illnessMultiple: numeric('illness_multiple', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    medicalSelfPayFen: integer('medical_self_pay_fen').notNull(),
    /** Cash relief above this needs a second staff member with the duty. */
    secondApprovalAboveFen: integer('second_approval_above_fen').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [check('hardship_settings_positive_check', sql`${t.dibaoFen} > 0 and ${t.medicalSelfPayFen} >= 0 and ${t.secondApprovalAboveFen} >= 0`)],
);

/** Separate consent to process sensitive personal information for the archive (PIPL art. 29). */
export const hardshipConsents = pgTable(
  'hardship_consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    version: text().notNull(),
    /** The member, or staff recording a signed paper consent when applying on the member's behalf. */
    givenBy: uuid('given_by').notNull().references(() => users.id),
    givenAt: tstz('given_at').notNull(),
    /** Set when staff recorded the member's signed paper consent: the date on the paper (Asia/Shanghai). */
    paperSignedOn: date('paper_signed_on', { mode: 'string' }),
    withdrawnAt: tstz('withdrawn_at'),
  },
  (t) => [uniqueIndex('hardship_consents_live_key').on(t.memberId).where(sql`${t.withdrawnAt} is null`), index('hardship_consents_member_idx').on(t.memberId, t.givenAt)],
);

/** An application to be archived. Facts that tell of income, illness or disability are sealed in `facts_enc`. */
export const hardshipApplications = pgTable(
  'hardship_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    consentId: uuid('consent_id').notNull().references(() => hardshipConsents.id),
    /** Staff who applied on the member's behalf, if any. */
    filedBy: uuid('filed_by').references(() => users.id),
    status: text().$type<HardshipApplicationStatus>().notNull(),
    /** AES-GCM JSON: household (relation, monthly income), causes, illness/disability notes, medical self-pay, model-worker title, labour facts. */
    factsEnc: text('facts_enc').notNull(),
    /** What the rules computed at the last submission (plain: staff with the duty list by it). */
    computedGroups: text('computed_groups').array().$type<ComputedGroup[]>().notNull().default(sql`'{}'::text[]`),
    householdSize: integer('household_size').notNull(),
    /** Documents the applicant says they hold (checklist). */
    documentsHeld: text('documents_held').array().$type<HardshipDocumentKind[]>().notNull().default(sql`'{}'::text[]`),
    bankName: text('bank_name').notNull(),
    bankCardEnc: text('bank_card_enc').notNull(),
    bankCardMasked: text('bank_card_masked').notNull(),
    /** The category staff approved into, the reason of a refusal, what more is needed. */
    category: text().$type<ArchiveCategory>(),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: tstz('reviewed_at'),
    submittedAt: tstz('submitted_at').notNull(),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [
    // One open application per member at a time.
    uniqueIndex('hardship_applications_open_key').on(t.memberId).where(sql`${t.status} in ('submitted','more_info')`),
    index('hardship_applications_union_path_idx').on(t.unionPath.op('text_pattern_ops'), t.status),
    index('hardship_applications_member_idx').on(t.memberId, t.createdAt),
    check('hardship_applications_status_check', sql`${t.status} in ('submitted','more_info','approved','rejected','withdrawn')`),
    check('hardship_applications_category_check', sql`${t.category} is null or ${t.category} in (${CATEGORIES})`),
    check('hardship_applications_approved_check', sql`${t.status} <> 'approved' or ${t.category} is not null`),
  ],
);

/** Uploaded evidence: the file is AES-GCM sealed on disk under DATA_DIR; the row names it. */
export const hardshipDocuments = pgTable(
  'hardship_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => hardshipApplications.id),
    kind: text().$type<HardshipDocumentKind>().notNull(),
    /** The original file name, sealed (it may carry a name or a diagnosis). */
    fileNameEnc: text('file_name_enc').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Where the sealed bytes are, relative to DATA_DIR. */
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('hardship_documents_application_idx').on(t.applicationId), uniqueIndex('hardship_documents_storage_key').on(t.storageKey)],
);

/** An archived member (困难职工档案). One active entry per member; 脱困 closes it with how and when. */
export const hardshipArchive = pgTable(
  'hardship_archive',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    applicationId: uuid('application_id').references(() => hardshipApplications.id),
    category: text().$type<ArchiveCategory>().notNull(),
    status: text().$type<ArchiveStatus>().notNull(),
    /** The card relief is paid to (the member's own, by real name). */
    bankName: text('bank_name').notNull(),
    bankCardEnc: text('bank_card_enc').notNull(),
    bankCardMasked: text('bank_card_masked').notNull(),
    archivedBy: uuid('archived_by').references(() => users.id),
    archivedAt: tstz('archived_at').notNull(),
    /** Yearly re-check (Asia/Shanghai date). */
    recheckDue: date('recheck_due', { mode: 'string' }).notNull(),
    lastCheckedAt: tstz('last_checked_at'),
    /** 脱困: how (H1–H4) and on which day. */
    exitWay: text('exit_way').$type<ExitWay>(),
    exitDate: date('exit_date', { mode: 'string' }),
    exitNote: text('exit_note'),
    exitedBy: uuid('exited_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('hardship_archive_active_key').on(t.memberId).where(sql`${t.status} = 'active'`),
    index('hardship_archive_union_path_idx').on(t.unionPath.op('text_pattern_ops'), t.status),
    index('hardship_archive_recheck_idx').on(t.status, t.recheckDue),
    index('hardship_archive_member_idx').on(t.memberId),
    check('hardship_archive_category_check', sql`${t.category} in (${CATEGORIES})`),
    check('hardship_archive_status_check', sql`${t.status} in ('active','exited')`),
    check('hardship_archive_exit_way_check', sql`${t.exitWay} is null or ${t.exitWay} in ('employment','social_insurance','medical_insurance','social_assistance')`),
    check('hardship_archive_exit_check', sql`(${t.status} = 'exited') = (${t.exitWay} is not null and ${t.exitDate} is not null)`),
  ],
);

/** A bank payment file exported for approved cash relief. */
export const reliefPaymentFiles = pgTable(
  'relief_payment_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    format: text().$type<'csv' | 'xlsx'>().notNull(),
    paymentCount: integer('payment_count').notNull(),
    /** A file's sum may pass int4's 21 million yuan: bigint, read as a JS number (exact below 2^53 fen). */
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [check('relief_payment_files_format_check', sql`${t.format} in ('csv','xlsx')`)],
);

/** Relief (帮扶) to an archived member: kind, amount, source of funds (B1–B6), two-person approval, paid on confirmation. */
export const reliefPayments = pgTable(
  'relief_payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    archiveId: uuid('archive_id').notNull().references(() => hardshipArchive.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    kind: text().$type<ReliefKind>().notNull(),
    form: text().$type<ReliefForm>().notNull(),
    amountFen: integer('amount_fen').notNull(),
    fundSource: text('fund_source').$type<FundSource>().notNull(),
    /** What was given (in kind) or what for. */
    note: text().notNull().default(''),
    /** The payee by real name and the card, as they were when recorded (cash only). */
    payeeName: text('payee_name').notNull(),
    bankName: text('bank_name'),
    bankCardEnc: text('bank_card_enc'),
    bankCardMasked: text('bank_card_masked'),
    status: text().$type<ReliefStatus>().notNull(),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedAt: tstz('recorded_at').notNull(),
    /** The second staff member (above the line); never the one who recorded it. */
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: tstz('approved_at'),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectedAt: tstz('rejected_at'),
    rejectReason: text('reject_reason'),
    paymentFileId: uuid('payment_file_id').references(() => reliefPaymentFiles.id),
    exportedAt: tstz('exported_at'),
    /** Staff confirmed the bank paid (or the goods were handed over): this is when it counts. */
    paidAt: tstz('paid_at'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
  },
  (t) => [
    index('relief_payments_union_path_idx').on(t.unionPath.op('text_pattern_ops'), t.status),
    index('relief_payments_archive_idx').on(t.archiveId, t.recordedAt),
    index('relief_payments_paid_idx').on(t.paidAt),
    check('relief_payments_kind_check', sql`${t.kind} in ('living','medical','schooling','other')`),
    check('relief_payments_form_check', sql`${t.form} in ('cash','in_kind')`),
    check('relief_payments_source_check', sql`${t.fundSource} in ('central','local','union','donations','administrative','other')`),
    check('relief_payments_status_check', sql`${t.status} in ('awaiting_approval','approved','paid','rejected')`),
    check('relief_payments_amount_check', sql`${t.amountFen} > 0`),
    check('relief_payments_cash_card_check', sql`${t.form} <> 'cash' or (${t.bankCardEnc} is not null and ${t.bankCardMasked} is not null)`),
    check('relief_payments_two_people_check', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.recordedBy}`),
    check('relief_payments_paid_check', sql`(${t.status} = 'paid') = (${t.paidAt} is not null)`),
  ],
);

/**
 * Every staff read of a hardship record and every full-value read of a sensitive field: who, when,
 * which member, which field, why. Append-only: a trigger (migration 0012) refuses UPDATE and DELETE.
 */
export const hardshipReads = pgTable(
  'hardship_reads',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: tstz('at').notNull(),
    actorUserId: uuid('actor_user_id').notNull().references(() => users.id),
    /** The union the reader acted for (their staff role's union). */
    actorUnionId: uuid('actor_union_id').references(() => unions.id),
    memberId: uuid('member_id').notNull().references(() => members.id),
    field: text().$type<SensitiveField>().notNull(),
    reason: text(),
    requestId: text('request_id'),
  },
  (t) => [
    index('hardship_reads_member_idx').on(t.memberId, t.at),
    check('hardship_reads_field_check', sql`${t.field} in ('record','id_number','bank_card','incomes','health','documents')`),
    check('hardship_reads_reason_check', sql`${t.field} = 'record' or length(${t.reason}) >= 2`),
  ],
);

/** A body that pushes lists (医保, 民政低保, 人社工伤, 残联) to a union, with its column mapping saved once. */
export const hardshipSources = pgTable(
  'hardship_sources',
  {
    id: uuid().primaryKey().defaultRandom(),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    kind: text().$type<ImportSourceKind>().notNull(),
    name: text().notNull(),
    /** Which CSV header holds the ID number, the name, the amount (medical self-pay, fen or yuan), the period. */
    mapping: jsonb().$type<{ idNumber: string; name: string; amount?: string; period?: string }>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('hardship_sources_union_kind_key').on(t.unionId, t.kind), check('hardship_sources_kind_check', sql`${t.kind} in ('medical','dibao','work_injury','disability')`)],
);

/** One imported file; the same file (by SHA-256) imports once per source. */
export const hardshipImports = pgTable(
  'hardship_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    sourceId: uuid('source_id').notNull().references(() => hardshipSources.id),
    fileSha256: text('file_sha256').notNull(),
    fileName: text('file_name').notNull(),
    rowCount: integer('row_count').notNull(),
    newRowCount: integer('new_row_count').notNull(),
    importedBy: uuid('imported_by').notNull().references(() => users.id),
    importedAt: tstz('imported_at').notNull(),
  },
  (t) => [uniqueIndex('hardship_imports_file_key').on(t.sourceId, t.fileSha256)],
);

/** A person on a pushed list: found by the ID number's blind index, never stored in clear. */
export const hardshipImportRows = pgTable(
  'hardship_import_rows',
  {
    id: uuid().primaryKey().defaultRandom(),
    sourceId: uuid('source_id').notNull().references(() => hardshipSources.id),
    importId: uuid('import_id').notNull().references(() => hardshipImports.id),
    line: integer().notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    /** Medical self-pay for the period (fen, as text), AES-GCM sealed, when the source carries it. */
    amountEnc: text('amount_enc'),
    /** Rows imported before 0015 kept it in clear: sealed into `amount_enc` and cleared at start-up (sealLegacyImportAmounts). */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    period: text().notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('hardship_import_rows_person_key').on(t.sourceId, t.idNumberHash, t.period), index('hardship_import_rows_hash_idx').on(t.idNumberHash)],
);
