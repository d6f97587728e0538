import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { WUXING, claim, makeBatch, publishedBatch } from '../../testing/factories';
import { useTestApp } from '../../testing/harness';
import { activePhones } from '../../testing/people';

const OPEN_NOW = { type: 'window' as const, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' };
/** Every field a visitor's batch carries: the batch's own facts, nothing about a member. */
const VISITOR_FIELDS = [
  'claimState',
  'closesAt',
  'description',
  'drawAt',
  'faceValueFen',
  'id',
  'kind',
  'mode',
  'opensAt',
  'perMemberLimit',
  'period',
  'publisherName',
  'stackable',
  'status',
  'stockRemaining',
  'stockTotal',
  'thresholdFen',
  'title',
];

describe.each(storageKinds)('batches shown before signing in on %s', (kind) => {
  const app = useTestApp(kind, { now: '2026-12-02T02:00:00Z' });

  it('shows a visitor the city federation’s published batches, open and upcoming, and no draft, closed, district or tagged one', async () => {
    const city = await app().login('13900000001');
    const district = await app().login('13900000002');
    const open = await publishedBatch(app(), city, { title: '访客可见 立减10', schedule: OPEN_NOW });
    const upcoming = await publishedBatch(app(), city, { title: '访客可见 工惠日' });
    const draft = await makeBatch(app(), city, { title: '草稿不可见', schedule: OPEN_NOW });
    const closed = await publishedBatch(app(), city, { title: '已停发不可见', schedule: OPEN_NOW });
    expect((await app().call(api.closeBatch, { params: { id: closed.id }, token: city })).status).toBe(200);
    const tagged = await publishedBatch(app(), city, { title: '劳模专享不可见', schedule: OPEN_NOW, audience: { unionId: open.audience.unionId, tags: ['model_worker'] } });
    const districtOnly = await publishedBatch(app(), district, { title: '区级不可见', schedule: OPEN_NOW, unionName: WUXING });

    const r = await app().call(api.listVisitorBatches, {});
    expect(r.status).toBe(200);
    const ids = r.body.data.map((b) => b.id);
    expect(ids).toEqual(expect.arrayContaining([open.id, upcoming.id]));
    for (const hidden of [draft, closed, tagged, districtOnly]) expect(ids, hidden.title).not.toContain(hidden.id);
    expect(r.body.data.find((b) => b.id === open.id)).toMatchObject({ claimState: 'sign_in_required', status: 'open', publisherName: '湖州市总工会' });
    expect(r.body.data.find((b) => b.id === upcoming.id)).toMatchObject({ claimState: 'not_started', status: 'scheduled' });
  });

  it('carries only the batch’s own fields, and answers a member who claimed exactly what it answers a visitor', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { title: '领过也一样', schedule: OPEN_NOW, perMemberLimit: 1 });
    const [phone] = await activePhones(app(), 1, 40);
    const member = await app().login(phone!);
    expect((await claim(app(), member, b.id)).status).toBe(201);

    const anonymous = await app().call(api.listVisitorBatches, {});
    for (const item of anonymous.body.data) expect(Object.keys(item).sort()).toEqual(VISITOR_FIELDS);
    const withToken = await app().call(api.listVisitorBatches, { token: member });
    expect(withToken.body).toEqual(anonymous.body);
    expect(withToken.body.data.find((x) => x.id === b.id)?.claimState).toBe('sign_in_required');
    // The member's own list does know: that is the signed-in endpoint's job.
    const mine = await app().call(api.listOpenBatches, { token: member });
    expect(mine.body.data.find((x) => x.id === b.id)?.claimState).toBe('claimed');
  });

  it('says 已领完 to a visitor once the stock is gone', async () => {
    const city = await app().login('13900000001');
    const b = await publishedBatch(app(), city, { title: '只有一张', schedule: OPEN_NOW, stockTotal: 1 });
    const [phone] = await activePhones(app(), 1, 45);
    expect((await claim(app(), await app().login(phone!), b.id)).status).toBe(201);
    const r = await app().call(api.listVisitorBatches, {});
    expect(r.body.data.find((x) => x.id === b.id)).toMatchObject({ claimState: 'sold_out', stockRemaining: 0 });
  });
});
