// The console's messages section (/console/<assembly>/messages; the secretariat, and the auditor
// who reads it without the actions): the assembly's figures by kind and state (GET
// /v1/assemblies/{id}/message-figures), a notice when some messages are uncertain, the newest 100
// messages filtered by kind and state (kept in the address's query, so a reload or a shared link
// shows the same; GET /v1/messages), sending again an uncertain or refused one after a
// confirmation (POST /v1/messages/{id}/resend, then the row read again), and a sent message's
// text while the service keeps it (GET /v1/messages/{id}/text).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { MESSAGE_KINDS, type Message, newestFirst, SHOWN_STATES, shownState, useKindWords } from "../../notifications/words";
import { link } from "../link";
import { consolePath, hasRole } from "../model";
import { shortId } from "../members/model";
import type { ConsoleProps } from "../sections";
import { ReadFailed } from "../ui/ReadFailed";
import { Table } from "../ui/Table";
import { useRead } from "../ui/useRead";
import { type ByKind, figureRows, type Filters, filtersOf, listQuery, readable, resendable, searchOf, uncertainCount } from "./model";

export function MessagesSection({ assembly, staff }: ConsoleProps) {
  const { t } = useI18n();
  const id = assembly.id ?? "";
  const canAct = hasRole(staff, ["secretariat"]);
  const [shown, setShown] = useState<Filters>(() => filtersOf(window.location.search));
  const [figures, reloadFigures] = useRead(async () => {
    const { data } = await api.notifications.GET("/v1/assemblies/{id}/message-figures", { params: { path: { id } } });
    return data;
  }, [id]);

  const filter = (f: Filters) => {
    window.history.replaceState({}, "", `${window.location.pathname}${searchOf(f)}`);
    setShown(f);
  };
  const uncertain = figures ? uncertainCount(figures.by_kind as ByKind) : 0;

  return (
    <>
      <h1>{t("console.messages.title")}</h1>
      <p>{t("console.messages.intro")}</p>
      {uncertain > 0 && (
        <div className={fr.cx("fr-mb-4w")} id="messages-uncertain">
          <Alert
            severity="warning"
            as="h2"
            title={t("console.messages.uncertain.title", { count: uncertain })}
            description={
              <>
                {t("console.messages.uncertain.text")}{" "}
                {shown.state !== "uncertain" && (
                  <a
                    {...link(`${consolePath(id, "messages")}${searchOf({ kind: "", state: "uncertain" })}`)}
                    onClick={(e) => {
                      e.preventDefault();
                      filter({ kind: "", state: "uncertain" });
                    }}
                  >
                    {t("console.messages.uncertain.show")}
                  </a>
                )}
              </>
            }
          />
        </div>
      )}
      <section className={fr.cx("fr-mb-6w")} aria-labelledby="messages-figures-title">
        <h2 id="messages-figures-title">{t("console.messages.figures.title")}</h2>
        {figures === undefined && <p role="status">{t("console.loading")}</p>}
        {figures === null && <ReadFailed retry={reloadFigures} />}
        {figures && <Figures byKind={figures.by_kind as ByKind} total={figures.total} />}
      </section>
      <MessageList
        assemblyId={id}
        shown={shown}
        filter={filter}
        canAct={canAct}
        linkMembers={canAct}
        changed={() => void reloadFigures()}
      />
    </>
  );
}

function Figures({ byKind, total }: { byKind: ByKind; total: number }) {
  const { t } = useI18n();
  const words = useKindWords();
  const rows = figureRows(byKind);
  if (rows.length === 0) return <p>{t("console.messages.figures.none")}</p>;
  return (
    <Table
      caption={t("console.messages.figures.caption", { total })}
      headers={[t("console.messages.figures.kind"), ...SHOWN_STATES.map((s) => t(`console.messages.states.${s}` as Key))]}
      rowHeaders
      keys={rows.map((r) => r.kind)}
      rows={rows.map((r) => [words.label(r.kind), ...SHOWN_STATES.map((s) => String(r.counts[s]))])}
    />
  );
}

