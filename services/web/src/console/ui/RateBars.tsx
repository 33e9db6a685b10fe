// Shares (0 to 1) as horizontal bars drawn in SVG, one per line, with their table equivalent
// (the figures the bars draw, for screen readers and for reading exact values). The SVG is
// decorative (aria-hidden): the table says everything it shows.
import { Table } from "./Table";

export interface RateBar {
  label: string;
  rate: number; // 0..1
  detail: string; // the figures behind the share, in words ("12 of 15")
}

const ROW = 28;
const LABEL = 180;
const WIDTH = 560;

export function RateBars({ id, caption, bars, labelHeader, rateHeader, detailHeader, format }: {
  id: string;
  caption: string;
  bars: RateBar[];
  labelHeader: string;
  rateHeader: string;
  detailHeader: string;
  format: (rate: number) => string;
}) {
  const plot = WIDTH - LABEL - 60;
  return (
    <figure className="console-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${Math.max(1, bars.length) * ROW}`}
        width="100%"
        role="presentation"
        aria-hidden="true"
        focusable="false"
        style={{ maxWidth: `${WIDTH}px` }}
      >
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * ROW})`}>
            <text x={LABEL - 8} y={ROW / 2 + 5} textAnchor="end" fontSize="13" fill="currentColor">
              {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
            </text>
            <rect x={LABEL} y={4} width={plot} height={ROW - 8} fill="#e5e5e5" />
            <rect x={LABEL} y={4} width={Math.max(0, Math.min(1, b.rate)) * plot} height={ROW - 8} fill="#000091" />
            <text x={LABEL + plot + 6} y={ROW / 2 + 5} fontSize="13" fill="currentColor">
              {format(b.rate)}
            </text>
          </g>
        ))}
      </svg>
      <Table
        className={`${id}-table`}
        caption={caption}
        headers={[labelHeader, rateHeader, detailHeader]}
        rowHeaders
        keys={bars.map((b) => b.label)}
        rows={bars.map((b) => [b.label, format(b.rate), b.detail])}
      />
    </figure>
  );
}
