import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { api } from '@gonghui/shared';

const FILE = fileURLToPath(new URL('../../shared/src/api/routes.ts', import.meta.url));

/** routes.ts as it must read: what the client reads of each endpoint, in the contract's order. */
function expected(): string {
  const lines = Object.entries(api).map(([name, e]) => {
    const fields = [`method: '${e.method}'`, `path: '${e.path}'`, `audience: '${e.audience}'`];
    if (e.idempotent) fields.push(`idempotent: '${e.idempotent}'`);
    if (e.binary) fields.push('binary: true');
    return `  ${name}: { ${fields.join(', ')} },`;
  });
  return [
    '/*',
    ' * The contract without its schemas, for the client: generated from `api` by test/contract/routes.test.ts',
    ' * (`UPDATE_ROUTES=1 pnpm test:unit test/contract` rewrites it); do not edit by hand.',
    ' */',
    "import type { RoutesOf } from './endpoint';",
    "import type { Api } from './index';",
    '',
    'export const routes: RoutesOf<Api> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

describe('routes.ts (the client’s zod-free contract)', () => {
  it('lists every endpoint of the contract with its method, path, audience and idempotency', () => {
    const want = expected();
    if (process.env.UPDATE_ROUTES) writeFileSync(FILE, want);
    expect(readFileSync(FILE, 'utf8'), 'routes.ts is stale: run UPDATE_ROUTES=1 pnpm test:unit test/contract').toBe(want);
  });
});
