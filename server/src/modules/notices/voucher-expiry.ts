import { sql } from 'drizzle-orm';
import { NOTICE_PAGES, VOUCHER_EXPIRY_NOTICE_MS } from '@gonghui/shared';
import { queryRows, type Db } from '../../db/index';
import { field, notify } from './notify';

const BATCH = 200;

/**
 * Tells a member when a voucher they hold expires within three days, once per voucher: the
 * notice's dedupe key is unique, so a second run (or a second process) writes nothing.
 */
export async function voucherExpiryNotices(db: Db, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string; expires_at: string | Date; title: string; user_id: string }>(
        tx as unknown as Db,
        sql`select v.id, v.expires_at, b.title, m.user_id
              from vouchers v join voucher_batches b on b.id = v.batch_id join members m on m.id = v.member_id
             where b.purpose = 'voucher' and v.status = 'unused' and v.expires_at > ${now.toISOString()} and v.expires_at <= ${new Date(now.getTime() + VOUCHER_EXPIRY_NOTICE_MS).toISOString()}
               and not exists (select 1 from notices n where n.dedupe_key = 'voucher-expiring:' || v.id)
             order by v.expires_at limit ${BATCH}`,
      );
      for (const r of rows) {
        const expiresAt = new Date(r.expires_at);
        await notify(
          { db: tx as unknown as Db, now },
          {
            userId: r.user_id,
            kind: 'voucher.expiring',
            title: '工惠券即将过期',
            body: `您的“${r.title}”将于${field.time(expiresAt)}过期，请尽快使用。`,
            link: { page: NOTICE_PAGES.voucher, id: r.id },
            dedupeKey: `voucher-expiring:${r.id}`,
            subscribe: { template: 'voucher_expiring', data: { thing1: field.thing(r.title), time2: field.time(expiresAt), thing3: field.thing('工惠券即将过期，请尽快使用') } },
          },
        );
      }
      return rows.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
