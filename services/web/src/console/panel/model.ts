// The quota editor's rules: its rows, read from and written to the Sortition Foundation's CSV
// layout. Reads `feature,value,min,max` (the Foundation's sortition-algorithms), `category,name,
// min,max` (its earlier stratification app's categories file) and `category,feature,min,max`
// (the Nature paper's); writes the first, which the service reads and exports. The service checks
// the file again when the quota set is saved and names the line at fault.
import type { components } from "../../api/generated/sortition";

export type Selection = components["schemas"]["Selection"];
export type Feasibility = components["schemas"]["Feasibility"];

export interface QuotaRow {
  category: string;
  value: string;
  min: string; // as typed; checked by quotaProblems and by the service
  max: string;
}

export interface SeatPoolForm {
  pool: "roll" | "non-eu-residents" | "minors";
  seats: string;
  rows: QuotaRow[];
}

export class QuotaCsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

// RFC 4180 records (quoted fields, CRLF or LF, a BOM), with the line each starts on.
export function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let line = 1;
  let start = 1;
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = () => {
    fields.push(field.trim());
    if (fields.length > 1 || fields[0] !== "") out.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field.trim());
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      end();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new QuotaCsvError(start, "unterminated quote");
  if (field !== "" || fields.length) end();
  return out;
}

// The rows of a quota file in any of the three layouts; QuotaCsvError names the line at fault.
export function parseQuotaCsv(text: string): QuotaRow[] {
  const records = csvRecords(text);
  if (!records.length) throw new QuotaCsvError(0, "empty file");
  const header = records[0].fields.map((h) => h.toLowerCase());
  const at = (name: string) => header.indexOf(name);
  const [cat, val] =
    at("value") >= 0
      ? [at("feature"), at("value")]
      : at("name") >= 0
        ? [at("category"), at("name")]
        : [at("category"), at("feature")];
  const [min, max] = [at("min"), at("max")];
  if (cat < 0 || val < 0 || min < 0 || max < 0)
    throw new QuotaCsvError(records[0].line, "expected the columns feature,value,min,max (or category,name,min,max)");
  return records.slice(1).map((r) => {
    if (r.fields.length !== header.length)
      throw new QuotaCsvError(r.line, `expected ${header.length} fields, found ${r.fields.length}`);
    return { category: r.fields[cat], value: r.fields[val], min: r.fields[min], max: r.fields[max] };
  });
}

const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

// `feature,value,min,max`, "\n" line ends.
export function quotaCsv(rows: QuotaRow[]): string {
  return ["feature,value,min,max", ...rows.map((r) => [r.category, r.value, r.min, r.max].map(cell).join(","))]
    .map((l) => `${l}\n`)
    .join("");
}

// What the editor checks before sending (the service checks it all again): by JSON pointer of the
// request, `/seat_pools/<i>/rows/<j>/<field>`, to put each message next to its cell.
export function quotaProblems(pools: SeatPoolForm[]): Record<string, string> {
  const out: Record<string, string> = {};
  const whole = /^\d+$/;
  pools.forEach((p, i) => {
    if (!whole.test(p.seats) || Number(p.seats) < 1) out[`/seat_pools/${i}/seats`] = "seats";
    if (!p.rows.length) out[`/seat_pools/${i}/rows`] = "rows";
    p.rows.forEach((r, j) => {
      const at = `/seat_pools/${i}/rows/${j}`;
      if (!r.category.trim()) out[`${at}/category`] = "empty";
      if (!r.value.trim()) out[`${at}/value`] = "empty";
      if (!whole.test(r.min)) out[`${at}/min`] = "number";
      if (!whole.test(r.max)) out[`${at}/max`] = "number";
      else if (whole.test(r.min) && Number(r.min) > Number(r.max)) out[`${at}/max`] = "order";
    });
  });
  return out;
}

// Each respondent's probability, sorted, in buckets of width 1/`buckets` for the chart.
export function probabilityBuckets(probabilities: number[], buckets = 10): number[] {
  const out = new Array<number>(buckets).fill(0);
  for (const p of probabilities) out[Math.min(buckets - 1, Math.max(0, Math.floor(p * buckets)))]++;
  return out;
}
