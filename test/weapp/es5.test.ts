/**
 * Every JavaScript file of the mini-program build parses as ES5: project.config.json turns
 * DevTools' ES6 transform off, and an older iOS WeChat shows a blank screen at the first `?.`,
 * `??`, `class` or arrow function. Fails (does not skip) when the build is missing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { WEAPP_DIR } from './runtime';

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsFiles(p) : e.name.endsWith('.js') ? [p] : [];
  });
}

describe('weapp build is ES5', () => {
  const files = jsFiles(WEAPP_DIR);

  it('has the app and its pages', () => {
    const rel = files.map((f) => path.relative(WEAPP_DIR, f));
    expect(rel).toContain('app.js');
    expect(rel).toContain('vendors.js');
    expect(rel.filter((f) => f.startsWith('pages/')).length).toBeGreaterThan(5);
  });

  it('parses every .js file with acorn at ecmaVersion 5', () => {
    const failures: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      try {
        parse(source, { ecmaVersion: 5, sourceType: 'script', allowReserved: true });
      } catch (err) {
        const e = err as SyntaxError & { pos?: number };
        const at = e.pos ?? 0;
        failures.push(`${path.relative(WEAPP_DIR, file)}: ${e.message} near ${JSON.stringify(source.slice(Math.max(0, at - 60), at + 60))}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
