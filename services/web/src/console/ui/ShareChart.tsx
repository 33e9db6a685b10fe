// Shares side by side, as bars (ui/Bars, no chart library), with the same figures in a
// table for screen readers and anyone who prefers numbers: the chart is hidden from assistive
// technologies, the table is the accessible equivalent (RGAA 1.4). Each row: a label, a share
// (0–1) drawn as a bar, and an optional reference share drawn as a thinner bar under it.
import "./widgets.css";

import { fr } from "@codegouvfr/react-dsfr";

import { BarsDrawing, type DrawnBar } from "./Bars";
import { Table } from "./Table";

export interface ShareRow {
  label: string;
  share: number;
  count?: number;
  reference?: number | null;
}

const pct = (s: number) => `${(Math.round(s * 1000) / 10).toLocaleString()} %`;

export function ShareChart({
  caption,
  rows,
  shareLabel,
  referenceLabel,
  countLabel,
}: {
  caption: string;
  rows: ShareRow[];
  shareLabel: string;
  referenceLabel?: string;
  countLabel?: string;
}) {
  const scale = Math.max(0.01, ...rows.map((r) => Math.max(r.share, r.reference ?? 0)));
  const drawn = rows.map((r) => {
    const bars: DrawnBar[] = [{ fraction: r.share / scale, text: pct(r.share) }];
    if (referenceLabel && r.reference != null) bars.push({ fraction: r.reference / scale, text: pct(r.reference), kind: "reference" });
    return { label: r.label, bars };
  });
  return (
    <figure className="console-chart">
      <BarsDrawing rows={drawn} />
      {referenceLabel && (
        <p className={fr.cx("fr-text--xs", "fr-mb-1w")} aria-hidden="true">
          <span className="console-chart__key console-chart__bar" /> {shareLabel}{" "}
          <span className="console-chart__key console-chart__reference" /> {referenceLabel}
        </p>
      )}
      <Table
        className={fr.cx("fr-table--no-caption", "fr-mb-0")}
        caption={caption}
        headers={[caption, ...(countLabel ? [countLabel] : []), shareLabel, ...(referenceLabel ? [referenceLabel] : [])]}
        rowHeaders
        keys={rows.map((r) => r.label)}
        rows={rows.map((r) => [
          r.label,
          ...(countLabel ? [r.count ?? ""] : []),
          pct(r.share),
          ...(referenceLabel ? [r.reference == null ? "—" : pct(r.reference)] : []),
        ])}
      />
    </figure>
  );
}
