import { eq, sql } from 'drizzle-orm';
import { queryRows, schema, type Db } from '../../db/index';
import type { WechatClient } from '../auth/wechat';
import type { SubscribeTemplate } from './notify';

export interface SubscribeMessage {
  touser: string;
  template: SubscribeTemplate;
  page: string;
  data: Record<string, { value: string }>;
}

/** How a send ended: `skipped` when WeChat will never take it (no subscription, unknown openid), `failed` to try again later. */
export type SendResult = { status: 'sent' } | { status: 'skipped' | 'failed'; error: string };

export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SendResult>;
}

/** Template ids from the console (WECHAT_TMPL_*); a template without an id is not sent. */
export type SubscribeTemplateIds = Partial<Record<SubscribeTemplate, string>>;

/** 43101: the user has not subscribed (or used up the one-time subscription); 40003: not this app's openid. */
const NEVER = new Set([43101, 40003]);
const STALE_TOKEN = new Set([40001, 40014, 42001]);

/** WeChat's `subscribeMessage.send`, with the server's cached access token. */
export function wechatSubscribeSender(wechat: WechatClient, templates: SubscribeTemplateIds, apiBase: string): SubscribeSender {
  const post = async (token: string, body: unknown): Promise<{ errcode?: number; errmsg?: string }> => {
    const url = new URL('/cgi-bin/message/subscribe/send', apiBase);
    url.searchParams.set('access_token', token);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
    return JSON.parse(await res.text()) as { errcode?: number; errmsg?: string };
  };
  return {
    async send(m) {
      const templateId = templates[m.template];
      if (!templateId) return { status: 'skipped', error: `no template id for ${m.template}` };
      const body = { touser: m.touser, template_id: templateId, page: m.page, data: m.data, miniprogram_state: 'formal', lang: 'zh_CN' };
      try {
        let answer = await post(await wechat.getAccessToken(), body);
        if (answer.errcode && STALE_TOKEN.has(answer.errcode)) answer = await post(await wechat.getAccessToken({ refresh: true }), body);
        if (!answer.errcode) return { status: 'sent' };
        return { status: NEVER.has(answer.errcode) ? 'skipped' : 'failed', error: `${answer.errcode} ${answer.errmsg ?? ''}`.trim() };
      } catch (err) {
        return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}

export const MAX_ATTEMPTS = 5;
/** How long a row may stay claimed before another round takes it back. */
export const STALE_SENDING_MS = 10 * 60_000;

/**
 * Sends what the outbox holds, oldest first. Each row is claimed (`sending`) in a short statement
 * with SKIP LOCKED, so several processes never send one message twice and no transaction stays
 * open while WeChat answers. A user without a WeChat openid (SMS sign-in only) is skipped; a failure
 * goes back to `pending` until MAX_ATTEMPTS.
 */
export async function drainSubscribeOutbox(db: Db, sender: SubscribeSender, now: Date, limit = 100): Promise<{ sent: number; skipped: number; failed: number }> {
  const out = { sent: 0, skipped: 0, failed: 0 };
  // A process that died between claiming and recording left rows in `sending`: after a while they
  // go back to the queue (or fail for good). WeChat may then get one message twice, never none.
  const stale = new Date(now.getTime() - STALE_SENDING_MS).toISOString();
  await queryRows(db, sql`update subscribe_outbox set status = case when attempts < ${MAX_ATTEMPTS} then 'pending' else 'failed' end, error = coalesce(error, 'sender stopped')
                       where status = 'sending' and (claimed_at is null or claimed_at < ${stale})`);
  for (let i = 0; i < limit; i++) {
    const [row] = await queryRows<{ id: number; user_id: string; template: SubscribeTemplate; page: string; data: SubscribeMessage['data'] | string; attempts: number }>(
      db,
      sql`update subscribe_outbox set status = 'sending', attempts = attempts + 1, claimed_at = ${now.toISOString()}
          where id = (select id from subscribe_outbox where status = 'pending' order by id limit 1 for update skip locked)
          returning id, user_id, template, page, data, attempts`,
    );
    if (!row) break;
    const [user] = await db.select({ openid: schema.users.wechatOpenid }).from(schema.users).where(eq(schema.users.id, row.user_id));
    const data = typeof row.data === 'string' ? (JSON.parse(row.data) as SubscribeMessage['data']) : row.data;
    const result: SendResult = user?.openid ? await sender.send({ touser: user.openid, template: row.template, page: row.page, data }) : { status: 'skipped', error: 'no openid' };
    const retry = result.status === 'failed' && Number(row.attempts) < MAX_ATTEMPTS;
    await db
      .update(schema.subscribeOutbox)
      .set({ status: retry ? 'pending' : result.status, error: result.status === 'sent' ? null : result.error, sentAt: result.status === 'sent' ? now : null })
      .where(eq(schema.subscribeOutbox.id, Number(row.id)));
    out[result.status]++;
    if (retry) break; // WeChat is failing: the next round tries again
  }
  return out;
}
