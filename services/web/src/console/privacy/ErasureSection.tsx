// The erasure of one person's personal data in every service (the secretariat, at the person's
// request): the form (a member of the assembly, and a confirmation that the identity and the
// written request were checked: the erasure is final), then its report
// (/console/<assembly>/effacements/<erasure>: what each service erased, read again every two
// seconds until every service has answered; the address survives a reload).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Checkbox from "@codegouvfr/react-dsfr/Checkbox";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import type { components } from "../../api/generated/membership";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import { navigate } from "../../router";
import { link } from "../link";
import { consolePath } from "../model";
import { Table } from "../ui/Table";
import type { ConsoleProps } from "../sections";
import { erasedPairs, validateErasure } from "./model";

type Erasure = components["schemas"]["Erasure"];
type Member = components["schemas"]["Member"];

// The checkbox's id is the DSFR fieldset's (`erasure-confirm`) and its position.
const IDS = { "/member_id": "erasure-member", "/confirm": "erasure-confirm-0" };

export function ErasureSection({ assembly, rest }: ConsoleProps) {
  return rest[0] ? <ErasureReport assemblyId={assembly.id ?? ""} id={rest[0]} /> : <ErasureForm assemblyId={assembly.id ?? ""} />;
}

function ErasureForm({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [members, setMembers] = useState<Member[]>([]);
  const [memberId, setMemberId] = useState(new URLSearchParams(window.location.search).get("member") ?? "");
  const [confirmed, setConfirmed] = useState(false);
  const form = useFieldForm(IDS);
  const { errors, general, sending } = form;
  useEffect(() => {
    api.membership
      .GET("/v1/members", { params: { query: { assembly_id: assemblyId } } })
      .then(({ data }) => setMembers(data?.items ?? []))
      .catch(() => setMembers([]));
  }, [assemblyId]);
  const settle = (field: string) =>
    form.setErrors((e) => {
      const r = { ...e };
      delete r[field];
      return r;
    });

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateErasure(memberId, confirmed))) return;
    await form.send(async () => {
      const { data, error, response } = await api.membership.POST("/v1/erasures", { body: { member_id: memberId.trim() } });
      if (data) navigate(consolePath(assemblyId, "effacements", data.id));
      else if (response.status === 404) form.check({ "/member_id": { key: "console.erasure.error.unknown" } });
      else form.refuse(response.status, error, "/member_id");
    });
  }

  return (
    <>
      <h1>{t("console.erasure.title")}</h1>
      <p>{t("console.erasure.intro")}</p>
      {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
      <form noValidate onSubmit={submit} className={fr.cx("fr-col-12", "fr-col-md-10")}>
        {members.length > 0 && (
          <Select
            label={t("console.erasure.choose")}
            nativeSelectProps={{
              id: "erasure-choose",
              value: members.some((m) => m.id === memberId) ? memberId : "",
              onChange: (e) => {
                setMemberId(e.target.value);
                settle("/member_id");
              },
            }}
          >
            <option value="">—</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {t("console.erasure.memberOption", { id: m.id ?? "", status: t(`member.status.value.${m.status ?? "selected"}`) })}
              </option>
            ))}
          </Select>
        )}
        <Input
          label={t("console.erasure.member")}
          hintText={t("console.erasure.memberHint")}
          state={stateOf(errors["/member_id"])}
          stateRelatedMessage={messageOf(t, errors["/member_id"])}
          nativeInputProps={{
            id: IDS["/member_id"],
            name: "member_id",
            value: memberId,
            autoComplete: "off",
            onChange: (e) => {
              setMemberId(e.target.value);
              settle("/member_id");
            },
          }}
        />
        <Checkbox
          id="erasure-confirm"
          state={stateOf(errors["/confirm"])}
          stateRelatedMessage={messageOf(t, errors["/confirm"])}
          options={[
            {
              label: t("console.erasure.confirm"),
              nativeInputProps: {
                name: "confirm",
                checked: confirmed,
                onChange: (e) => {
                  setConfirmed(e.target.checked);
                  settle("/confirm");
                },
              },
            },
          ]}
        />
        <Button type="submit" disabled={sending} iconId="fr-icon-delete-line">
          {t("console.erasure.submit")}
        </Button>
      </form>
    </>
  );
}

function ErasureReport({ assemblyId, id }: { assemblyId: string; id: string }) {
  const { t, dateTime, number } = useI18n();
  const [erasure, setErasure] = useState<Erasure | "missing" | "failed" | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const { data, response } = await api.membership.GET("/v1/erasures/{id}", { params: { path: { id } } });
        if (stop) return;
        setErasure(data ?? (response.status === 404 ? "missing" : "failed"));
        if (data?.state === "pending") timer = setTimeout(() => void read(), 2000);
      } catch {
        if (!stop) setErasure("failed");
      }
    };
    void read();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [id]);
  useEffect(() => heading.current?.focus(), []);

  const pending = typeof erasure === "object" ? erasure.services.filter((s) => s.state !== "done").length : 0;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t("console.erasure.report.title")}
      </h1>
      {erasure === undefined && <p role="status">{t("console.loading")}</p>}
      {erasure === "missing" && <Alert severity="warning" small description={t("console.erasure.missing")} />}
      {erasure === "failed" && <Alert severity="error" small description={t("console.error.load")} />}
      {typeof erasure === "object" && (
        <>
          <p>{t("console.erasure.report.intro", { at: dateTime(new Date(erasure.requested_at)), member: erasure.member_id })}</p>
          <div role="status" className={fr.cx("fr-mb-2w")}>
            {erasure.state === "complete" ? (
              <Alert severity="success" small description={t("console.erasure.report.complete")} />
            ) : (
              <Alert severity="info" small description={t("console.erasure.report.pending", { count: pending })} />
            )}
          </div>
          <Table
            caption={t("console.erasure.report.caption")}
            headers={[
              t("console.erasure.report.col.service"),
              t("console.erasure.report.col.state"),
              t("console.erasure.report.col.erased"),
              t("console.erasure.report.col.at"),
            ]}
            rowHeaders
            rows={erasure.services.map((s) => {
              const pairs = erasedPairs(s.erased);
              return [
                s.service,
                t(s.state === "done" ? "console.erasure.state.done" : "console.erasure.state.pending"),
                s.state !== "done"
                  ? "—"
                  : pairs.length === 0
                    ? t("console.erasure.nothing")
                    : pairs.map(([k, n]) => `${k.replace(/_/g, " ")} : ${number(n)}`).join(", "),
                s.completed_at ? dateTime(new Date(s.completed_at)) : "—",
              ];
            })}
          />
        </>
      )}
      <p className={fr.cx("fr-mt-4w")}>
        <a className={fr.cx("fr-link")} {...link(consolePath(assemblyId, "effacements"))}>
          {t("console.erasure.another")}
        </a>
      </p>
    </>
  );
}
