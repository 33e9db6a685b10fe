// The follow-up in the console without React: the types the followup service serves, which
// commitments a signed-in person works on (a department its own: the token's `department`
// claim), the recommendations a department may commit to (those of the assembly's motions the
// Council adopted), and the checks made before sending (the service checks again; its refusals
// land on the same fields, by the request's JSON pointers).
import type { components } from "../../api/generated/followup";
import type { FieldErrors } from "../../forms/problem";
import { hasRole, type Staff } from "../model";
import { type CouncilSession, utcToday } from "../council/model";
import type { UploadLimits } from "../ui/DocumentUpload";

export type Commitment = components["schemas"]["Commitment"];
export type Report = components["schemas"]["Report"];

export const STATUSES = ["planned", "in-progress", "done", "delayed", "abandoned"] as const;
export type Status = (typeof STATUSES)[number];

// The secretariat reads every department's commitments; a department only its own.
export function visibleCommitments(list: Commitment[], staff: Staff): Commitment[] {
  if (hasRole(staff, ["secretariat"])) return list;
  return list.filter((c) => !!staff.department && c.department === staff.department);
}

// A department acts on its own commitments only (the service refuses the others: 403).
export const mayEdit = (c: Commitment, staff: Staff) =>
  hasRole(staff, ["city-service"]) && !!staff.department && c.department === staff.department;

export interface AdoptedRecommendation {
  id: string;
  title: string;
  motion: string;
  theme: string; // the workshop's, whose motion carries it
}

// The recommendations carried by the assembly's motions the Council adopted (with or without
// amendments): the only ones a commitment may answer.
export function adoptedRecommendations(sessions: CouncilSession[], assembly: string): AdoptedRecommendation[] {
  const out: AdoptedRecommendation[] = [];
  for (const s of sessions)
    for (const item of s.agenda ?? [])
      if (item.assembly_id === assembly && (item.decision === "adopted" || item.decision === "adopted-with-amendments"))
        for (const r of item.recommendations ?? [])
          out.push({ id: r.id ?? "", title: r.title ?? "", motion: item.title ?? item.theme ?? "", theme: item.theme ?? "" });
  return out;
}

// Those addressed to the department (their workshop names it among the departments it works
// with) first, then the others (the service lets a department answer any of them).
export function addressedTo(
  recommendations: AdoptedRecommendation[],
  workshops: { theme?: string; departments?: string[] }[],
  department: string | undefined,
): { mine: AdoptedRecommendation[]; others: AdoptedRecommendation[] } {
  const themes = new Set(workshops.filter((w) => department && w.departments?.includes(department)).map((w) => w.theme));
  return {
    mine: recommendations.filter((r) => themes.has(r.theme)),
    others: recommendations.filter((r) => !themes.has(r.theme)),
  };
}

