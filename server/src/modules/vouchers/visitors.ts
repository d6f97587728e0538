import { and, sql } from 'drizzle-orm';
import { schema } from '../../db/index';
import type { PublicScope } from '../../scope/scope';
import { shownBatches } from './claims';
import { presentBatchForVisitor } from './presenters';

const { voucherBatches, unions } = schema;
/** A visitor's list is a shop window, not a catalogue. */
const VISITOR_LIST_MAX = 50;

/**
 * What 首页 and 工惠券 show before signing in: published batches of a city federation (a root
 * union) for every member (no tags), open now or within the members' upcoming window. Every
 * member of the city may claim these once signed in; batches of districts or grassroots unions,
 * or for tagged members, are not shown to someone whose union is unknown.
 */
export async function visitorBatches(scope: PublicScope) {
  const { now, db } = scope;
  const rows = await shownBatches(db, now, and(sql`${unions.parentId} is null`, sql`cardinality(${voucherBatches.audienceTags}) = 0`)!).limit(VISITOR_LIST_MAX);
  return { data: rows.map((r) => presentBatchForVisitor(r.b, r.publisherName, now)), serverTime: now.toISOString() };
}
