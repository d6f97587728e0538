/**
 * The `wx` of the Node-side mini-program runtime (runtime.ts): every API exists, async ones answer
 * through success/fail/complete on a later tick, `wx.request` fails like a phone offline (or
 * answers through `respond`), storage is in memory, and every call is recorded.
 */

export type Fn = (...args: any[]) => any;
type Options = Record<string, any> & { success?: Fn; fail?: Fn; complete?: Fn };

export interface WxCall {
  api: string;
  options: unknown;
}

export interface RequestAnswer {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

/** What the stub needs of the runtime it serves. */
export interface WxHost {
  readonly calls: WxCall[];
  readonly storage: Map<string, unknown>;
  /** Listeners the build gave wx.onNeedPrivacyAuthorization. */
  readonly privacyListeners: Fn[];
  /** app.json's pages, the first being the launch page. */
  readonly pagePaths: string[];
  /** Answers wx.request; undefined = the network fails (request:fail). */
  respond?: (req: { url: string; method: string; data: unknown }) => RequestAnswer | undefined;
  /** Runs `run` on a later tick, its errors collected by the runtime. */
  later(where: string, run: Fn, ms?: number): void;
}

/** wx APIs the stub lists (Taro wraps what `Object.keys(wx)` names); any other name also works when called. */
const WX_APIS = (
  'reLaunch navigateTo redirectTo switchTab navigateBack showToast hideToast showLoading hideLoading showModal showActionSheet ' +
  'setNavigationBarTitle setNavigationBarColor showNavigationBarLoading hideNavigationBarLoading setKeepScreenOn setScreenBrightness getScreenBrightness ' +
  'login checkSession getUserProfile getUserInfo authorize getSetting openSetting scanCode setClipboardData getClipboardData makePhoneCall ' +
  'previewImage saveImageToPhotosAlbum downloadFile uploadFile chooseImage chooseMedia openDocument stopPullDownRefresh startPullDownRefresh ' +
  'pageScrollTo setTabBarBadge removeTabBarBadge showTabBarRedDot hideTabBarRedDot showTabBar hideTabBar setTabBarStyle setTabBarItem ' +
  'setBackgroundColor setBackgroundTextStyle getNetworkType onNetworkStatusChange offNetworkStatusChange vibrateShort vibrateLong ' +
  'requestSubscribeMessage openPrivacyContract onNeedPrivacyAuthorization requirePrivacyAuthorize getPrivacySetting showShareMenu hideShareMenu ' +
  'updateShareMenu getUpdateManager onAppShow onAppHide offAppShow offAppHide onUnhandledRejection onPageNotFound onThemeChange offThemeChange ' +
  'reportAnalytics getFileSystemManager getLogManager getRealtimeLogManager canvasToTempFilePath createCanvasContext createAnimation loadFontFace ' +
  'getSystemInfo getSystemInfoAsync navigateToMiniProgram exitMiniProgram connectSocket getStorageInfo clearStorage getLocation openLocation ' +
  'onWindowResize offWindowResize onKeyboardHeightChange offKeyboardHeightChange hideKeyboard getImageInfo compressImage createVideoContext ' +
  'createInnerAudioContext createMediaQueryObserver arrayBufferToBase64 base64ToArrayBuffer'
).split(' ');

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 6',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 603,
  statusBarHeight: 20,
  language: 'zh_CN',
  version: '8.0.5',
  system: 'iOS 10.0.1',
  platform: 'ios',
  SDKVersion: '3.3.4',
  safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  theme: 'light',
  enableDebug: false,
  deviceOrientation: 'portrait',
};


