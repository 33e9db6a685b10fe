// Placing members in workshops. The balanced proposal is membership's own (the opening plenary:
// POST /v1/assemblies/{id}/bulk-actions {action: activate} seats every confirmed member and places
// them all in one run: sizes within one, preferences, composition); then adjustments member by
// member with a select (keyboard friendly) and one reason for the moves (PUT
// /v1/members/{id}/workshop, recorded in each member's history).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Assembly } from "../model";
import { loadMembers } from "./api";
import { type Member, shortId } from "./model";
import { Table } from "../ui/Table";
import { Go, membersPath } from "./MembersSection";
import { WorkshopOptions } from "./WorkshopOptions";

export function PlacementPage({ assembly }: { assembly: Assembly }) {
  const { t } = useI18n();
  const id = assembly.id ?? "";
  const workshops = assembly.workshops ?? [];
  const [members, setMembers] = useState<Member[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const [outcome, setOutcome] = useState<string | undefined>();
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  const load = useCallback(() => {
    loadMembers(id).then(
      (all) => setMembers(all.filter((m) => m.status === "active" || m.status === "confirmed")),
      () => setFailed(true),
    );
  }, [id]);
  useEffect(load, [load]);

  const confirmed = (members ?? []).filter((m) => m.status === "confirmed" && !m.workshop_theme).length;
  const sizes = useMemo(() => {
    const out = new Map<string, number>(workshops.map((w) => [w, 0]));
    for (const m of members ?? []) if (m.workshop_theme) out.set(m.workshop_theme, (out.get(m.workshop_theme) ?? 0) + 1);
    return out;
  }, [members, workshops]);

  async function activate() {
    setSending(true);
    const r = await api.membership.POST("/v1/assemblies/{id}/bulk-actions", {
      params: { path: { id } },
      body: { action: "activate" },
    });
    setSending(false);
    setOutcome(r.data ? t("console.members.placement.activated", { count: r.data.changed ?? 0 }) : t("member.error.server"));
    load();
  }

  async function save(ev: FormEvent) {
    ev.preventDefault();
    const changed = Object.entries(moves).filter(([mid, w]) => members?.find((m) => m.id === mid)?.workshop_theme !== w);
    if (changed.length === 0) return;
    if (!reason.trim()) {
      setReasonMissing(true);
      document.getElementById("placement-reason")?.focus();
      return;
    }
    setSending(true);
    const refused: Record<string, string> = {};
    let moved = 0;
    for (const [mid, workshop] of changed) {
      const r = await api.membership.PUT("/v1/members/{id}/workshop", {
        params: { path: { id: mid } },
        body: { workshop, reason: reason.trim() },
      });
      if (r.data) moved++;
      else refused[mid] = r.error?.detail ?? String(r.response.status);
    }
    setSending(false);
    setRefusals(refused);
    setMoves({});
    setOutcome(t("console.members.placement.moved", { count: moved }));
    load();
  }

  if (failed) return <Alert severity="error" small description={t("console.members.loadFailed")} />;
  if (!members) return <p role="status">{t("member.loading")}</p>;

  return (
    <section aria-labelledby="placement-title">
      <h1 id="placement-title">{t("console.members.placement.title")}</h1>
      <p>{t("console.members.placement.intro")}</p>
      <ul id="placement-sizes">
        {[...sizes].map(([w, n]) => (
          <li key={w}>{t("console.members.placement.size", { workshop: w, count: n })}</li>
        ))}
      </ul>
      {confirmed > 0 && (
        <p>
          <Button disabled={sending} onClick={() => void activate()}>
            {t("console.members.placement.activate", { count: confirmed })}
          </Button>
        </p>
      )}
      <div role="status">{outcome && <p>{outcome}</p>}</div>
      <form onSubmit={(e) => void save(e)} noValidate>
        <Table
          caption={t("console.members.placement.caption")}
          headers={[t("console.members.col.member"), t("console.members.col.pool"), t("console.members.col.workshop")]}
          rowHeaders
          keys={members.map((m) => m.id ?? "")}
          rows={members.map((m) => {
            const mid = m.id ?? "";
            const selectId = `placement-${mid}`;
            return [
              <Go key="member" to={membersPath(id, "membre", mid)}>
                {shortId(mid)}
              </Go>,
              m.pool,
              <div key="workshop">
                <label className={fr.cx("fr-sr-only")} htmlFor={selectId}>
                  {t("console.members.placement.selectLabel", { member: shortId(mid) })}
                </label>
                <select
                  className={fr.cx("fr-select")}
                  id={selectId}
                  value={moves[mid] ?? m.workshop_theme ?? ""}
                  aria-describedby={refusals[mid] ? `${selectId}-error` : undefined}
                  onChange={(e) => setMoves({ ...moves, [mid]: e.target.value })}
                >
                  <WorkshopOptions workshops={workshops} />
                </select>
                {refusals[mid] && (
                  <p className={fr.cx("fr-error-text")} id={`${selectId}-error`}>
                    {refusals[mid]}
                  </p>
                )}
              </div>,
            ];
          })}
        />
        <Input
          label={t("console.members.move.reason")}
          state={reasonMissing ? "error" : "default"}
          stateRelatedMessage={reasonMissing ? t("member.reason.missing") : undefined}
          nativeInputProps={{
            id: "placement-reason",
            value: reason,
            onChange: (e) => {
              setReason(e.target.value);
              setReasonMissing(false);
            },
          }}
        />
        <Button type="submit" disabled={sending}>
          {t("console.members.placement.save")}
        </Button>
      </form>
    </section>
  );
}
