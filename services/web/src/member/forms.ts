// What the members' space's forms share: the message of a field, and the focus moved to the
// first field in error after each sending that found some (the message is tied to the field by
// aria-describedby, so a screen reader reads it there).
import { useEffect } from "react";

import { useI18n } from "../i18n/i18n";
import type { FieldError, FieldErrors } from "./model";

export function useMessage() {
  const { t } = useI18n();
  return (e: FieldError | undefined) =>
    e && (e.detail !== undefined ? t(e.key, { detail: e.detail }) : t(e.key));
}

// `attempt` counts the sendings; `order` is the fields in page order; `idOf` the id of the
// control to focus for a field.
export function useFocusFirstError(
  attempt: number,
  errors: FieldErrors,
  order: string[],
  idOf: (field: string) => string,
) {
  useEffect(() => {
    if (attempt === 0) return;
    const first = order.find((f) => errors[f]);
    if (first) document.getElementById(idOf(first))?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
}

export const stateOf = (errors: FieldErrors, field: string) =>
  errors[field] ? ("error" as const) : ("default" as const);

// The errors but the one of `field` (a field changed: its message goes, the others stay).
export function without(errors: FieldErrors, field: string): FieldErrors {
  if (!errors[field]) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}
