import { formatShanghai, type NoticePage } from '@gonghui/shared';
import { schema, type Db } from '../../db/index';

export type SubscribeTemplate = 'wish_progress' | 'voucher_expiring';

export interface Notice {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: { page: NoticePage; id: string } | null;
  /** A notice that may be written once only ("voucher-expiring:<id>"): a second write changes nothing. */
  dedupeKey?: string;
  /** Also queue a WeChat subscribe message, in the template's own fields. */
  subscribe?: { template: SubscribeTemplate; data: Record<string, string> };
}

/** WeChat's limits on template fields: `thing` ≤ 20 characters, `phrase` ≤ 5, `time` a readable time. */
export const field = {
  thing: (s: string) => (Array.from(s).length > 20 ? Array.from(s).slice(0, 19).join('') + '…' : s),
  phrase: (s: string) => Array.from(s).slice(0, 5).join(''),
  time: (at: Date) => formatShanghai(at, true),
};

/**
 * Writes a notice (and its subscribe message) in the caller's transaction, so it exists exactly
 * when the change it reports does. Returns false when a deduplicated notice was already written.
 */
export async function notify(scope: { db: Db; now: Date }, n: Notice): Promise<boolean> {
  const inserted = await scope.db
    .insert(schema.notices)
    .values({ userId: n.userId, kind: n.kind, title: n.title, body: n.body, linkPage: n.link?.page ?? null, linkId: n.link?.id ?? null, dedupeKey: n.dedupeKey ?? null, createdAt: scope.now })
    .onConflictDoNothing()
    .returning({ id: schema.notices.id });
  if (inserted.length === 0) return false;
  if (n.subscribe) {
    const page = n.link ? `${n.link.page.replace(/^\//, '')}?id=${n.link.id}` : 'pages/home/index';
    const data = Object.fromEntries(Object.entries(n.subscribe.data).map(([k, value]) => [k, { value }]));
    await scope.db.insert(schema.subscribeOutbox).values({ userId: n.userId, template: n.subscribe.template, page, data, createdAt: scope.now });
  }
  return true;
}
