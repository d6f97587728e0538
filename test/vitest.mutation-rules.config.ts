import { defineConfig } from 'vitest/config';
import { sharedProject } from './vitest.mutation.config';

/**
 * Vitest for `pnpm test:mutation:rules` (test/stryker.rules.config.mjs): the 'shared' project only.
 * Chosen here rather than with Stryker's `testFiles`: with `testFiles` Stryker 9.6 tests static
 * mutants (e.g. the ID check weights) with runtime activation, and they survive unkillably.
 */
export default defineConfig({ test: { projects: [sharedProject] } });
