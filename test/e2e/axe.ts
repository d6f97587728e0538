/*
 * Accessibility check with axe-core on the page as shown: serious and critical violations only.
 * axe-core is read from the test package (`axe-core` in test/package.json) or from AXE_CORE_JS
 * (a path to axe.min.js); without either the check fails: it is never skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

let source: string | null | undefined;

function axeSource(): string | null {
  if (source !== undefined) return source;
  let file = process.env.AXE_CORE_JS;
  if (!file) {
    try {
      file = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    } catch {
      file = undefined;
    }
  }
  source = file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (!source) throw new Error('axe-core is not installed (test/package.json) and AXE_CORE_JS is not set');
  return source;
}

/** Serious and critical axe violations on the page, or null when axe-core is not available. */
export async function seriousA11yProblems(page: Page): Promise<AxeProblem[] | null> {
  const src = axeSource();
  if (!src) return null;
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(src);
  // A toast or a page still fading in has its colours half-way: judge the page once the
  // finite animations and transitions running now have ended (spinners that loop are left).
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((a) => {
      const iterations = a.effect?.getComputedTiming().iterations;
      return a.playState === 'running' && iterations !== Infinity;
    });
    await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 3000))]);
  });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails on any serious or critical violation (AXE_WARN_ONLY=1 only prints them, to survey a page). */
export async function expectAccessible(page: Page): Promise<void> {
  const problems = await seriousA11yProblems(page);
  if (!problems) return;
  if (process.env.AXE_WARN_ONLY && problems.length) {
    console.warn(`axe on ${page.url()}:`, JSON.stringify(problems, null, 1));
    return;
  }
  expect(problems, JSON.stringify(problems, null, 1)).toEqual([]);
}
