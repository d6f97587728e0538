import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Db } from './db/index';
import { escalateOverdueFeedback } from './modules/feedback/escalation';
import { drainSubscribeOutbox, type SubscribeSender } from './modules/notices/subscribe';
import { voucherExpiryNotices } from './modules/notices/voucher-expiry';
import { expireUnadoptedWishes, releaseOverdueAdoptions } from './modules/wishes/maintenance';

/**
 * The minute's scheduled work: overdue adoptions released, unadopted wishes expired, members told
 * of vouchers about to expire, 聆听 requests unanswered for 24 hours moved up to the parent union, and (where WeChat and its templates are configured) the subscribe
 * outbox sent. Each job is safe to run on several processes at once.
 */
export async function runScheduledJobs(db: Db, clock: Clock, logger: Logger, sender: SubscribeSender | null): Promise<void> {
  const jobs: [string, () => Promise<unknown>][] = [
    ['wish-overdue', () => releaseOverdueAdoptions(db, clock.now())],
    ['wish-expiry', () => expireUnadoptedWishes(db, clock.now())],
    ['voucher-expiry-notices', () => voucherExpiryNotices(db, clock.now())],
    ['feedback-escalation', () => escalateOverdueFeedback(db, clock.now())],
  ];
  if (sender) jobs.push(['subscribe-outbox', () => drainSubscribeOutbox(db, sender, clock.now())]);
  for (const [name, run] of jobs) {
    try {
      const done = await run();
      if (done) logger.debug({ job: name, done }, 'scheduled job ran');
    } catch (err) {
      logger.warn({ err, job: name }, 'scheduled job failed');
    }
  }
}
