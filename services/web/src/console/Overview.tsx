// One assembly's overview in the console: its mandate, its members counted by status, the steps
// of the process the signed-in role may work on (the side menu's sections, as links), and the
// public pages where the public sees the assembly.
import { fr } from "@codegouvfr/react-dsfr";

import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import { link } from "./link";
import { type Assembly, consolePath, hasRole, type Staff } from "./model";
import { sections } from "./sections";

const STATUSES = ["selected", "invited", "confirmed", "declined", "active", "withdrawn", "completed"] as const;

export function Overview({ assembly, staff }: { assembly: Assembly; staff: Staff }) {
  const { t, number, day } = useI18n();
  const counts = (assembly.members_by_status ?? {}) as Record<string, number>;
  const steps = sections.filter((s) => hasRole(staff, s.roles));
  const known = STATUSES.filter((s) => counts[s]);
  const id = encodeURIComponent(assembly.id ?? "");
  const publicPages: [Key, string][] = [
    ["console.overview.publicAssembly", `/assemblee/${id}`],
    ["console.overview.publicWorkshops", `/ateliers/${id}`],
    ["console.overview.publicMotions", `/voeux/${id}`],
    ["console.overview.publicFollowup", `/transparence/${id}`],
  ];
  return (
    <>
      <h1>{assembly.name || assembly.id}</h1>
      <p>
        {assembly.mandate_start && assembly.mandate_end
          ? t("console.assemblies.mandate", { start: day(assembly.mandate_start), end: day(assembly.mandate_end) })
          : t("console.assemblies.noMandate")}
      </p>
      <p className={fr.cx("fr-text--sm")}>
        {t("console.roles", { roles: staff.roles.map((r) => t(`console.role.${r}`)).join(", ") })}
        {staff.department ? ` — ${t("console.department", { department: staff.department })}` : ""}
      </p>
      <h2>{t("console.overview.members")}</h2>
      {known.length === 0 ? (
        <p>{t("console.overview.noMembers")}</p>
      ) : (
        <ul>
          {known.map((s) => (
            <li key={s}>
              {t("console.overview.count", { status: t(`member.status.value.${s}`), count: number(counts[s]) })}
            </li>
          ))}
        </ul>
      )}
      {steps.length > 0 && (
        <>
          <h2>{t("console.overview.steps")}</h2>
          <ol>
            {steps.map((s) => (
              <li key={s.path}>
                <a className={fr.cx("fr-link")} {...link(consolePath(assembly.id ?? "", s.path))}>
                  {t(s.label)}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
      <h2>{t("console.overview.public")}</h2>
      <ul>
        {publicPages.map(([label, href]) => (
          <li key={href}>
            <a className={fr.cx("fr-link")} href={href}>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
      <p className={fr.cx("fr-mt-4w")}>
        <a className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")} {...link(consolePath())}>
          {t("console.overview.change")}
        </a>
      </p>
    </>
  );
}
