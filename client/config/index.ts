import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { paletteAsScss } from './palette';

const sharedPackage = path.resolve(__dirname, '..', '..', 'shared');
// app.config.ts imports ./palette.ts from here: it must be compiled like src.
const compileInclude = [sharedPackage, path.resolve(__dirname)];
/**
 * zod and zustand ship ES2020 (`class`, `?.`) and the mini build leaves node_modules as they are:
 * transpile them too, so every file of dist/weapp stays ES5 (pnpm's .pnpm folder included).
 */
const es2020Packages = (file: string) => /[\\/]node_modules[\\/](zod|zustand)[\\/]/.test(file);
const taroEnv = process.env.TARO_ENV ?? 'h5';

/**
 * Where the mini-program calls the API, and which mini-program it is. `taro build` runs with
 * NODE_ENV=production unless told otherwise (`--watch`, or NODE_ENV=development): a production
 * weapp build must name an https API (WeChat only calls https domains listed in the console)
 * and a real appid, or it stops here rather than ship a build that calls localhost.
 * Both may also come from client/.env.production (Taro reads TARO_APP_* from .env files).
 * A development build keeps http://localhost:3000 and touristappid for WeChat DevTools.
 */
export const LOCAL_API_BASE = 'http://localhost:3000';
export function weappTarget(env: NodeJS.ProcessEnv = process.env): { apiBase: string; appId: string } {
  const production = env.NODE_ENV === 'production';
  const apiBase = env.TARO_APP_API_BASE?.trim() ?? '';
  const appId = env.TARO_APP_ID?.trim() ?? '';
  if (!production) return { apiBase: apiBase || LOCAL_API_BASE, appId: appId || 'touristappid' };
  const problems: string[] = [];
  let url: URL | null = null;
  try {
    url = new URL(apiBase);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:' || url.pathname.replace(/\/$/, '') !== '' || url.search || url.hash) {
    problems.push(
      `TARO_APP_API_BASE must be the API's https origin, e.g. TARO_APP_API_BASE=https://gh.example.org.cn (got ${apiBase ? JSON.stringify(apiBase) : 'nothing'})`,
    );
  }
  if (!/^wx[0-9a-f]{16}$/.test(appId)) {
    problems.push(`TARO_APP_ID must be the mini-program's appid from mp.weixin.qq.com, wx + 16 hex digits (got ${appId ? JSON.stringify(appId) : 'nothing'})`);
  }
  if (problems.length > 0) {
    const message = [
      'Production weapp build refused:',
      ...problems.map((p) => `  - ${p}`),
      'For WeChat DevTools against a local server, build in development mode: pnpm build:weapp:dev',
    ].join('\n');
    // Taro follows a thrown config error with a misleading "config not found": say it first.
    console.error(`\n${message}\n`);
    throw new Error(message);
  }
  return { apiBase: url!.origin, appId };
}

/**
 * H5: code many pages share, bundled once instead of by each page chunk: NutUI (script and CSS),
 * our components, hooks, stores, API client, theme and the shared package, and the two tab pages
 * members open first (首页, 工惠券), so their page chunk is empty and opening them costs no extra
 * round trip on a slow network. `isShellModule` below decides which part loads with the app.
 */
