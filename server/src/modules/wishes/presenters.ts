import {
  maskName,
  maskWisherName,
  nextWishStatus,
  SMALL_UNION_MEMBERS,
  wishEditable,
  type MyWishView,
  type PublicWishView,
  type StaffWishView,
  type TimelineEntry,
  type WishActor,
} from '@gonghui/shared';
import type { schema } from '../../db/index';
import type { AdoptionRow, WishRow } from '../../policies/wishes';
import { pathIds } from '../auth/me';

export type { AdoptionRow, WishRow };
export type EventRow = typeof schema.wishEvents.$inferSelect;
export type DonorLook = { displayName: string; kind: 'individual' | 'enterprise' };

/** Union names along wishes' paths and the active member count of their grassroots unions. */
export interface UnionFacts {
  name(id: string): string;
  members(id: string): number;
}

/**
 * The district-level union (the second step of the path: a district or industry union) is always
 * shown; the grassroots union only when it is large enough not to point at the person.
 */
export function publicUnions(w: Pick<WishRow, 'unionId' | 'unionPath'>, facts: UnionFacts) {
  const ids = pathIds(w.unionPath);
  const districtId = ids[1] ?? ids[0]!;
  const showGrassroots = w.unionId !== districtId && facts.members(w.unionId) >= SMALL_UNION_MEMBERS;
  return { districtUnionId: districtId, districtUnionName: facts.name(districtId), grassrootsUnionName: showGrassroots ? facts.name(w.unionId) : null };
}

/** The only shape in which a wish leaves to donors and the public. */
export function presentPublicWish(w: WishRow, wisherName: string, facts: UnionFacts): PublicWishView {
  return {
    id: w.id,
    category: w.category,
    kind: w.kind,
    title: w.publicTitle ?? '',
    story: w.publicStory ?? '',
    valueFen: w.valueFen,
    wishedBy: w.wishedBy,
    status: w.status,
    wisherNameMasked: maskWisherName(wisherName),
    ...publicUnions(w, facts),
    publishedAt: (w.publishedAt ?? w.updatedAt).toISOString(),
  };
}

/** The live or completed adoption: who is (or was) fulfilling the wish. */
export function currentAdoption(adoptions: AdoptionRow[]): AdoptionRow | null {
  return adoptions.filter((a) => a.status !== 'released').sort((x, y) => y.adoptedAt.getTime() - x.adoptedAt.getTime())[0] ?? null;
}

function core(w: WishRow, adoption: AdoptionRow | null, donor: DonorLook | null) {
  return {
    id: w.id,
    category: w.category,
    kind: w.kind,
    title: w.title,
    valueFen: w.valueFen,
    wishedBy: w.wishedBy,
    status: w.status,
    publicTitle: w.publicTitle,
    publicStory: w.publicStory,
    reviewNote: w.reviewNote,
    onBehalf: w.filedBy !== null,
    donor,
    adoptionDueAt: adoption && adoption.status === 'active' ? adoption.dueAt.toISOString() : null,
    thanksMessage: w.thanksMessage,
    createdAt: w.createdAt.toISOString(),
  };
}

export function presentMyWish(w: WishRow, story: string, adoption: AdoptionRow | null, donor: DonorLook | null): MyWishView {
  const can = (a: Parameters<typeof nextWishStatus>[0]) => nextWishStatus(a, w.status) !== null;
  return {
    ...core(w, adoption, donor),
    story,
    abilities: { edit: wishEditable(w.status), submit: can('submit'), withdraw: can('withdraw'), confirmReceipt: can('confirm_receipt'), thank: can('thank') },
  };
}

export function presentStaffWish(
  w: WishRow,
  m: { name: string; memberNo: string },
  unionName: string,
  adoption: AdoptionRow | null,
  donor: DonorLook | null,
  overdue: boolean,
  abilities: StaffWishView['abilities'],
): StaffWishView {
  return { ...core(w, adoption, donor), memberNameMasked: maskName(m.name), memberNo: m.memberNo, unionId: w.unionId, unionName, overdue, abilities };
}

const ACTOR_LABEL: Record<Exclude<WishActor, 'donor'>, string> = { wisher: '本人', staff: '工会', system: '系统' };

/** The full timeline (wisher and staff): donors named as they chose to appear, never by their account. */
export function presentTimeline(events: EventRow[], donorOf: (userId: string | null) => DonorLook | null): TimelineEntry[] {
  return events.map((e) => ({
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    at: e.at.toISOString(),
    actor: e.actor,
    actorLabel: e.actor === 'donor' ? (donorOf(e.actorUserId)?.displayName ?? '爱心人士') : ACTOR_LABEL[e.actor],
    note: e.note,
  }));
}
