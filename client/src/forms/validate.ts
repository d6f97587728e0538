/**
 * The client's one way to validate a form and to show the server's verdict on it: the contract
 * schema's Chinese messages, keyed by field; a server 400 lands on the same keys.
 */
import { fieldErrorsFromAnswer, type FieldErrors, type FieldOptions } from '@gonghui/shared';
import { isApiError } from '../api/request';

export { FORM_KEY, hasFieldErrors, validate, type FieldErrors, type FieldOptions } from '@gonghui/shared';

/** A failed `call()` → messages under the form's fields; empty when the failure is not about a field. */
export function fieldErrorsFromApi(error: unknown, options: FieldOptions = {}): FieldErrors {
  if (!isApiError(error)) return {};
  return fieldErrorsFromAnswer({ code: error.code, message: error.message, details: error.details }, options);
}
