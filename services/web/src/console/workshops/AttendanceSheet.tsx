// A session's attendance sheet (PUT /v1/sessions/{id}/attendance): one table for the whole
// roster (33 at a workshop, 100 at a plenary), a row a member with a radio group (present,
// excused, absent) and a box to select it. Keyboard: ↑/↓ go to the row above or below, ←/→
// change the status within the row, P, E or A mark the row present, excused or absent and go to
// the next one, Space ticks what has the focus; the selected rows are marked in bulk. A row that
// changes a status the service holds already is a correction: it asks for its reason (the
// service refuses a correction without one). Only what changed is sent.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, problemFields } from "../../forms/forms";
import type { FieldErrors } from "../../forms/problem";
import { countKey, isCorrection, type Session, type SheetRow, sheetRecords, type Status, STATUSES, statusOfKey } from "./model";

interface Recorded {
  member_id?: string;
  status?: string;
  changes?: { revision?: number; status?: string; recorded_by?: string; via?: string; recorded_at?: string; reason?: string }[];
}

async function rosterOf(session: Session): Promise<string[] | undefined> {
  const ids = session.workshop_id
    ? [session.workshop_id]
    : (
        ((await api.workshops.GET("/v1/workshops", { params: { query: { assembly_id: session.assembly_id ?? "" } } })).data
          ?.items ?? []) as { id: string }[]
      ).map((w) => w.id);
  const out: string[] = [];
  for (const id of ids) {
    const { data } = await api.workshops.GET("/v1/workshops/{id}/roster", { params: { path: { id } } });
    if (!data) return undefined;
    out.push(...(((data as { member_ids?: string[] }).member_ids ?? []) as string[]));
  }
  return out;
}

const radioId = (member: string, s: Status) => `ws-att-${member}-${s}`;
const reasonId = (member: string) => `ws-reason-${member}`;

