/**
 * Loads the built mini-program (client/dist/weapp) in Node the way WeChat's JS engine would: each
 * file a CommonJS module with its own `require`, in a fresh global that has no `window`,
 * `document` or Node globals, only `wx` and the registration functions (App, Page, Component,
 * getApp, getCurrentPages, requirePlugin, Behavior). `wx` is a stub: every API exists, async ones
 * answer through success/fail/complete on a later tick, `wx.request` fails like a phone offline
 * (or answers through `respond`), storage is in memory.
 *
 * Errors anywhere (a module throwing, a lifecycle hook throwing, a throwing timer callback, an
 * unhandled rejection, a `console.error`) are collected in `errors`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { selectorQuery, stubWx, type Fn, type RequestAnswer, type WxCall } from './wx-stub';

export const WEAPP_DIR = fileURLToPath(new URL('../../client/dist/weapp', import.meta.url));

export type { RequestAnswer, WxCall } from './wx-stub';

export interface WeappRuntimeOptions {
  /** Initial contents of wx storage (key → value as stored). */
  storage?: Record<string, unknown>;
  /** Answers wx.request; undefined = the network fails (request:fail). */
  respond?: (req: { url: string; method: string; data: unknown }) => RequestAnswer | undefined;
}

export interface PageInstance extends Record<string, any> {
  route: string;
  options: Record<string, string>;
  data: Record<string, any>;
}

export class WeappRuntime {
  readonly errors: string[] = [];
  readonly calls: WxCall[] = [];
  readonly storage = new Map<string, unknown>();
  readonly pages: PageInstance[] = [];
  appConfig: Record<string, any> | null = null;
  app: Record<string, any> | null = null;
  readonly components: Record<string, any>[] = [];
  /** Listeners the build gave wx.onNeedPrivacyAuthorization (WeChat calls them before a privacy API runs). */
  readonly privacyListeners: Fn[] = [];

  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private pendingPage: Record<string, any> | null = null;
  private readonly onRejection = (reason: unknown) => this.fail('unhandled rejection', reason);

  constructor(
    readonly dir: string = WEAPP_DIR,
    private readonly opts: WeappRuntimeOptions = {},
  ) {
    if (!existsSync(path.join(dir, 'app.js'))) throw new Error(`weapp build missing at ${dir}: run pnpm build:weapp`);
    for (const [k, v] of Object.entries(opts.storage ?? {})) this.storage.set(k, v);
    process.on('unhandledRejection', this.onRejection);
    this.context = vm.createContext(this.globals());
  }

  /** What an entry of app.json's pages is registered as. */
  get pagePaths(): string[] {
    return (JSON.parse(readFileSync(path.join(this.dir, 'app.json'), 'utf8')) as { pages: string[] }).pages;
  }

  fail(where: string, err: unknown): void {
    // Errors made inside the build's context are not `instanceof Error` of this one.
    const e = err as { name?: unknown; message?: unknown; stack?: unknown } | null;
    const text =
      e && typeof e === 'object' && typeof e.message === 'string'
        ? `${String(e.name)}: ${e.message}\n${typeof e.stack === 'string' ? e.stack.split('\n').slice(1, 6).join('\n') : ''}`
        : typeof err === 'string'
          ? err
          : JSON.stringify(err);
    const open = this.pages.at(-1)?.route;
    this.errors.push(`${where}${open ? ` (${open} open)` : ''}: ${text}`);
  }

