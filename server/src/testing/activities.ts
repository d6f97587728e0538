/* Activities and 聆听 requests for tests, made through the API as staff and members would. */
import { randomUUID } from 'node:crypto';
import { api, type ActivityInput, type FeedbackInput } from '@gonghui/shared';
import { unionIdByName, type TestApp } from './harness';

const HOUR = 3600_000;
const at = (app: TestApp, hours: number) => new Date(app.clock.now().getTime() + hours * HOUR).toISOString();

/** An activity whose sign-up is open now, starting in three days (times relative to the app's clock). */
export async function activityInput(app: TestApp, o: Partial<ActivityInput> & { unionName?: string } = {}): Promise<ActivityInput> {
  const { unionName, ...rest } = o;
  return {
    title: '职工阳光课堂：插花艺术',
    category: 'public_class',
    description: '你点我送职工阳光课堂，老师现场教学，材料由工会提供。',
    place: '吴兴区职工服务中心三楼',
    startsAt: at(app, 72),
    endsAt: at(app, 74),
    capacity: 20,
    signupStartsAt: at(app, -1),
    signupEndsAt: at(app, 48),
    cancelDeadline: at(app, 24),
    audience: { unionId: await unionIdByName(app, unionName ?? '湖州市总工会'), tags: [] },
    waitlist: true,
    ...rest,
  };
}

export async function publishedActivity(app: TestApp, staffToken: string, o: Partial<ActivityInput> & { unionName?: string } = {}): Promise<string> {
  const r = await app.call(api.createActivity, { body: await activityInput(app, o), token: staffToken });
  if (r.status !== 201) throw new Error(`create activity: ${r.status} ${r.text}`);
  return r.body.id;
}

export function enroll(app: TestApp, token: string, id: string, key: string = randomUUID()) {
  return app.call(api.enroll, { params: { id }, token, idempotencyKey: key });
}

export function cancelEnrollment(app: TestApp, token: string, id: string, key: string = randomUUID()) {
  return app.call(api.cancelEnrollment, { params: { id }, token, idempotencyKey: key });
}

/** The member's card code, as they would show it at the door. */
export async function memberCode(app: TestApp, token: string): Promise<string> {
  const r = await app.call(api.myMemberCode, { token });
  if (r.status !== 200) throw new Error(`member code: ${r.status} ${r.text}`);
  return r.body.shortCode;
}

export async function sendFeedback(app: TestApp, token: string, o: Partial<FeedbackInput> = {}): Promise<string> {
  const r = await app.call(api.sendFeedback, { body: { category: 'rights', text: '车间连续加班一个月，加班费一直没有发放，希望工会帮忙问一问。', bypassGrassroots: false, ...o }, token });
  if (r.status !== 201) throw new Error(`send feedback: ${r.status} ${r.text}`);
  return r.body.id;
}
