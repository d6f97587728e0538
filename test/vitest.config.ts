import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const at = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

/** One config for the whole workspace; `vitest run --project <name>` runs one part. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: at('../shared'), include: ['src/**/*.test.ts'] } },
      // The client's pure parts (form models): plain TypeScript over shared, no Taro.
      { test: { name: 'client', root: at('../client'), include: ['src/**/*.test.ts'] } },
      { test: { name: 'server', root: at('../server'), include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' } },
      // The built mini-program (client/dist/weapp): ES5 only, and it loads under a stubbed wx.
      { test: { name: 'weapp', root: at('.'), include: ['weapp/**/*.test.ts'], testTimeout: 60_000, pool: 'forks' } },
      { test: { name: 'flows', root: at('.'), include: ['flows/**/*.test.ts', 'faults/**/*.test.ts', 'contract/**/*.test.ts', 'ops/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks' } },
      {
        test: {
          name: 'e2e',
          root: at('.'),
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
