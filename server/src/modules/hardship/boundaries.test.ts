/* Voucher, wish and activity services never read the hardship tables: only the 困难职工 member tag crosses. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HARDSHIP_NAMES = /hardship_|hardshipApplications|hardshipArchive|hardshipConsents|hardshipReads|hardshipSources|hardshipImport|reliefPayments|reliefPaymentFiles|relief_payment|modules\/hardship|staffDuties|staff_duties/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the hardship tables stay inside their module', () => {
  it.each(['vouchers', 'wishes', 'activities', 'lottery'])('%s never names them', (module) => {
    const files = sources(path.join(modules, module));
    expect(files.length).toBeGreaterThan(0);
    const hits = files.filter((f) => HARDSHIP_NAMES.test(readFileSync(f, 'utf8'))).map((f) => path.relative(modules, f));
    expect(hits).toEqual([]);
  });
});
