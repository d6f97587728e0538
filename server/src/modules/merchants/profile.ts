import { and, eq } from 'drizzle-orm';
import { AppError, maskPhone, type MerchantDetail, type MerchantPatch } from '@gonghui/shared';
import { isUniqueViolation, schema } from '../../db/index';
import { merchantPolicy, scopedMerchant, type ScopedMerchant } from '../../policies/merchants';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';

const { merchants, merchantStaff, users, staffRoles } = schema;

async function present(scope: Scope, s: ScopedMerchant): Promise<MerchantDetail> {
  const cashiers = await scope.db
    .select({ userId: users.id, phone: users.phone })
    .from(merchantStaff)
    .innerJoin(users, eq(users.id, merchantStaff.userId))
    .where(eq(merchantStaff.merchantId, s.m.id))
    .orderBy(users.phone);
  return {
    id: s.m.id,
    name: s.m.name,
    category: s.m.category,
    address: s.m.address,
    unionId: s.m.unionId,
    unionName: s.unionName,
    active: s.m.active,
    staffCount: cashiers.length,
    // A cashier is shown by a masked phone only: the account's own name may be a member's legal name.
    cashiers: cashiers.map((c) => ({ userId: c.userId, name: `店员 ${c.phone.slice(-4)}`, phoneMasked: maskPhone(c.phone) })),
    abilities: { manage: merchantPolicy.can(scope, 'manage', s) },
  };
}

async function manageable(scope: Scope, id: string): Promise<ScopedMerchant> {
  const s = await scopedMerchant(scope, id);
  merchantPolicy.authorize(scope, 'manage', s);
  return s;
}

export async function merchantDetail(scope: Scope, { id }: { id: string }): Promise<MerchantDetail> {
  return present(scope, await scopedMerchant(scope, id));
}

/** Name, category and address; `active: false` stops the merchant redeeming at once. */
export async function merchantUpdater(scope: Scope, { id, patch }: { id: string; patch: MerchantPatch }): Promise<MerchantDetail> {
  const before = await manageable(scope, id);
  const [m] = await scope.db.update(merchants).set(patch).where(eq(merchants.id, id)).returning();
  await audit(scope, 'merchant.update', { type: 'merchant', id }, { fields: Object.keys(patch), active: patch.active ?? before.m.active });
  return present(scope, { ...before, m: m! });
}

/** Binds a phone's account as a merchant's cashier: a cashier serves one merchant, and union staff never double as cashiers. */
export async function bindCashier(scope: Scope, merchantId: string, phone: string): Promise<string> {
  await scope.db.insert(users).values({ phone }).onConflictDoNothing({ target: users.phone });
  const [u] = await scope.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  const [role] = await scope.db.select({ userId: staffRoles.userId }).from(staffRoles).where(eq(staffRoles.userId, u!.id)).limit(1);
  if (role) throw new AppError('MERCHANT_STAFF_TAKEN', { phone: maskPhone(phone) });
  try {
    await scope.db.insert(merchantStaff).values({ userId: u!.id, merchantId });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('MERCHANT_STAFF_TAKEN', { phone: maskPhone(phone) });
    throw err;
  }
  return u!.id;
}

export async function cashierAdder(scope: Scope, { id, phone }: { id: string; phone: string }): Promise<MerchantDetail> {
  const s = await manageable(scope, id);
  const cashierUserId = await bindCashier(scope, id, phone);
  await audit(scope, 'merchant.add_cashier', { type: 'merchant', id }, { cashierUserId });
  return present(scope, s);
}

export async function cashierRemover(scope: Scope, { id, userId }: { id: string; userId: string }): Promise<MerchantDetail> {
  const s = await manageable(scope, id);
  const gone = await scope.db
    .delete(merchantStaff)
    .where(and(eq(merchantStaff.merchantId, id), eq(merchantStaff.userId, userId)))
    .returning({ userId: merchantStaff.userId });
  if (gone.length === 0) throw new AppError('NOT_FOUND', undefined, '该店员不在本商户');
  await audit(scope, 'merchant.remove_cashier', { type: 'merchant', id }, { cashierUserId: userId });
  return present(scope, s);
}

