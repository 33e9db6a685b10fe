// The audit trail in the console (the auditor): one service's trail at a time (the service in
// the address: /console/<assembly>/journal/<service>), filtered by the person concerned, the
// author and a time (kept in the address's query, so a reload or a shared link shows the same),
// oldest first, by pages of 50 (GET /v1/audit on that service).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import type { components } from "../../api/generated/membership";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import { navigate } from "../../router";
import { consolePath } from "../model";
import { Table } from "../ui/Table";
import type { ConsoleProps } from "../sections";
import { AUDITED_SERVICES, type AuditedService, type AuditFilters, auditQuery, validateAuditFilters } from "./model";

type Entry = components["schemas"]["AuditEntry"];
type Page = { state: "idle" } | { state: "loading" } | { state: "ok"; items: Entry[]; next?: string } | { state: "failed"; forbidden: boolean };

const IDS = { "/subject": "audit-subject", "/actor": "audit-actor", "/since": "audit-since" };

function filtersFromAddress(): AuditFilters {
  const q = new URLSearchParams(window.location.search);
  return { subject: q.get("subject") ?? "", actor: q.get("actor") ?? "", since: q.get("since") ?? "" };
}

export function AuditSection({ assembly, rest }: ConsoleProps) {
  const { t, dateTime } = useI18n();
  const service: AuditedService = (AUDITED_SERVICES as readonly string[]).includes(rest[0] ?? "")
    ? (rest[0] as AuditedService)
    : "membership";
  const [filters, setFilters] = useState<AuditFilters>(filtersFromAddress);
  const [shown, setShown] = useState<AuditFilters>(filtersFromAddress);
  const [cursors, setCursors] = useState<string[]>([]); // the pages before this one
  const [cursor, setCursor] = useState<string | undefined>();
  const [page, setPage] = useState<Page>({ state: "idle" });
  const form = useFieldForm(IDS);

  const load = useCallback(async () => {
    setPage({ state: "loading" });
    try {
      // The five services document the trail alike (libs/http adds it to each one's document).
      const client = api[service] as unknown as typeof api.membership;
      const { data, response } = await client.GET("/v1/audit", { params: { query: auditQuery(shown, cursor) } });
      if (data) setPage({ state: "ok", items: data.items ?? [], next: data.next_cursor ?? undefined });
      else setPage({ state: "failed", forbidden: response.status === 403 });
    } catch {
      setPage({ state: "failed", forbidden: false });
    }
  }, [service, shown, cursor]);
  useEffect(() => {
    void load();
  }, [load]);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateAuditFilters(filters))) return;
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim()));
    window.history.replaceState({}, "", `${window.location.pathname}${q.size ? `?${q}` : ""}`);
    setCursors([]);
    setCursor(undefined);
    setShown({ ...filters });
  }

  const set = (k: keyof AuditFilters) => (v: string) => {
    setFilters((f) => ({ ...f, [k]: v }));
    form.setErrors((e) => {
      const r = { ...e };
      delete r[`/${k}`];
      return r;
    });
  };
  const input = (k: keyof AuditFilters, label: string, type = "text") => (
    <Input
      label={label}
      state={stateOf(form.errors[`/${k}`])}
      stateRelatedMessage={messageOf(t, form.errors[`/${k}`])}
      nativeInputProps={{ id: IDS[`/${k}`], name: k, type, value: filters[k], onChange: (e) => set(k)(e.target.value) }}
    />
  );

  return (
    <>
      <h1>{t("console.audit.title")}</h1>
      <p>{t("console.audit.intro")}</p>
      <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")}>
        <Select
          label={t("console.audit.service")}
          nativeSelectProps={{
            id: "audit-service",
            value: service,
            onChange: (e) => navigate(`${consolePath(assembly.id ?? "", "journal", e.target.value)}${window.location.search}`),
          }}
        >
          {AUDITED_SERVICES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        {input("subject", t("console.audit.subject"))}
        {input("actor", t("console.audit.actor"))}
        {input("since", t("console.audit.since"), "datetime-local")}
        <Button type="submit">{t("console.audit.search")}</Button>
      </form>
      {page.state === "loading" && <p role="status">{t("console.loading")}</p>}
      {page.state === "failed" && (
        <Alert severity="error" small description={t(page.forbidden ? "console.audit.error.forbidden" : "console.error.load")} />
      )}
      {page.state === "ok" &&
        (page.items.length === 0 ? (
          <p role="status">{t("console.audit.none")}</p>
        ) : (
          <>
            <Table
              caption={t("console.audit.caption", { service })}
              headers={[
                t("console.audit.col.at"),
                t("console.audit.col.actor"),
                t("console.audit.col.role"),
                t("console.audit.col.action"),
                t("console.audit.col.object"),
                t("console.audit.col.subject"),
                t("console.audit.col.status"),
              ]}
              keys={page.items.map((e) => String(e.id))}
              rows={page.items.map((e) => [
                e.at ? dateTime(new Date(e.at)) : "",
                <code key="actor">{e.actor}</code>,
                e.role,
                <code key="action">{e.action}</code>,
                `${e.object_type ?? ""} ${e.object_id ?? ""}`.trim(),
                e.subject_member_id ? <code key="subject">{e.subject_member_id}</code> : "—",
                String(e.status ?? ""),
              ])}
            />
            <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
              {cursors.length > 0 || cursor ? (
                <li>
                  <Button
                    priority="secondary"
                    onClick={() => {
                      setCursors([]);
                      setCursor(undefined);
                    }}
                  >
                    {t("console.audit.first")}
                  </Button>
                </li>
              ) : null}
              {page.next && (
                <li>
                  <Button
                    onClick={() => {
                      setCursors((c) => [...c, cursor ?? ""]);
                      setCursor(page.next);
                    }}
                  >
                    {t("console.audit.next")}
                  </Button>
                </li>
              )}
            </ul>
          </>
        ))}
    </>
  );
}
