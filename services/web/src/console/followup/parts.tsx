// What the follow-up screens show alike: a commitment's status (a badge that says it in words,
// its colour only repeating them), its progress (a labelled <progress> and the figure in text),
// an "overdue" badge, the way back to the section.
import { fr } from "@codegouvfr/react-dsfr";
import Badge from "@codegouvfr/react-dsfr/Badge";

import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { link } from "../link";
import { consolePath } from "../model";

const SEVERITY = {
  planned: "info",
  "in-progress": "new",
  done: "success",
  delayed: "warning",
  abandoned: "error",
} as const;

// The columns of a table of commitments (the section's list, a report's content).
export const commitmentColumns = (t: (key: Key) => string) => [
  t("console.followup.col.commitment"),
  t("console.followup.col.department"),
  t("console.followup.col.status"),
  t("console.followup.col.progress"),
  t("console.followup.col.milestones"),
];

export function StatusBadge({ status }: { status?: string }) {
  const { t } = useI18n();
  const s = (status ?? "planned") as keyof typeof SEVERITY;
  return (
    <Badge small noIcon severity={SEVERITY[s] ?? "info"}>
      {t(`console.followup.status.${s}` as Key)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useI18n();
  return (
    <Badge small severity="error">
      {t("console.followup.overdue")}
    </Badge>
  );
}

export function Progress({ value, of }: { value: number; of: string }) {
  const { t } = useI18n();
  return (
    <span>
      <progress max={100} value={value} aria-label={t("console.followup.progressOf", { title: of })} />{" "}
      {t("console.followup.percent", { n: value })}
    </span>
  );
}

export function BackToFollowup({ assembly }: { assembly: string }) {
  const { t } = useI18n();
  return (
    <p>
      <a className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")} {...link(consolePath(assembly, "suivi"))}>
        {t("console.followup.back")}
      </a>
    </p>
  );
}
