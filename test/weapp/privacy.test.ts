/**
 * WeChat's privacy authorization in the built mini-program, under the stubbed wx: the app listens
 * at launch, the login page answers with its popup (agree through the open-type button's id), a
 * page without the popup refuses instead of leaving WeChat waiting, and the demo accounts never
 * show in a mini-program even when the server runs in demo mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WeappRuntime, type PageInstance, type RequestAnswer } from './runtime';

const LOGIN = 'pages/login/index';
const HOME = 'pages/home/index';

/** The server answering /api/health in demo mode; everything else fails like a phone offline. */
function demoServer(req: { url: string }): RequestAnswer | undefined {
  if (req.url.endsWith('/api/health')) return { statusCode: 200, data: { ok: true, db: 'pglite', version: 'test', mode: 'demo', wechat: false } };
  return undefined;
}

const text = (page: PageInstance) => JSON.stringify(page.data);

/** Calls the app's privacy listener as WeChat would, collecting the answers given to `resolve`. */
function askForPrivacy(rt: WeappRuntime): unknown[] {
  const answers: unknown[] = [];
  expect(rt.privacyListeners).toHaveLength(1);
  rt.privacyListeners[0]!((answer: unknown) => answers.push(answer), { referrer: 'requirePrivacyAuthorize' });
  return answers;
}

let rt: WeappRuntime | undefined;
afterEach(() => {
  rt?.dispose();
  rt = undefined;
});

describe('WeChat privacy authorization in the weapp build', () => {
  it('registers an onNeedPrivacyAuthorization listener at launch', async () => {
    rt = new WeappRuntime();
    rt.launch();
    await rt.settle();
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
    expect(rt.apiCalls('onNeedPrivacyAuthorization')).toHaveLength(1);
    expect(rt.privacyListeners[0]).toBeTypeOf('function');
  });

  it('shows the login page’s privacy popup when WeChat asks, and tells WeChat it was shown', async () => {
    rt = new WeappRuntime(undefined, { respond: demoServer });
    rt.launch();
    await rt.settle();
    const page = rt.openPage(LOGIN)!;
    await rt.settle(200);
    expect(text(page)).not.toContain('隐私保护提示');

    const answers = askForPrivacy(rt);
    await rt.settle(200);
    expect(text(page)).toContain('隐私保护提示');
    expect(text(page)).toContain('agreePrivacyAuthorization');
    expect(text(page)).toContain('gh-privacy-agree');
    expect(answers).toContainEqual({ event: 'exposureAuthorization' });
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
  });

  it('agrees through the open-type button: WeChat gets its id, and the popup closes', async () => {
    rt = new WeappRuntime(undefined, { respond: demoServer });
    rt.launch();
    await rt.settle();
    const page = rt.openPage(LOGIN)!;
    await rt.settle(200);
    const answers = askForPrivacy(rt);
    await rt.settle(200);
    rt.dispatch(page, 'gh-privacy-agree', 'agreeprivacyauthorization');
    await rt.settle(200);
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'gh-privacy-agree' }]);
    expect(text(page)).not.toContain('隐私保护提示');
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
  });

  it('refuses at once on a page without the popup, so the privacy API fails instead of waiting forever', async () => {
    rt = new WeappRuntime();
    rt.launch();
    await rt.settle();
    rt.openPage(HOME);
    await rt.settle(200);
    const answers = askForPrivacy(rt);
    await rt.settle();
    expect(answers).toEqual([{ event: 'disagree' }]);
    expect(rt.apiCalls('showModal')).toHaveLength(1);
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
  });

  it('shows no demo accounts on the login page even when the server is in demo mode', async () => {
    rt = new WeappRuntime(undefined, { respond: demoServer });
    rt.launch();
    await rt.settle();
    const page = rt.openPage(LOGIN)!;
    await rt.settle(300);
    expect(rt.apiCalls('request').some((c) => String((c.options as { url?: string }).url).endsWith('/api/health'))).toBe(true);
    expect(text(page)).toContain('微信一键登录');
    expect(text(page)).not.toContain('演示账号');
    expect(text(page)).not.toContain('13800000001');
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
  });
});
