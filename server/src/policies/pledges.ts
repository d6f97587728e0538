import { AppError, pledgeDecidable } from '@gonghui/shared';
import { and, eq } from 'drizzle-orm';
import { schema } from '../db/index';
import type { Scope } from '../scope/scope';
import { definePolicy } from './policy';
import { pathInScope, staffOver } from './staff';

const { campaignPledges } = schema;
export type PledgeRow = typeof campaignPledges.$inferSelect;

const open = (p: PledgeRow) => (pledgeDecidable(p.status) ? true : 'PLEDGE_DECIDED');

/** Staff of the campaign's union subtree confirm or decline a pledge, once. */
export const pledgePolicy = definePolicy<PledgeRow, 'decide'>({
  decide: (auth, p, now) => {
    const staff = staffOver<PledgeRow>((x) => x.unionPath)(auth, p, now);
    return staff === true ? open(p) : staff;
  },
});

/** A pledge of the campaign subtree, locked for the decision; another union's is 404. */
export async function staffPledgeRow(scope: Scope, id: string): Promise<PledgeRow> {
  const [p] = await scope.db.select().from(campaignPledges).where(eq(campaignPledges.id, id)).limit(1).for('update');
  if (!p || !pathInScope(scope.auth, p.unionPath)) throw new AppError('PLEDGE_NOT_FOUND');
  return p;
}

/** The donor's own pledge, locked; anyone else's is 404. */
export async function donorPledgeRow(scope: Scope, id: string): Promise<PledgeRow> {
  const [p] = await scope.db
    .select()
    .from(campaignPledges)
    .where(and(eq(campaignPledges.id, id), eq(campaignPledges.donorUserId, scope.auth.userId)))
    .limit(1)
    .for('update');
  if (!p) throw new AppError('PLEDGE_NOT_FOUND');
  return p;
}
