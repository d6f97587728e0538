/**
 * The built mini-program starts in Node under a stubbed `wx` (WeChat's JS engine is not here):
 * app.js loads and its onLaunch/onShow run, then every page of app.json loads and runs onLoad,
 * onShow and onReady, signed out and then signed in with the network down. Any thrown error,
 * rejected promise or console.error fails the test. Fails (does not skip) when the build is missing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WeappRuntime } from './runtime';

/** zustand's persisted store ('gonghui-app') as the app writes it: a JSON string in wx storage. */
const signedIn = {
  'gonghui-app': JSON.stringify({ state: { token: 'stub-token', me: null, careMode: true }, version: 1 }),
};

let rt: WeappRuntime | undefined;
afterEach(() => {
  rt?.dispose();
  rt = undefined;
});

async function runAll(runtime: WeappRuntime): Promise<string[]> {
  runtime.launch();
  await runtime.settle();
  const opened: string[] = [];
  for (const route of runtime.pagePaths) {
    const page = runtime.openPage(route, {});
    if (page) opened.push(route);
    await runtime.settle(50);
    runtime.closePage();
  }
  await runtime.settle(200);
  return opened;
}

describe('weapp build loads under a stubbed wx', () => {
  it('launches the app and every page, signed out', async () => {
    rt = new WeappRuntime();
    const opened = await runAll(rt);
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
    expect(opened).toEqual(rt.pagePaths);
    expect(rt.appConfig?.onLaunch).toBeTypeOf('function');
    // WeChat's privacy authorization is listened for from launch (test/weapp/privacy.test.ts goes further).
    expect(rt.privacyListeners).toHaveLength(1);
    // Taro rendered into the pages (setData carries the React tree).
    expect(rt.apiCalls('request').length + rt.calls.length).toBeGreaterThan(0);
  });

  it('launches the app and every page with a stored session while the network is down', async () => {
    rt = new WeappRuntime(undefined, { storage: signedIn });
    const opened = await runAll(rt);
    expect(rt.errors, rt.errors.join('\n\n')).toEqual([]);
    expect(opened).toEqual(rt.pagePaths);
    // The stored session was read and the app tried the server (and survived it failing).
    expect(rt.apiCalls('request').length).toBeGreaterThan(0);
  });
});