// Commitments by the recommendation they answer, in the order met.
export function byRecommendation(list: Commitment[]): { id: string; title: string; items: Commitment[] }[] {
  const groups = new Map<string, { id: string; title: string; items: Commitment[] }>();
  for (const c of list) {
    const id = c.recommendation_id ?? "";
    if (!groups.has(id)) groups.set(id, { id, title: c.recommendation_title ?? "", items: [] });
    groups.get(id)!.items.push(c);
  }
  return [...groups.values()];
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const isLink = (s: string) => /^https?:\/\/[^\s"<>]+$/.test(s.trim());

export interface MilestoneRow {
  title: string;
  dueOn: string;
}

export interface CommitmentForm {
  recommendationId: string;
  title: string;
  description: string;
  electedOfficial: string;
  milestones: MilestoneRow[];
}

const begun = (m: MilestoneRow) => m.title.trim() || m.dueOn;

export function validateCommitment(f: CommitmentForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!f.recommendationId) errors["/recommendation_id"] = { key: "console.followup.new.recommendation.missing" };
  if (!f.title.trim()) errors["/title"] = { key: "console.followup.new.title.missing" };
  f.milestones.filter(begun).forEach((m, i) => Object.assign(errors, validateMilestone(m, `/milestones/${i}`)));
  return errors;
}

export function validateMilestone(m: MilestoneRow, at = ""): FieldErrors {
  const errors: FieldErrors = {};
  if (!m.title.trim()) errors[`${at}/title`] = { key: "console.followup.milestone.title.missing" };
  if (!isDay(m.dueOn)) errors[`${at}/due_on`] = { key: "console.followup.milestone.dueOn.missing" };
  return errors;
}

// The department is the token's (the service takes it from there): not sent.
export const commitmentBody = (f: CommitmentForm) => ({
  recommendation_id: f.recommendationId,
  title: f.title.trim(),
  ...(f.description.trim() ? { description: f.description.trim() } : {}),
  ...(f.electedOfficial.trim() ? { elected_official: f.electedOfficial.trim() } : {}),
  milestones: f.milestones.filter(begun).map((m) => ({ title: m.title.trim(), due_on: m.dueOn })),
});

export interface ProgressForm {
  status: string;
  progress: string;
  reason: string;
}

// Only what changed is sent; the progress rules (a reason for a delay, done is 100 %, nothing
// returns to planned...) are the service's, said next to the field they name.
export function progressBody(c: Commitment, f: ProgressForm): { status?: Status; progress?: number; reason?: string } {
  const out: { status?: Status; progress?: number; reason?: string } = {};
  if (f.status && f.status !== c.status) out.status = f.status as Status;
  const p = Number(f.progress);
  if (f.progress.trim() !== "" && p !== c.progress) out.progress = p;
  if (f.reason.trim()) out.reason = f.reason.trim();
  return out;
}

export function validateProgress(c: Commitment, f: ProgressForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^\d{1,3}$/.test(f.progress.trim()) || Number(f.progress) > 100)
    errors["/progress"] = { key: "console.followup.progress.range" };
  else if (!("status" in progressBody(c, f)) && !("progress" in progressBody(c, f)))
    errors["/progress"] = { key: "console.followup.progress.unchanged" };
  return errors;
}

export function validateEvidence(url: string, label: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!isLink(url)) errors["/url"] = { key: "console.followup.evidence.url.invalid" };
  if (!label.trim()) errors["/label"] = { key: "console.followup.evidence.label.missing" };
  return errors;
}

// Evidence uploaded as a document (POST …/evidence/file) is kept at the document's stable
// address in followup (a 302 to a fresh signed link, answered as an attachment); links are any
// other address. The route's limits, as its OpenAPI document says them (libs/documents Policy).
export const DOCUMENT_PREFIX = "/api/followup/v1/documents/";
export const isDocument = (url: string | undefined) => !!url?.startsWith(DOCUMENT_PREFIX);
export const EVIDENCE_FILE_LIMITS: UploadLimits = {
  maxBytes: 3 << 20,
  types: ["application/pdf", "image/png", "image/jpeg", "image/webp"],
};
// The upload's route through the gateway (the label goes in its query: ui/DocumentUploadForm).
export const evidenceFileRoute = (commitment: string) => `/api/followup/v1/commitments/${encodeURIComponent(commitment)}/evidence/file`;

type Evidence = NonNullable<Commitment["evidence"]>[number];
// The evidence each "evidence added" step of the timeline added, by the step's seq: each addition
// writes one of each, in the same order, the step's note being the evidence's label.
export function evidenceOfSteps(c: Commitment): Map<number, Evidence> {
  const out = new Map<number, Evidence>();
  const evidence = c.evidence ?? [];
  let next = 0;
  for (const step of c.timeline ?? []) {
    if (step.change !== "evidence") continue;
    const e = evidence[next++];
    if (e && step.seq !== undefined && (step.note ?? "") === (e.label ?? "")) out.set(step.seq, e);
  }
  return out;
}

export function validateCompile(asOf: string): FieldErrors {
  if (!isDay(asOf)) return { "/as_of": { key: "console.followup.report.asOf.missing" } };
  if (asOf > utcToday()) return { "/as_of": { key: "console.followup.report.asOf.future" } };
  return {};
}

// A report's snapshot as compiled (domain/report.cpp).
export interface Snapshot {
  as_of?: string;
  mean_progress?: number;
  milestones_overdue?: number;
  by_status?: Record<string, number>;
  commitments?: {
    id: string;
    title: string;
    recommendation_title?: string;
    department?: string;
    status: string;
    progress: number;
    milestones?: number;
    milestones_done?: number;
    milestones_overdue?: number;
  }[];
}
export const snapshotOf = (r: Report | undefined): Snapshot | undefined =>
  r?.snapshot && typeof r.snapshot === "object" && "as_of" in r.snapshot ? (r.snapshot as Snapshot) : undefined;
