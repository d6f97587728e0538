import { useCallback, useState } from 'react';
import type { FormSchema, ParsedBy } from '@gonghui/shared';
import { scrollToFirstError, toast } from '../dialogs';
import { errorText } from '../components/StatusView';
import { fieldErrorsFromApi, validate, type FieldErrors, type FieldOptions } from './validate';

/**
 * A form's error messages by field, with the moments that set them: a local check before sending
 * (`check`, or `mark` for the page's own rules) and a refused submit (`fail`). Fields show
 * `errors[key]` through FormRow's `error`; editing a field calls `clear(key)`.
 * `fields` are the keys the form shows: a message for any other key (a form-wide rule, a hidden
 * part of the body) is a toast, so nothing is marked where nobody can see it.
 */
export function useFieldErrors<K extends string>(fields: readonly K[]) {
  const [errors, setErrors] = useState<FieldErrors<K>>({});

  const clear = useCallback((...keys: K[]) => {
    setErrors((e) => {
      if (!keys.some((k) => e[k])) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  /** Shows `found` in place of what was shown; true when anything is wrong. */
  const mark = useCallback(
    (found: FieldErrors): boolean => {
      const shown: FieldErrors<K> = {};
      let elsewhere: string | undefined;
      for (const [key, message] of Object.entries(found)) {
        if (!message) continue;
        if ((fields as readonly string[]).includes(key)) shown[key as K] = message;
        else elsewhere ??= message;
      }
      setErrors(shown);
      if (Object.keys(shown).length) scrollToFirstError();
      if (elsewhere) toast(elsewhere);
      return Object.keys(shown).length > 0 || elsewhere !== undefined;
    },
    [fields],
  );

  /** The body to send, or null after marking what is wrong; `extra` holds the page's own rules (they win over the schema's). */
  const check = useCallback(
    <S extends FormSchema>(schema: S, values: unknown, options?: FieldOptions & { extra?: FieldErrors }): ParsedBy<S> | null => {
      const r = validate(schema, values, options);
      if (mark({ ...(r.ok ? {} : r.fieldErrors), ...options?.extra })) return null;
      return r.ok ? r.data : null;
    },
    [mark],
  );

  /** A refused submit: a 400's issues (and the answers named in `options.codes`) under their fields; anything else is a toast. */
  const fail = useCallback(
    (error: unknown, options?: FieldOptions) => {
      if (!mark(fieldErrorsFromApi(error, options))) toast(errorText(error));
    },
    [mark],
  );

  return { errors, setErrors, clear, mark, check, fail };
}