export function stubWx(self: WxHost): Record<string, Fn> {
  const answer = (api: string, options: Options | undefined, ok: boolean, result: Record<string, unknown> = {}) => {
    const res = { errMsg: `${api}:${ok ? 'ok' : 'fail'}`, ...result };
    self.later(`wx.${api} callback`, () => {
      if (ok) options?.success?.(res);
      else options?.fail?.(res);
      options?.complete?.(res);
    });
  };
  const task = () => ({ abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} });
  const known: Record<string, Fn> = {
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    getSystemSetting: () => ({}),
    getAppAuthorizeSetting: () => ({}),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ path: self.pagePaths[0], query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: self.pagePaths[0], query: {}, scene: 1001, referrerInfo: {} }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    canIUse: () => true,
    getStorageSync: (key: string) => (self.storage.has(key) ? self.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void self.storage.set(key, value),
    removeStorageSync: (key: string) => void self.storage.delete(key),
    clearStorageSync: () => self.storage.clear(),
    getStorageInfoSync: () => ({ keys: [...self.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (o: Options) => answer('getStorage', o, self.storage.has(o.key), { data: self.storage.get(o.key) }),
    setStorage: (o: Options) => {
      self.storage.set(o.key, o.data);
      answer('setStorage', o, true);
    },
    removeStorage: (o: Options) => {
      self.storage.delete(o.key);
      answer('removeStorage', o, true);
    },
    request: (o: Options) => {
      const reply = self.respond?.({ url: String(o.url), method: String(o.method ?? 'GET'), data: o.data });
      if (reply) answer('request', o, true, { statusCode: reply.statusCode, data: reply.data, header: reply.header ?? {} });
      else answer('request', o, false, { errMsg: 'request:fail stubbed network' });
      return task();
    },
    createSelectorQuery: () => selectorQuery(),
    createIntersectionObserver: () => ({ relativeTo() { return this; }, relativeToViewport() { return this; }, observe() {}, disconnect() {} }),
    nextTick: (fn: Fn) => self.later('wx.nextTick', fn),
    onAppRoute: () => undefined,
    onError: () => undefined,
    onNeedPrivacyAuthorization: (listener: Fn) => {
      if (typeof listener !== 'function') throw new TypeError('onNeedPrivacyAuthorization: listener must be a function');
      self.privacyListeners.push(listener);
    },
  };
  const assigned = new Map<string | symbol, unknown>();
  return new Proxy(known, {
    set(_target, key, value) {
      assigned.set(key, value);
      return true;
    },
    get(target, key) {
      if (assigned.has(key)) return assigned.get(key);
      // webpack's chunk list (wx.webpackJsonp) and private fields are data, not APIs.
      if (typeof key !== 'string' || /^(webpack|__|\$)/.test(key)) return undefined;
      if (key in Object.prototype && !Object.hasOwn(target, key)) return Reflect.get(target, key) as unknown;
      if (Object.hasOwn(target, key)) {
        const fn = target[key]!;
        return (...args: unknown[]) => {
          self.calls.push({ api: key, options: args[0] });
          return fn(...args);
        };
      }
      // Every other API exists: sync ones return nothing, async ones succeed on a later tick.
      return (...args: unknown[]) => {
        self.calls.push({ api: key, options: args[0] });
        if (key.endsWith('Sync') || /^(on|off)[A-Z]/.test(key)) return undefined;
        if (key.startsWith('create')) return task();
        const o = args[0] as Options | undefined;
        answer(key, o, true);
        return undefined;
      };
    },
    has: (_target, key) => assigned.has(key) || (typeof key === 'string' && !/^(webpack|__|\$)/.test(key)),
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...WX_APIS, ...assigned.keys()])],
    // `wx.hasOwnProperty(api)` (Taro asks before wrapping an API): every API name is there.
    getOwnPropertyDescriptor: (target, key) =>
      Object.getOwnPropertyDescriptor(target, key) ??
      (assigned.has(key) || (typeof key === 'string' && !/^(webpack|__|\$)/.test(key))
        ? { value: assigned.get(key) ?? (() => undefined), writable: true, enumerable: true, configurable: true }
        : undefined),
  });
}

export function selectorQuery(): Record<string, Fn> {
  const q: Record<string, Fn> = {
    in: () => q,
    select: () => q,
    selectAll: () => q,
    selectViewport: () => q,
    boundingClientRect: () => q,
    scrollOffset: () => q,
    fields: () => q,
    node: () => q,
    exec: (cb?: Fn) => cb?.([]),
  };
  return q;
}
