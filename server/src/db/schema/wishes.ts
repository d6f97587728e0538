import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { WishAction, WishActor, WishCategory, WishKind, WishStatus } from '@gonghui/shared';
import { createdAt, tstz } from './columns';
import { donors, users } from './accounts';
import { members } from './members';
import { unions } from './unions';

const STATUSES = sql.raw(
  ['draft', 'submitted', 'changes_requested', 'published', 'adopted', 'delivered', 'handed_over', 'received', 'thanked', 'rejected', 'withdrawn', 'expired'].map((s) => `'${s}'`).join(','),
);

/** What a donor profile adds to `donors`: enterprise details, the licence check, the adoption cap and its counter. */
export const donorProfiles = pgTable(
  'donor_profiles',
  {
    userId: uuid('user_id').primaryKey().references(() => donors.userId),
    enterpriseName: text('enterprise_name'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** 统一社会信用代码; the enterprise's name is shown only once staff verified it. */
    licenceNo: text('licence_no'),
    licenceStatus: text('licence_status').$type<'none' | 'pending' | 'verified' | 'rejected'>().notNull().default('none'),
    licenceNote: text('licence_note'),
    licenceReviewedBy: uuid('licence_reviewed_by').references(() => users.id),
    licenceReviewedAt: tstz('licence_reviewed_at'),
    showName: boolean('show_name').notNull().default(true),
    adoptionCap: integer('adoption_cap').notNull(),
    /** Undelivered adoptions; the adoption's conditional update keeps it within the cap. */
    activeAdoptions: integer('active_adoptions').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    check('donor_profiles_active_check', sql`${t.activeAdoptions} >= 0 and ${t.activeAdoptions} <= ${t.adoptionCap}`),
    check('donor_profiles_licence_check', sql`${t.licenceStatus} in ('none','pending','verified','rejected')`),
  ],
);

export const wishes = pgTable(
  'wishes',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    unionPath: text('union_path').notNull(),
    /** Staff who filed it for a worker without a phone, if any. */
    filedBy: uuid('filed_by').references(() => users.id),
    category: text().$type<WishCategory>().notNull(),
    kind: text().$type<WishKind>().notNull(),
    title: text().notNull(),
    /** The wisher's own story (it may tell of illness or income): AES-GCM, read only by the wisher and staff, audited. */
    storyEnc: text('story_enc').notNull(),
    /** What donors and the public read, set by staff at approval. */
    publicTitle: text('public_title'),
    publicStory: text('public_story'),
    valueFen: integer('value_fen').notNull(),
    wishedBy: date('wished_by', { mode: 'string' }).notNull(),
    status: text().$type<WishStatus>().notNull(),
    reviewNote: text('review_note'),
    publishedAt: tstz('published_at'),
    thanksMessage: text('thanks_message'),
    thankedAt: tstz('thanked_at'),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [
    index('wishes_union_path_idx').on(t.unionPath.op('text_pattern_ops')),
    index('wishes_status_idx').on(t.status, t.wishedBy),
    index('wishes_member_idx').on(t.memberId, t.createdAt),
    check('wishes_status_check', sql`${t.status} in (${STATUSES})`),
    check('wishes_value_check', sql`${t.valueFen} > 0`),
    check('wishes_public_check', sql`${t.status} in ('draft','submitted','changes_requested','rejected','withdrawn') or (${t.publicTitle} is not null and ${t.publicStory} is not null)`),
  ],
);

/** Who adopted a wish. At most one adoption per wish is live (active or delivered): the database enforces it. */
export const wishAdoptions = pgTable(
  'wish_adoptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    wishId: uuid('wish_id').notNull().references(() => wishes.id),
    donorUserId: uuid('donor_user_id').notNull().references(() => users.id),
    status: text().$type<'active' | 'delivered' | 'completed' | 'released'>().notNull().default('active'),
    adoptedAt: tstz('adopted_at').notNull(),
    dueAt: tstz('due_at').notNull(),
    deliveredAt: tstz('delivered_at'),
    completedAt: tstz('completed_at'),
    releasedAt: tstz('released_at'),
    releasedBy: text('released_by').$type<'donor' | 'staff' | 'overdue'>(),
    /** Each side's consent to talk through relayed messages; both set → the conversation is open. */
    wisherContactAt: tstz('wisher_contact_at'),
    donorContactAt: tstz('donor_contact_at'),
  },
  (t) => [
    uniqueIndex('wish_adoptions_one_live_key').on(t.wishId).where(sql`${t.status} in ('active','delivered')`),
    index('wish_adoptions_donor_idx').on(t.donorUserId, t.adoptedAt),
    index('wish_adoptions_due_idx').on(t.status, t.dueAt),
    check('wish_adoptions_status_check', sql`${t.status} in ('active','delivered','completed','released')`),
  ],
);

/** The timeline: every transition, who took it, when, and their note. */
export const wishEvents = pgTable(
  'wish_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    wishId: uuid('wish_id').notNull().references(() => wishes.id),
    at: tstz('at').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actor: text().$type<WishActor>().notNull(),
    action: text().$type<WishAction | 'create'>().notNull(),
    fromStatus: text('from_status').$type<WishStatus>(),
    toStatus: text('to_status').$type<WishStatus>().notNull(),
    note: text(),
  },
  (t) => [index('wish_events_wish_idx').on(t.wishId, t.id)],
);

/** Messages the app relays between a wisher and the donor of one adoption, once both agreed: neither learns who the other is. */
export const wishMessages = pgTable(
  'wish_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    adoptionId: uuid('adoption_id').notNull().references(() => wishAdoptions.id),
    sender: text().$type<'wisher' | 'donor'>().notNull(),
    senderUserId: uuid('sender_user_id').notNull().references(() => users.id),
    body: text().notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [
    index('wish_messages_adoption_idx').on(t.adoptionId, t.id),
    check('wish_messages_sender_check', sql`${t.sender} in ('wisher','donor')`),
    check('wish_messages_body_check', sql`char_length(${t.body}) between 1 and 300`),
  ],
);
