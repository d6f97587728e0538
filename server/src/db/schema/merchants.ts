import { boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { users } from './accounts';
import { unions } from './unions';

/** Partner merchants, owned by the union that signed them up. */
export const merchants = pgTable(
  'merchants',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    category: text().notNull(),
    address: text().notNull().default(''),
    unionId: uuid('union_id').notNull().references(() => unions.id),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('merchants_union_idx').on(t.unionId)],
);

export const merchantStaff = pgTable(
  'merchant_staff',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    merchantId: uuid('merchant_id').notNull().references(() => merchants.id),
    createdAt: createdAt(),
  },
  // One merchant per cashier: redemptions are booked to it without guessing.
  (t) => [primaryKey({ columns: [t.userId, t.merchantId] }), uniqueIndex('merchant_staff_user_key').on(t.userId)],
);