export function AttendanceSheet({ session }: { session: Session }) {
  const { t, dateTime, lang } = useI18n();
  const [rows, setRows] = useState<SheetRow[] | undefined>();
  const [history, setHistory] = useState<Map<string, Recorded>>(new Map());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [failed, setFailed] = useState<Key | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({}); // by member id
  const [general, setGeneral] = useState<Key | undefined>();
  const [saved, setSaved] = useState<number | undefined>();
  const [sending, setSending] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const load = useCallback(async () => {
    const [roster, att] = await Promise.all([
      rosterOf(session),
      api.workshops.GET("/v1/sessions/{id}/attendance", { params: { path: { id: session.id } } }),
    ]);
    if (!att.data) return setFailed(att.response.status === 403 ? "console.workshops.error.forbidden" : "console.workshops.error.load");
    if (!roster) return setFailed("console.workshops.error.load");
    const items = ((att.data as { items?: Recorded[] }).items ?? []) as Recorded[];
    const held = new Map(items.map((a) => [a.member_id ?? "", a]));
    const ids = [...new Set([...roster, ...held.keys()])].filter(Boolean).sort();
    setHistory(held);
    setRows(
      ids.map((id) => {
        const recorded = held.get(id)?.status as Status | undefined;
        return { memberId: id, recorded, status: recorded, reason: "" };
      }),
    );
  }, [session]);
  useEffect(() => {
    load().catch(() => setFailed("console.workshops.error.load"));
  }, [load]);
  useEffect(() => {
    if (saved !== undefined) savedRef.current?.focus();
  }, [saved]);

  if (failed) return <Alert severity="error" small description={t(failed)} />;
  if (!rows) return <p role="status">{t("console.workshops.loading")}</p>;

  const label = (i: number, id: string) => t("console.workshops.sheet.member", { n: i + 1, id: id.slice(0, 8) });
  const mark = (ids: string[], status: Status) => {
    setSaved(undefined);
    setRows((old) => old?.map((r) => (ids.includes(r.memberId) ? { ...r, status } : r)));
    setErrors((e) => {
      const rest = { ...e };
      for (const id of ids) delete rest[id];
      return rest;
    });
  };
  const focusRow = (index: number, kind: "radio" | "checkbox") => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    const id = kind === "checkbox" ? `ws-sel-${row.memberId}` : radioId(row.memberId, row.status ?? "present");
    document.getElementById(id)?.focus();
  };

  function onKey(e: KeyboardEvent<HTMLTableSectionElement>) {
    const target = e.target as HTMLInputElement;
    if (target.tagName !== "INPUT" || (target.type !== "radio" && target.type !== "checkbox")) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const index = Number(target.dataset.row);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      focusRow(index + (e.key === "ArrowDown" ? 1 : -1), target.type as "radio" | "checkbox");
      return;
    }
    const status = statusOfKey(e.key);
    if (status) {
      e.preventDefault();
      mark([rows![index].memberId], status);
      if (index + 1 < rows!.length) {
        const next = rows![index + 1];
        document.getElementById(radioId(next.memberId, next.status ?? "present"))?.focus();
      }
    }
  }

  async function save() {
    const { records, missing } = sheetRecords(rows!);
    setSaved(undefined);
    setGeneral(undefined);
    if (missing.length) {
      const found: FieldErrors = {};
      for (const id of missing) found[id] = { key: "console.workshops.sheet.reason.missing" };
      setErrors(found);
      document.getElementById(reasonId(missing[0]))?.focus();
      return;
    }
    if (records.length === 0) return setGeneral("console.workshops.sheet.nothing");
    if (sending) return;
    setSending(true);
    try {
      const { data, error, response } = await api.workshops.PUT("/v1/sessions/{id}/attendance", {
        params: { path: { id: session.id } },
        body: { records },
      });
      if (!data) {
        if (response.status !== 400 && response.status !== 422)
          return setGeneral(response.status === 403 ? "console.workshops.error.forbidden" : "console.workshops.error.server");
        // A record's pointer names its member's row: the reason's field, else the row's status.
        const pointers = records.flatMap((_, i) => [`/records/${i}/reason`, `/records/${i}/status`]);
        const byPointer = problemFields(error as never, pointers, "/records");
        const found: FieldErrors = {};
        for (const [pointer, err] of Object.entries(byPointer)) {
          const m = /^\/records\/(\d+)\//.exec(pointer);
          if (m) found[records[Number(m[1])].member_id] = err;
          else setGeneral("console.workshops.sheet.refused");
        }
        setErrors(found);
        const first = rows!.find((r) => found[r.memberId]);
        if (first)
          document.getElementById(isCorrection(first) ? reasonId(first.memberId) : radioId(first.memberId, first.status ?? "present"))?.focus();
        return;
      }
      setErrors({});
      setSelected(new Set());
      await load();
      setSaved((data as { changed?: number }).changed ?? records.length);
    } catch {
      setGeneral("console.workshops.error.server");
    } finally {
      setSending(false);
    }
  }

  const counts = STATUSES.map((s) => rows.filter((r) => r.status === s).length);
  const allSelected = rows.length > 0 && selected.size === rows.length;
  const pending = sheetRecords(rows).records.length;

  return (
    <section aria-labelledby="ws-sheet-h" className={fr.cx("fr-mt-6w")}>
      <h2 id="ws-sheet-h">{t("console.workshops.sheet.title")}</h2>
      <p id="ws-sheet-help">{t("console.workshops.sheet.help")}</p>
      <p role="status">
        {t("console.workshops.sheet.figures", {
          present: counts[0],
          excused: counts[1],
          absent: counts[2],
          none: rows.length - counts[0] - counts[1] - counts[2],
        })}
      </p>
      <div ref={savedRef} tabIndex={-1}>
        {saved !== undefined && <Alert severity="success" small role="status" description={t(countKey("console.workshops.sheet.saved", saved, lang), { n: saved })} />}
        {general && <Alert severity="error" small description={t(general)} />}
      </div>
      {rows.length === 0 ? (
        <p>{t("console.workshops.sheet.empty")}</p>
      ) : (
        <>
          <div className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm")} role="group" aria-label={t("console.workshops.sheet.bulk")}>
            {STATUSES.map((s) => (
              <Button key={s} priority="secondary" size="small" disabled={selected.size === 0} onClick={() => mark([...selected], s)}>
                {t(`console.workshops.sheet.bulk.${s}` as Key, { n: selected.size })}
              </Button>
            ))}
          </div>
          <div className="ws-table-wrap">
            <table className="ws-sheet" ref={tableRef} aria-describedby="ws-sheet-help">
              <caption className={fr.cx("fr-sr-only")}>{t("console.workshops.sheet.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      id="ws-sel-all"
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.memberId)))}
                    />
                    <label htmlFor="ws-sel-all" className={fr.cx("fr-sr-only")}>
                      {t("console.workshops.sheet.selectAll")}
                    </label>
                  </th>
                  <th scope="col">{t("console.workshops.sheet.memberCol")}</th>
                  <th scope="col">{t("console.workshops.sheet.statusCol")}</th>
                </tr>
              </thead>
              <tbody onKeyDown={onKey}>
                {rows.map((r, i) => {
                  const name = label(i, r.memberId);
                  const correction = isCorrection(r);
                  const err = errors[r.memberId];
                  const last = history.get(r.memberId)?.changes?.slice(-1)[0];
                  return (
                    <tr key={r.memberId} className={r.status !== r.recorded ? "ws-changed" : undefined}>
                      <td>
                        <input
                          type="checkbox"
                          id={`ws-sel-${r.memberId}`}
                          data-row={i}
                          checked={selected.has(r.memberId)}
                          onChange={() =>
                            setSelected((old) => {
                              const next = new Set(old);
                              if (next.has(r.memberId)) next.delete(r.memberId);
                              else next.add(r.memberId);
                              return next;
                            })
                          }
                        />
                        <label htmlFor={`ws-sel-${r.memberId}`} className={fr.cx("fr-sr-only")}>
                          {t("console.workshops.sheet.select", { member: name })}
                        </label>
                      </td>
                      <th scope="row" id={`ws-row-${r.memberId}`}>
                        {name}
                        {last?.reason && (
                          <span className={fr.cx("fr-text--xs", "fr-mb-0")}>
                            <br />
                            {t("console.workshops.sheet.lastReason", {
                              reason: last.reason,
                              date: last.recorded_at ? dateTime(new Date(last.recorded_at)) : "",
                            })}
                          </span>
                        )}
                      </th>
                      <td>
                        <fieldset aria-labelledby={`ws-row-${r.memberId}`} aria-describedby={err && !correction ? `ws-err-${r.memberId}` : undefined}>
                          {STATUSES.map((s) => (
                            <label key={s} htmlFor={radioId(r.memberId, s)}>
                              <input
                                type="radio"
                                id={radioId(r.memberId, s)}
                                name={`ws-att-${r.memberId}`}
                                value={s}
                                data-row={i}
                                checked={r.status === s}
                                onChange={() => mark([r.memberId], s)}
                              />
                              {t(`console.workshops.status.${s}` as Key)}
                            </label>
                          ))}
                        </fieldset>
                        {correction && (
                          <div className={fr.cx("fr-input-group", err ? "fr-input-group--error" : undefined, "fr-mb-0")}>
                            <label className={fr.cx("fr-label")} htmlFor={reasonId(r.memberId)}>
                              {t("console.workshops.sheet.reason", { member: name })}
                            </label>
                            <input
                              className={fr.cx("fr-input", err ? "fr-input--error" : undefined)}
                              id={reasonId(r.memberId)}
                              value={r.reason}
                              maxLength={500}
                              aria-describedby={err ? `ws-err-${r.memberId}` : undefined}
                              onChange={(e) => {
                                const reason = e.target.value;
                                setRows((old) => old?.map((x) => (x.memberId === r.memberId ? { ...x, reason } : x)));
                              }}
                            />
                          </div>
                        )}
                        {err && (
                          <p id={`ws-err-${r.memberId}`} className={fr.cx("fr-error-text")}>
                            {messageOf(t, err)}
                          </p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Button onClick={() => void save()} disabled={sending} className={fr.cx("fr-mt-2w")}>
            {sending ? t("console.workshops.sending") : t(countKey("console.workshops.sheet.save", pending, lang), { n: pending })}
          </Button>
        </>
      )}
    </section>
  );
}