function MessageList({
  assemblyId,
  shown,
  filter,
  canAct,
  linkMembers,
  changed,
}: {
  assemblyId: string;
  shown: Filters;
  filter: (f: Filters) => void;
  canAct: boolean;
  linkMembers: boolean;
  changed: () => void;
}) {
  const { t, dateTime } = useI18n();
  const words = useKindWords();
  const [form, setForm] = useState<Filters>(shown);
  useEffect(() => setForm(shown), [shown]);
  const [items, setItems] = useState<Message[] | null | undefined>();
  const read = async () => {
    setItems(undefined);
    try {
      const { data } = await api.notifications.GET("/v1/messages", { params: { query: listQuery(assemblyId, shown) } });
      setItems(data ? newestFirst(data.items) : null);
    } catch {
      setItems(null);
    }
  };
  useEffect(() => {
    void read();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [assemblyId, shown.kind, shown.state]);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    filter({ ...form });
  }
  const replace = (m: Message) => setItems((list) => list?.map((x) => (x.id === m.id ? m : x)));
  const when = (m: Message) => dateTime(new Date(m.created_at));

  return (
    <section id="messages-list" aria-labelledby="messages-list-title">
      <h2 id="messages-list-title">{t("console.messages.list.title")}</h2>
      <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")} id="messages-filters">
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <Select
              label={t("console.messages.filter.kind")}
              nativeSelectProps={{
                id: "messages-kind",
                name: "kind",
                value: form.kind,
                onChange: (e) => setForm((f) => ({ ...f, kind: e.target.value })),
              }}
            >
              <option value="">{t("console.messages.filter.all")}</option>
              {MESSAGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {words.label(k)}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <Select
              label={t("console.messages.filter.state")}
              nativeSelectProps={{
                id: "messages-state",
                name: "state",
                value: form.state,
                onChange: (e) => setForm((f) => ({ ...f, state: e.target.value })),
              }}
            >
              <option value="">{t("console.messages.filter.allStates")}</option>
              {SHOWN_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`console.messages.state.${s}` as Key)}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <Button type="submit">{t("console.messages.filter.apply")}</Button>
      </form>
      {items === undefined && <p role="status">{t("console.loading")}</p>}
      {items === null && <ReadFailed retry={read} />}
      {items && items.length === 0 && <p role="status">{t("console.messages.list.none")}</p>}
      {items && items.length > 0 && (
        <Table
          caption={t("console.messages.list.caption", { count: items.length })}
          headers={[
            t("console.messages.col.date"),
            t("console.messages.col.member"),
            t("console.messages.col.kind"),
            t("console.messages.col.state"),
            t("console.messages.col.attempts"),
            t("console.messages.col.error"),
            t("console.messages.col.actions"),
          ]}
          sorted={["descending"]}
          keys={items.map((m) => m.id)}
          rows={items.map((m) => [
            when(m),
            linkMembers ? (
              <a
                key="member"
                {...link(consolePath(assemblyId, "membres", "membre", m.member_id))}
                aria-label={t("console.messages.member", { id: m.member_id })}
              >
                <code>{shortId(m.member_id)}</code>
              </a>
            ) : (
              <code key="member" title={m.member_id}>
                {shortId(m.member_id)}
              </code>
            ),
            words.label(m.kind),
            <span key="state" data-state={m.state}>
              {t(`console.messages.state.${shownState(m.state)}` as Key)}
            </span>,
            String(m.attempts),
            m.last_error || "—",
            <Actions
              key="actions"
              message={m}
              canAct={canAct}
              label={{ kind: words.label(m.kind), date: when(m) }}
              replace={(x) => {
                replace(x);
                changed();
              }}
            />,
          ])}
        />
      )}
    </section>
  );
}

type Resend = { step: "idle" } | { step: "confirm" } | { step: "sending" } | { step: "done" } | { step: "failed"; error: Key };

