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

/** NutUI is drawn for a 375 px wide design, our own styles for 750. */
function designWidth(input: unknown): number {
  if (typeof input === 'object' && input !== null) {
    const file = (input as { file?: string }).file ?? '';
    if (file.replace(/\\/g, '/').includes('@nutui')) return 375;
  }
  return 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
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
      TARO_APP_API_BASE: JSON.stringify(
        taroEnv === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://localhost:3000'),
      ),
    },
    sass: { data: paletteAsScss() },
    copy: {
      // H5 only: the root-size script, external so a strict CSP needs no 'unsafe-inline'.
      patterns: taroEnv === 'h5' ? [{ from: 'src/static/rem.js', to: `dist/${taroEnv}/static/rem.js` }] : [],
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
