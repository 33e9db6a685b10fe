// The recruitment screens' rules, free of React and of the network: a file cut into the parts the
// service takes, the seed's commitment, the mailing list's pages, the letters' request.
import type { components as NotificationsComponents } from "../../api/generated/notifications";
import type { components } from "../../api/generated/sortition";
import type { FieldErrors } from "../../forms/problem";

export type Pool = components["schemas"]["Pool"];
export type PoolImport = components["schemas"]["PoolImport"];
export type InvitationDraw = components["schemas"]["InvitationDraw"];
export type AnswerFigures = components["schemas"]["AnswerFigures"];
export type LetterJob = NotificationsComponents["schemas"]["LetterJob"];

// Parts of 1 MiB (the service takes up to 4,000,000 bytes a part, cut anywhere): a progress bar
// that moves on a small roll, a few dozen requests for a large one.
export const PART_BYTES = 1 << 20;

// The byte ranges [start, end) of parts 1, 2, … of a file of `size` bytes (one empty part for an
// empty file, so the service names its fault).
export function partRanges(size: number, partBytes = PART_BYTES): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = 0; start < size; start += partBytes) out.push([start, Math.min(size, start + partBytes)]);
  return out.length ? out : [[0, 0]];
}

// SHA-256 as 64 lower-case hex digits: the commitment published before a draw.
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// A seed nobody could have guessed: 128 random bits, hex.
export function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// The address of the next page from a Link header (`<...>; rel="next"`), if any.
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

// Pages of a CSV joined: the header once.
export function joinCsvPages(pages: string[]): string {
  return pages
    .map((p, i) => (i === 0 ? p : p.slice(p.indexOf("\n") + 1)))
    .join("");
}

export const percent = (share: number) => Math.round(share * 1000) / 10;

// The letters' request as the service checks it: a date to answer by, today or later (`today`:
// YYYY-MM-DD), and 50 to 10,000 letters per file for the printer.
export function lettersFieldErrors(answerBy: string, batch: string, today = new Date().toISOString().slice(0, 10)): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(answerBy)) errors["/answer_by"] = { key: "console.recruitment.letters.answerByMissing" };
  else if (answerBy < today) errors["/answer_by"] = { key: "console.recruitment.letters.answerByPast" };
  const n = Number(batch);
  if (!/^\d+$/.test(batch.trim()) || n < 50 || n > 10000) errors["/batch_size"] = { key: "console.recruitment.letters.batchRange" };
  return errors;
}

// The job still being made, if any (the page reads it again until it has ended).
export const runningJob = (jobs: LetterJob[]) => jobs.find((j) => j.state === "queued" || j.state === "running");
