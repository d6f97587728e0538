import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './common';
import { OfferKindSchema } from './campaigns';
import { PLEDGE_FORMS, PLEDGE_MAX_PACKS, PLEDGE_STATUSES } from '../rules/pledges';

const page = { cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };
const note = z.string().trim().max(200, '留言最多200个字');

export const PledgeFormSchema = z.enum(PLEDGE_FORMS, { error: '请选择捐款或捐物' });
export const PledgeStatusSchema = z.enum(PLEDGE_STATUSES);

/** An offer a donor may sponsor: what it is and for whom in numbers, never who. */
export const SponsorableOfferView = z
  .object({
    id: Id,
    campaignName: z.string(),
    unionName: z.string(),
    kind: OfferKindSchema,
    title: z.string(),
    description: z.string(),
    valueFen: z.number().int(),
    endsOn: IsoDate,
    claimedCount: z.number().int(),
    /** packs donors pledged and the union has not declined */
    pledgedPacks: z.number().int(),
  })
  .strict();
export type SponsorableOfferView = z.infer<typeof SponsorableOfferView>;

export const PledgeInput = z
  .object({
    offerId: Id,
    packs: z.number({ error: '请填写认捐份数' }).int('份数须为整数').min(1, '至少认捐1份').max(PLEDGE_MAX_PACKS, `一次最多认捐${PLEDGE_MAX_PACKS}份`),
    form: PledgeFormSchema,
    note: note.default(''),
  })
  .strict();
export type PledgeInput = z.infer<typeof PledgeInput>;

const pledgeFields = {
  id: Id,
  offer: z.object({ id: Id, title: z.string(), campaignName: z.string(), unionName: z.string(), valueFen: z.number().int() }).strict(),
  packs: z.number().int(),
  form: PledgeFormSchema,
  amountFen: z.number().int(),
  note: z.string(),
  status: PledgeStatusSchema,
  decisionNote: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
};
/** The donor's own pledge. */
export const PledgeView = z.object(pledgeFields).strict();
export type PledgeView = z.infer<typeof PledgeView>;
/** A pledge as the union's staff see it: who the donor is and how to reach them, to arrange the handover. */
export const StaffPledgeView = z
  .object({ ...pledgeFields, donor: z.object({ name: z.string(), kind: z.enum(['individual', 'enterprise']), contactName: z.string().nullable(), contactPhone: z.string() }).strict() })
  .strict();
export type StaffPledgeView = z.infer<typeof StaffPledgeView>;

export const PledgeQuery = z.object({ ...page }).strict();
export const PledgeReceiptBody = z.object({ receivedOn: IsoDate }).strict();
export const PledgeDeclineBody = z.object({ reason: z.string({ error: '请填写婉拒原因' }).trim().min(2, '婉拒原因至少2个字').max(200, '婉拒原因最多200个字') }).strict();
