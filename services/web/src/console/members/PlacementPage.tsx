// Placing members in workshops. The balanced proposal is membership's own (the opening plenary:
// POST /v1/assemblies/{id}/bulk-actions {action: activate} seats every confirmed member and places
// them all in one run: sizes within one, preferences, composition); then adjustments member by
// member on a board with a column per workshop: a member's card dragged to another column (native
// HTML5 drag and drop), or the select on the card (the keyboard's way), both choosing the same
// thing; one reason for the moves, each sent as PUT /v1/members/{id}/workshop (recorded in each
// member's history), a refusal shown on its member's card, tied to the select.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type DragEvent, type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Assembly } from "../model";
import { loadMembers } from "./api";
import { type Member, shortId } from "./model";
import { Go, membersPath } from "./MembersSection";
import { type Names, useNames, useNaming } from "./names";
import { WorkshopOptions } from "./WorkshopOptions";
import "./members.css";

const DRAG_TYPE = "text/plain";

export function PlacementPage({ assembly }: { assembly: Assembly }) {
  const { t } = useI18n();
  const id = assembly.id ?? "";
  const workshops = useMemo(() => assembly.workshops ?? [], [assembly.workshops]);
  const names = useNames(id);
  const naming = useNaming(names);
  const [members, setMembers] = useState<Member[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const [outcome, setOutcome] = useState<string | undefined>();
  const [dropped, setDropped] = useState<string | undefined>();
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

  // A member's workshop chosen, by the select or by a drop: the same change, saved with the rest.
  const choose = (mid: string, workshop: string) => setMoves((all) => ({ ...all, [mid]: workshop }));

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
    setDropped(undefined);
    setOutcome(t("console.members.placement.moved", { count: moved }));
    load();
  }

  if (failed) return <Alert severity="error" small description={t("console.members.loadFailed")} />;
  if (!members) return <p role="status">{t("member.loading")}</p>;

  const where = (m: Member) => moves[m.id ?? ""] ?? m.workshop_theme ?? "";
  const unplaced = members.filter((m) => !where(m));
  const columns: [string, Member[]][] = [
    ...workshops.map((w) => [w, members.filter((m) => where(m) === w)] as [string, Member[]]),
    ...(unplaced.length > 0 ? [["", unplaced] as [string, Member[]]] : []),
  ];

  return (
    <section aria-labelledby="placement-title">
      <h1 id="placement-title">{t("console.members.placement.title")}</h1>
      <p>{t("console.members.placement.intro")}</p>
      <ul id="placement-sizes">
        {[...sizes].map(([w, n]) => (
          <li key={w}>{t("console.members.placement.size", { workshop: naming.workshop(w), count: n })}</li>
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
      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="placement-board-title">
        <h2 id="placement-board-title">{t("console.members.placement.board")}</h2>
        <p className={fr.cx("fr-hint-text")}>{t("console.members.placement.boardHint")}</p>
        <Board
          assemblyId={id}
          columns={columns}
          workshops={workshops}
          names={names}
          moves={moves}
          refusals={refusals}
          choose={(mid, w) => {
            choose(mid, w);
            setDropped(undefined);
          }}
          drop={(mid, w) => {
            choose(mid, w);
            setDropped(t("console.members.placement.dropped", { member: shortId(mid), workshop: naming.workshop(w) }));
          }}
        />
        <div role="status" id="placement-dropped">
          {dropped && <p>{dropped}</p>}
        </div>
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

interface BoardProps {
  assemblyId: string;
  columns: [string, Member[]][]; // workshop theme ("" none) -> its members, moves included
  workshops: string[];
  names: Names;
  moves: Record<string, string>;
  refusals: Record<string, string>;
  choose: (member: string, workshop: string) => void; // by the select
  drop: (member: string, workshop: string) => void; // by a drop on another column
}

function Board({ assemblyId, columns, workshops, names, moves, refusals, choose, drop }: BoardProps) {
  const { t } = useI18n();
  const naming = useNaming(names);
  const dragging = useRef<string | undefined>(undefined); // the member dragged, when the transfer hides it
  const [over, setOver] = useState<string | undefined>();
  // A choice in a select moves its card to another column: the focus follows it there.
  const refocus = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!refocus.current) return;
    document.getElementById(refocus.current)?.focus();
    refocus.current = undefined;
  });

  const dropped = (ev: DragEvent, workshop: string, holds: Member[]) => {
    ev.preventDefault();
    setOver(undefined);
    const mid = ev.dataTransfer?.getData(DRAG_TYPE) || dragging.current;
    dragging.current = undefined;
    if (mid && !holds.some((m) => m.id === mid)) drop(mid, workshop);
  };

  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-3w")}>
      {columns.map(([w, holds]) => {
        const title = w ? naming.workshop(w) : t("console.members.placement.unplaced");
        const headingId = `placement-col-${w || "none"}`;
        const target = w !== "";
        return (
          <div key={w || "-"} className={fr.cx("fr-col-12", "fr-col-md-6", "fr-col-lg-4")}>
            <section
              className={`placement-column${over === w ? " placement-column--over" : ""}`}
              aria-labelledby={headingId}
              data-workshop={w}
              onDragOver={
                target
                  ? (ev) => {
                      ev.preventDefault();
                      if (ev.dataTransfer) ev.dataTransfer.dropEffect = "move";
                      setOver(w);
                    }
                  : undefined
              }
              onDragLeave={target ? () => setOver((o) => (o === w ? undefined : o)) : undefined}
              onDrop={target ? (ev) => dropped(ev, w, holds) : undefined}
            >
              <h3 id={headingId}>
                {title}{" "}
                <span className={fr.cx("fr-text--sm")}>({t("console.members.placement.columnCount", { count: holds.length })})</span>
              </h3>
              <ul className="placement-cards">
                {holds.map((m) => {
                  const mid = m.id ?? "";
                  const selectId = `placement-${mid}`;
                  const pending = mid in moves && moves[mid] !== (m.workshop_theme ?? "");
                  return (
                    <li
                      key={mid}
                      id={`placement-card-${mid}`}
                      className={`placement-card${pending ? " placement-card--pending" : ""}`}
                      draggable
                      onDragStart={(ev) => {
                        dragging.current = mid;
                        if (ev.dataTransfer) {
                          ev.dataTransfer.setData(DRAG_TYPE, mid);
                          ev.dataTransfer.effectAllowed = "move";
                        }
                      }}
                      onDragEnd={() => {
                        dragging.current = undefined;
                        setOver(undefined);
                      }}
                    >
                      <p className={fr.cx("fr-mb-1v")}>
                        <span className="placement-grip" aria-hidden="true">
                          ⠿
                        </span>
                        <Go to={membersPath(assemblyId, "membre", mid)} draggable={false}>
                          {shortId(mid)}
                        </Go>{" "}
                        — {naming.pool(m.pool)}
                        {pending && <span className={fr.cx("fr-text--xs")}> ({t("console.members.placement.pending")})</span>}
                      </p>
                      <label className={fr.cx("fr-sr-only")} htmlFor={selectId}>
                        {t("console.members.placement.selectLabel", { member: shortId(mid) })}
                      </label>
                      <select
                        className={fr.cx("fr-select")}
                        id={selectId}
                        value={moves[mid] ?? m.workshop_theme ?? ""}
                        aria-describedby={refusals[mid] ? `${selectId}-error` : undefined}
                        onChange={(e) => {
                          refocus.current = selectId;
                          choose(mid, e.target.value);
                        }}
                      >
                        <WorkshopOptions workshops={workshops} name={naming.workshop} />
                      </select>
                      {refusals[mid] && (
                        <p className={fr.cx("fr-error-text")} id={`${selectId}-error`}>
                          {refusals[mid]}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          </div>
        );
      })}
    </div>
  );
}
