// One member as the secretariat sees them: the record, invitation and departures with their reason
// (a replacement arrives by itself: the page polls the record until it is named), the workshop
// (moved with a reason), the workshop wishes (entered for a member who gave them by phone or
// post, until the placement), the roles (spokesperson of a motion, workshop referent; ended), the
// trainings, the attendance and the history. Every change through membership's public API.
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { problemFields, useFormErrors, useMessage } from "../../forms/forms";
import type { Assembly } from "../model";
import { type Action, actionsFor, type HistoryLine, type Member, percent, type Role, shortId } from "./model";
import { Table } from "../ui/Table";
import { Go, membersPath } from "./MembersSection";
import { type Names, useNames, useNaming } from "./names";
import { Wishes } from "./Wishes";
import { WorkshopOptions } from "./WorkshopOptions";

type Training = { training_id?: string; title?: string; topic?: string; held_on?: string; state?: string; followed?: boolean };
type MemberParticipation = { overall?: { sessions?: number; present?: number; rate?: number }; at_risk?: boolean };

const POLL_MS = 2000;

export function MemberPage({ assembly, memberId }: { assembly: Assembly; memberId: string }) {
  const { t, dateTime } = useI18n();
  const [member, setMember] = useState<Member | undefined>();
  const [history, setHistory] = useState<HistoryLine[]>([]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [trainings, setTrainings] = useState<Training[]>([]);
  const [participation, setParticipation] = useState<MemberParticipation | undefined>();
  const [failed, setFailed] = useState(false);
  const [waiting, setWaiting] = useState(false); // a departure recorded: its replacement is awaited
  const params = { path: { id: memberId } };
  const names = useNames(assembly.id ?? "");
  const naming = useNaming(names);

  const load = useCallback(async () => {
    const [m, h, r, tr, p] = await Promise.all([
      api.membership.GET("/v1/members/{id}", { params }),
      api.membership.GET("/v1/members/{id}/history", { params }),
      api.membership.GET("/v1/members/{id}/roles", { params }),
      api.membership.GET("/v1/members/{id}/trainings", { params }),
      api.membership.GET("/v1/members/{id}/participation", { params }),
    ]);
    if (!m.data) throw new Error("member");
    setMember(m.data);
    setHistory(h.data?.items ?? []);
    setRoles((r.data?.items ?? []) as Role[]);
    setTrainings((tr.data?.items ?? []) as Training[]);
    setParticipation(p.data as MemberParticipation | undefined);
    return m.data;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [memberId]);

  useEffect(() => {
    setMember(undefined);
    setFailed(false);
    load().catch(() => setFailed(true));
  }, [load]);

  // The replacement is drawn by sortition and made a member by membership: poll until named.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      load().then(
        (m) => m.replaced_by && setWaiting(false),
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, load]);

  if (failed) return <Alert severity="error" small description={t("console.members.loadFailed")} />;
  if (!member) return <p role="status">{t("member.loading")}</p>;
  const live = roles.filter((r) => !r.ended_at);

  return (
    <section aria-labelledby="member-title">
      <h1 id="member-title">{t("console.members.member.title", { id: shortId(member.id) })}</h1>
      <dl className="console-record">
        <Line label="console.members.col.status">{t(`member.status.value.${member.status ?? "selected"}`)}</Line>
        <Line label="console.members.col.pool">{naming.pool(member.pool)}</Line>
        <Line label="console.members.col.workshop">{naming.workshop(member.workshop_theme)}</Line>
        <Line label="console.members.member.id">
          <code>{member.id}</code>
        </Line>
        {member.status_reason && <Line label="console.members.member.reason">{member.status_reason}</Line>}
        {member.replaces && (
          <Line label="console.members.member.replaces">
            <Go to={membersPath(assembly.id ?? "", "membre", member.replaces)}>{shortId(member.replaces)}</Go>
          </Line>
        )}
        <Line label="console.members.col.attendance">
          {participation?.overall?.sessions
            ? t("console.members.attendanceValue", {
                rate: percent(participation.overall.rate ?? 0),
                present: participation.overall.present ?? 0,
                sessions: participation.overall.sessions,
              })
            : "—"}
          {participation?.at_risk ? ` — ${t("console.members.atRisk")}` : ""}
        </Line>
      </dl>
      <div role="status" aria-live="polite" id="member-replacement">
        {member.replaced_by ? (
          <p>
            {t("console.members.member.replacedBy")}{" "}
            <Go to={membersPath(assembly.id ?? "", "membre", member.replaced_by)}>{shortId(member.replaced_by)}</Go>
          </p>
        ) : waiting ? (
          <p>{t("console.members.member.awaitingReplacement")}</p>
        ) : null}
      </div>

      <StatusActions
        member={member}
        done={(m, departed) => {
          setMember(m);
          if (departed) setWaiting(true);
          void load().catch(() => undefined);
        }}
      />
      <Wishes
        member={member}
        workshops={assembly.workshops ?? []}
        names={names}
        done={(m) => {
          setMember(m);
          void load().catch(() => undefined);
        }}
      />
      {(member.status === "confirmed" || member.status === "active") && (
        <WorkshopMove
          member={member}
          workshops={assembly.workshops ?? []}
          names={names}
          done={() => void load().catch(() => undefined)}
        />
      )}

      <h2>{t("console.members.roles.title")}</h2>
      {live.length === 0 ? (
        <p>{t("console.members.roles.none")}</p>
      ) : (
        <ul>
          {live.map((r) => (
            <li key={r.id}>
              {t(r.role === "spokesperson" ? "console.members.roles.spokesperson" : "console.members.roles.referent", {
                of: r.motion_id ?? naming.workshop(r.workshop_theme),
              })}{" "}
              <EndRole role={r} done={() => void load().catch(() => undefined)} />
            </li>
          ))}
        </ul>
      )}
      {member.status === "active" && <RoleForm memberId={memberId} done={() => void load().catch(() => undefined)} />}

      <h2>{t("console.members.trainings.title")}</h2>
      {trainings.length === 0 ? (
        <p>{t("console.members.trainings.none")}</p>
      ) : (
        <ul>
          {trainings.map((x) => (
            <li key={x.training_id}>
              {x.title} ({x.held_on}) — {t(x.followed ? "console.members.trainings.followed" : "console.members.trainings.signedUp")}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("console.members.history.title")}</h2>
      <Table
        caption={t("console.members.history.title")}
        headers={[
          t("console.members.history.at"),
          t("console.members.history.change"),
          t("console.members.history.actor"),
          t("console.members.history.reason"),
        ]}
        rows={history.map((h) => [
          h.at ? dateTime(new Date(h.at)) : "",
          `${h.change}${h.from || h.to ? ` (${h.from ?? "—"} → ${h.to ?? "—"})` : ""}`,
          h.actor,
          h.reason ?? "",
        ])}
      />
    </section>
  );
}

function Line({ label, children }: { label: Key; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// Invite, or record a decline or a withdrawal with its reason (required by the service for a
// withdrawal, asked for both here).
function StatusActions({ member, done }: { member: Member; done: (m: Member, departed: boolean) => void }) {
  const { t } = useI18n();
  const message = useMessage();
  const actions = actionsFor(member.status);
  const [reason, setReason] = useState("");
  const [sending, setSending] = useState(false);
  const form = useFormErrors(["/reason"], () => "member-action-reason");
  if (actions.length === 0) return null;
  const params = { path: { id: member.id ?? "" } };

  async function act(action: Action, ev?: FormEvent) {
    ev?.preventDefault();
    const departure = action === "decline" || action === "withdraw";
    if (departure && !reason.trim()) {
      form.report({ "/reason": { key: "member.reason.missing" } });
      return;
    }
    setSending(true);
    try {
      const body = departure ? { reason: reason.trim() } : {};
      const r =
        action === "invite"
          ? await api.membership.POST("/v1/members/{id}/invite", { params, body })
          : action === "confirm"
            ? await api.membership.POST("/v1/members/{id}/confirm", { params, body })
            : action === "decline"
            ? await api.membership.POST("/v1/members/{id}/decline", { params, body })
            : await api.membership.POST("/v1/members/{id}/withdraw", { params, body });
      if (r.data) {
        setReason("");
        form.report({});
        done(r.data, departure);
      } else form.report(problemFields(r.error as never, ["/reason"], "/reason"));
    } catch {
      form.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  const departure = actions.find((a) => a === "decline" || a === "withdraw");
  return (
    <div>
      <h2>{t("console.members.actions.title")}</h2>
      <div ref={form.generalRef} tabIndex={-1} role="alert">
        {form.general && <p>{t(form.general)}</p>}
      </div>
      {actions.includes("invite") && (
        <Button disabled={sending} onClick={() => void act("invite")}>
          {t("console.members.actions.invite")}
        </Button>
      )}
      {actions.includes("confirm") && (
        <Button disabled={sending} onClick={() => void act("confirm")}>
          {t("console.members.actions.confirm")}
        </Button>
      )}
      {departure && (
        <form onSubmit={(e) => void act(departure, e)} noValidate>
          <Input
            textArea
            label={t(departure === "decline" ? "console.members.actions.declineReason" : "console.members.actions.withdrawReason")}
            state={form.stateOf("/reason")}
            stateRelatedMessage={message(form.errors["/reason"])}
            nativeTextAreaProps={{
              id: "member-action-reason",
              rows: 2,
              value: reason,
              onChange: (e) => {
                setReason(e.target.value);
                form.settle("/reason");
              },
            }}
          />
          <Button type="submit" disabled={sending}>
            {t(departure === "decline" ? "console.members.actions.decline" : "console.members.actions.withdraw")}
          </Button>
        </form>
      )}
    </div>
  );
}

function WorkshopMove({ member, workshops, names, done }: { member: Member; workshops: string[]; names: Names; done: () => void }) {
  const { t } = useI18n();
  const naming = useNaming(names);
  const message = useMessage();
  const [workshop, setWorkshop] = useState(member.workshop_theme ?? "");
  const [reason, setReason] = useState("");
  const [sending, setSending] = useState(false);
  const form = useFormErrors(["/workshop", "/reason"], (f) => (f === "/workshop" ? "member-workshop" : "member-workshop-reason"));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSending(true);
    try {
      const r = await api.membership.PUT("/v1/members/{id}/workshop", {
        params: { path: { id: member.id ?? "" } },
        body: { workshop, reason: reason.trim() },
      });
      if (r.data) {
        setReason("");
        form.report({});
        done();
      } else form.report(problemFields(r.error as never, ["/workshop", "/reason"], "/workshop"));
    } catch {
      form.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="member-workshop-title">
      <h2 id="member-workshop-title">{t("console.members.move.title")}</h2>
      <div ref={form.generalRef} tabIndex={-1} role="alert">
        {form.general && <p>{t(form.general)}</p>}
      </div>
      <Select
        label={t("console.members.col.workshop")}
        state={form.stateOf("/workshop")}
        stateRelatedMessage={message(form.errors["/workshop"])}
        nativeSelectProps={{ id: "member-workshop", value: workshop, onChange: (e) => setWorkshop(e.target.value) }}
      >
        <WorkshopOptions workshops={workshops} name={naming.workshop} />
      </Select>
      <Input
        label={t("console.members.move.reason")}
        state={form.stateOf("/reason")}
        stateRelatedMessage={message(form.errors["/reason"])}
        nativeInputProps={{
          id: "member-workshop-reason",
          value: reason,
          onChange: (e) => {
            setReason(e.target.value);
            form.settle("/reason");
          },
        }}
      />
      <Button type="submit" disabled={sending}>
        {t("console.members.move.submit")}
      </Button>
    </form>
  );
}

function RoleForm({ memberId, done }: { memberId: string; done: () => void }) {
  const { t } = useI18n();
  const message = useMessage();
  const [role, setRole] = useState<"spokesperson" | "workshop-referent">("spokesperson");
  const [motion, setMotion] = useState("");
  const [sending, setSending] = useState(false);
  const form = useFormErrors(["/role", "/motion_id"], (f) => (f === "/role" ? "member-role" : "member-role-motion"));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSending(true);
    try {
      const body = role === "spokesperson" ? { role, motion_id: motion.trim() } : { role };
      const r = await api.membership.POST("/v1/members/{id}/roles", { params: { path: { id: memberId } }, body });
      if (r.data) {
        setMotion("");
        form.report({});
        done();
      } else form.report(problemFields(r.error as never, ["/role", "/motion_id"], "/role"));
    } catch {
      form.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="member-role-title">
      <h3 id="member-role-title">{t("console.members.roles.add")}</h3>
      <div ref={form.generalRef} tabIndex={-1} role="alert">
        {form.general && <p>{t(form.general)}</p>}
      </div>
      <Select
        label={t("console.members.roles.role")}
        state={form.stateOf("/role")}
        stateRelatedMessage={message(form.errors["/role"])}
        nativeSelectProps={{
          id: "member-role",
          value: role,
          onChange: (e) => setRole(e.target.value as typeof role),
        }}
      >
        <option value="spokesperson">{t("console.members.roles.kind.spokesperson")}</option>
        <option value="workshop-referent">{t("console.members.roles.kind.referent")}</option>
      </Select>
      {role === "spokesperson" && (
        <Input
          label={t("console.members.roles.motion")}
          hintText={t("console.members.roles.motionHint")}
          state={form.stateOf("/motion_id")}
          stateRelatedMessage={message(form.errors["/motion_id"])}
          nativeInputProps={{
            id: "member-role-motion",
            value: motion,
            onChange: (e) => {
              setMotion(e.target.value);
              form.settle("/motion_id");
            },
          }}
        />
      )}
      <Button type="submit" disabled={sending}>
        {t("console.members.roles.submit")}
      </Button>
    </form>
  );
}

function EndRole({ role, done }: { role: Role; done: () => void }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  return (
    <>
      <Button
        size="small"
        priority="secondary"
        onClick={async () => {
          const r = await api.membership.POST("/v1/roles/{id}/end", { params: { path: { id: role.id ?? "" } }, body: {} });
          if (r.response.ok) done();
          else setFailed(true);
        }}
      >
        {t("console.members.roles.end")}
      </Button>
      {failed && <span role="alert">{t("member.error.server")}</span>}
    </>
  );
}