const SHARED_MODULES = new RegExp(
  [
    // NutUI, Taro's H5 components, and what they bring along
    String.raw`[\/]node_modules[\/](@nutui|@tarojs[\/]components[^\/]*|lodash\.kebabcase|react-fast-compare|@swc[\/]helpers|@babel[\/]runtime|classnames)[\/]`,
    // our components, hooks, stores, API client, theme and top-level helpers
    String.raw`[\/]client[\/]src[\/]((components|hooks|stores|api|theme)[\/]|[^\/]+\.tsx?$)`,
    String.raw`[\/]client[\/]src[\/]pages[\/](home|vouchers)[\/][^\/]+\.`,
    // what those two pages bring along, so their own page chunk is empty and costs no request
    String.raw`[\/]client[\/]src[\/]pages[\/](login[\/]terms|account[\/]shared[\/]pressable)\.`,
    String.raw`[\/]client[\/]config[\/]palette\.`,
    String.raw`[\/]node_modules[\/](zustand|react[\/](jsx-runtime|cjs[\/]react-jsx-runtime)|@tarojs[\/]taro-h5[\/]dist[\/](api[\/]ui[\/]scroll|utils[\/]animation))`,
    // the zod-free part of shared (labels, money, time, rules, the route table); the schemas
    // (models, api/*) stay with the pages whose forms use them, so zod is not in the first load
    String.raw`[\/]shared[\/]src[\/](errors|labels|money|time|forms|index|rules[\/][^\/]+|api[\/](endpoint|routes))\.ts$`,
  ].join('|'),
);
interface SplitModule {
  resource?: string | null;
  nameForCondition?: () => string | null;
}
/** The slice of webpack's ChunkGraph the split below reads. */
interface SplitContext {
  chunkGraph: {
    getModuleChunksIterable(module: unknown): Iterable<SplitChunk>;
    getChunkModulesIterable(chunk: SplitChunk): Iterable<SplitModule>;
  };
}
interface SplitChunk {
  canBeInitial(): boolean;
}
function isSharedModule(module: SplitModule): boolean {
  const resource = module.nameForCondition?.() ?? module.resource ?? '';
  return SHARED_MODULES.test(resource);
}
const OWN_MODULE = /[\/]client[\/]src[\/]/;
/** The pages a member opens first: what they reach loads with the app. */
const FIRST_PAGES = /[\/]client[\/]src[\/]pages[\/](home|vouchers)[\/]index\.tsx$/;
const firstPageChunks = new WeakMap<SplitChunk, boolean>();
function isFirstPageChunk(chunk: SplitChunk, context: SplitContext): boolean {
  let known = firstPageChunks.get(chunk);
  if (known === undefined) {
    known = chunk.canBeInitial();
    if (!known) {
      for (const m of context.chunkGraph.getChunkModulesIterable(chunk)) {
        if (FIRST_PAGES.test(m.nameForCondition?.() ?? m.resource ?? '')) {
          known = true;
          break;
        }
      }
    }
    firstPageChunks.set(chunk, known);
  }
  return known;
}
/**
 * In the first load: shared code the app entry or 首页 / 工惠券 reach. Shared code only other
 * pages use goes to `lib`, one chunk those pages load on demand (still never re-bundled by each
 * page), so the first load does not grow with every page the product adds.
 */
function isShellModule(module: SplitModule, context: SplitContext): boolean {
  // Shared code, and any of our own modules (a page's helper in a sub-folder): a first page that
  // waited for another chunk would cost a round trip before its content.
  if (!isSharedModule(module) && !OWN_MODULE.test(module.nameForCondition?.() ?? module.resource ?? '')) return false;
  for (const chunk of context.chunkGraph.getModuleChunksIterable(module)) {
    if (isFirstPageChunk(chunk, context)) return true;
  }
  return false;
}

/** Writes { chunk: { files, modules: [[name, bytes]] } } after an H5 build (GH_BUNDLE_REPORT). */
class BundleReport {
  constructor(private readonly file: string) {}
  apply(compiler: { hooks: { done: { tap(name: string, fn: (stats: { toJson(o: object): any }) => void): void } } }): void {
    compiler.hooks.done.tap('gh-bundle-report', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkModules: true, ids: true });
      const report: Record<string, { files: string[]; initial: boolean; modules: [string, number][] }> = {};
      for (const c of json.chunks ?? []) {
        report[String(c.names?.[0] ?? c.id)] = {
          files: c.files ?? [],
          initial: Boolean(c.initial),
          modules: (c.modules ?? []).map((m: { name?: string; identifier?: string; size: number }) => [m.name ?? m.identifier ?? '?', m.size] as [string, number]).sort((a: [string, number], b: [string, number]) => b[1] - a[1]),
        };
      }
      writeFileSync(this.file, JSON.stringify(report, null, 1));
    });
  }
}

