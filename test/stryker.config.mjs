// Mutation testing with Stryker: `pnpm test:mutation` (rules and vouchers, slow) and
// `pnpm test:mutation:rules` (test/stryker.rules.config.mjs, about a minute). Outside CI.
// Paths are relative to the repository root, where the scripts run.
// Reports: test/artifacts/mutation/ (git-ignored). Sandboxes: .stryker-tmp/ (git- and lint-ignored).

/** What the sandbox needs besides shared/ and server/: no client, no browser or flow tests, no data. */
export const ignorePatterns = ['/client', '/.data', '/.ci', '/test/artifacts', '/test/e2e', '/test/bench', '/test/flows', '/test/faults', 'dist', 'coverage'];

export const reportsTo = (name) => ({
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `test/artifacts/mutation/${name}.html` },
  jsonReporter: { fileName: `test/artifacts/mutation/${name}.json` },
  clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
});

export default {
  packageManager: 'pnpm',
  testRunner: 'vitest',
  // named, not found by the default '@stryker-mutator/*' scan: that looks beside the core package in pnpm's store
  plugins: ['@stryker-mutator/vitest-runner'],
  // the 'shared' and 'server' projects of test/vitest.config.ts (server on PGlite only); related mode:
  // only test files whose imports reach a mutated file run
  vitest: { configFile: 'test/vitest.mutation.config.ts', related: true },
  mutate: [
    'shared/src/rules/*.ts',
    '!shared/src/rules/*.test.ts',
    'server/src/modules/vouchers/{batches,claims,redemptions,presenters}.ts',
    'server/src/policies/*.ts',
  ],
  ignorePatterns,
  // Each mutant runs only the tests that covered it in the dry run.
  coverageAnalysis: 'perTest',
  // A re-run tests only mutants whose code or covering tests changed since the last report.
  incremental: true,
  incrementalFile: 'test/artifacts/mutation/incremental.json',
  // A server test file opens its own PGlite (about 5 s); a static mutant (module-level code) would
  // re-run every server suite. They are skipped here; `test:mutation:rules` keeps them for the rules.
  ignoreStatic: true,
  // Two cores: one Stryker worker per core; vitest itself runs one file at a time in each.
  concurrency: 2,
  // On top of 2 × the covering tests' time and the dry run's overhead (its PGlite starts, minutes).
  timeoutMS: 60_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 30,
  ...reportsTo('index'),
  thresholds: { high: 90, low: 75, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
