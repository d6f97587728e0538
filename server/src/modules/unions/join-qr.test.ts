import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { unionIdByName, useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';

describe.each(storageKinds)('joining through a union’s QR code on %s', (kind) => {
  const app = useTestApp(kind);

  it('gives staff the join QR as a PNG that names the union in its file name', async () => {
    const staff = await app().login('13900000003');
    const id = await unionIdByName(app(), '湖州吴兴智能装备有限公司工会');
    const r = await app().call(api.joinQrPng, { params: { id }, token: staff });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(decodeURIComponent(r.headers.get('content-disposition')!)).toContain('湖州吴兴智能装备有限公司工会-入会二维码.png');
    const district = await app().call(api.joinQrPng, { params: { id: await unionIdByName(app(), '吴兴区总工会') }, token: staff });
    expect(district.status).toBe(404); // outside a grassroots admin's scope
  });

  it('shows pending applications on the union, and a new join code retires the old QR at once', async () => {
    const district = await app().login('13900000002');
    const kids = await unionIdByName(app(), '织里童装产业园联合工会');
    const before = (await app().call(api.listUnions, { token: district })).body.data.find((u) => u.id === kids)!;
    expect(before.pendingCount).toBeGreaterThanOrEqual(0);
    const operator = await staffToken(app(), '13600000402', '吴兴区总工会', 'operator');
    const refused = await app().call(api.regenerateJoinCode, { params: { id: kids }, token: operator });
    expect(refused.error?.code).toBe('ADMIN_REQUIRED');
    const renewed = await app().call(api.regenerateJoinCode, { params: { id: kids }, token: district });
    expect(renewed.status).toBe(200);
    expect(renewed.body.joinCode).not.toBe(before.joinCode);
    expect((await app().call(api.joinInfo, { params: { joinCode: before.joinCode } })).status).toBe(404);
    expect((await app().call(api.joinInfo, { params: { joinCode: renewed.body.joinCode } })).body.name).toBe('织里童装产业园联合工会');
  });
});
