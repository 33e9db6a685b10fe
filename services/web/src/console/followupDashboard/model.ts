// The follow-up dashboard's figures: the service computes them (GET
// /v1/assemblies/{id}/follow-up-figures, the same statements as the gauges the Grafana dashboard
// "Follow-up" reads); here they are only arranged as that dashboard's panels arrange them:
// "Open commitments" is planned + in-progress + delayed, "Days since the last report" the whole
// days since the last publication.
import type { components } from "../../api/generated/followup";
import { DECISIONS } from "../council/model";
import { STATUSES } from "../followup/model";

export type Figures = components["schemas"]["FollowUpFigures"];

export const OPEN_STATUSES = ["planned", "in-progress", "delayed"] as const;

export function dashboardOf(f: Figures, now: Date) {
  const commitments = (f.commitments ?? {}) as Record<string, number>;
  const decisions = (f.council_decisions ?? {}) as Record<string, number>;
  const last = f.last_report_published_timestamp_seconds;
  return {
    byStatus: STATUSES.map((status) => ({ status, count: commitments[status] ?? 0 })),
    open: OPEN_STATUSES.reduce((n, s) => n + (commitments[s] ?? 0), 0),
    done: commitments.done ?? 0,
    milestonesOverdue: f.milestones_overdue ?? 0,
    reportsPublished: f.reports_published ?? 0,
    reportsOverdue: f.reports_overdue ?? 0,
    daysSinceLastReport: last === null || last === undefined ? undefined : Math.floor((now.getTime() / 1000 - last) / 86400),
    decisions: DECISIONS.map((decision) => ({ decision, count: decisions[decision] ?? 0 })),
  };
}
