import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { JoinApproval, StaffRole, UnionKind } from '@gonghui/shared';
import { createdAt } from './columns';
import { users } from './accounts';

/** The union hierarchy with a materialised path ("/<root id>/<child id>/") for subtree scope. */
export const unions = pgTable(
  'unions',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: text().$type<UnionKind>().notNull(),
    parentId: uuid('parent_id').references((): any => unions.id),
    path: text().notNull(),
    depth: integer().notNull(),
    joinApproval: text('join_approval').$type<JoinApproval>().notNull().default('auto'),
    joinCode: text('join_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('unions_path_key').on(t.path.op('text_pattern_ops')),
    uniqueIndex('unions_join_code_key').on(t.joinCode),
    index('unions_parent_idx').on(t.parentId),
    check('unions_kind_check', sql`${t.kind} in ('federation','district','industry','grassroots')`),
    check('unions_join_approval_check', sql`${t.joinApproval} in ('auto','manual')`),
  ],
);

export const staffRoles = pgTable(
  'staff_roles',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    role: text().$type<StaffRole>().notNull(),
    /** The name the granting admin typed: staff lists never show an account's own (real) name. */
    displayName: text('display_name').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unionId] }), check('staff_roles_role_check', sql`${t.role} in ('admin','operator')`)],
);
