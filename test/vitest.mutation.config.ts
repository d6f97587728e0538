import { defineConfig, type TestProjectConfiguration, type TestProjectInlineConfiguration } from 'vitest/config';
import workspace from './vitest.config';

/**
 * Vitest as Stryker runs it (`pnpm test:mutation`, see test/stryker.config.mjs): the workspace's
 * own 'shared' and 'server' projects, nothing else (no flows, no browser tests). Stryker runs
 * vitest in related mode, so only test files whose imports reach a mutated file run, and with
 * per-test coverage each mutant only re-runs the tests that executed it.
 * `pnpm test:mutation:rules` uses test/vitest.mutation-rules.config.ts ('shared' only).
 */
function project(name: string): TestProjectInlineConfiguration {
  const inline = (p: TestProjectConfiguration): p is TestProjectInlineConfiguration =>
    typeof p === 'object' && !(p instanceof Promise) && (p as TestProjectInlineConfiguration).test?.name === name;
  const found = workspace.test?.projects?.find(inline);
  if (!found) throw new Error(`test/vitest.config.ts has no project '${name}'`);
  return found;
}

export const sharedProject = project('shared');

const server = project('server');
export const serverProject: TestProjectInlineConfiguration = {
  ...server,
  // PGlite only: a mutant run never creates databases on a PostgreSQL server (DATABASE_URL unset).
  test: { ...server.test, env: { DATABASE_URL: '' } },
};

export default defineConfig({ test: { projects: [sharedProject, serverProject] } });
