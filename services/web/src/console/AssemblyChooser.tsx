// The console's first page (/console): the assemblies the signed-in account acts in, each a
// link to its overview, and for the secretariat the form that describes a new one
// (POST /v1/assemblies on membership: the first step of ops/cycle).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useCallback, useEffect, useState } from "react";

import { api } from "../api/client";
import { messageOf, stateOf, useFieldForm } from "../forms/forms";
import type { FieldErrors } from "../forms/problem";
import { useI18n } from "../i18n/i18n";
import { navigate } from "../router";
import { link } from "./link";
import { type Assembly, actsIn, consolePath, hasRole, type Staff } from "./model";

type Listed = { state: "loading" } | { state: "ok"; items: Assembly[] } | { state: "failed" };

export function AssemblyChooser({ staff }: { staff: Staff }) {
  const { t, day } = useI18n();
  const [listed, setListed] = useState<Listed>({ state: "loading" });
  const load = useCallback(async () => {
    try {
      const { data } = await api.membership.GET("/v1/assemblies");
      setListed(data ? { state: "ok", items: (data.items ?? []).filter((a) => a.id && actsIn(staff, a.id)) } : { state: "failed" });
    } catch {
      setListed({ state: "failed" });
    }
  }, [staff]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className={fr.cx("fr-my-4w")}>
      <h1>{t("console.assemblies.title")}</h1>
      <p>{t("console.assemblies.intro")}</p>
      {listed.state === "loading" && <p role="status">{t("console.loading")}</p>}
      {listed.state === "failed" && (
        <>
          <Alert severity="error" small description={t("console.error.load")} />
          <Button className={fr.cx("fr-mt-2w")} priority="secondary" onClick={() => void load()}>
            {t("console.retry")}
          </Button>
        </>
      )}
      {listed.state === "ok" && <AssemblyList items={listed.items} />}
      {hasRole(staff, ["secretariat"]) && <NewAssembly />}
    </div>
  );
}

// The newest first; past ten, a filter on the name or the identifier.
function AssemblyList({ items }: { items: Assembly[] }) {
  const { t, day } = useI18n();
  const [filter, setFilter] = useState("");
  if (items.length === 0) return <p>{t("console.assemblies.none")}</p>;
  const sorted = [...items].sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""));
  const f = filter.trim().toLocaleLowerCase();
  const shown = f ? sorted.filter((a) => `${a.name ?? ""} ${a.id ?? ""}`.toLocaleLowerCase().includes(f)) : sorted;
  return (
    <>
      {items.length > 10 && (
        <Input
          label={t("console.assemblies.filter")}
          nativeInputProps={{ id: "assemblies-filter", type: "search", value: filter, onChange: (e) => setFilter(e.target.value) }}
        />
      )}
      <p role="status" className={fr.cx("fr-text--sm")}>
        {t("console.assemblies.count", { shown: shown.length, total: items.length })}
      </p>
      <ul className={fr.cx("fr-raw-list")}>
        {shown.map((a) => (
          <li key={a.id} className={`${fr.cx("fr-py-2w")} console-list-item`}>
            <a className={fr.cx("fr-link", "fr-text--lg")} {...link(consolePath(a.id ?? ""))}>
              {a.name || a.id}
            </a>
            <br />
            <span className={fr.cx("fr-text--sm")}>
              {a.mandate_start && a.mandate_end
                ? t("console.assemblies.mandate", { start: day(a.mandate_start), end: day(a.mandate_end) })
                : t("console.assemblies.noMandate")}{" "}
              — {a.id}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

const IDS = {
  "/id": "new-assembly-id",
  "/name": "new-assembly-name",
  "/mandate_start": "new-assembly-start",
  "/mandate_end": "new-assembly-end",
  "/retention_days": "new-assembly-retention",
};
type Field = keyof typeof IDS;

interface Draft {
  id: string;
  name: string;
  start: string;
  end: string;
  retention: string;
}

export function validateAssembly(d: Draft): FieldErrors {
  const e: FieldErrors = {};
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(d.id.trim())) e["/id"] = { key: "console.new.error.id" };
  if (!d.name.trim()) e["/name"] = { key: "console.new.error.name" };
  if (d.start && d.end && d.end < d.start) e["/mandate_end"] = { key: "console.new.error.dates" };
  if (d.retention.trim() && !(/^\d+$/.test(d.retention.trim()) && Number(d.retention) <= 3650))
    e["/retention_days"] = { key: "console.new.error.retention" };
  return e;
}

function NewAssembly() {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>({ id: "", name: "", start: "", end: "", retention: "" });
  const form = useFieldForm(IDS);
  const { errors, setErrors, general, sending } = form;
  const set = (k: keyof Draft, field: Field) => (v: string) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors((e) => {
      const rest = { ...e };
      delete rest[field];
      return rest;
    });
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateAssembly(d))) return;
    await form.send(async () => {
      const body = {
        id: d.id.trim(),
        name: d.name.trim(),
        ...(d.start ? { mandate_start: d.start } : {}),
        ...(d.end ? { mandate_end: d.end } : {}),
        ...(d.retention.trim() ? { retention_days: Number(d.retention) } : {}),
      };
      const { data, error, response } = await api.membership.POST("/v1/assemblies", { body });
      if (data) navigate(consolePath(data.id ?? body.id));
      else if (response.status === 409) form.check({ "/id": { key: "console.new.error.conflict" } });
      else form.refuse(response.status, error, "/id");
    });
  }

  const field = (k: keyof Draft, f: Field, label: string, type = "text", hint?: string) => (
    <Input
      label={label}
      hintText={hint}
      state={stateOf(errors[f])}
      stateRelatedMessage={messageOf(t, errors[f])}
      nativeInputProps={{ id: IDS[f], name: f.slice(1), type, value: d[k], onChange: (e) => set(k, f)(e.target.value) }}
    />
  );
  return (
    <section aria-labelledby="new-assembly-title" className={fr.cx("fr-mt-6w", "fr-col-12", "fr-col-md-8")}>
      <h2 id="new-assembly-title">{t("console.new.title")}</h2>
      {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
      <form noValidate onSubmit={submit}>
        {field("id", "/id", t("console.new.id"), "text", t("console.new.idHint"))}
        {field("name", "/name", t("console.new.name"))}
        {field("start", "/mandate_start", t("console.new.start"), "date")}
        {field("end", "/mandate_end", t("console.new.end"), "date")}
        {field("retention", "/retention_days", t("console.new.retention"), "text", t("console.new.retentionHint"))}
        <Button type="submit" disabled={sending}>
          {t("console.new.submit")}
        </Button>
      </form>
    </section>
  );
}
