import { sql } from 'drizzle-orm';
import { boolean, check, index, pgSequence, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MemberStatus, MemberTag } from '@gonghui/shared';
import { createdAt, tstz } from './columns';
import { users } from './accounts';
import { unions } from './unions';

/** Member numbers: "HZ" + this sequence. */
export const memberNoSeq = pgSequence('member_no_seq', { startWith: 10000001 });

export const members = pgTable(
  'members',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    name: text().notNull(),
    /** AES-GCM ciphertext; never selected for lists. */
    idNumberEnc: text('id_number_enc').notNull(),
    /** HMAC blind index: one membership per person. */
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    employer: text().notNull(),
    memberNo: text('member_no').notNull(),
    tags: text().array().$type<MemberTag[]>().notNull().default(sql`'{}'::text[]`),
    status: text().$type<MemberStatus>().notNull(),
    /** Joined with an ID number another member already holds: staff decide who is who. */
    idConflict: boolean('id_conflict').notNull().default(false),
    rejectionReason: text('rejection_reason'),
    /** When the person consented to the processing of their ID number (PIPL art. 29). */
    idConsentAt: tstz('id_consent_at'),
    joinedAt: tstz('joined_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    // A rejected application frees the account and the ID number: both may apply again.
    uniqueIndex('members_user_key').on(t.userId).where(sql`${t.status} not in ('rejected','left')`),
    // One admitted member per person; a second claim to the same ID waits for staff review.
    uniqueIndex('members_id_number_key').on(t.idNumberHash).where(sql`${t.status} in ('active','suspended')`),
    index('members_id_number_idx').on(t.idNumberHash),
    uniqueIndex('members_member_no_key').on(t.memberNo),
    index('members_union_idx').on(t.unionId, t.memberNo),
    check('members_status_check', sql`${t.status} in ('pending','active','rejected','suspended','left')`),
  ],
);

/** The member card's short-lived codes (one minute): a screenshot is useless soon after. */
export const memberCodes = pgTable(
  'member_codes',
  {
    code: text().primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    issuedAt: tstz('issued_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('member_codes_member_idx').on(t.memberId)],
);