/** NutUI is drawn for a 375 px wide design, our own styles for 750. */
function designWidth(input: unknown): number {
  if (typeof input === 'object' && input !== null) {
    const file = (input as { file?: string }).file ?? '';
    if (file.replace(/\\/g, '/').includes('@nutui')) return 375;
  }
  return 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  if (taroEnv === 'weapp') {
    // project.config.json's appid is replaced with TARO_APP_ID by Taro when it writes dist/weapp.
    const { appId } = weappTarget();
    process.env.TARO_APP_ID = appId;
  }
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gonghui-client',
    date: '2026-11-26',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [],
    defineConstants: {},
    env: {
      // Weapp talks to a server elsewhere; H5 is served by the API server itself (same origin).
      TARO_APP_API_BASE: JSON.stringify(taroEnv === 'h5' ? '' : taroEnv === 'weapp' ? weappTarget().apiBase : (process.env.TARO_APP_API_BASE ?? LOCAL_API_BASE)),
    },
    sass: { data: paletteAsScss() },
    copy: {
      // H5 only: the root-size script, external so a strict CSP needs no 'unsafe-inline'.
      patterns: taroEnv === 'h5' ? ['rem.js', 'prefetch.js'].map((f) => ({ from: `src/static/${f}`, to: `dist/${taroEnv}/static/${f}` })) : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [...compileInclude, es2020Packages] },
      // Pages import NutUI components in different orders; CSS order across them is irrelevant.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // History-mode URLs served from the site root (the server falls back to index.html).
      // No `basename: '/'`: Taro joins it with each page path into '//pages/…' and no page
      // matches (blank screen); leaving it out is the root.
      router: {
        mode: 'browser',
      },
      compile: { include: compileInclude },
      esnextModules: ['@nutui/'],
      // Taro's React implementations of View, Text, Button, Image, Input, Picker… instead of its
      // Stencil web components: no Stencil runtime (152 KB raw) and no custom-element upgrade pass
      // before the first render. Components without a React version still come from Stencil, in
      // the chunks of the pages that use them.
      useHtmlComponents: true,
      webpackChain(chain) {
        // Taro's own groups (taro, vendors, common) stay; `shell` takes what the first load needs of NutUI and the app shell, `lib` the rest of it.
        const splitChunks = (chain.optimization.get('splitChunks') ?? {}) as { cacheGroups?: Record<string, unknown> };
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            shell: { name: 'shell', chunks: 'all', test: isShellModule, priority: 50, enforce: true, reuseExistingChunk: true },
            lib: { name: 'lib', chunks: 'async', test: isSharedModule, priority: 45, enforce: true, reuseExistingChunk: true },
            // zod and the contract's schemas: one chunk loaded by the pages whose forms check
            // input, instead of a copy in each of them (never in the first load).
            schemas: { name: 'schemas', chunks: 'async', test: /[\/](node_modules[\/]zod|shared[\/]src[\/](models|api))[\/]/, priority: 40, enforce: true, reuseExistingChunk: true },
          },
        });
        // The React components' styles without Button's (see src/taro-components-h5.scss).
        chain.resolve.alias.set('@tarojs/components-react/dist/index.css$', path.resolve(__dirname, '../src/taro-components-h5.scss'));
        // GH_BUNDLE_REPORT=file.json: which module ended in which chunk, for measuring a change.
        if (process.env.GH_BUNDLE_REPORT) chain.plugin('gh-bundle-report').use(BundleReport, [process.env.GH_BUNDLE_REPORT]);
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // rem is sized from the viewport up to maxRootSize: on a desktop browser the staff
        // pages keep phone-like type sizes (×1.2) instead of doubling everything.
        pxtransform: { enable: true, config: { minRootSize: 20, maxRootSize: 24 } }, // see src/static/rem.js
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
