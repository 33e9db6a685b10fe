import { describe, expect, it } from "vitest";

import { dashboardOf } from "./model";

describe("the follow-up dashboard's panels", () => {
  it("arranges the service's figures as the Grafana dashboard does", () => {
    const now = new Date("2026-03-11T12:00:00Z");
    const d = dashboardOf(
      {
        assembly_id: "x",
        commitments: { planned: 2, "in-progress": 3, delayed: 1, done: 4 },
        milestones_overdue: 1,
        reports_published: 2,
        reports_overdue: 0,
        last_report_published_timestamp_seconds: now.getTime() / 1000 - 3.5 * 86400,
        council_decisions: { adopted: 3 },
      },
      now,
    );
    expect(d.open).toBe(6);
    expect(d.done).toBe(4);
    expect(d.daysSinceLastReport).toBe(3);
    expect(d.byStatus.map((s) => s.count)).toEqual([2, 3, 4, 1, 0]);
    expect(d.decisions).toEqual([
      { decision: "adopted", count: 3 },
      { decision: "adopted-with-amendments", count: 0 },
      { decision: "rejected", count: 0 },
    ]);
  });

  it("no report published: no number of days", () => {
    const d = dashboardOf(
      { assembly_id: "x", commitments: {}, milestones_overdue: 0, reports_published: 0, reports_overdue: 1, last_report_published_timestamp_seconds: null, council_decisions: {} },
      new Date(),
    );
    expect(d.daysSinceLastReport).toBeUndefined();
    expect(d.open).toBe(0);
  });
});
