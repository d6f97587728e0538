import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, NOTICE_PAGES } from '@gonghui/shared';
import { queryRows } from '../../db/index';
import { sendFeedback } from '../../testing/activities';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';
import { phonesIn } from '../../testing/wishes';
import { runScheduledJobs } from '../../scheduled';

const HOUR = 3600_000;
const EQUIP = '湖州吴兴智能装备有限公司工会';

describe.each(storageKinds)('聆听 on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-01T02:00:00Z' });
  let grassroots: string; // admin of the member's grassroots union (13900000003)
  let district: string; // 吴兴区总工会
  let city: string;
  let nanxun: string;
  let member: string;
  let other: string;
  let phones: string[];
  beforeAll(async () => {
    grassroots = await app().login('13900000003');
    district = await app().login('13900000002');
    city = await app().login('13900000001');
    nanxun = await staffToken(app(), '13900000021', '南浔区总工会', 'admin');
    phones = await phonesIn(app(), EQUIP, 2, 0);
    const [a, b] = phones;
    member = await app().login(a!);
    other = await app().login(b!);
  }, 60_000);

  it('puts a request in the grassroots inbox with 24 hours left, and the reply reaches the member with a notice', async () => {
    const id = await sendFeedback(app(), member);
    const inbox = await app().call(api.staffFeedbackList, { query: { box: 'inbox' }, token: grassroots });
    expect(inbox.body.data.find((f) => f.id === id)).toMatchObject({ status: 'pending', timeLeftMinutes: 24 * 60, handlingUnionName: EQUIP });
    // the inbox shows each request's opening words, and that read is in the audit log
    const reads = await queryRows<{ detail: { ids: string[] } }>(app().deps.db, sql`select detail from audit_log where action = 'feedback.list-read' order by id desc limit 1`);
    expect(reads[0]?.detail.ids).toContain(id);
    const replied = await app().call(api.replyFeedback, { params: { id }, body: { text: '已联系车间主任核实加班情况，本周内答复您。' }, token: grassroots });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ status: 'replied', timeLeftMinutes: null });
    const mine = await app().call(api.myFeedback, { params: { id }, token: member });
    expect(mine.body.messages.map((m) => m.author)).toEqual(['member', 'staff']);
    expect(mine.body.messages[1]).toMatchObject({ authorLabel: EQUIP, text: '已联系车间主任核实加班情况，本周内答复您。' });
    const notices = (await app().call(api.notices, { query: {}, token: member })).body.data.filter((n) => n.link?.id === id);
    expect(notices.map((n) => n.link?.page)).toEqual([NOTICE_PAGES.myFeedback]);
    const rated = await app().call(api.rateFeedback, { params: { id }, body: { score: 5, comment: '回复很及时' }, token: member });
    expect(rated.body.rating).toEqual({ score: 5, comment: '回复很及时' });
    expect((await app().call(api.rateFeedback, { params: { id }, body: { score: 1 }, token: member })).error?.code).toBe('FEEDBACK_NOT_RATABLE');
  });

  it('lists what waits first, by time left, then the rest newest first', async () => {
    const answered = await sendFeedback(app(), member);
    await app().call(api.replyFeedback, { params: { id: answered }, body: { text: '已经处理好了，请您查收。' }, token: grassroots });
    const waiting = await sendFeedback(app(), member);
    const rows = (await app().call(api.staffFeedbackList, { query: { box: 'inbox', limit: 100 }, token: grassroots })).body.data;
    const firstDone = rows.findIndex((f) => f.status !== 'pending');
    expect(rows.slice(0, firstDone === -1 ? rows.length : firstDone).every((f) => f.status === 'pending')).toBe(true);
    expect(rows.slice(firstDone).every((f) => f.status !== 'pending')).toBe(true);
    expect(rows.findIndex((f) => f.id === waiting)).toBeLessThan(rows.findIndex((f) => f.id === answered));
    const pendingLeft = rows.filter((f) => f.status === 'pending').map((f) => f.timeLeftMinutes ?? 0);
    expect(pendingLeft).toEqual([...pendingLeft].sort((a, b) => a - b));
  });

  it('should return 422 for a hand-over to the union that holds the request already, and keep its time left', async () => {
    const id = await sendFeedback(app(), member);
    const r = await app().call(api.handOverFeedback, { params: { id }, body: { unionId: await unionIdByName(app(), EQUIP) }, token: grassroots });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe('FEEDBACK_HANDOVER_SAME_UNION');
  });

  it('should return 422 for closing a request never answered without a note, and send the note to the member as the reply', async () => {
    const id = await sendFeedback(app(), member);
    const bare = await app().call(api.closeFeedback, { params: { id }, body: {}, token: grassroots });
    expect(bare.status).toBe(422);
    expect(bare.error?.code).toBe('FEEDBACK_CLOSE_NEEDS_NOTE');
    expect((await app().call(api.myFeedback, { params: { id }, token: member })).body.status).toBe('pending');
    const closed = await app().call(api.closeFeedback, { params: { id }, body: { note: '经核实已由车间补发加班费，如有疑问请再联系工会。' }, token: grassroots });
    expect(closed.body.status).toBe('closed');
    const mine = await app().call(api.myFeedback, { params: { id }, token: member });
    expect(mine.body.messages.find((m) => m.author === 'staff')?.text).toBe('经核实已由车间补发加班费，如有疑问请再联系工会。');
  });

  it('escalates an unanswered request to the parent union’s inbox at 24 hours, not before', async () => {
    const id = await sendFeedback(app(), member, { category: 'hardship', text: '家里老人住院，医药费压力很大，想问问有没有困难补助。' });
    app().clock.advance(24 * HOUR - 60_000);
    try {
      // the minute's scheduled work, as main.ts runs it
      const tick = () => runScheduledJobs(app().deps.db, app().clock, app().deps.logger, null);
      await tick();
      expect((await app().call(api.staffFeedback, { params: { id }, token: grassroots })).body).toMatchObject({ escalations: 0, handlingUnionName: EQUIP, timeLeftMinutes: 1 });
      app().clock.advance(60_000);
      await tick();
      const seen = await app().call(api.staffFeedback, { params: { id }, token: district });
      expect(seen.body).toMatchObject({ escalations: 1, handlingUnionName: '吴兴区总工会', timeLeftMinutes: 24 * 60, abilities: { reply: true } });
      const inbox = await app().call(api.staffFeedbackList, { query: { box: 'inbox' }, token: district });
      expect(inbox.body.data.some((f) => f.id === id)).toBe(true);
      expect((await app().call(api.staffFeedbackList, { query: { box: 'inbox' }, token: grassroots })).body.data.some((f) => f.id === id)).toBe(false);
      // the grassroots union still reads it (the member did not bypass it) but no longer acts on it
      const late = await app().call(api.replyFeedback, { params: { id }, body: { text: '我们来晚了，正在处理。' }, token: grassroots });
      expect(late.status).toBe(403);
      const thread = await app().call(api.myFeedback, { params: { id }, token: member });
      expect(thread.body.messages.at(-1)).toMatchObject({ author: 'system', text: '超过24小时未回复，已转至吴兴区总工会办理' });
    } finally {
      app().clock.set('2026-12-01T02:00:00Z');
    }
  });

  it('returns 404 to another member reading someone’s request', async () => {
    const id = await sendFeedback(app(), member);
    const r = await app().call(api.myFeedback, { params: { id }, token: other });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe('FEEDBACK_NOT_FOUND');
    expect((await app().call(api.rateFeedback, { params: { id }, body: { score: 3 }, token: other })).status).toBe(404);
  });

  it('returns 404 to staff outside the subtree', async () => {
    const id = await sendFeedback(app(), member);
    expect((await app().call(api.staffFeedback, { params: { id }, token: nanxun })).status).toBe(404);
    expect((await app().call(api.replyFeedback, { params: { id }, body: { text: '这是南浔区的回复内容。' }, token: nanxun })).status).toBe(404);
    expect((await app().call(api.staffFeedbackList, { query: { box: 'all' }, token: nanxun })).body.data.some((f) => f.id === id)).toBe(false);
  });

  it('hides a 不经本单位工会 request from the grassroots union (404) and shows it to the unions above', async () => {
    const dashboard = async (token: string) => (await app().call(api.feedbackDashboard, { query: { months: 1 }, token })).body;
    const [belowBefore, aboveBefore] = [await dashboard(grassroots), await dashboard(district)];
    const id = await sendFeedback(app(), member, { category: 'labour_relations', text: '单位要求签自愿放弃社保的协议，不想让单位知道是我反映的。', bypassGrassroots: true });
    // not even as a number on the workplace union's dashboard
    const [belowAfter, aboveAfter] = [await dashboard(grassroots), await dashboard(district)];
    expect(belowAfter).toEqual(belowBefore);
    expect(aboveAfter.total).toBe(aboveBefore.total + 1);
    expect(aboveAfter.pending).toBe(aboveBefore.pending + 1);
    const hidden = await app().call(api.staffFeedback, { params: { id }, token: grassroots });
    expect(hidden.status).toBe(404);
    expect(hidden.error?.code).toBe('FEEDBACK_NOT_FOUND');
    for (const box of ['inbox', 'all'] as const) expect((await app().call(api.staffFeedbackList, { query: { box }, token: grassroots })).body.data.some((f) => f.id === id)).toBe(false);
    const above = await app().call(api.staffFeedback, { params: { id }, token: district });
    expect(above.status).toBe(200);
    expect(above.body).toMatchObject({ bypassGrassroots: true, handlingUnionName: '吴兴区总工会', memberUnionName: EQUIP });
    expect((await app().call(api.staffFeedback, { params: { id }, token: city })).status).toBe(200);
    // nor can the district hand it back down to the workplace
    const back = await app().call(api.handOverFeedback, { params: { id }, body: { unionId: await unionIdByName(app(), EQUIP) }, token: district });
    expect(back.status).toBe(422);
    expect(back.error?.code).toBe('FEEDBACK_HANDOVER_NOT_ALLOWED');
    expect((await app().call(api.staffFeedback, { params: { id }, token: grassroots })).status).toBe(404);
  });

  it('counts the subtree’s requests by category and month with the median first reply and the share within 24 hours', async () => {
    const r = await app().call(api.feedbackDashboard, { query: { months: 3 }, token: district });
    expect(r.status).toBe(200);
    expect(r.body.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(r.body.total).toBeGreaterThan(0);
    expect(r.body.byCategoryMonth.reduce((n, x) => n + x.count, 0)).toBe(r.body.total);
    expect(r.body.answeredWithin24hShare).not.toBeNull();
    const nan = await app().call(api.feedbackDashboard, { query: { months: 3 }, token: nanxun });
    const all = await app().call(api.feedbackDashboard, { query: { months: 3 }, token: city });
    expect(all.body.total).toBeGreaterThanOrEqual(r.body.total + nan.body.total); // two disjoint subtrees of the city
  });

  it('computes the median first reply and the 24-hour share exactly, over the month asked for', async () => {
    // March 2027 holds only what this test sends: the demo's requests are from the winter before
    const t0 = Date.parse('2027-03-02T01:00:00Z');
    const at = (h: number) => app().clock.set(new Date(t0 + h * HOUR).toISOString());
    try {
      at(0);
      // sessions last 30 days: sign everyone in again in March
      const [member, other, grassroots, district, nanxun] = (await Promise.all([...phones, '13900000003', '13900000002', '13900000021'].map((p) => app().login(p)))) as [string, string, string, string, string];
      const [fast, slow, late] = [
        await sendFeedback(app(), member, { category: 'rights', text: '车间夜班补贴标准一直没有公布，想请工会帮忙问一问。' }),
        await sendFeedback(app(), member, { category: 'rights', text: '单位今年体检项目减少了，想了解一下是否符合规定。' }),
        await sendFeedback(app(), other, { category: 'suggestion', text: '建议食堂晚餐延长到八点，方便夜班职工。' }),
      ];
      await sendFeedback(app(), other, { category: 'other', text: '职工书屋周末能否开放？' }); // never answered
      const reply = (id: string) => app().call(api.replyFeedback, { params: { id }, body: { text: '已收到，正在与单位沟通。' }, token: grassroots });
      at(1);
      expect((await reply(fast!)).status).toBe(200);
      at(3);
      expect((await reply(slow!)).status).toBe(200);
      at(20);
      await sendFeedback(app(), other, { category: 'other', text: '停车场晚上照明不足，希望加装路灯。' }); // not yet due when counted
      at(30); // after 24 hours, but nothing has moved it up yet: the grassroots union still answers
      expect((await reply(late!)).status).toBe(200);
      at(31);
      const r = await app().call(api.feedbackDashboard, { query: { months: 1 }, token: district });
      expect(r.body).toMatchObject({ months: ['2027-03'], total: 5, pending: 2, overdue: 1, medianFirstReplyMinutes: 180 });
      // due: the three answered and the one unanswered past 24 hours; in time: two of them
      expect(r.body.answeredWithin24hShare).toBe(0.5);
      expect(r.body.byCategoryMonth).toEqual([
        { month: '2027-03', category: 'other', count: 2 },
        { month: '2027-03', category: 'rights', count: 2 },
        { month: '2027-03', category: 'suggestion', count: 1 },
      ]);
      // another district's dashboard sees none of it
      expect((await app().call(api.feedbackDashboard, { query: { months: 1 }, token: nanxun })).body.total).toBe(0);
    } finally {
      app().clock.set('2026-12-01T02:00:00Z');
    }
  });
});
