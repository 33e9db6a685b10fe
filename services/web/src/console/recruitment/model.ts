// The recruitment screens' rules, free of React and of the network: a file cut into the parts the
// service takes, the seed's commitment, the mailing list's pages.
import type { components } from "../../api/generated/sortition";

export type Pool = components["schemas"]["Pool"];
export type PoolImport = components["schemas"]["PoolImport"];
export type InvitationDraw = components["schemas"]["InvitationDraw"];
export type AnswerFigures = components["schemas"]["AnswerFigures"];

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
