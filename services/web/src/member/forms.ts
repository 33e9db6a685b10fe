// What the members' space's forms share: the message of a field, and the errors of a form —
// found by its own checks before sending or by the service — shown next to their fields, with
// the focus moved to the first field in error (the message is tied to the field by
// aria-describedby, so a screen reader reads it there), else to the message for the whole form.
import { useEffect, useRef, useState } from "react";

import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import type { FieldError, FieldErrors } from "./model";

export function useMessage() {
  const { t } = useI18n();
  return (e: FieldError | undefined) =>
    e && (e.detail !== undefined ? t(e.key, { detail: e.detail }) : t(e.key));
}

// `order`: the form's fields in page order; `idOf`: the id of the control to focus for a field.
// `report(fields, general)` shows what was found and answers whether nothing was; `generalRef`
// goes on the element holding the message for the whole form.
export function useFormErrors(order: string[], idOf: (field: string) => string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Key | undefined>();
  const [attempt, setAttempt] = useState(0);
  const generalRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt === 0) return;
    const first = order.find((f) => errors[f]);
    if (first) document.getElementById(idOf(first))?.focus();
    else if (general) generalRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  return {
    errors,
    general,
    generalRef,
    report(fields: FieldErrors, why?: Key): boolean {
      setErrors(fields);
      setGeneral(why);
      setAttempt((n) => n + 1);
      return Object.keys(fields).length === 0 && !why;
    },
    // A field changed: its message goes (the others stay until the next sending).
    settle: (field: string) => setErrors((e) => without(e, field)),
    stateOf: (field: string) => (errors[field] ? ("error" as const) : ("default" as const)),
  };
}

function without(errors: FieldErrors, field: string): FieldErrors {
  if (!errors[field]) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}
