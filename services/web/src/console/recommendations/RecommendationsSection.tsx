// The console's section "recommandations": for the secretariat, three pages — the recommendations
// of each workshop (amendments, steps, departments), the motions, the ballots (`rest`: "" |
// "voeux" | "scrutins"); for a city department, only the recommendations addressed to it (its
// department is its token's claim) with the feedback form. Nothing the role may not do is shown.
import { fr } from "@codegouvfr/react-dsfr";

import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { link } from "../link";
import { consolePath, hasRole } from "../model";
import type { ConsoleProps } from "../sections";
import { BallotsPanel } from "./BallotsPanel";
import { DepartmentPanel } from "./DepartmentPanel";
import { MotionsPanel } from "./MotionsPanel";
import { SecretariatPanel } from "./SecretariatPanel";

export const SECTION = "recommandations";
const PAGES: { path: string; label: Key }[] = [
  { path: "", label: "console.recommendations.tab.recommendations" },
  { path: "voeux", label: "console.recommendations.tab.motions" },
  { path: "scrutins", label: "console.recommendations.tab.ballots" },
];

export function RecommendationsSection({ assembly, staff, rest }: ConsoleProps) {
  const { t } = useI18n();
  const assemblyId = assembly.id ?? "";
  if (!hasRole(staff, ["secretariat"]))
    return (
      <>
        <h1>{t("console.recommendations.title")}</h1>
        <DepartmentPanel assemblyId={assemblyId} department={staff.department} />
      </>
    );
  const page = PAGES.find((p) => p.path === (rest[0] ?? "")) ?? PAGES[0];
  return (
    <>
      <h1>{t("console.recommendations.title")}</h1>
      <nav className={fr.cx("fr-mb-4w")} aria-label={t("console.recommendations.tabs")}>
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
          {PAGES.map((p) => {
            const href = p.path ? consolePath(assemblyId, SECTION, p.path) : consolePath(assemblyId, SECTION);
            return (
              <li key={p.path}>
                <a
                  className={fr.cx("fr-btn", p === page ? "fr-btn" : "fr-btn--secondary")}
                  {...link(href)}
                  aria-current={p === page ? "page" : undefined}
                >
                  {t(p.label)}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {page.path === "" && <SecretariatPanel assemblyId={assemblyId} />}
      {page.path === "voeux" && <MotionsPanel assemblyId={assemblyId} />}
      {page.path === "scrutins" && <BallotsPanel assemblyId={assemblyId} />}
    </>
  );
}
