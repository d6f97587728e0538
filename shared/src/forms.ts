/**
 * Form validation shared by every client form: the zod schemas of the contract carry the Chinese
 * messages, and both a local check and the server's 400 land on the same field keys (the first
 * segment of the issue's path: `title`, `audience`, `staffPhones`).
 * Platform-free and zod-free at run time (only types), so a page pays nothing extra for it.
 */
import type { z } from 'zod';

/** Messages by field key; `FORM_KEY` holds what concerns the whole form (a refine without a path). */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;
export const FORM_KEY = '_form';

export interface FieldOptions {
  /** A form field named differently from the body's key: `{ staffPhones: 'phones' }`. */
  rename?: Record<string, string>;
  /** Server error codes that belong to one field, shown under it with the server's message. */
  codes?: Record<string, string>;
}

/** Any contract schema a form may check, and what it gives back (for code that does not import zod). */
export type FormSchema = z.ZodType;
export type ParsedBy<S extends FormSchema> = z.output<S>;

export type Validated<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

const CHINESE = /[\u4e00-\u9fa5]/;
const FALLBACK = '填写有误，请检查';

/** People read these: a message the schema left in zod's English becomes a plain Chinese one. */
function humane(message: string | undefined): string {
  return message && CHINESE.test(message) ? message : FALLBACK;
}

function keyOf(path: readonly PropertyKey[], rename: Record<string, string> | undefined): string {
  const first = path[0];
  if (first === undefined) return FORM_KEY;
  const key = String(first);
  return rename?.[key] ?? key;
}

/** zod issues → the first message for each field. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], options: FieldOptions = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = keyOf(issue.path, options.rename);
    out[key] ??= humane(issue.message);
  }
  return out;
}

/** Parses form values with a contract schema: the request body, or what is wrong by field. */
export function validate<S extends FormSchema>(schema: S, values: unknown, options: FieldOptions = {}): Validated<ParsedBy<S>> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, fieldErrors: fieldErrorsOf(r.error.issues, options) };
}

/**
 * A failed answer (`{ code, message, details }`) → field errors under the same keys as `validate`.
 * Validation issues arrive as `{ issues: [{ path: 'body.staffPhones.2', message }] }`; only those
 * about the body are fields (a bad path parameter is not something the user typed). A code listed
 * in `options.codes` (VOUCHER_STOCK_BELOW_CLAIMED → stockTotal) puts the answer's message there.
 */
export function fieldErrorsFromAnswer(answer: { code: string; message: string; details?: unknown }, options: FieldOptions = {}): FieldErrors {
  const out: FieldErrors = {};
  const details = answer.details as { issues?: unknown } | null | undefined;
  const issues = details && Array.isArray(details.issues) ? (details.issues as unknown[]) : [];
  for (const raw of issues) {
    const issue = raw as { path?: unknown; message?: unknown } | null;
    if (!issue || typeof issue.path !== 'string') continue;
    const [part, ...path] = issue.path.split('.');
    if (part !== 'body' || path.length === 0) continue;
    const key = keyOf(path, options.rename);
    out[key] ??= humane(typeof issue.message === 'string' ? issue.message : undefined);
  }
  const field = options.codes?.[answer.code];
  if (field) out[field] ??= humane(answer.message);
  return out;
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}
