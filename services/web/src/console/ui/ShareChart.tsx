// Shares side by side, as bars written in SVG (no chart library), with the same figures in a
// table for screen readers and anyone who prefers numbers: the chart is hidden from assistive
// technologies, the table is the accessible equivalent (RGAA 1.4). Each row: a label, a share
// (0–1) drawn as a bar, and an optional reference share drawn as a thinner bar under it.
import "./widgets.css";

import { fr } from "@codegouvfr/react-dsfr";

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
  const barH = 14;
  const rowH = referenceLabel ? 38 : 24;
  const labelW = 90;
  const width = 400;
  const scale = Math.max(0.01, ...rows.map((r) => Math.max(r.share, r.reference ?? 0)));
  const w = (s: number) => ((width - labelW - 60) * s) / scale;
  return (
    <figure className="console-chart">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox={`0 0 ${width} ${rows.length * rowH + 4}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * rowH + 2})`}>
            <text x={labelW - 6} y={barH - 3} textAnchor="end" fontSize="11">
              {r.label}
            </text>
            <rect x={labelW} y={0} width={w(r.share)} height={barH} className="console-chart__bar" />
            <text x={labelW + w(r.share) + 4} y={barH - 3} fontSize="10">
              {pct(r.share)}
            </text>
            {referenceLabel && r.reference != null && (
              <>
                <rect x={labelW} y={barH + 4} width={w(r.reference)} height={barH - 6} className="console-chart__reference" />
                <text x={labelW + w(r.reference) + 4} y={2 * barH - 1} fontSize="10">
                  {pct(r.reference)}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
      {referenceLabel && (
        <p className={fr.cx("fr-text--xs", "fr-mb-1w")} aria-hidden="true">
          <span className="console-chart__key console-chart__bar" /> {shareLabel}{" "}
          <span className="console-chart__key console-chart__reference" /> {referenceLabel}
        </p>
      )}
      <div className={fr.cx("fr-table", "fr-table--no-caption", "fr-mb-0")}>
        {/* Focusable: on a narrow screen the table scrolls, and a keyboard must reach it. */}
        <table tabIndex={0}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{caption}</th>
              {countLabel && <th scope="col">{countLabel}</th>}
              <th scope="col">{shareLabel}</th>
              {referenceLabel && <th scope="col">{referenceLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {countLabel && <td>{r.count ?? ""}</td>}
                <td>{pct(r.share)}</td>
                {referenceLabel && <td>{r.reference == null ? "—" : pct(r.reference)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
