// The typed clients of the six services, generated from their OpenAPI documents: this file
// compiles only if each operation used here exists with these parameters and answers.
import createClient from "openapi-fetch";

import type { paths as Followup } from "./generated/followup";
import type { paths as Membership } from "./generated/membership";
import type { paths as Notifications } from "./generated/notifications";
import type { paths as Recommendations } from "./generated/recommendations";
import type { paths as Sortition } from "./generated/sortition";
import type { paths as Workshops } from "./generated/workshops";

export const clients = (base: string, token?: string) => {
  const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
  return {
    sortition: createClient<Sortition>({ baseUrl: `${base}/api/sortition`, headers }),
    membership: createClient<Membership>({ baseUrl: `${base}/api/membership`, headers }),
    workshops: createClient<Workshops>({ baseUrl: `${base}/api/workshops`, headers }),
    recommendations: createClient<Recommendations>({ baseUrl: `${base}/api/recommendations`, headers }),
    followup: createClient<Followup>({ baseUrl: `${base}/api/followup`, headers }),
    notifications: createClient<Notifications>({ baseUrl: `${base}/api/notifications`, headers }),
  };
};

// A use of each service's client, type-checked against its document.
export async function examples(base: string, token: string): Promise<string[]> {
  const c = clients(base, token);
  const member = await c.membership.GET("/v1/members/{id}", {
    params: { path: { id: "3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" } },
  });
  const ballot = await c.recommendations.POST("/v1/ballots", {
    body: {
      assembly_id: "paris-2022",
      question: "Do you adopt the motion?",
      rule: "simple-majority",
      quorum: 0.5,
      secret: false,
      closes_at: "2023-03-11T18:00:00Z",
    },
  });
  const sessions = await c.workshops.GET("/v1/sessions", {
    params: { query: { assembly_id: "paris-2022" } },
  });
  const record = await c.sortition.GET("/v1/selections/{id}/record", {
    params: { path: { id: "3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" } },
  });
  const reports = await c.followup.GET("/v1/reports", {
    params: { query: { assembly_id: "paris-2022" } },
  });
  const prefs = await c.notifications.PUT("/v1/members/{id}/preferences", {
    params: { path: { id: "3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" } },
    body: { refused: ["report-published"] },
  });
  const problem = ballot.error;
  return [
    member.data?.status ?? "",
    ballot.data?.state ?? problem?.errors?.map((e) => e.pointer).join(",") ?? "",
    String(sessions.response.status),
    String(record.response.status),
    String(reports.response.status),
    prefs.data?.kinds.map((k) => k.kind).join(",") ?? "",
  ];
}
