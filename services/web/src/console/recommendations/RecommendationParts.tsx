// What the secretariat's and the departments' views of a recommendation share: its heading (title,
// status, version, the departments it is addressed to, its text) and the co-construction exchange.
import { fr } from "@codegouvfr/react-dsfr";
import Badge from "@codegouvfr/react-dsfr/Badge";
import { useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import "../../member/member.css";

export interface Recommendation {
  id: string;
  theme?: string;
  title?: string;
  status?: string;
  version?: number;
  text?: string;
  departments?: string[];
}
interface Feedback {
  id?: string;
  author_role?: string;
  department?: string;
  feasibility?: string;
  cost_estimate?: string;
  legal_constraints?: string;
  text?: string;
  created_at?: string;
}

const STATUSES = ["draft", "adopted", "handed-over", "in-co-construction", "carried", "withdrawn"];

export function RecommendationHeader({ rec, level }: { rec: Recommendation; level: 3 | 4 }) {
  const { t } = useI18n();
  const status = rec.status ?? "";
  const Heading = level === 3 ? "h3" : "h4";
  const departments = rec.departments ?? [];
  return (
    <>
      <Heading id={`rec-${rec.id}-title`} className={fr.cx("fr-h5", "fr-mb-1w")}>
        {rec.title}
      </Heading>
      <p className={fr.cx("fr-mb-1w")}>
        <Badge small as="span" severity={status === "in-co-construction" ? "new" : "info"}>
          {STATUSES.includes(status) ? t(`console.recommendations.status.${status}` as Key) : status}
        </Badge>{" "}
        {t("console.recommendations.version", { version: rec.version ?? 1 })} —{" "}
        {departments.length
          ? t("console.recommendations.departments", { departments: departments.join(", ") })
          : t("console.recommendations.departments.none")}
      </p>
      <pre className="member-text">{rec.text}</pre>
    </>
  );
}

// The feedback given on a recommendation, read again whenever `round` changes (after a new one).
export function FeedbackList({ recommendationId, round }: { recommendationId: string; round: number }) {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<Feedback[] | undefined>();
  useEffect(() => {
    api.recommendations
      .GET("/v1/recommendations/{id}/feedback", { params: { path: { id: recommendationId } } })
      .then(({ data }) => setItems((data?.items ?? []) as Feedback[]))
      .catch(() => setItems([]));
  }, [recommendationId, round]);
  if (!items) return null;
  return (
    <>
      <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.recommendations.feedback.title")}</h4>
      {items.length === 0 ? (
        <p>{t("console.recommendations.feedback.none")}</p>
      ) : (
        <ul data-feedback>
          {items.map((f, i) => (
            <li key={f.id ?? i}>
              <p className={fr.cx("fr-mb-1v")}>
                <strong>
                  {f.author_role === "city-service"
                    ? t("console.recommendations.feedback.by.department", { department: f.department ?? "" })
                    : t("console.recommendations.feedback.by.member")}
                </strong>
                {f.created_at ? ` — ${dateTime(new Date(f.created_at))}` : ""}
              </p>
              {f.feasibility && <p className={fr.cx("fr-mb-1v")}>{t("console.recommendations.feedback.feasibility", { value: f.feasibility })}</p>}
              {f.cost_estimate && <p className={fr.cx("fr-mb-1v")}>{t("console.recommendations.feedback.cost", { value: f.cost_estimate })}</p>}
              {f.legal_constraints && (
                <p className={fr.cx("fr-mb-1v")}>{t("console.recommendations.feedback.legal", { value: f.legal_constraints })}</p>
              )}
              <p className="member-text">{f.text}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
