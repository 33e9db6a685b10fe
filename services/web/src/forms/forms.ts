// What the forms share: the message of a field, and the errors of a form —
// found by its own checks before sending or by the service — shown next to their fields (by the
// request's JSON pointer, as a problem's `errors` name them) in the DSFR error state, with the
// focus moved to the first field in error (the message is tied to the field by
// aria-describedby, so a screen reader reads it there), else to the message for the whole form.
import { useEffect, useRef, useState } from "react";

import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import { type FieldError, type FieldErrors, type ProblemLike, problemFields } from "./problem";

export { problemFields };

type Translate = (key: Key, params?: Record<string, string | number>) => string;
export const messageOf = (t: Translate, e: FieldError | undefined) =>
  e && (e.detail !== undefined ? t(e.key, { detail: e.detail }) : t(e.key));

export function useMessage() {
  const { t } = useI18n();
  return (e: FieldError | undefined) => messageOf(t, e);
}

export const stateOf = (e: FieldError | undefined) => (e ? ("error" as const) : ("default" as const));

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

// Focuses the control of the first field at fault, in the form's order (`ids`: pointer -> id).
export function focusFirst(errors: FieldErrors, ids: Record<string, string>) {
  const first = Object.keys(ids).find((f) => errors[f]);
  if (first) document.getElementById(ids[first])?.focus();
}

// The state every members' form keeps: its field errors, a general message, whether it is
// sending. `check` shows what the form found before sending (true: nothing, send); `send` runs
// the request once at a time (an exception: the service's message); `refuse` shows a refusal:
// 400/422 on the fields named (by `ids`' pointers, else `fallback`), other statuses the message
// of `byStatus`, 403 the account's, anything else the service's.
export function useFieldForm(ids: Record<string, string>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Key | undefined>();
  const [sending, setSending] = useState(false);
  const show = (found: FieldErrors) => {
    setErrors(found);
    focusFirst(found, ids);
  };
  return {
    errors,
    setErrors,
    general,
    sending,
    check(found: FieldErrors): boolean {
      setGeneral(undefined);
      show(found);
      return Object.keys(found).length === 0;
    },
    async send(request: () => Promise<void>) {
      if (sending) return;
      setSending(true);
      try {
        await request();
      } catch {
        setGeneral("forms.error.server");
      } finally {
        setSending(false);
      }
    },
    refuse(status: number, problem: ProblemLike | undefined, fallback: string, byStatus: Partial<Record<number, Key>> = {}) {
      if (status === 400 || status === 422) return show(problemFields(problem, Object.keys(ids), fallback));
      setGeneral(byStatus[status] ?? (status === 403 ? "forms.error.forbidden" : "forms.error.server"));
    },
  };
}