function Actions({
  message: m,
  canAct,
  label,
  replace,
}: {
  message: Message;
  canAct: boolean;
  label: { kind: string; date: string };
  replace: (m: Message) => void;
}) {
  const { t } = useI18n();
  const [resend, setResend] = useState<Resend>({ step: "idle" });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (resend.step === "confirm") confirmRef.current?.focus();
    // The confirmation's buttons are gone: the focus goes to what came of it.
    else if (resend.step === "done" || resend.step === "failed") outcomeRef.current?.focus();
    else if (back.current) {
      back.current = false;
      openRef.current?.focus();
    }
  }, [resend.step]);
  const questionId = `message-${m.id}-question`;
  const errorId = `message-${m.id}-error`;

  async function send() {
    setResend({ step: "sending" });
    try {
      const { data, response } = await api.notifications.POST("/v1/messages/{id}/resend", {
        params: { path: { id: m.id } },
        body: {},
      });
      // The row read again, whatever the answer: what the service holds now.
      const again = await api.notifications.GET("/v1/messages/{id}", { params: { path: { id: m.id } } });
      const now = again.data ?? data;
      if (now) replace(now);
      if (data) setResend({ step: "done" });
      else
        setResend({
          step: "failed",
          error:
            response.status === 409
              ? "console.messages.resend.conflict"
              : response.status === 403
                ? "console.messages.resend.forbidden"
                : "console.messages.resend.failed",
        });
    } catch {
      setResend({ step: "failed", error: "console.messages.resend.failed" });
    }
  }

  const canResend = canAct && resendable(m);
  return (
    <div className="console-message-actions">
      {canResend && (resend.step === "idle" || resend.step === "failed" || resend.step === "done") && (
        <Button
          ref={openRef}
          size="small"
          priority="secondary"
          title={t("console.messages.resend.label", label)}
          aria-describedby={resend.step === "failed" ? errorId : undefined}
          onClick={() => setResend({ step: "confirm" })}
        >
          {t("console.messages.resend")}
        </Button>
      )}
      {(resend.step === "confirm" || resend.step === "sending") && (
        <div role="group" aria-labelledby={questionId}>
          <p id={questionId} className={fr.cx("fr-text--sm", "fr-mb-1w")}>
            {t("console.messages.resend.question")}
          </p>
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--sm", "fr-btns-group--inline")}>
            <li>
              <Button ref={confirmRef} size="small" disabled={resend.step === "sending"} onClick={() => void send()}>
                {t("console.messages.resend.confirm")}
              </Button>
            </li>
            <li>
              <Button
                size="small"
                priority="tertiary"
                disabled={resend.step === "sending"}
                onClick={() => {
                  back.current = true;
                  setResend({ step: "idle" });
                }}
              >
                {t("console.messages.resend.cancel")}
              </Button>
            </li>
          </ul>
        </div>
      )}
      <div aria-live="polite">
        {resend.step === "failed" && (
          <p id={errorId} ref={outcomeRef} tabIndex={-1} className={fr.cx("fr-message", "fr-message--error")}>
            {t(resend.error)}
          </p>
        )}
        {resend.step === "done" && (
          <p ref={outcomeRef} tabIndex={-1} className={fr.cx("fr-message", "fr-message--valid")}>
            {t("console.messages.resend.done")}
          </p>
        )}
      </div>
      {readable(m) && <MessageText message={m} label={label} />}
    </div>
  );
}

// A sent message's text, read when first shown, in a region the button opens and closes.
function MessageText({ message: m, label }: { message: Message; label: { kind: string; date: string } }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null | undefined>();
  const regionId = `message-${m.id}-text`;

  async function toggle() {
    const next = !open;
    setOpen(next);
    if (next && text == null) {
      setText(undefined);
      try {
        const { data } = await api.notifications.GET("/v1/messages/{id}/text", { params: { path: { id: m.id } } });
        setText(data ? data.text : null);
      } catch {
        setText(null);
      }
    }
  }

  return (
    <>
      <Button
        size="small"
        priority="tertiary"
        aria-expanded={open}
        aria-controls={regionId}
        title={t("console.messages.text.label", label)}
        onClick={() => void toggle()}
      >
        {open ? t("console.messages.text.hide") : t("console.messages.text.show")}
      </Button>
      <div id={regionId} role="region" aria-label={t("console.messages.text.label", label)} hidden={!open}>
        {open && text === undefined && <p role="status">{t("console.loading")}</p>}
        {open && text === null && <p className={fr.cx("fr-message", "fr-message--error")}>{t("console.messages.text.failed")}</p>}
        {open && typeof text === "string" && <pre className="console-message-text">{text}</pre>}
      </div>
    </>
  );
}
