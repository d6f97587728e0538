import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';
import { storageKinds } from '../../testing/database';
import { useTestApp } from '../../testing/harness';
import { staffToken } from '../../testing/people';

describe.each(storageKinds)('the member card’s code on %s', (kind) => {
  const app = useTestApp(kind);

  it('lets staff of the member’s union look a member up by the card’s code, for one minute', async () => {
    const member = await app().login('13800000001'); // 张晓明, 湖州吴兴智能装备有限公司工会
    const code = await app().call(api.myMemberCode, { token: member });
    expect(code.status).toBe(200);
    expect(code.body.shortCode).toMatch(/^\d{12}$/);
    expect(code.body.qr).toMatch(/^data:image\/png;base64,/);
    const staff = await app().login('13900000003');
    const found = await app().call(api.lookupMemberCode, { params: { code: code.body.shortCode }, token: staff });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ name: '张晓明', unionName: '湖州吴兴智能装备有限公司工会' });
    expect(found.body.phoneMasked).toMatch(/\*{4}/);
    // spaces typed between the digits are fine
    const spaced = code.body.shortCode.replace(/(\d{4})/g, '$1 ');
    expect((await app().call(api.lookupMemberCode, { params: { code: spaced }, token: staff })).status).toBe(200);
    app().clock.advance(61_000);
    const stale = await app().call(api.lookupMemberCode, { params: { code: code.body.shortCode }, token: staff });
    expect(stale.status).toBe(404);
    expect(stale.error?.code).toBe('MEMBER_CODE_EXPIRED');
  });

  it('answers 404 to staff of another district, exactly as for an unknown code', async () => {
    const member = await app().login('13800000001');
    const code = (await app().call(api.myMemberCode, { token: member })).body.shortCode;
    const nanxunAdmin = await staffToken(app(), '13600000401', '南浔区总工会', 'admin');
    const nanxun = await app().call(api.lookupMemberCode, { params: { code }, token: nanxunAdmin });
    expect(nanxun.status).toBe(404);
    expect(nanxun.error?.code).toBe('MEMBER_CODE_EXPIRED');
  });

  it('refuses a member the staff lookup (403) and a visitor the card code (401)', async () => {
    const member = await app().login('13800000002');
    expect((await app().call(api.lookupMemberCode, { params: { code: '123456789012' }, token: member })).status).toBe(403);
    expect((await app().call(api.myMemberCode, {})).status).toBe(401);
  });
});
