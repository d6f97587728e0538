import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, errorCatalogue } from '@gonghui/shared';
import { useTestApp } from '../testing/harness';
import { openApiPath } from './openapi';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; required: boolean }[]; security?: unknown[]; requestBody?: unknown }>>;
  components: { schemas: { ErrorCode: { oneOf: { const: string; title: string; description: string }[] } } };
}

describe('the OpenAPI document', () => {
  const app = useTestApp('pglite', { seed: false });
  let doc: Doc;
  beforeAll(async () => {
    const r = await fetch(`${app().baseUrl}/api/openapi.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await r.json()) as Doc;
  });

  it('validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has every endpoint of the contract, with its audience, body and Idempotency-Key', () => {
    const expected = Object.entries(api).map(([key, e]) => `${e.method} ${openApiPath(e.path)} ${key}`);
    const present = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => `${m.toUpperCase()} ${p} ${op.operationId}`));
    expect(present.sort()).toEqual(expected.sort());
    for (const [key, e] of Object.entries(api)) {
      const op = doc.paths[openApiPath(e.path)]![e.method.toLowerCase()]!;
      expect(op.security === undefined, key).toBe(e.audience !== 'public');
      expect(op.requestBody !== undefined, key).toBe(Boolean((e as { body?: unknown }).body));
      const header = op.parameters?.find((p) => p.name === 'Idempotency-Key');
      expect(header?.required, key).toBe(e.idempotent ? e.idempotent === 'required' : undefined);
      for (const name of [...e.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1])) expect(op.parameters?.some((p) => p.in === 'path' && p.name === name && p.required), `${key} ${name}`).toBe(true);
    }
  });

  it('lists every error code with its HTTP status and Chinese message from the catalogue', () => {
    const codes = doc.components.schemas.ErrorCode.oneOf;
    expect(codes.map((c) => c.const).sort()).toEqual(Object.keys(errorCatalogue).sort());
    const sold = codes.find((c) => c.const === 'VOUCHER_SOLD_OUT')!;
    expect(sold).toEqual({ const: 'VOUCHER_SOLD_OUT', title: '409', description: errorCatalogue.VOUCHER_SOLD_OUT.message });
  });

  it('serves a reference page that loads only files of this server', async () => {
    const page = await fetch(`${app().baseUrl}/api-docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('工惠 Gonghui API');
    expect(html).not.toMatch(/https?:\/\//);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    for (const src of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
      const asset = await fetch(`${app().baseUrl}${src}`);
      expect(asset.status, src).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, src).toBeGreaterThan(40);
    }
    expect((await fetch(`${app().baseUrl}/api-docs/../package.json`)).status).not.toBe(200);
    expect((await fetch(`${app().baseUrl}/api-docs/swagger-ui-bundle.js.map`)).status).toBe(404);
  });
});
