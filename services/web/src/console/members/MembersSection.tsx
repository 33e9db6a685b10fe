// The console's members section (secretariat): the list (filter, sort, pages, CSV export), one
// member's page (record, history, invitation and departures, workshop, roles, trainings) and the
// placement in workshops. Sub-pages by address: membres, membres/membre/<id>, membres/placement.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Select from "@codegouvfr/react-dsfr/Select";
import { useCallback, useEffect, useMemo, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { link } from "../link";
import { consolePath } from "../model";
import type { ConsoleProps } from "../sections";
import { downloadMembersCsv, loadRows } from "./api";
import { MemberPage } from "./MemberPage";
import {
  applyFilter,
  applySort,
  type Filter,
  pageCount,
  pageOf,
  percent,
  type Row,
  shortId,
  type Sort,
  type SortKey,
  type Status,
  STATUSES,
} from "./model";
import { Table } from "../ui/Table";
import { useNames, useNaming } from "./names";
import { PlacementPage } from "./PlacementPage";

export const membersPath = (assemblyId: string, ...rest: string[]) => consolePath(assemblyId, "membres", ...rest);

// A link inside the application (no reload).
export function Go({
  to,
  children,
  ...rest
}: {
  to: string;
  children: React.ReactNode;
  className?: string;
  draggable?: boolean;
  "aria-current"?: "page";
}) {
  return (
    <a {...link(to)} {...rest}>
      {children}
    </a>
  );
}

export function MembersSection({ assembly, rest }: ConsoleProps) {
  const { t } = useI18n();
  const id = assembly.id ?? "";
  const sub = rest[0] ?? "";
  const tabs: [string, Key][] = [
    ["", "console.members.tab.list"],
    ["placement", "console.members.tab.placement"],
  ];
  return (
    <div>
      <nav aria-label={t("console.members.tabs")}>
        <ul className={fr.cx("fr-tags-group")}>
          {tabs.map(([path, label]) => (
            <li key={path}>
              <Go
                className={fr.cx("fr-tag")}
                to={membersPath(id, ...(path ? [path] : []))}
                {...(sub === path ? { "aria-current": "page" as const } : {})}
              >
                {t(label)}
              </Go>
            </li>
          ))}
        </ul>
      </nav>
      {sub === "membre" && rest[1] ? (
        <MemberPage assembly={assembly} memberId={rest[1]} />
      ) : sub === "placement" ? (
        <PlacementPage assembly={assembly} />
      ) : (
        <MemberList assemblyId={id} workshops={assembly.workshops ?? []} />
      )}
    </div>
  );
}

const SORTABLE: [SortKey, Key][] = [
  ["status", "console.members.col.status"],
  ["pool", "console.members.col.pool"],
  ["workshop", "console.members.col.workshop"],
  ["attendance", "console.members.col.attendance"],
  ["changed", "console.members.col.changed"],
];

const ariaSort = (sort: Sort, key: SortKey) =>
  sort.key === key ? (sort.descending ? ("descending" as const) : ("ascending" as const)) : ("none" as const);

function MemberList({ assemblyId, workshops }: { assemblyId: string; workshops: string[] }) {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<Status | "">("");
  const [filter, setFilter] = useState<Filter>({ workshop: "", pool: "", atRiskOnly: false });
  const [sort, setSort] = useState<Sort>({ key: "status", descending: false });
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Row[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [exported, setExported] = useState<number | undefined>();
  const [exportFailed, setExportFailed] = useState(false);
  const naming = useNaming(useNames(assemblyId));

  const load = useCallback(() => {
    setFailed(false);
    loadRows(assemblyId, status || undefined).then(setRows, () => setFailed(true));
  }, [assemblyId, status]);
  useEffect(load, [load]);

  const pools = useMemo(() => [...new Set((rows ?? []).map((r) => r.member.pool ?? ""))].filter(Boolean).sort(), [rows]);
  const shown = useMemo(() => applySort(applyFilter(rows ?? [], filter), sort, naming), [rows, filter, sort, naming]);
  const current = pageOf(shown, page);
  const pages = pageCount(shown.length);

  function sortBy(key: SortKey) {
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));
    setPage(1);
  }

  // The letters went out: every selected member invited at once (membership's bulk action).
  const selected = (rows ?? []).filter((r) => r.member.status === "selected").length;
  const [invited, setInvited] = useState<number | undefined>();
  async function inviteAll() {
    const r = await api.membership.POST("/v1/assemblies/{id}/bulk-actions", {
      params: { path: { id: assemblyId } },
      body: { action: "invite" },
    });
    setInvited(r.data?.changed ?? 0);
    load();
  }

  async function exportCsv() {
    setExported(undefined);
    setExportFailed(false);
    try {
      setExported(await downloadMembersCsv(assemblyId));
    } catch {
      setExportFailed(true);
    }
  }

  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t("console.members.title")}</h1>
      <form
        className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}
        aria-label={t("console.members.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Select
            label={t("console.members.filter.status")}
            nativeSelectProps={{
              id: "members-status",
              value: status,
              onChange: (e) => {
                setStatus(e.target.value as Status | "");
                setPage(1);
              },
            }}
          >
            <option value="">{t("console.members.filter.any")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`member.status.value.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Select
            label={t("console.members.filter.workshop")}
            nativeSelectProps={{
              id: "members-workshop",
              value: filter.workshop,
              onChange: (e) => {
                setFilter({ ...filter, workshop: e.target.value });
                setPage(1);
              },
            }}
          >
            <option value="">{t("console.members.filter.any")}</option>
            <option value="-">{t("console.members.filter.noWorkshop")}</option>
            {workshops.map((w) => (
              <option key={w} value={w}>
                {naming.workshop(w)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Select
            label={t("console.members.filter.pool")}
            nativeSelectProps={{
              id: "members-pool",
              value: filter.pool,
              onChange: (e) => {
                setFilter({ ...filter, pool: e.target.value });
                setPage(1);
              },
            }}
          >
            <option value="">{t("console.members.filter.any")}</option>
            {pools.map((p) => (
              <option key={p} value={p}>
                {naming.pool(p)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <div className={fr.cx("fr-checkbox-group", "fr-mt-4w")}>
            <input
              type="checkbox"
              id="members-at-risk"
              checked={filter.atRiskOnly}
              onChange={(e) => {
                setFilter({ ...filter, atRiskOnly: e.target.checked });
                setPage(1);
              }}
            />
            <label className={fr.cx("fr-label")} htmlFor="members-at-risk">
              {t("console.members.filter.atRisk")}
            </label>
          </div>
        </div>
      </form>
      <div className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <Button priority="secondary" onClick={() => void exportCsv()}>
          {t("console.members.export")}
        </Button>
        {selected > 0 && (
          <Button priority="secondary" onClick={() => void inviteAll()}>
            {t("console.members.inviteAll", { count: selected })}
          </Button>
        )}
        <Button priority="tertiary" onClick={load}>
          {t("console.members.refresh")}
        </Button>
      </div>
      <p className={fr.cx("fr-text--sm")}>{t("console.members.exportNote")}</p>
      <div role="status">
        {exported !== undefined && <p>{t("console.members.exported", { count: exported })}</p>}
        {exportFailed && <p>{t("console.members.exportFailed")}</p>}
        {invited !== undefined && <p>{t("console.members.invitedAll", { count: invited })}</p>}
      </div>
      {failed && <Alert severity="error" small description={t("console.members.loadFailed")} />}
      {!rows && !failed && <p role="status">{t("member.loading")}</p>}
      {rows && (
        <>
          <p role="status" id="members-count">
            {t("console.members.count", { shown: shown.length, total: rows.length, page: current.page, pages })}
          </p>
          <Table
            caption={t("console.members.caption")}
            rowHeaders
            keys={current.items.map((r) => r.member.id ?? "")}
            sorted={[undefined, ...SORTABLE.map(([key]) => ariaSort(sort, key)), undefined]}
            headers={[
              t("console.members.col.member"),
              ...SORTABLE.map(([key, label]) => (
                <button key={key} type="button" className="console-sort" onClick={() => sortBy(key)}>
                  {t(label)}
                  <span aria-hidden="true">{sort.key === key ? (sort.descending ? " ▼" : " ▲") : " ↕"}</span>
                </button>
              )),
              t("console.members.col.risk"),
            ]}
            rows={current.items.map(({ member, attendance }) => [
              <>
                <Go to={membersPath(assemblyId, "membre", member.id ?? "")}>
                  <span className={fr.cx("fr-sr-only")}>{t("console.members.memberLink")} </span>
                  {shortId(member.id)}
                </Go>
                {member.replaces && <span className={fr.cx("fr-text--xs")}> {t("console.members.replacement")}</span>}
              </>,
              t(`member.status.value.${member.status ?? "selected"}`),
              naming.pool(member.pool),
              naming.workshop(member.workshop_theme),
              attendance?.sessions
                ? t("console.members.attendanceValue", {
                    rate: percent(attendance.rate),
                    present: attendance.present,
                    sessions: attendance.sessions,
                  })
                : "—",
              member.status_changed_at ? dateTime(new Date(member.status_changed_at)) : "—",
              attendance?.atRisk ? t("console.members.atRisk") : "",
            ])}
          />
          <nav aria-label={t("console.members.pages")} className={fr.cx("fr-btns-group", "fr-btns-group--inline")}>
            <Button priority="tertiary" disabled={current.page <= 1} onClick={() => setPage(current.page - 1)}>
              {t("console.members.previous")}
            </Button>
            <Button priority="tertiary" disabled={current.page >= pages} onClick={() => setPage(current.page + 1)}>
              {t("console.members.next")}
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}