  /** require() of a file of the build, relative to the build's root (`app`, `pages/home/index`). */
  require(id: string, from = this.dir): unknown {
    let file = path.resolve(from, id);
    if (!file.endsWith('.js')) file += '.js';
    if (!file.startsWith(this.dir + path.sep)) throw new Error(`require outside the build: ${id}`);
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    if (!existsSync(file)) throw new Error(`module not found: ${path.relative(this.dir, file)}`);
    const module = { exports: {} as unknown };
    this.modules.set(file, module);
    const wrapper = vm.runInContext(`(function (require, module, exports, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, this.context, {
      filename: file,
    }) as Fn;
    const localRequire = (next: string) => this.require(next, path.dirname(file));
    wrapper.call(module.exports, localRequire, module, module.exports, file, path.dirname(file));
    return module.exports;
  }

  /** Loads app.js, then runs the App's onLaunch and onShow as WeChat does at a cold start. */
  launch(query: Record<string, string> = {}): void {
    this.guard('app.js', () => this.require('app'));
    if (!this.appConfig) throw new Error(`app.js did not call App()\n${this.errors.join('\n')}`);
    const launchOptions = { path: this.pagePaths[0], query, scene: 1001, referrerInfo: {}, apiCategory: 'default' };
    this.guard('App.onLaunch', () => this.appConfig!.onLaunch?.call(this.app, launchOptions));
    this.guard('App.onShow', () => this.appConfig!.onShow?.call(this.app, launchOptions));
  }

  /** Loads a page's module and runs onLoad, onShow and onReady on a new instance of it. */
  openPage(route: string, query: Record<string, string> = {}): PageInstance | null {
    this.pendingPage = null;
    this.guard(`${route}.js`, () => this.require(route));
    const config = this.pendingPage as Record<string, any> | null;
    if (!config) {
      this.fail(route, `${route}.js did not call Page()`);
      return null;
    }
    const page = this.instantiate(config, route, query);
    this.pages.push(page);
    this.guard(`${route} onLoad`, () => config.onLoad?.call(page, query));
    this.guard(`${route} onShow`, () => config.onShow?.call(page));
    this.guard(`${route} onReady`, () => config.onReady?.call(page));
    return page;
  }

  /** Hides and unloads the top page (as navigating back would). */
  closePage(): void {
    const page = this.pages.pop();
    if (!page) return;
    this.guard(`${page.route} onHide`, () => page.onHide?.call(page));
    this.guard(`${page.route} onUnload`, () => page.onUnload?.call(page));
  }

  /** An event of the element with this id, as WeChat delivers it to Taro's page handler (`eh`). */
  dispatch(page: PageInstance, id: string, type: string, detail: Record<string, unknown> = {}): void {
    const target = { id, dataset: {} };
    this.guard(`${page.route} ${type} on #${id}`, () => page.eh?.call(page, { type, timeStamp: Date.now(), target, currentTarget: target, detail }));
  }

  /** Lets timers, promises and React's scheduler run for a while. */
  async settle(ms = 100): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  /** Stops every timer the build started and detaches from the process. */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.intervals) clearInterval(t);
    this.timers.clear();
    this.intervals.clear();
    process.off('unhandledRejection', this.onRejection);
  }

  apiCalls(api: string): WxCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  private guard(where: string, run: () => unknown): void {
    try {
      const r = run();
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, (e: unknown) => this.fail(where, e));
    } catch (e) {
      this.fail(where, e);
    }
  }

  private instantiate(config: Record<string, any>, route: string, query: Record<string, string>): PageInstance {
    const page = Object.create(config) as PageInstance;
    page.route = route;
    page.__route__ = route;
    page.options = query;
    page.data = structuredClone(config.data ?? {});
    page.setData = (patch: Record<string, unknown>, cb?: Fn) => {
      for (const [k, v] of Object.entries(patch)) setPath(page.data, k, v);
      if (cb) this.later(`${route} setData callback`, cb);
    };
    page.selectComponent = () => null;
    page.selectAllComponents = () => [];
    page.createSelectorQuery = () => selectorQuery();
    page.getOpenerEventChannel = () => ({ on() {}, emit() {}, off() {} });
    return page;
  }

  private later(where: string, run: Fn, ms = 0): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.guard(where, run);
    }, ms);
    this.timers.add(t);
  }

  private globals(self: WeappRuntime = this): Record<string, unknown> {
    const timers = this.timers;
    const intervals = this.intervals;
    const sandboxConsole = {
      ...console,
      log() {},
      info() {},
      debug() {},
      warn() {},
      error(...args: unknown[]) {
        self.fail('console.error', args.map((a) => (a && typeof a === 'object' && 'stack' in a ? String((a as { stack: unknown }).stack) : String(a))).join(' '));
      },
    };
    return {
      console: sandboxConsole,
      setTimeout(fn: Fn, ms?: number, ...args: unknown[]) {
        const t = setTimeout(() => {
          timers.delete(t);
          self.guard('timer', () => fn(...args));
        }, ms);
        timers.add(t);
        return t;
      },
      clearTimeout(t: NodeJS.Timeout) {
        timers.delete(t);
        clearTimeout(t);
      },
      setInterval(fn: Fn, ms?: number, ...args: unknown[]) {
        const t = setInterval(() => self.guard('interval', () => fn(...args)), ms);
        intervals.add(t);
        return t;
      },
      clearInterval(t: NodeJS.Timeout) {
        intervals.delete(t);
        clearInterval(t);
      },
      wx: stubWx({
        calls: this.calls,
        storage: this.storage,
        privacyListeners: this.privacyListeners,
        get pagePaths() {
          return self.pagePaths;
        },
        respond: this.opts.respond,
        later: (where, run, ms) => this.later(where, run, ms),
      }),
      App(config: Record<string, any>) {
        self.appConfig = config;
        self.app = Object.create(config) as Record<string, any>;
      },
      Page(config: Record<string, any>) {
        self.pendingPage = config;
      },
      Component(config: Record<string, any>) {
        self.components.push(config);
      },
      Behavior: (config: unknown) => config,
      getApp: () => self.app,
      getCurrentPages: () => [...self.pages],
      requirePlugin: () => ({}),
    };
  }

}

function setPath(target: Record<string, any>, key: string, value: unknown): void {
  // setData paths: 'root.cn.[0].v' or 'a[1].b'
  const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let at: Record<string, any> = target;
  for (const part of parts.slice(0, -1)) {
    if (at[part] === null || typeof at[part] !== 'object') at[part] = /^\d+$/.test(part) ? [] : {};
    at = at[part] as Record<string, any>;
  }
  at[parts.at(-1)!] = value;
}
