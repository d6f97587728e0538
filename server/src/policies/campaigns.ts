import { and, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@gonghui/shared';
import { schema } from '../db/index';
import type { Auth } from '../scope/auth';
import type { Scope } from '../scope/scope';
import { hardshipMayRead } from './hardship';
import { definePolicy } from './policy';
import { pathInScope, staffOver } from './staff';

const { campaigns, campaignOffers } = schema;
export type CampaignRow = typeof campaigns.$inferSelect;
export type OfferRow = typeof campaignOffers.$inferSelect;

/** What union staff may do to a campaign of their subtree. */
export const campaignPolicy = definePolicy<CampaignRow, 'read' | 'addOffer' | 'addSponsor' | 'update' | 'cancel'>({
  read: staffOver((c) => c.unionPath),
  update: staffOver((c) => c.unionPath),
  cancel: staffOver((c) => c.unionPath),
  addOffer: staffOver((c) => c.unionPath),
  addSponsor: staffOver((c) => c.unionPath),
});

const textArray = (values: readonly string[]): SQL => (values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`);

/** The caller's live hardship-archive category (the hardship module's archive), as SQL; null when not archived. */
export function memberArchiveCategorySql(auth: Auth): SQL {
  if (!auth.memberId) return sql`null::text`;
  return sql`(select ha.category from hardship_archive ha where ha.member_id = ${auth.memberId} and ha.status = 'active' limit 1)`;
}

/**
 * SQL "this offer is for the member" (the same rule as `offerIsFor` in shared/rules/campaigns):
 * the member's union lies in the offer's subtree, and the offer names no group or one of the
 * member's tags or their archive category.
 */
export function offerForMemberSql(auth: Auth): SQL {
  if (!auth.memberUnionPath || !auth.memberActive) return sql`false`;
  return sql`(${auth.memberUnionPath} like ${campaignOffers.unionPath} || '%'
    and ((cardinality(${campaignOffers.audienceTags}) = 0 and cardinality(${campaignOffers.archiveCategories}) = 0)
      or ${campaignOffers.audienceTags} && ${textArray(auth.memberTags)}
      or ${memberArchiveCategorySql(auth)} = any(${campaignOffers.archiveCategories})))`;
}

/** An offer meant for the caller, or 404: one outside their groups does not exist for them. */
export async function memberOfferRow(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}): Promise<OfferRow> {
  const q = scope.db.select().from(campaignOffers).where(and(eq(campaignOffers.id, id), offerForMemberSql(scope.auth))).limit(1);
  const [o] = opts.forUpdate ? await q.for('update') : await q;
  if (!o) throw new AppError('OFFER_NOT_FOUND');
  return o;
}

/** A campaign of the caller's union subtree, or 404. */
export async function staffCampaignRow(scope: Scope, id: string): Promise<CampaignRow> {
  const [c] = await scope.db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  if (!c || !pathInScope(scope.auth, c.unionPath)) throw new AppError('CAMPAIGN_NOT_FOUND');
  return c;
}

/** Aiming at hardship-archive categories tells who is archived: only staff with the hardship duty over the audience union may. */
export function assertArchiveAudience(auth: Auth, unionPath: string, archiveCategories: readonly string[]): void {
  if (archiveCategories.length > 0 && !hardshipMayRead(auth, unionPath)) throw new AppError('CAMPAIGN_ARCHIVE_DUTY_REQUIRED');
}
