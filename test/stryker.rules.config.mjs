// `pnpm test:mutation:rules`: mutate the pure domain rules in shared/src/rules only, killed by the
// 'shared' vitest project. Fast enough to run after every change to a rule.
import base, { reportsTo } from './stryker.config.mjs';

export default {
  ...base,
  mutate: ['shared/src/rules/*.ts', '!shared/src/rules/*.test.ts'],
  // the 'shared' project only (vitest's related mode keeps the tests that import a rule); no server suite starts
  vitest: { configFile: 'test/vitest.mutation-rules.config.ts', related: true },
  // cheap here: a static mutant (e.g. the ID check weights) re-runs two small test files
  ignoreStatic: false,
  incremental: false,
  timeoutMS: 5_000,
  timeoutFactor: 1.5,
  dryRunTimeoutMinutes: 5,
  ...reportsTo('rules'),
};
