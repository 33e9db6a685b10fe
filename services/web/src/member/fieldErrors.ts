// The members' forms and their errors: a message per field (by the request's JSON pointer, as a
// problem's `errors` name them), shown next to the field in the DSFR error state; the first field
// at fault takes the focus.
import { useState } from "react";

import type { Key } from "../i18n/messages";

export type FieldError = { key: Key; detail?: string };
export type FieldErrors = Record<string, FieldError>;

export interface ProblemLike {
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

// A refusal's fields (400/422): each one of `fields` the problem names gets the service's words;
// one not on the form lands on `fallback`.
export function problemFields(problem: ProblemLike | undefined, fields: string[], fallback: string): FieldErrors {
  const out: FieldErrors = {};
  const list = problem?.errors?.length ? problem.errors : [{ pointer: fallback, detail: problem?.detail ?? "" }];
  for (const e of list) {
    const at = fields.includes(e.pointer) ? e.pointer : fallback;
    out[at] ??= { key: "member.forms.refused", detail: e.detail };
  }
  return out;
}

// Focuses the control of the first field at fault, in the form's order (`ids`: pointer -> id).
export function focusFirst(errors: FieldErrors, ids: Record<string, string>) {
  const first = Object.keys(ids).find((f) => errors[f]);
  if (first) document.getElementById(ids[first])?.focus();
}

export const stateOf = (e: FieldError | undefined) => (e ? ("error" as const) : ("default" as const));

type Translate = (key: Key, params?: Record<string, string | number>) => string;
export const messageOf = (t: Translate, e: FieldError | undefined) =>
  e && (e.detail !== undefined ? t(e.key, { detail: e.detail }) : t(e.key));

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
        setGeneral("member.forms.error.server");
      } finally {
        setSending(false);
      }
    },
    refuse(status: number, problem: ProblemLike | undefined, fallback: string, byStatus: Partial<Record<number, Key>> = {}) {
      if (status === 400 || status === 422) return show(problemFields(problem, Object.keys(ids), fallback));
      setGeneral(byStatus[status] ?? (status === 403 ? "member.forms.error.forbidden" : "member.forms.error.server"));
    },
  };
}
