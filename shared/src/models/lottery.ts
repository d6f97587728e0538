import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import { BatchStatus } from './vouchers';

/** Eight digits, random per registration: the public number a registration is drawn by. */
export const Ticket = z.string().regex(/^\d{8}$/);

/** `pending` until the draw; `excluded`: no longer eligible at the draw (membership suspended, audience changed). */
export const LotteryResult = z.enum(['pending', 'won', 'lost', 'excluded']);
export type LotteryResult = z.infer<typeof LotteryResult>;

/** The caller's own registration. */
export const LotteryEntryView = z
  .object({ batchId: Id, ticket: Ticket, registeredAt: IsoDateTime, result: LotteryResult, voucherId: Id.nullable() })
  .strict();
export type LotteryEntryView = z.infer<typeof LotteryEntryView>;

/** What every view of a lottery says: its window, its prizes and the seed's commitment. */
const lotteryFacts = {
  batchId: Id,
  title: z.string(),
  status: BatchStatus,
  registrationOpensAt: IsoDateTime,
  drawAt: IsoDateTime,
  drawnAt: IsoDateTime.nullable(),
  prizes: z.number().int(),
  registrations: z.number().int(),
  seedHash: z.string(),
};

/** A lottery batch as a member sees it: the window, the commitment and their own entry. */
export const LotteryMemberView = z
  .object({
    ...lotteryFacts,
    /** Whether the member may register (audience and standing), whatever the time. */
    eligible: z.boolean(),
    entry: LotteryEntryView.nullable(),
  })
  .strict();
export type LotteryMemberView = z.infer<typeof LotteryMemberView>;

/** One line of the public result: a ticket, the registrant's masked name, and whether it won. */
export const LotteryPublicEntry = z.object({ ticket: Ticket, nameMasked: z.string(), won: z.boolean() }).strict();
export type LotteryPublicEntry = z.infer<typeof LotteryPublicEntry>;

/**
 * The public result (公示): before the draw the seed's hash only; after it the seed, the tickets
 * that were in the draw (what the recipe re-runs) and every entry with its masked name.
 */
export const LotteryPublicView = z
  .object({
    ...lotteryFacts,
    publisherName: z.string(),
    excluded: z.number().int(),
    seed: z.string().nullable(),
    tickets: z.array(Ticket),
    entries: z.array(LotteryPublicEntry),
  })
  .strict();
export type LotteryPublicView = z.infer<typeof LotteryPublicView>;
